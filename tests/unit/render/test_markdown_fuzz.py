"""Property tests of the Markdown renderer: for any text, bounded time and output with no executable
markup (only the allowed tags, no event handlers, no script URLs)."""

from __future__ import annotations

import datetime as dt

import lxml.html
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongshi.checks.safety import bad_url
from gongshi.render.markdown import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, MarkdownRenderer

# Fixed examples (derandomize) so that CI is reproducible; a few seconds per property.
FUZZ = settings(max_examples=200, deadline=dt.timedelta(seconds=2), derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow])

# Markdown and HTML syntax, payloads and the runs that made Python-Markdown slow.
PIECES = ["`", "``", "```", "[", "]", "(", ")", "](", "![", "*", "**", "_", "<", ">", "&", "&#", "&#106;", "\\",
          "\n", "\n\n", "    ", "- ", "1. ", "> ", "# ", "|", "---", "~", "!", "<script>alert(1)</script>",
          "<img src=x onerror=alert(1)>", "javascript:alert(1)", "JaVaScRiPt:", "data:text/html,", "<a href=",
          "\"", "'", " onclick=", "{: onclick=x }", "<iframe>", "<svg onload=x>", "<style>", "<base href=x>",
          "https://example.org/", "文字", "。", "[x](javascript:alert(1))", "<!--", "-->", "<![CDATA[", "\t"]
MARKDOWN = st.one_of(st.text(max_size=400), st.lists(st.sampled_from(PIECES), max_size=300).map("".join))
# Long hostile runs: a piece repeated up to 20,000 characters (the length limit of a text field).
RUNS = st.tuples(st.sampled_from(PIECES), st.integers(min_value=1, max_value=20_000)).map(
    lambda piece_count: (piece_count[0] * piece_count[1])[:20_000])

ALLOWED_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "srcset", "data"}


def assert_inert(html: str) -> None:
    if not html.strip():
        return
    for el in lxml.html.fragment_fromstring(html, create_parent="div").iter():
        if not isinstance(el.tag, str) or (el.tag == "div" and el.getparent() is None):
            continue
        assert el.tag in ALLOWED_TAGS, el.tag
        for name, value in el.attrib.items():
            assert name in ALLOWED_ATTRIBUTES.get(el.tag, set()) or name == "rel", (el.tag, name)
            if name in ALLOWED_URL_ATTRIBUTES:
                assert not bad_url(value), value


@FUZZ
@given(MARKDOWN)
def test_any_text_renders_inert(text):
    renderer = MarkdownRenderer()
    assert_inert(str(renderer.html(text)))
    assert_inert(str(renderer.full(text)))
    assert isinstance(renderer.plain(text), str)


@settings(FUZZ, max_examples=60)
@given(RUNS)
def test_long_hostile_runs_render_quickly_and_inert(text):
    renderer = MarkdownRenderer()
    assert_inert(str(renderer.html(text)))
