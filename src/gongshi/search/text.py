"""Literal-phrase search for Chinese text on top of pagefind.

pagefind splits text into words; Chinese has no spaces, so a query such as
总磷 is missed inside 总磷浓度偏高 (the segmenting [extended] binary misses fewer
but finds many wrong pages). We index our own
tokens instead: the distinct overlapping character pairs of every CJK run
(plus the run's last character, for one-character queries), and runs of
letters and of digits. A page that contains a query has all of the query's
tokens, so pagefind's answer (pages having them all, matched as prefixes)
never misses one, and it is nearly exact: the browser then keeps a page only
if its text really contains the query. (Single characters instead of pairs
make a smaller index but leave most candidates false: 洞, 庭 and 湖 are
everywhere, 洞庭湖 is not.) docs/assets/search/tokens.js holds the twin of
these functions, with the constants of contract.py; tests check that both
agree, in Node and in the browser.

pagefind's browser code splits a Chinese query with Intl.Segmenter before
looking words up, so the pair 总磷 would be searched as the prefixes 总 and
磷 (every word starting with either): thousands of false candidates. The
words pagefind sees are therefore spelled in ASCII (pagefind_word): a CJK
token becomes "ϙ" and four hex digits per character, which the segmenter
keeps whole, which no letter or digit token can begin, and which keeps the
prefix property (the word of 湖 begins the word of every pair 湖x).
"""

from __future__ import annotations

import functools
import re
import unicodedata

from gongshi.search.contract import CJK, WORD_MARK

_SPACE = re.compile(r"\s+")
_TOKEN = re.compile(rf"[{CJK}]+|[a-z]+|[0-9]+")
_IS_CJK = re.compile(rf"[{CJK}]")


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


def _runs(text: str) -> list[str]:
    """CJK runs as they are, and the letter and digit runs with their joins: a letter
    run and a digit run side by side ("pm" "2" → "pm2") and two digit runs around a
    decimal point ("2" "5" → "2ϙ5"). A join is far rarer than its parts: "PM2.5"
    would otherwise have to look at every word that starts with 2 or with 5."""
    out: list[str] = []
    previous = None
    for match in _TOKEN.finditer(text):
        run = match.group()
        if _IS_CJK.match(run):
            previous = None
        else:
            if previous is not None:
                if previous.end() == match.start():
                    out.append(previous.group() + run)
                elif (previous.end() + 1 == match.start() and text[previous.end()] == "."
                      and run.isdigit() and previous.group().isdigit()):
                    out.append(previous.group() + WORD_MARK + run)
            previous = match
        out.append(run)
    return out


def is_cjk(char: str) -> bool:
    return bool(_IS_CJK.match(char))


def index_tokens(text: str) -> list[str]:
    """Distinct tokens of a page's text, in order of first appearance."""
    out: dict[str, None] = {}
    for run in _runs(normalize(text)):
        if _IS_CJK.match(run):
            for i in range(len(run) - 1):
                out.setdefault(run[i:i + 2], None)
            out.setdefault(run[-1], None)
        else:
            out.setdefault(run, None)
    return list(out)


@functools.cache  # a site has tens of thousands of distinct tokens, each on many pages
def pagefind_word(token: str) -> str:
    """The word pagefind indexes for a token (see the module docstring): only
    a-z, 0-9 and ϙ, so it needs no escaping in HTML."""
    if _IS_CJK.match(token):
        return WORD_MARK + "".join(f"{ord(ch):04x}" for ch in token)
    return token


def query_tokens(query: str) -> list[str]:
    """Tokens every page containing the query has (a lone character matches as a prefix).
    A letter or digit run that is part of a join is left out (the join implies it), and
    so is a lone letter or digit beside other tokens: it begins too many words to help."""
    out: dict[str, None] = {}
    runs = _runs(normalize(query))
    joined = {part for run in runs if _is_join(run) for part in _JOIN_PARTS.findall(run)}
    for run in runs:
        if _IS_CJK.match(run) and len(run) > 1:
            for i in range(len(run) - 1):
                out.setdefault(run[i:i + 2], None)
        elif run not in joined or _is_join(run):
            out.setdefault(run, None)
    strong = [t for t in out if len(t) > 1 or _IS_CJK.match(t)]
    return strong or list(out)


_JOIN_PARTS = re.compile(r"[a-z]+|[0-9]+")

# A phrase in quotes (ASCII after NFKC, or Chinese “…”), or a run without white space.
_WORD = re.compile(r'"([^"]*)"|“([^”]*)”|(\S+)')
_QUOTES = re.compile('["“”]')  # an unclosed quote is not part of a word


def query_words(query: str) -> list[str]:
    """The words of a query, each normalised: white space (ASCII or full-width) separates
    words, a phrase in quotes is one word. A page matches when its text holds every word."""
    out: dict[str, None] = {}
    for match in _WORD.finditer(unicodedata.normalize("NFKC", query)):
        phrase = match.group(1) if match.group(1) is not None else match.group(2)
        word = normalize(phrase if phrase is not None else _QUOTES.sub("", match.group(3))).strip()
        if word:
            out.setdefault(word, None)
    return list(out)


def matches(text: str, words: list[str]) -> bool:
    """Whether normalised text holds every word (query_words)."""
    return all(word in text for word in words)


def _is_join(run: str) -> bool:
    return not _IS_CJK.match(run) and len(_JOIN_PARTS.findall(run)) > 1
