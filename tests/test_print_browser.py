"""A notice printed from the browser: clean A4, full addresses after links, URL and print date."""

from test_search_browser import browser, sample_site  # noqa: F401  (fixtures)


def test_print_emulated_notice(sample_site, browser):  # noqa: F811
    _, url = sample_site
    page = browser.new_page()
    page.goto(url + "issues/yylq-2021-01/notice/")
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert not page.is_visible(".md-header") and not page.is_visible(".md-sidebar--primary")
    assert not page.is_visible(".gs-notice-panel")  # the on-screen state panel is not printed
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
