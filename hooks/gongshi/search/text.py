"""Literal-phrase search for Chinese text on top of pagefind.

pagefind splits text into words; Chinese has no spaces, so a query such as
总磷 is missed inside 总磷浓度偏高 (measured: 33% recall with pagefind[bin],
95% with the segmenting [extended] binary at 77% precision). We index our own
tokens instead: the distinct overlapping character pairs of every CJK run
(plus the run's last character, for one-character queries), and runs of
letters and of digits. A page that contains a query has all of the query's
tokens, so pagefind's answer (pages having them all, matched as prefixes)
never misses one, and it is nearly exact: the browser then keeps a page only
if its text really contains the query. (Single characters instead of pairs
halve the index but leave most candidates false: 洞, 庭 and 湖 are
everywhere, 洞庭湖 is not.) gongshi-search.js holds the twin of these
functions; a browser test checks that both agree.

pagefind's browser code splits a Chinese query with Intl.Segmenter before
looking words up, so the pair 总磷 would be searched as the prefixes 总 and
磷 (every word starting with either): thousands of false candidates. The
words pagefind sees are therefore spelled in ASCII (pagefind_word): a CJK
token becomes "ϙ" and four hex digits per character, which the segmenter
keeps whole, which no letter or digit token can begin, and which keeps the
prefix property (the word of 湖 begins the word of every pair 湖x).
"""

from __future__ import annotations

import re
import unicodedata

_SPACE = re.compile(r"\s+")
# CJK ideographs (incl. extension A and compatibility) and 〇.
_CJK = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN = re.compile(rf"[{_CJK}]+|[a-z]+|[0-9]+")
_IS_CJK = re.compile(rf"[{_CJK}]")


_WORD_GAP = re.compile(r"(?<=[a-z0-9])\s+(?=[a-z0-9])")


def normalize(text: str) -> str:
    """What literal matching compares: NFKC (全角 → 半角), lower case, and no white
    space, except one space between two Latin words or numbers ("VS Code" stays
    two words, so "COD" is not found inside "vscode")."""
    text = _WORD_GAP.sub(" ", unicodedata.normalize("NFKC", text).lower())
    return _SPACE.sub(lambda m: m.group() if m.group() == " " and m.start() and _is_gap(text, m) else "", text)


def _is_gap(text: str, match: re.Match) -> bool:
    before, after = text[match.start() - 1], text[match.end():match.end() + 1]
    return before.isascii() and before.isalnum() and after.isascii() and after.isalnum()


def index_tokens(text: str) -> list[str]:
    """Distinct tokens of a page's text, in order of first appearance."""
    out: dict[str, None] = {}
    for run in _TOKEN.findall(normalize(text)):
        if _IS_CJK.match(run):
            for i in range(len(run) - 1):
                out.setdefault(run[i:i + 2], None)
            out.setdefault(run[-1], None)
        else:
            out.setdefault(run, None)
    return list(out)


_WORD_MARK = "\u03d9"  # ϙ: a letter (one word to Intl.Segmenter) that our letter tokens never contain


def pagefind_word(token: str) -> str:
    """The word pagefind indexes for a token (see the module docstring)."""
    if _IS_CJK.match(token):
        return _WORD_MARK + "".join(f"{ord(ch):04x}" for ch in token)
    return token


def query_tokens(query: str) -> list[str]:
    """Tokens every page containing the query has (a lone character matches as a prefix)."""
    out: dict[str, None] = {}
    for run in _TOKEN.findall(normalize(query)):
        if _IS_CJK.match(run) and len(run) > 1:
            for i in range(len(run) - 1):
                out.setdefault(run[i:i + 2], None)
        else:
            out.setdefault(run, None)
    return list(out)
