"""Every internal link and anchor of a built site resolves.

mkdocs' own validation covers links written in Markdown; generated pages
link through our templates, so the built HTML itself is checked.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html

from gongshi.site import urls

EXTERNAL = ("http:", "https:", "mailto:", "tel:", "webcal:", "data:", "javascript:")


@dataclass(frozen=True)
class BrokenLink:
    page: str
    href: str
    reason: str

    def text(self) -> str:
        return f"{self.page}: {self.href}: {self.reason}"


def _target_file(site: Path, page_rel: str, href: str, base_path: str) -> tuple[Path, str]:
    parts = urlsplit(href)
    base = posixpath.dirname(page_rel)
    path = unquote(parts.path)
    if path.startswith("/"):  # site-absolute (the 404 page uses them): from the site's base path
        if not path.startswith(base_path):
            return site / "\0outside-the-site", ""
        joined = posixpath.normpath(path[len(base_path):] or ".")
    else:
        joined = posixpath.normpath(posixpath.join(base, path)) if path else page_rel
    target = site / joined
    if path.endswith("/") or (target.is_dir()):
        target = target / "index.html"
    return target, unquote(parts.fragment)


def check_site(site: Path, base_path: str = "/") -> list[BrokenLink]:
    """base_path: the path part of the site's public address ("/" or e.g. "/gongshi/")."""
    site = Path(site)
    base_path = urls.base_path(base_path)
    pages = sorted(site.rglob("*.html"))
    ids: dict[Path, set[str]] = {}
    links: dict[Path, list[str]] = {}
    for page in pages:
        tree = lxml.html.fromstring(page.read_bytes())
        ids[page] = {e.get("id") for e in tree.iter() if isinstance(e.tag, str) and e.get("id")}
        ids[page] |= {e.get("name") for e in tree.iter("a") if e.get("name")}
        links[page] = [e.get("href") for e in tree.iter("a", "link") if e.get("href")]
    broken: list[BrokenLink] = []
    for page, hrefs in links.items():
        page_rel = page.relative_to(site).as_posix()
        for href in hrefs:
            if href.startswith(EXTERNAL) or href.startswith("//"):
                continue
            target, fragment = _target_file(site, page_rel, href, base_path)
            if not target.exists():
                broken.append(BrokenLink(page_rel, href, "目标不存在"))
                continue
            if fragment and target.suffix == ".html":
                if target not in ids:
                    ids[target] = {e.get("id") for e in lxml.html.fromstring(target.read_bytes()).iter()
                                   if isinstance(e.tag, str) and e.get("id")}
                if fragment not in ids[target]:
                    broken.append(BrokenLink(page_rel, href, f"锚点 #{fragment} 不存在"))
    return broken
