"""Markdown from data: sanitised, and the plain-text fast path renders exactly as Python-Markdown would."""

import pytest

from conftest import ROOT
from gongshi.data.strict_yaml import decode, parse, to_python
from gongshi.render.markdown import MarkdownRenderer

md = MarkdownRenderer()


def all_texts():
    texts = []

    def walk(value):
        if isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)
        elif isinstance(value, str) and len(value) > 20:
            texts.append(value)

    for path in sorted((ROOT / "data").rglob("*.yml")):
        walk(to_python(parse(decode(path.read_bytes()))))
    return texts


def test_fast_path_equals_python_markdown_on_all_sample_text():
    texts = all_texts()
    assert len(texts) > 150
    for text in [*texts, "第一段。\n\n第二段，\n续行。", "1、不是列表。", "PM2.5 浓度下降 14%"]:
        assert md.html(text) == md.full(text), text


@pytest.mark.parametrize("text, forbidden", [
    ("<script>alert(1)</script>", "<script"),
    ("[点我](javascript:alert(1))", "javascript:"),
    ("[点我](JaVaScRiPt:alert(1))", "alert"),
    ("[点我](&#106;avascript:alert(1))", "alert"),
    ("[x](data:text/html;base64,PHNjcmlwdD4=)", "data:"),
    ("<img src=x onerror=alert(1)>", "onerror"),
    ("文字\n{: onclick=\"alert(1)\" }", None),  # stays text: no attribute is made
    ("<iframe src=//x></iframe>", "<iframe"),
    ("<a href=\"https://x.test\" onclick=\"alert(1)\">链接</a>", "onclick"),
])
def test_markdown_is_sanitised(text, forbidden):
    from sitebuild import event_handler_attributes

    out = str(md.html(text))
    assert event_handler_attributes(out) == []
    if forbidden:
        assert forbidden not in out
