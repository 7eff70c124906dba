"""Post-build safety scan: no page of the built site may carry script from data.

Every HTML file is parsed with lxml (libxml2's HTML parser, as tolerant as a
browser about broken markup) and refused when it has an event-handler
attribute, a script-bearing URL (javascript:, vbscript:, data:) in any
attribute that browsers follow or load, an element that embeds another
document (iframe, object, embed, frame, base …) or a script that is not on the
allow-list: our own files under assets/ and pagefind*/, mkdocs-material's
bundle, and mkdocs-material's own inline scripts (see csp.known_inline).

The build scans each page as it is written (WrittenScan: the final HTML of
on_post_page and on_post_template), then sweeps the site for any other HTML
file (e.g. copied from docs/); a finding fails the build. scripts/check-safety
scans a built site with scan_site. XPath (C code) picks the few suspicious nodes, so Python
only looks at URL attributes and scripts.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.etree
import lxml.html

from gongshi.checks.csp import ScriptAllowList
from gongshi.runtime.processes import fork_map
from gongshi.runtime.settings import SETTINGS
from gongshi.site import urls

FORBIDDEN_TAGS = ("iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal", "fencedframe")
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "srcset", "xlink:href", "poster", "background",
                  "data", "codebase", "cite", "longdesc", "ping", "manifest", "icon", "dynsrc", "lowsrc")
BAD_SCHEMES = ("javascript:", "vbscript:", "data:", "livescript:", "mocha:")
# Script types a browser never runs: data blocks such as mkdocs-material's __config JSON.
DATA_SCRIPT_TYPES = ("application/json", "application/ld+json")
# Our own scripts (the search page's modules in assets/search/) and pagefind's, as paths inside the
# site (the theme's: ScriptAllowList.theme_files).
ALLOWED_SCRIPT = re.compile(r"assets/(?:search/)?[A-Za-z0-9_.-]+\.js"
                            r"|pagefind[A-Za-z0-9_-]*/[A-Za-z0-9_./-]+\.js")

# Attribute values are found by XPath (C code): event handlers, and values with a
# colon (a URL without a colon has no scheme; style url() needs one too).
_SUSPICIOUS_ATTRIBUTES = lxml.etree.XPath("//@*[starts-with(name(), 'on') or contains(., ':')]")
_CHECKED_TAGS = (*FORBIDDEN_TAGS, "script", "style", "meta")
# Browsers drop ASCII whitespace and control characters anywhere in a URL's scheme.
_URL_NOISE = re.compile(r"[\x00-\x20\x7f]+")
_CSS_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)|@import\s+(['\"])(.*?)\3", re.I | re.S)
_CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})\s?|\\(.)")
_REFRESH_URL = re.compile(r"url\s*=\s*(['\"]?)(.*)\1", re.I | re.S)



@dataclass(frozen=True, order=True)
class Finding:
    page: str
    what: str

    def text(self) -> str:
        return f"{self.page}: {self.what}"


def bad_url(value: str) -> bool:
    """True for a URL a browser would run or render as a document (entities already decoded)."""
    return _URL_NOISE.sub("", value).lower().startswith(BAD_SCHEMES)


def _css_unescape(text: str) -> str:
    return _CSS_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)) if m.group(1) else m.group(2), text)


def _css_urls(css: str) -> list[str]:
    css = _css_unescape(css)
    return [m.group(2) if m.group(2) is not None else m.group(4) for m in _CSS_URL.finditer(css)]


def _srcset_urls(value: str) -> list[str]:
    return [part.strip().split(" ")[0] for part in value.split(",") if part.strip()]


def _script_path(src: str, page_rel: str, base_path: str) -> str | None:
    """The script's path inside the site, or None when it is not on this site."""
    parts = urlsplit(src.strip())
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    if path.startswith("/"):  # site-absolute (the 404 page): from the site's base path
        if not path.startswith(base_path):
            return None
        path = path[len(base_path):]
    else:
        path = posixpath.join(posixpath.dirname(page_rel), path)
    path = posixpath.normpath(path)
    return None if path.startswith("../") or path == ".." else path


