"""Content-Security-Policy for every page, as a <meta> tag at the top of <head>.

Only the site's own scripts run: script-src 'self' plus the sha256 hashes of
the page's inline scripts, which must be the theme's own (a ScriptAllowList the
engine's adapter makes from the installed theme's templates, so a theme upgrade
updates the list). A page with
any other inline script fails the build. 'wasm-unsafe-eval' lets pagefind's
WebAssembly run. frame-ancestors is ignored in a meta tag, so it is not given.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import lru_cache

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


class ScriptAllowList:
    """The scripts a page may run besides the site's own files: the theme's inline scripts
    (their template texts, each expression a wildcard) and the theme's script files (a
    pattern of paths inside the site). The engine's adapter knows the theme and hands it in."""

    def __init__(self, inline_templates: list[str], theme_files: str):
        # An expression fills in a URL or path: no quotes, angle brackets or backslashes.
        self.patterns = [re.compile(r'[^"\'<>\\]*'.join(re.escape(p) for p in _JINJA.split(script)), re.S)
                         for script in inline_templates]
        self.theme_files = re.compile(theme_files)
        # Cached: every page carries the same few theme scripts, checked here and again by the safety scan.
        self.is_known_inline = lru_cache(maxsize=256)(self._is_known_inline)

    def _is_known_inline(self, text: str) -> bool:
        return any(p.fullmatch(text) for p in self.patterns)


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def policy_for(html: str, scripts: ScriptAllowList) -> str:
    """The policy for a page: its inline scripts' hashes, each checked against the theme's."""
    hashes = []
    for m in _SCRIPT.finditer(html):
        attributes, text = m.group(1), m.group(2)
        kind = _TYPE.search(attributes)
        if re.search(r"\bsrc\s*=", attributes, re.I) or (kind and kind.group(1).lower() not in SCRIPT_TYPES):
            continue
        if not scripts.is_known_inline(text):
            raise UnknownScript(text.strip()[:80])
        token = sha256(text)
        if token not in hashes:
            hashes.append(token)
    return POLICY.format(hashes="".join(h + " " for h in hashes))


def add_policy(html: str, scripts: ScriptAllowList) -> str:
    """The page with its CSP meta tag first in <head>, before any script."""
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy_for(html, scripts)}">'
    m = _HEAD_START.search(html)
    if m is None:
        return html
    return html[: m.end()] + "\n    " + tag + html[m.end():]
