"""Markdown from data files → safe HTML.

Data text comes from semi-trusted staff. Python-Markdown passes raw HTML and
`javascript:` links through, so everything it produces goes through nh3 (a
maintained sanitiser) with a small allow-list. No attr_list/md_in_html: text
must not be able to add attributes such as onclick.
"""

from __future__ import annotations

import html as html_lib
import re

import markdown
import nh3
from markupsafe import Markup

from gongshi.model.markup import markdown_problem
from gongshi.render.cjk import CJK_BREAK, CJK_CHARS

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "u", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "h3", "h4", "h5", "table", "thead", "tbody", "tr", "th", "td", "sup", "sub",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"align"}, "td": {"align"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}

# A line break inside a paragraph between two CJK characters would render as a
# space; published Chinese text has none, so such breaks are joined (the pattern is
# the one the hand-written pages are joined with, cjk.py).
_CJK_BREAK = CJK_BREAK
# Between paragraphs the plain text gets a space; none where Chinese text meets Chinese or a figure.
_CJK_SPACE = re.compile(rf"(?<=[{CJK_CHARS}]) (?=[{CJK_CHARS}0-9])")


# Text with none of Markdown's syntax is plain paragraphs: rendered without the
# Markdown parser (most published text is; this saves much of the page time).
# [ \t]* rather than \s* at a line start: \s* would run over every following blank line (quadratic).
_MARKDOWN_SYNTAX = re.compile(
    r"[\\`*_\[\]#<>&|!~]|^[ \t]*(?:[-+=]|\d+[.)])(?:\s|$)|^ {4}| {2,}$|^[ \t]*[-=]{2,}[ \t]*$", re.M)
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def _paragraphs(source: str) -> Markup:
    """The text as escaped plain paragraphs."""
    return Markup("\n".join(f"<p>{html_lib.escape(p.strip(), quote=False)}</p>"
                             for p in _PARAGRAPH_BREAK.split(source) if p.strip()))


class MarkdownRenderer:
    def __init__(self):
        self._md = markdown.Markdown(extensions=["sane_lists", "tables"], output_format="html")
        self._cache: dict[str, Markup] = {}  # the same text is shown on several pages
        self._last_plain = ("", "")

    def html(self, text: str | None) -> Markup:
        if not text:
            return Markup("")
        cached = self._cache.get(text)
        if cached is None:
            cached = self._cache[text] = self._render(text)
            if len(self._cache) > 50_000:
                self._cache.clear()
        return cached

    def full(self, text: str) -> Markup:
        """Always through Python-Markdown and nh3 (the fast path's reference)."""
        return self._convert(_CJK_BREAK.sub("", text.strip()))

    def _render(self, text: str) -> Markup:
        source = _CJK_BREAK.sub("", text.strip())
        if not _MARKDOWN_SYNTAX.search(source):
            return _paragraphs(source)
        return self._convert(source)

    def _convert(self, source: str) -> Markup:
        if markdown_problem(source):
            # The validator refuses such text; shown literally it renders in linear time.
            return _paragraphs(source)
        self._md.reset()
        raw = self._md.convert(source)
        clean = nh3.clean(
            raw,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes=URL_SCHEMES,
            link_rel="noopener noreferrer",
            strip_comments=True,
        )
        return Markup(clean)

    def inline(self, text: str | None) -> Markup:
        """Like html() but without the outer <p> for one-paragraph text."""
        out = str(self.html(text))
        if out.startswith("<p>") and out.endswith("</p>") and out.count("<p>") == 1:
            out = out[3:-4]
        return Markup(out)

    def plain(self, text: str | None) -> str:
        """Text only (for meta descriptions and search snippets)."""
        if not text:
            return ""
        # A page asks twice in a row (meta description, Open Graph): remember the last answer.
        if self._last_plain[0] == text:
            return self._last_plain[1]
        stripped = nh3.clean(str(self.html(text)), tags=set())
        plain = _CJK_SPACE.sub("", re.sub(r"\s+", " ", html_lib.unescape(stripped)).strip())
        self._last_plain = (text, plain)
        return plain
