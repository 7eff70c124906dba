"""robots.txt: crawling allowed everywhere (the site exists to be found), and where the sitemap is.

Crawlers read robots.txt only at the root of a host; under a sub-path (e.g. a
GitHub Pages project site) it is simply ignored. The Sitemap line needs an
absolute address, so it is written only when the public address is known.
"""

from __future__ import annotations

from gongshi.site import urls


def text(site_url: str | None) -> str:
    lines = ["User-agent: *", "Allow: /"]
    if site_url:
        lines.append(f"Sitemap: {urls.absolute(site_url, urls.SITEMAP)}")
    return "\n".join(lines) + "\n"