def scan_html(html: bytes | str, scripts: ScriptAllowList, page_rel: str = "index.html",
              base_path: str = "/") -> list[str]:
    """What is unsafe in one page, in words (empty when the page is clean)."""
    if isinstance(html, str):
        html = html.encode("utf-8")
    if not html.strip():
        return []
    tree = lxml.html.document_fromstring(html)
    found: list[str] = []

    def at(el) -> str:
        return f"第 {el.sourceline} 行 " if el.sourceline else ""

    for value in _SUSPICIOUS_ATTRIBUTES(tree):
        name, el = value.attrname, value.getparent()
        tag = el.tag if isinstance(el.tag, str) else ""
        if name.startswith("on"):
            found.append(f"{at(el)}<{tag}> 含有事件属性 {name}=")
        elif name in URL_ATTRIBUTES:
            values = _srcset_urls(value) if name == "srcset" else [value]
            if any(bad_url(u) for u in values):
                found.append(f"{at(el)}<{tag}> 的 {name} 是可执行或内嵌的网址：{value[:60]}")
        elif name == "style" and any(bad_url(u) for u in _css_urls(value)):
            found.append(f"{at(el)}<{tag}> 的 style 中有可执行或内嵌的网址")
    for el in tree.iter(*_CHECKED_TAGS):
        tag = el.tag
        if tag in FORBIDDEN_TAGS:
            found.append(f"{at(el)}不允许的元素 <{tag}>")
        elif tag == "script":
            problem = _script_problem(el, scripts, page_rel, base_path)
            if problem:
                found.append(f"{at(el)}{problem}")
        elif tag == "style" and any(bad_url(u) for u in _css_urls(el.text or "")):
            found.append(f"{at(el)}<style> 中有可执行或内嵌的网址")
        elif tag == "meta" and (el.get("http-equiv") or "").strip().lower() == "refresh":
            m = _REFRESH_URL.search(el.get("content") or "")
            if m and bad_url(m.group(2)):
                found.append(f"{at(el)}<meta http-equiv=refresh> 指向可执行或内嵌的网址")
    return found


def _script_problem(el, scripts: ScriptAllowList, page_rel: str, base_path: str) -> str | None:
    src = el.get("src")
    kind = (el.get("type") or "").strip().lower()
    if src is not None:
        path = _script_path(src, page_rel, base_path)
        if path is None or not (ALLOWED_SCRIPT.fullmatch(path) or scripts.theme_files.fullmatch(path)):
            return f"不在允许列表中的脚本 <script src=\"{src[:80]}\">"
        return None
    text = el.text or ""
    if kind in DATA_SCRIPT_TYPES:
        return None
    if scripts.is_known_inline(text):
        return None
    return f"不在允许列表中的内嵌脚本：{text.strip()[:60]!r}"


def _scan_file(context: tuple[ScriptAllowList, str], job: tuple[str, str]) -> list[Finding]:
    (scripts, base_path), (path, page_rel) = context, job
    return [Finding(page_rel, what) for what in scan_html(Path(path).read_bytes(), scripts, page_rel, base_path)]


def scan_site(site: Path, scripts: ScriptAllowList, base_path: str = "/",
              workers: int = 1) -> tuple[int, list[Finding]]:
    """(pages scanned, findings) for every .html file under site."""
    site = Path(site)
    base_path = urls.base_path(base_path)
    jobs = [(str(p), p.relative_to(site).as_posix()) for p in sorted(site.rglob("*.html"))]
    results = None
    if workers > 1 and len(jobs) >= SETTINGS.scan_parallel_from:
        results = fork_map(_scan_file, (scripts, base_path), jobs, workers=workers, chunksize=200)
    if results is None:
        results = [_scan_file((scripts, base_path), job) for job in jobs]
    return len(jobs), sorted(f for page in results for f in page)


class WrittenScan:
    """The build's scan: each page when it is written, then every HTML file not seen."""

    def __init__(self, scripts: ScriptAllowList, base_path: str = "/"):
        self.scripts = scripts
        self.base_path = urls.base_path(base_path)
        self.seen: set[str] = set()
        self.findings: list[Finding] = []

    def page(self, html: str, dest: str) -> None:
        """A page's final HTML, written at `dest` (a path inside the site)."""
        self.seen.add(dest)
        self.findings += [Finding(dest, what) for what in scan_html(html, self.scripts, dest, self.base_path)]

    def sweep(self, site: Path) -> tuple[int, list[Finding]]:
        """Scan the HTML files of the built site that were not seen; (pages, findings) of the whole site."""
        site = Path(site)
        pages = 0
        for path in site.rglob("*.html"):
            pages += 1
            relative = path.relative_to(site).as_posix()
            if relative not in self.seen:
                self.findings += _scan_file((self.scripts, self.base_path), (str(path), relative))
        return pages, sorted(self.findings)


def report(findings: list[Finding], limit: int = 50) -> str:
    lines = [f.text() for f in findings[:limit]]
    if len(findings) > limit:
        lines.append(f"……另有 {len(findings) - limit} 处")
    return f"安全检查发现 {len(findings)} 处可能执行脚本的内容，未发布网站：\n" + "\n".join(lines)
