"""A notice printed from the browser: clean A4, full addresses after links, URL and print date."""

from pagekinds import PHONE


def test_print_emulated_notice(page_url, chromium):
    page = chromium.new_page()
    page.goto(page_url + "issues/yylq-2021-01/notice/")
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert not page.is_visible(".md-header") and not page.is_visible(".md-sidebar--primary")
    assert page.locator(".gs-objection").count() == 1 and not page.is_visible(".gs-objection")  # screen only
    assert page.inner_text(".gs-transcription").startswith("本站据原文整理，以原件为准。原件：岳阳市岳阳楼区")
    footer = page.inner_text(".gs-print-footer")
    assert "本页地址：https://gongshi.test/zhenggai/issues/yylq-2021-01/notice/" in footer
    assert "打印日期：" in footer and "年" in footer
    assert "公示时间：2023年10月13日至2023年10月24日，共10个工作日。" in page.inner_text(".gs-notice")
    notes = page.eval_on_selector_all(".gs-print-url", "n => n.map(x => x.textContent)")
    assert "（tel:07308245473）" in notes
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.eval_on_selector_all(".gs-print-url", "n => n.length") == 0
    page.close()


def test_printed_notice_ignores_the_screen_text_size_and_fits_the_paper(page_url, chromium):
    """Printed from a phone with 大字 on: 12 pt text, no switch or search box on paper, nothing wider than A4."""
    context = chromium.new_context(**PHONE)
    context.add_init_script("localStorage.setItem('gongshi-text-size', 'large')")
    page = context.new_page()
    page.goto(page_url + "issues/yylq-2021-01/notice/")
    assert page.evaluate("document.documentElement.classList.contains('gs-large-text')")
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert not page.is_visible(".gs-textsize") and not page.is_visible("#gs-header-q")
    size = page.evaluate("getComputedStyle(document.querySelector('article.md-typeset')).fontSize")
    assert size == "16px"  # 12 pt
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    assert page.pdf(format="A4").startswith(b"%PDF")
    context.close()
