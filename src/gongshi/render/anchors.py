"""Anchor links ("#") beside the sections of record pages and of the hand-written pages.

A reader who wants to point someone to one section ("整改措施") copies its link: the "#" after the
heading (assets/gongshi-anchors.js copies the full address on a click; without JavaScript the link
still leads to the section). Measures and progress entries get theirs in the template (the `anchor`
macro). The link sits beside the heading, not in it: a screen reader's list of headings reads the
headings alone.

Added to the page as it is shown, after its table of contents and search text were taken from it.
"""

from __future__ import annotations

import html
import re

# The generated pages whose sections are worth a link of their own: one record's pages, the
# statistics and the open data's field tables.
ANCHORED_TEMPLATES = frozenset({"issue.html", "notice.html", "petition.html", "source.html", "unit.html",
                                "stats.html", "opendata.html"})

_H2 = re.compile(r'<h2 id="([^"]+)"([^>]*)>(.*?)</h2>', re.S)
_TAG = re.compile(r"<[^>]+>")


def heading_anchors(body: str) -> str:
    """Every <h2 id> of the body with a "#" link to it beside it (in a wrapper the CSS lays out on one line)."""

    def add(m: re.Match[str]) -> str:
        anchor, title = m.group(1), " ".join(html.unescape(_TAG.sub("", m.group(3))).split())
        name = html.escape(f"“{title}”一节的链接")
        return (f'<div class="gs-heading">{m.group()}'
                f'<a class="gs-anchor" href="#{anchor}" aria-label="{name}">#</a></div>')

    return _H2.sub(add, body)
