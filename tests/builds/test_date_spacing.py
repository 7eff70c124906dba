"""Chinese typography of generated text: no space between a date and the Chinese text around it
("公示已于2023年10月24日结束", not "公示已于 2023年10月24日 结束"), on every page of the sample site."""

from __future__ import annotations

import html
import re

from gongshi.render.cjk import CJK_CHARS

DATE = r"\d{4}年\d{1,2}月\d{1,2}日"
SPACED = re.compile(rf"[{CJK_CHARS}][ \t\n]+{DATE}|{DATE}[ \t\n]+[{CJK_CHARS}]")
# Elements that end a line of text: a space or line break beside them is not a space between words.
BLOCK = re.compile(r"</?(?:p|li|h[1-6]|div|td|th|tr|ul|ol|dl|dt|dd|section|br|table|thead|tbody|figure|figcaption|"
                   r"nav|svg|title|form|fieldset|legend|label|details|summary|button)\b[^>]*>")


def article_text(page: str) -> str:
    """The article's text as a reader sees it, blocks apart (¦), inline elements joined."""
    article = page[page.index("<article"): page.index("</article>")]
    article = re.sub(r"<script.*?</script>", "", article, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", BLOCK.sub("¦", article)))


def test_no_space_around_dates_on_any_page(page_site):
    pages = [p for p in sorted(page_site.rglob("*.html")) if "<article" in p.read_text(encoding="utf-8")]
    assert len(pages) > 100
    spaced = {}
    dates = 0
    for path in pages:
        text = article_text(path.read_text(encoding="utf-8"))
        dates += len(re.findall(DATE, text))
        found = [m.group(0) for m in SPACED.finditer(text)]
        if found:
            spaced[path.relative_to(page_site).as_posix()] = found[:3]
    assert dates > 120  # the check saw the dates it is about (a window's end in its year is written 10月24日)
    assert spaced == {}


def test_the_check_finds_a_spaced_date():
    assert SPACED.search(article_text("<article><p>公示已于 2023年10月24日 结束。</p></article>"))
    assert not SPACED.search(article_text("<article><h2>2023年10月24日</h2>\n<p>公示结束。</p></article>"))
