"""Chinese text across line breaks: a break between two Chinese characters is joined, not a space.

A browser shows a line break inside a paragraph as a space: right between English words, wrong in
Chinese, where published text has no spaces ("问题，\\n地方" must read "问题，地方"). Text from data
files is joined before it is rendered (markdown.py); the hand-written pages (docs/*.md) are joined by
the Python-Markdown extension below, which mkdocs.yml lists as `gongshi.render.cjk`. Both use the one
pattern here.
"""

from __future__ import annotations

import bisect
import re
import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

# CJK punctuation, kana and ideographs (U+3000–U+9FFF), full-width forms (U+FF00–U+FFEF), and the
# punctuation Chinese text shares with English: — ‘ ’ “ ” …
CJK_CHARS = "\u3000-\u9fff\uff00-\uffef\u2014\u2018\u2019\u201c\u201d\u2026"
# A line break (and the next line's indentation, as in a list item's continuation) between two of
# them, or between one of them and a digit: Chinese text puts no space before a figure either
# ("。\n2025年1月" reads "。2025年1月"). Spaces before the break are kept: two of them make a hard
# line break in Markdown.
CJK_BREAK = re.compile(rf"(?<=[{CJK_CHARS}])\n[ \t]*(?=[{CJK_CHARS}0-9])|(?<=[0-9])\n[ \t]*(?=[{CJK_CHARS}])")

# Text inside these is shown as written (code); their text still counts as the neighbour of a break
# beside them, so "`代码`\n说明" is not joined only if the code ends in an ASCII character.
_VERBATIM = {"code", "pre", "kbd", "samp", "script", "style"}
_BOUNDARY = "\x00"  # between blocks (and at a <br>): never a neighbour that joins


class JoinCjkLines(Treeprocessor):
    """Removes the line breaks CJK_BREAK matches from the parsed document's text, across inline
    elements ("**重点**\\n说明") but not across blocks, never inside code; after the inline patterns
    (priority 20) have made code spans elements of their own, before the output is pretty-printed."""

    def run(self, root: etree.Element) -> None:
        parts: list[str] = []
        starts: list[int] = []  # where each editable text begins in "".join(parts)
        slots: list[tuple[etree.Element, str]] = []  # (element, "text" or "tail") of each editable text
        size = 0

        def add(value: str | None, owner: etree.Element | None = None, attr: str = "") -> None:
            nonlocal size
            if not value:
                return
            if owner is not None and not isinstance(value, AtomicString):
                starts.append(size)
                slots.append((owner, attr))
            parts.append(value)
            size += len(value)

        def walk(element: etree.Element, verbatim: bool) -> None:
            verbatim = verbatim or element.tag in _VERBATIM
            boundary = element.tag == "br" or self.md.is_block_level(element.tag)
            if boundary:
                add(_BOUNDARY)
            add(element.text, None if verbatim else element, "text")
            for child in element:
                walk(child, verbatim)
                add(child.tail, None if verbatim else child, "tail")  # the tail is the parent's text
            if boundary:
                add(_BOUNDARY)

        walk(root, False)
        cuts: dict[int, list[tuple[int, int]]] = {}
        for match in CJK_BREAK.finditer("".join(parts)):
            i = bisect.bisect_right(starts, match.start()) - 1
            if i < 0:
                continue
            owner, attr = slots[i]
            offset = match.start() - starts[i]
            if offset + len(match.group()) <= len(getattr(owner, attr)):  # inside this one editable text
                cuts.setdefault(i, []).append((offset, offset + len(match.group())))
        for i, spans in cuts.items():
            owner, attr = slots[i]
            text = getattr(owner, attr)
            for start, end in reversed(spans):
                text = text[:start] + text[end:]
            setattr(owner, attr, text)


class CjkLinesExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(JoinCjkLines(md), "gongshi_cjk_lines", 15)


def makeExtension(**kwargs) -> CjkLinesExtension:  # the name Python-Markdown looks for
    return CjkLinesExtension(**kwargs)
