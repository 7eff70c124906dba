"""Hand-written Markdown (docs/*.md): a line break between Chinese characters is joined, not a space;
code is left as written and a break beside an English word stays (there a space is right)."""

import markdown
import pytest

from gongshi.render.markdown import MarkdownRenderer


def convert(text: str) -> str:
    # The extensions mkdocs.yml lists, plus fenced_code, which mkdocs always adds.
    md = markdown.Markdown(extensions=["toc", "tables", "admonition", "fenced_code", "gongshi.render.cjk"])
    return md.convert(text)


@pytest.mark.parametrize(("text", "html"), [
    ("问题，\n地方", "<p>问题，地方</p>"),
    ("整改。\n“销号”\n——完", "<p>整改。“销号”——完</p>"),  # CJK punctuation, quotes and dashes
    ("明确**整改目标**\n和时限", "<p>明确<strong>整改目标</strong>和时限</p>"),  # across inline markup
    ("巡察。\n2025年1月17日", "<p>巡察。2025年1月17日</p>"),  # a figure after Chinese
    ("截至2024\n年底", "<p>截至2024年底</p>"),  # and before it
    ("- 第一项，\n  继续", "<ul>\n<li>第一项，继续</li>\n</ul>"),  # a list item's indented continuation
    ("!!! note \"注意\"\n    提醒，\n    继续", '<div class="admonition note">\n<p class="admonition-title">注意</p>\n'
     "<p>提醒，继续</p>\n</div>"),
])
def test_a_break_between_chinese_characters_is_joined(text, html):
    assert convert(text) == html


@pytest.mark.parametrize(("text", "html"), [
    ("运行 mkdocs\n生成网站", "<p>运行 mkdocs\n生成网站</p>"),  # an English word before the break
    ("生成网站\nsite 目录", "<p>生成网站\nsite 目录</p>"),  # and after it
    ("运行 `build`\n命令", "<p>运行 <code>build</code>\n命令</p>"),  # code ending in ASCII
    ("硬换行，  \n保留", "<p>硬换行，<br />\n保留</p>"),  # two spaces: Markdown's hard line break
    ("第一段。\n\n第二段。", "<p>第一段。</p>\n<p>第二段。</p>"),  # paragraphs stay apart
])
def test_a_break_beside_ascii_or_between_blocks_stays(text, html):
    assert convert(text) == html


def test_code_is_left_as_written():
    fenced = convert("说明：\n\n```\n代码，\n中文\n```")
    assert "<pre><code>代码，\n中文\n</code></pre>" in fenced
    indented = convert("说明：\n\n    代码，\n    中文")
    assert "<pre><code>代码，\n中文\n</code></pre>" in indented
    span = convert("见 `代码，\n中文` 一行")
    assert "<code>代码，\n中文</code>" in span


def test_data_text_is_joined_by_the_same_pattern():
    md = MarkdownRenderer()
    assert str(md.html("整改。\n“销号”")) == "<p>整改。“销号”</p>"
    assert str(md.html("巡察。\n2025年1月17日，反馈。")) == "<p>巡察。2025年1月17日，反馈。</p>"
    assert str(md.html("- 第一项，\n  继续")) == "<ul>\n<li>第一项，继续</li>\n</ul>"


def test_plain_text_has_no_space_between_chinese_paragraphs():
    """Meta descriptions and search snippets: paragraphs meet without a space where the text is Chinese."""
    md = MarkdownRenderer()
    plain = md.plain("第一段。\n\n2025年1月17日，反馈。\n\nSee also this.")
    assert plain == "第一段。2025年1月17日，反馈。 See also this."


def test_a_description_is_cut_at_a_sentence_end():
    from gongshi.render.engine import sentence_cut
    text = "第一句话。第二句话比较长，" + "很长" * 80 + "。"
    assert sentence_cut(text, 150) == "第一句话。"
    assert sentence_cut("没有句号" * 50, 20) == "没有句号" * 4 + "没有句…"
    assert sentence_cut("短。", 150) == "短。"
