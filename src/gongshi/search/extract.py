"""The visible text of a rendered page body, for the search index.

lxml (C) rather than html.parser: the text of every page is taken, and on a
large site html.parser alone was a large share of the build time.
"""

from __future__ import annotations

import lxml.html

_BLOCK = ("p", "div", "li", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "tr", "td", "th", "br", "section", "article",
          "ol", "ul", "table", "figure", "figcaption", "blockquote", "pre")
_SKIP = ("script", "style", "template", "noscript", "svg")


def visible_text(body_html: str) -> str:
    if not body_html.strip():
        return ""
    root = lxml.html.fragment_fromstring(body_html, create_parent="div")
    for element in list(root.iter(*_SKIP)):
        element.drop_tree()
    for element in list(root.xpath("//*[@hidden or @aria-hidden='true']")):
        element.drop_tree()
    for element in root.iter(*_BLOCK):
        element.tail = "\n" + (element.tail or "")  # blocks read as separate lines
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def page_text(body_html: str, heading: str | None) -> str:
    """The text a page is searched by: its visible text, under the title the theme adds."""
    text = visible_text(body_html)
    return text if heading is None else f"{heading}\n{text}"
