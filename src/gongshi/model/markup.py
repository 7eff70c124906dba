"""Limits that keep Markdown from data fast to render.

Python-Markdown searches forward from every `[` for its `]`, from every `](` for its `)`, and
tries every pair of backtick runs: a few KB of unclosed brackets or a long run of backticks
take seconds to minutes. Text within these limits renders in time linear in its length; the
validator refuses text outside them, and the renderer shows such text literally."""

from __future__ import annotations

import re

MAX_BACKTICK_RUN = 3  # ``code`` needs two; longer runs are never meant
MAX_BACKTICKS = 60
MAX_BRACKET_DEPTH = 5

_BACKTICK_RUN = re.compile(f"`{{{MAX_BACKTICK_RUN + 1},}}")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_FULLWIDTH = "如需单独的括号，请用全角括号“【】”“（）”"


def markdown_problem(text: str) -> str | None:
    """Why `text` would render slowly, in Chinese, or None."""
    if "`" in text:
        if _BACKTICK_RUN.search(text):
            return f"连续的反引号“`”超过 {MAX_BACKTICK_RUN} 个：请删去多余的反引号"
        if text.count("`") > MAX_BACKTICKS:
            return f"反引号“`”过多（{text.count('`')} 个，上限 {MAX_BACKTICKS} 个）：请删去多余的反引号"
    if "[" in text or "]" in text:
        for paragraph in _BLANK_LINE.split(text):
            problem = _bracket_problem(paragraph)
            if problem:
                return problem
    return None


def _bracket_problem(paragraph: str) -> str | None:
    depth = 0
    parens = -1  # open ASCII parentheses of a link target, -1 when not in one
    previous = ""
    for char in paragraph:
        if parens >= 0:
            parens += (char == "(") - (char == ")")
            if parens == 0:
                parens = -1
        elif char == "[":
            depth += 1
            if depth > MAX_BRACKET_DEPTH:
                return f"方括号“[”嵌套超过 {MAX_BRACKET_DEPTH} 层：请删去多余的方括号；{_FULLWIDTH}"
        elif char == "]":
            depth = max(depth - 1, 0)
        elif char == "(" and previous == "]":
            parens = 1
        previous = char
    if depth:
        return f"有 {depth} 个方括号“[”没有对应的“]”：链接请写作 [文字](网址)；{_FULLWIDTH}"
    if parens > 0:
        return f"链接“](”后的圆括号没有闭合：链接请写作 [文字](网址)；{_FULLWIDTH}"
    return None
