"""What search engines and Lighthouse's SEO audits read: robots.txt, and on every page
the language, a title, a description, a viewport and a canonical address on the site."""

from __future__ import annotations

from urllib.parse import unquote

import lxml.html

from sitebuild import SITE_URL


def test_robots_txt_allows_crawling_and_names_the_sitemap(small_site):
    site = small_site
    assert (site / "robots.txt").read_text(encoding="utf-8") == (
        f"User-agent: *\nAllow: /\nSitemap: {SITE_URL}sitemap.xml\n")
    assert (site / "sitemap.xml").exists()


def test_every_page_has_language_title_description_and_canonical(small_site):
    site = small_site
    pages = sorted(p for p in site.rglob("*.html") if p.name != "404.html")
    assert len(pages) > 20
    missing = []
    for path in pages:
        doc = lxml.html.fromstring(path.read_bytes())
        where = path.relative_to(site).as_posix()
        redirect = doc.xpath('//meta[@http-equiv="refresh"]')
        checks = {
            'lang="zh"': doc.get("lang") == "zh",
            "title": bool(doc.findtext(".//title", "").strip()),
            "description": bool(doc.xpath('string(//meta[@name="description"]/@content)').strip()),
            "viewport": bool(doc.xpath('//meta[@name="viewport"]')),
            "canonical": doc.xpath('string(//link[@rel="canonical"]/@href)').startswith(SITE_URL),
        }
        canonical = doc.xpath('string(//link[@rel="canonical"]/@href)')
        # A page's path may hold Chinese (regions/湖南省/): its address is percent-encoded.
        checks["canonical is ASCII"] = canonical.isascii()
        if not redirect:  # a moved page's canonical is its new address (tested with old_ids)
            checks["canonical is the page"] = unquote(canonical) == SITE_URL + where.removesuffix("index.html")
        missing += [f"{where}: {name}" for name, ok in checks.items() if not ok]
    assert not missing, "\n".join(missing)
