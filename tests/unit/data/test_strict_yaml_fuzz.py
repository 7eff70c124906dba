"""Property tests of the strict YAML reader: for any input, a tree or a YamlProblem with a line and a
Chinese message, in bounded time; never another exception, an invisible character or deep nesting."""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongshi.data.strict_yaml import MAX_DEPTH, Mapping, Scalar, Sequence, YamlProblem, decode, invisible, parse

# Fixed examples (derandomize) so that CI is reproducible; about a second per property.
FUZZ = settings(max_examples=300, deadline=dt.timedelta(seconds=2), derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow])

# Pieces of YAML that matter to the reader, and characters it must refuse however they are written.
PIECES = ["a: ", "problem: ", "- ", "\n", "  ", "[", "]", "{", "}", ", ", ": ", "'", '"', "#", "&x ", "*x", "!!str ",
          "<<: ", "---\n", "...\n", "|\n", ">\n", "\t", "：", "? ", "\\x07", "\\u202e", "\\u200b", "\\uFFFE", "\\0",
          "\\N", "\\U0010FFFF", "\\", "\u202e", "\u200b", "\ufffe", "\x07", "\ufeff", "\x85", "标题",
          "2023-10-13", "NO"]
YAML_TEXT = st.one_of(st.text(max_size=300), st.lists(st.sampled_from(PIECES), max_size=120).map("".join))
CJK = re.compile(r"[\u4e00-\u9fff]")
ENGLISH = re.compile(r"[A-Za-z]{2,}(?: [A-Za-z]{2,}){3,}")


def walk(node, depth=1):
    if isinstance(node, Scalar):
        yield node.value, depth
    elif isinstance(node, Sequence):
        for item in node.items:
            yield from walk(item, depth + 1)
    else:
        assert isinstance(node, Mapping)
        for key, item in node.items.items():
            yield key, depth
            yield from walk(item, depth + 1)


def check_problem(problem: YamlProblem, text: str) -> None:
    assert 0 <= problem.line <= text.count("\n") + 1
    assert CJK.search(problem.message) and not ENGLISH.search(problem.message), problem.message


@FUZZ
@given(YAML_TEXT)
def test_any_text_gives_a_tree_or_a_chinese_problem(text):
    try:
        root = parse(text, [])
    except YamlProblem as problem:
        check_problem(problem, text)
        return
    for value, depth in walk(root):
        assert invisible(value) is None, repr(value)
        assert depth <= MAX_DEPTH + 1


@FUZZ
@given(st.binary(max_size=300))
def test_any_bytes_decode_or_give_a_chinese_problem(raw):
    try:
        text = decode(raw)
    except YamlProblem as problem:
        assert CJK.search(problem.message)
        return
    try:
        parse(text)
    except YamlProblem as problem:
        check_problem(problem, text)


@settings(FUZZ, max_examples=100)
@given(st.integers(min_value=1, max_value=3000), st.sampled_from(["[", "{a: ", "- "]))
def test_any_nesting_is_refused_quickly_beyond_the_limit(depth, opener):
    if opener == "- ":
        depth = depth // 10  # block nesting by indentation: the text grows with the square of the depth
        text = "".join("  " * i + "-\n" for i in range(depth)) + "  " * depth + "x\n"
    else:
        text = "a: " + opener * depth + "x" + ("]" if opener == "[" else "}") * depth + "\n"
    levels = depth if opener == "- " else depth + 1  # the flow ones sit in the mapping `a:`
    try:
        parse(text)
    except YamlProblem as problem:
        check_problem(problem, text)
        assert levels > MAX_DEPTH and "嵌套超过" in problem.message
        return
    assert levels <= MAX_DEPTH
