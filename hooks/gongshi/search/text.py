"""Literal-phrase search for Chinese text on top of pagefind.

pagefind splits text into words; Chinese has no spaces, so a query such as
总磷 is missed inside 总磷浓度偏高 (measured: 33% recall with pagefind[bin],
95% with the segmenting [extended] binary at 77% precision). We index our own
tokens instead: every distinct CJK character of a page, and its runs of
letters and of digits. A page that contains a query contains all of the
query's tokens, so pagefind's answer (pages having them all) never misses
one; the browser then keeps a page only if its text really contains the
query. Single characters, once per page, keep pagefind's index small: it
needs hundreds of bytes of memory per distinct word of each page while
indexing (bigrams took twice the memory and time). gongshi-search.js holds
the twin of these functions; a browser test checks that both agree.
"""

from __future__ import annotations

import re
import unicodedata

_SPACE = re.compile(r"\s+")
# CJK ideographs (incl. extension A and compatibility) and 〇.
_CJK = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN = re.compile(rf"[{_CJK}]+|[a-z]+|[0-9]+")
_IS_CJK = re.compile(rf"[{_CJK}]")


def normalize(text: str) -> str:
    """What literal matching compares: NFKC (全角 → 半角), lower case, no white space."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text).lower())


def tokens(text: str) -> list[str]:
    """Distinct tokens of a text, in order of first appearance."""
    out: dict[str, None] = {}
    for run in _TOKEN.findall(normalize(text)):
        if _IS_CJK.match(run):
            for char in run:
                out.setdefault(char, None)
        else:
            out.setdefault(run, None)
    return list(out)


# A query's tokens are made the same way: every page containing the query has them all.
index_tokens = query_tokens = tokens
