"""Content-Security-Policy for every page, as a <meta> tag at the top of <head>.

Only the site's own scripts run: script-src 'self' plus the sha256 hashes of
the page's inline scripts, which must be mkdocs-material's own (read from the
installed theme's templates, so a theme upgrade updates the list). A page with
any other inline script fails the build. 'wasm-unsafe-eval' lets pagefind's
WebAssembly run. frame-ancestors is ignored in a meta tag, so it is not given.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import lru_cache
from pathlib import Path

POLICY = (
    "default-src 'self'; script-src 'self' {hashes}'wasm-unsafe-eval'; style-src 'self'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
    "frame-src 'none'; base-uri 'none'; form-action 'self'"
)

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]*)""", re.I)
# Types a browser runs; any other type is a data block (mkdocs-material's __config JSON).
SCRIPT_TYPES = ("", "text/javascript", "application/javascript", "module")
_HEAD_START = re.compile(r"<head(?:\s[^>]*)?>\s*(?:<meta charset=\"[^\"]*\">)?", re.I)
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)


class UnknownScript(Exception):
    """A page has an inline script that is not one of the theme's."""


@lru_cache(maxsize=1)
def _known_patterns() -> list[re.Pattern]:
    """mkdocs-material's inline scripts, with template expressions as wildcards."""
    import material

    folder = Path(material.__file__).parent / "templates" / "partials" / "javascripts"
    patterns = []
    for template in sorted(folder.glob("*.html")):
        for script in re.findall(r"<script>(.*?)</script>", template.read_text(encoding="utf-8"), re.S):
            parts = _JINJA.split(script)
            # An expression fills in a URL or path: no quotes, angle brackets or backslashes.
            patterns.append(re.compile(r'[^"\'<>\\]*'.join(re.escape(p) for p in parts), re.S))
    return patterns


@lru_cache(maxsize=256)
def is_known_inline(text: str) -> bool:
    # Cached: every page carries the same few theme scripts, checked here and again by the safety scan.
    return any(p.fullmatch(text) for p in _known_patterns())


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def policy_for(html: str) -> str:
    """The policy for a page: its inline scripts' hashes, each checked against the theme's."""
    hashes = []
    for m in _SCRIPT.finditer(html):
        attributes, text = m.group(1), m.group(2)
        kind = _TYPE.search(attributes)
        if re.search(r"\bsrc\s*=", attributes, re.I) or (kind and kind.group(1).lower() not in SCRIPT_TYPES):
            continue
        if not is_known_inline(text):
            raise UnknownScript(text.strip()[:80])
        token = sha256(text)
        if token not in hashes:
            hashes.append(token)
    return POLICY.format(hashes="".join(h + " " for h in hashes))


def add_policy(html: str) -> str:
    """The page with its CSP meta tag first in <head>, before any script."""
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy_for(html)}">'
    m = _HEAD_START.search(html)
    if m is None:
        return html
    return html[: m.end()] + "\n    " + tag + html[m.end():]
