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

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "u", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "h3", "h4", "h5", "table", "thead", "tbody", "tr", "th", "td", "sup", "sub",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"align"}, "td": {"align"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}

# A line break inside a paragraph between two CJK characters would render as a
# space; published Chinese text has none, so such breaks are joined.
_CJK_BREAK = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef])\n(?=[\u3000-\u9fff\uff00-\uffef])")


class MarkdownRenderer:
    def __init__(self):
        self._md = markdown.Markdown(extensions=["sane_lists", "tables"], output_format="html")

    def html(self, text: str | None) -> Markup:
        if not text:
            return Markup("")
        source = _CJK_BREAK.sub("", text.strip())
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
        stripped = nh3.clean(str(self.html(text)), tags=set())
        return re.sub(r"\s+", " ", html_lib.unescape(stripped)).strip()
