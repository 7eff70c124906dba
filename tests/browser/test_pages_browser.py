"""The site as citizens meet it, in a real browser: key pages open cleanly, search, filter, follow links,
and nothing overflows sideways on a phone or a desktop (screenshots saved under pytest's tmp dir)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import unquote

import pytest
from playwright.sync_api import expect

from pagekinds import KEY_PAGES, OVERFLOW, PAGE_KINDS, open_kind, shared_page, visit


@contextmanager
def watching(page) -> Iterator[list[str]]:
    """Collect what would tell a reader something is broken: script errors, console errors, failed requests."""
    problems: list[str] = []
    listeners = {
        "pageerror": lambda e: problems.append(f"script error: {e}"),
        "console": lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None,
        # A request cut short by the next navigation (net::ERR_ABORTED) is not a broken page.
        "requestfailed": lambda r: None if r.failure == "net::ERR_ABORTED" else problems.append(
            f"request failed: {r.url} ({r.failure})"),
        "response": lambda r: problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None,
    }
    for event, listener in listeners.items():
        page.on(event, listener)
    try:
        yield problems
    finally:
        for event, listener in listeners.items():
            page.remove_listener(event, listener)


@pytest.mark.parametrize("kind", KEY_PAGES)
def test_key_page_opens_cleanly(page_url, chromium, visits, kind):
    page = shared_page(visits, chromium, "phone")
    with watching(page) as problems:
        open_kind(page, page_url, kind)
        heading = page.inner_text("article h1")
        title = page.title()
    assert heading.strip() and title.endswith("生态环境保护督察整改公示")
    assert problems == []


def test_key_pages_show_their_content(page_url, chromium):
    page = chromium.new_page()
    expected = {
        "home": "正在公示",
        "issue": "整改措施",
        "notice": "公示时间：2023年10月13日至2023年10月24日",
        "calendar": "定期报送要求",
        "contacts": "0730-8245473",
        "search": "洞庭湖",
    }
    for kind, text in expected.items():
        open_kind(page, page_url, kind)
        assert text in page.inner_text("article"), kind
    page.close()


def test_search_from_the_header_on_a_phone(page_url, chromium, visits):
    """Type in the header's search box, press Enter, see results that link to the pages."""
    page = shared_page(visits, chromium, "phone")
    page.goto(page_url)
    page.fill("#gs-header-q", "洞庭湖")
    page.press("#gs-header-q", "Enter")
    page.wait_for_url("**/search/?q=*")
    page.wait_for_selector("#gs-search[data-ready=true] .gs-result", timeout=20000)
    assert page.input_value("#gs-q") == "洞庭湖"
    results = page.eval_on_selector_all(".gs-result h3 a", "a => a.map(x => x.href)")
    status = page.inner_text(".gs-search__status")
    assert any(r.endswith("/issues/yylq-2021-01/") for r in results)
    assert any(ch.isdigit() for ch in status)


def test_tick_a_facet_to_filter(page_url, chromium, visits):
    """Open the filters, tick 整改中: fewer results, each of them 整改中, and the filter is in the address."""
    page = shared_page(visits, chromium, "phone")
    page.goto(page_url + "search/?q=整改")
    page.wait_for_selector("#gs-search[data-ready=true] .gs-result", timeout=20000)
    before = page.inner_text(".gs-search__status")
    page.click(".gs-search__filters summary")
    page.check("input[name=status][value='整改中']")
    # Locator waits, not wait_for_function: evaluating a string is eval, which the site's CSP forbids.
    page.wait_for_url("**status=*")
    expect(page.locator(".gs-search__status")).not_to_have_text(before)
    page.wait_for_selector("#gs-search[data-ready=true]")
    while page.is_visible(".gs-search__more"):
        page.click(".gs-search__more")
        page.wait_for_selector("#gs-search[data-ready=true]")
    links = page.eval_on_selector_all(".gs-result h3 a", "a => a.map(x => x.href)")
    address = unquote(page.url)
    assert links and "status=整改中" in address
    for href in links:  # open each result: its page says 整改中
        page.goto(href)
        assert "整改中" in page.inner_text("article"), href


def test_follow_links_from_listing_to_issue_to_notice(page_url, chromium, visits):
    page = shared_page(visits, chromium, "phone")
    with watching(page) as problems:
        page.goto(page_url + "issues/")
        page.click("article a[href$='yylq-2021-01/']")
        page.wait_for_url("**/issues/yylq-2021-01/")
        assert "洞庭湖" in page.inner_text("article h1") or "洞庭湖" in page.inner_text("article")
        page.click("article a[href$='notice/']")
        page.wait_for_url("**/issues/yylq-2021-01/notice/")
        assert "整改销号情况的公示" in page.inner_text("article h1")
        # And back up: the notice links to its issue.
        page.click("article a[href='../']")
        page.wait_for_url("**/issues/yylq-2021-01/")
    assert problems == []


# Larger text is checked where it is needed most: on a phone.
@pytest.mark.parametrize(("viewport", "large_text"), [("phone", False), ("desktop", False), ("phone", True)],
                         ids=["phone", "desktop", "phone-large-text"])
@pytest.mark.parametrize("kind", list(PAGE_KINDS))
def test_nothing_overflows_sideways(page_url, chromium, visits, kind, viewport, large_text):
    """No horizontal scrolling, no element wider than the screen except inside a scrolling box (wide tables)."""
    got = visit(visits, chromium, page_url, kind, viewport, large_text)["overflow"]
    assert got["scrollWidth"] <= got["innerWidth"], got
    assert got["wide"] == []


def test_the_overflow_check_can_fail(page_url, chromium, visits):
    page = shared_page(visits, chromium, "phone")
    page.goto(page_url + "about/")
    page.evaluate("document.querySelector('article p').style.width = '600px'")
    got = page.evaluate(OVERFLOW)
    assert got["wide"] and got["wide"][0].startswith("P")


def test_the_404_page_speaks_chinese_and_shows_the_way_on(page_url, chromium, visits):
    """An address that does not exist: a Chinese page with a search box and the main sections."""
    page = shared_page(visits, chromium, "phone")
    page.goto(page_url + "404.html")
    assert page.inner_text("article h1") == "找不到这个页面"
    assert "Not found" not in page.inner_text("body")
    links = page.eval_on_selector_all("article li a", "a => a.map(x => [x.textContent, x.href])")
    assert [text for text, _ in links] == ["首页", "全部问题", "整改销号公示", "公示日历", "联系方式"]
    assert all(href.startswith(page_url) for _, href in links)
    page.fill("#gs-404-q", "洞庭湖")
    page.press("#gs-404-q", "Enter")
    page.wait_for_url("**/search/?q=*")
    page.wait_for_selector("#gs-search[data-ready=true] .gs-result", timeout=20000)
    assert page.input_value("#gs-q") == "洞庭湖"
