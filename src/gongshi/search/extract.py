"""The visible text of a rendered page body, for the search index.

lxml (C) rather than html.parser: the text of every page is taken, and on a
large site html.parser alone was a large share of the build time.
"""

from __future__ import annotations

import lxml.html

from gongshi.render.prose import PROSE_CLASS

_BLOCK = ("p", "div", "li", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "tr", "td", "th", "br", "section", "article",
          "ol", "ul", "table", "figure", "figcaption", "blockquote", "pre")
_SKIP = ("script", "style", "template", "noscript", "svg")
# Not searched: the citation box (its title and source are the page's own; its date of citing and
# address are the reader's, filled in by the page's script: the shown text is not the built one).
NOT_SEARCHED = "gs-cite"


# Outside such wrappers (hand-written pages, listings), prose is the text of paragraphs and list
# items that are not labels, dates or notes.
_NOT_PROSE = ("gs-muted", "gs-lead", "gs-timeline__date", "gs-print-only")


def visible_text(body_html: str) -> str:
    return page_texts(body_html, None)[0]


def page_text(body_html: str, heading: str | None) -> str:
    """The text a page is searched by: its visible text, under the title the theme adds."""
    return page_texts(body_html, heading)[0]


def page_texts(body_html: str, heading: str | None) -> tuple[str, str]:
    """A page's visible text (under the title the theme adds) and its prose, where search
    excerpts come from: the record's own text, not its labels, dates or anchors."""
    if not body_html.strip():
        return ("" if heading is None else f"{heading}\n"), ""
    root = lxml.html.fragment_fromstring(body_html, create_parent="div")
    for element in list(root.iter(*_SKIP)):
        element.drop_tree()
    for element in list(root.xpath(f"//*[@hidden or @aria-hidden='true' or contains(concat(' ', @class, ' '), "
                                   f"' {NOT_SEARCHED} ')]")):
        element.drop_tree()
    for element in root.iter(*_BLOCK):
        element.tail = "\n" + (element.tail or "")  # blocks read as separate lines
    text = _lines(root.text_content())
    for element in list(root.xpath("//a[contains(concat(' ', @class, ' '), ' gs-anchor ') or "
                                   "contains(concat(' ', @class, ' '), ' headerlink ')]")):
        element.drop_tree()  # "#" links
    wrapped = root.xpath(f"//*[contains(concat(' ', @class, ' '), ' {PROSE_CLASS} ')]")
    if not wrapped:
        wrapped = [el for el in root.iter("p", "li")
                   if not set((el.get("class") or "").split()) & set(_NOT_PROSE)
                   and not el.xpath("ancestor::li or ancestor::table or ancestor::dl or ancestor::nav")]
    prose = "\n".join(filter(None, (_lines(el.text_content()) for el in wrapped)))
    return (text if heading is None else f"{heading}\n{text}"), prose


def _lines(text: str) -> str:
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)
