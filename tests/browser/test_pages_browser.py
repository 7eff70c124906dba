"""The site as citizens meet it, in a real browser: key pages open cleanly, search, filter, follow links,
and nothing overflows sideways on a phone or a desktop (screenshots saved under pytest's tmp dir)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import unquote

import pytest
from playwright.sync_api import expect

from pagekinds import KEY_PAGES, OVERFLOW, PAGE_KINDS, PHONE, open_kind, shared_page, visit


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
        "calendar": "内部报送要求（供参考）",
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


# --- anchor links ("#" beside sections, measures and progress entries) ---------------------------------------

FIRST_LINES = """() => [...document.querySelectorAll(".gs-measures > li, .gs-timeline > li, .gs-heading")].map(item => {
  const anchor = item.querySelector(".gs-anchor");
  // The first line of the item's own text: the first non-blank text node that is not the anchor's.
  const walker = document.createTreeWalker(item, NodeFilter.SHOW_TEXT,
    {acceptNode: n => n.textContent.trim() && !anchor.contains(n) ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP});
  const range = document.createRange();
  range.selectNodeContents(walker.nextNode());
  const line = range.getClientRects()[0];
  const box = anchor.getBoundingClientRect();
  return {id: item.id || item.querySelector("[id]").id, anchorTop: box.top, anchorBottom: box.bottom,
          lineTop: line.top, lineBottom: line.bottom, name: anchor.getAttribute("aria-label"),
          text: anchor.textContent};
})"""


@pytest.mark.parametrize("path", ["issues/yylq-2021-01/", "issues/yj-xc-01/", "about/"])
def test_anchor_links_sit_on_the_first_line_of_what_they_link(page_url, chromium, visits, path):
    """Beside a measure, a progress entry or a section heading, the "#" is on its first line, not on a line of its
    own, and its name says what it links to."""
    page = shared_page(visits, chromium, "phone")
    page.goto(page_url + path)
    items = page.evaluate(FIRST_LINES)
    assert len(items) >= 3
    for item in items:
        assert item["text"] == "#" and item["name"].endswith("的链接"), item
        # The anchor's box starts within the first line of text and does not reach below it by more than its padding.
        assert item["lineTop"] - 8 <= item["anchorTop"] < item["lineBottom"], item
        assert item["anchorBottom"] <= item["lineBottom"] + 8, item
    if path == "issues/yylq-2021-01/":
        assert {"measure-1", "measure-5", "problem"} <= {item["id"] for item in items}
        assert page.get_attribute("#measure-3 .gs-anchor", "aria-label") == "第3条整改措施的链接"


def test_an_anchor_copies_the_full_address_and_says_so(page_url, chromium):
    context = chromium.new_context(**PHONE, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    with watching(page) as problems:
        page.goto(page_url + "issues/yylq-2021-01/")
        anchor = page.locator("#measure-2 > .gs-anchor")
        assert anchor.get_attribute("title") == "复制本条链接"  # set by the script, which makes it true
        status = page.locator(".gs-toast")
        assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
        anchor.click()
        expect(status).to_have_text("已复制本条链接")
        address = page_url + "issues/yylq-2021-01/#measure-2"
        assert page.evaluate("navigator.clipboard.readText()") == address
        assert page.url == address  # the address bar shows it too
        assert page.evaluate("document.querySelector(':target').id") == "measure-2"
        # A section heading's anchor too.
        page.click(".gs-heading:has(#problem) .gs-anchor")
        assert page.evaluate("navigator.clipboard.readText()").endswith("issues/yylq-2021-01/#problem")
    assert problems == []
    context.close()


def test_an_anchor_without_javascript_still_leads_to_its_place(page_url, chromium):
    context = chromium.new_context(**PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(page_url + "issues/yylq-2021-01/")
    page.click("#measure-2 > .gs-anchor")
    assert page.url.endswith("#measure-2")
    assert page.locator(".gs-toast").count() == 0
    context.close()


TARGET_STYLE = """id => { const s = getComputedStyle(document.getElementById(id));
  return {background: s.backgroundColor, border: parseFloat(s.borderLeftWidth), borderStyle: s.borderLeftStyle}; }"""


def test_the_place_an_address_leads_to_is_highlighted(page_url, chromium, visits):
    """Opened at #measure-2, that measure has a tinted background and a bar on its left (not colour alone);
    the others have neither."""
    page = shared_page(visits, chromium, "phone")
    page.goto(page_url + "issues/yylq-2021-01/#measure-2")
    target = page.evaluate(TARGET_STYLE, "measure-2")
    other = page.evaluate(TARGET_STYLE, "measure-1")
    assert target["background"] not in ("rgba(0, 0, 0, 0)", "transparent")
    assert target["background"] != other["background"]
    assert target["border"] >= 3 and target["borderStyle"] == "solid"
    assert other["border"] == 0
    page.goto(page_url + "about/")  # the next visit starts without a hash


def test_anchors_show_on_hover_with_a_mouse_and_always_on_touch_screens(page_url, chromium, visits):
    opacity = "sel => getComputedStyle(document.querySelector(sel)).opacity"
    phone = shared_page(visits, chromium, "phone")
    phone.goto(page_url + "issues/yylq-2021-01/")
    assert phone.evaluate(opacity, "#measure-1 > .gs-anchor") == "1"
    desktop = shared_page(visits, chromium, "desktop")
    desktop.goto(page_url + "issues/yylq-2021-01/")
    assert desktop.evaluate(opacity, "#measure-1 > .gs-anchor") == "0"
    desktop.hover("#measure-1")
    assert desktop.evaluate(opacity, "#measure-1 > .gs-anchor") == "1"
    desktop.focus("#measure-3 > .gs-anchor")  # the keyboard shows it too
    assert desktop.evaluate(opacity, "#measure-3 > .gs-anchor") == "1"


def test_anchors_are_not_printed(page_url, chromium):
    page = chromium.new_page()
    page.goto(page_url + "issues/yylq-2021-01/notice/")
    page.emulate_media(media="print")
    assert page.locator(".gs-heading").count() >= 4
    assert not page.locator(".gs-anchor").first.is_visible()
    page.goto(page_url + "issues/yylq-2021-01/")
    assert not page.is_visible("#measure-1 > .gs-anchor") and not page.is_visible(".gs-heading .gs-anchor")
    page.close()


# --- chart labels ------------------------------------------------------------------------------------------------

CHART_TEXT = """() => [...document.querySelectorAll(".gs-chart__label, .gs-chart__value")].map(el => {
  // The size the text is drawn at: its font size times any scaling between it and the screen (an SVG drawing's
  // viewBox scaled into the page, a transform), and the height of its glyphs' box as drawn.
  const svg = el.ownerSVGElement;
  const scale = svg ? svg.getScreenCTM().a : el.getBoundingClientRect().width / (el.offsetWidth || 1);
  const range = document.createRange();
  range.selectNodeContents(el);
  return {text: el.textContent, size: parseFloat(getComputedStyle(el).fontSize) * scale,
          height: range.getBoundingClientRect().height, visible: el.getBoundingClientRect().width > 0};
})"""


@pytest.mark.parametrize(("width", "large_text"), [(360, False), (360, True), (390, False), (390, True), (1280, False)],
                         ids=["360", "360-large-text", "390", "390-large-text", "desktop"])
def test_chart_labels_and_values_are_at_least_12px(page_url, chromium, width, large_text):
    """Every label and value of the statistics page's charts is drawn at 12 CSS px or more, on phones (with and
    without 大字) and on a desktop; each chart keeps its text alternative and its table."""
    viewport = dict(PHONE, viewport={"width": width, "height": 740}) if width < 1000 else {"viewport": {
        "width": width, "height": 800}}
    context = chromium.new_context(**viewport)
    if large_text:
        context.add_init_script("localStorage.setItem('gongshi-text-size', 'large')")
    page = context.new_page()
    page.goto(page_url + "stats/")
    texts = page.evaluate(CHART_TEXT)
    charts = page.eval_on_selector_all(".gs-chart", """cs => cs.map(c => ({role: c.getAttribute("role"),
      name: c.getAttribute("aria-label"), table: !!c.closest(".gs-figure").querySelector("table")}))""")
    context.close()
    assert len(charts) >= 10 and len(texts) >= 100
    assert all(c["role"] == "img" and "：" in c["name"] and c["table"] for c in charts), charts
    small = [t for t in texts if t["visible"] and (t["size"] < 12 or t["height"] < 12)]
    assert small == []
    assert min(t["size"] for t in texts) >= (18 if large_text else 14)  # the page's own text size, not a drawing's


# --- the site's name in the header -------------------------------------------------------------------------------

HEADER = """() => {
  const inside = el => { const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && r.left >= 0 && r.right <= innerWidth && r.top >= 0
      && r.bottom <= innerHeight; };
  const shown = [...document.querySelectorAll(".md-header__topic:first-child .md-ellipsis > *")]
    .filter(el => el.getBoundingClientRect().width > 1);
  const name = shown[0];
  const header = document.querySelector(".md-header").getBoundingClientRect();
  const box = name.getBoundingClientRect();
  // Cut off (an ellipsis) where the name or its box (overflow: hidden, text-overflow: ellipsis) is narrower
  // than the text.
  const clipped = [name, name.parentElement]
    .filter(el => el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight + 1).map(el => el.className);
  const full = document.querySelector(".md-header__topic:first-child .gs-site-name");
  return {
    shown: shown.length, text: name.innerText.replace(/\\s+/g, ""), clipped, inside: inside(name),
    inHeader: box.top >= header.top && box.bottom <= header.bottom,
    fontSize: parseFloat(getComputedStyle(name).fontSize),
    // What a screen reader reads: the full name (the short one is hidden from it).
    spoken: full.textContent.trim(), shortHidden: name === full || name.getAttribute("aria-hidden") === "true",
    controls: Object.fromEntries([["menu", "label.md-header__button[for=__drawer]"], ["field", "#gs-header-q"],
      ["search", ".gs-header-search button"], ["大字", ".gs-textsize"]].map(([k, sel]) =>
      [k, inside(document.querySelector(sel))])),
    fieldFits: (() => { const q = document.querySelector("#gs-header-q"); q.value = "搜索";
      const fits = q.scrollWidth <= q.clientWidth; q.value = ""; return fits; })(),
    overflow: document.documentElement.scrollWidth - innerWidth,
  };
}"""


@pytest.mark.parametrize(("width", "large_text"), [(360, False), (360, True), (390, False), (390, True)],
                         ids=["360", "360-large-text", "390", "390-large-text"])
def test_the_site_name_is_readable_in_a_phones_header(page_url, chromium, width, large_text):
    """On a phone the header shows the site's short name (督察整改公示) whole, never cut to "生态…", with 大字 too;
    the menu, the search field (wide enough for "搜索") and button and the 大字 switch stay on screen, nothing
    overflows sideways, and a screen reader reads the full name."""
    context = chromium.new_context(**dict(PHONE, viewport={"width": width, "height": 740}))
    if large_text:
        context.add_init_script("localStorage.setItem('gongshi-text-size', 'large')")
    page = context.new_page()
    for path in ("", "issues/yylq-2021-01/"):
        page.goto(page_url + path)
        got = page.evaluate(HEADER)
        assert got["shown"] == 1 and got["text"] == "督察整改公示", got
        assert got["clipped"] == [] and got["inside"] and got["inHeader"], got
        assert got["fontSize"] >= (22 if large_text else 18), got
        assert got["spoken"] == "生态环境保护督察整改公示" and got["shortHidden"], got
        assert all(got["controls"].values()) and got["fieldFits"], got
        assert got["overflow"] <= 0, got
    context.close()


def test_the_full_site_name_shows_where_there_is_room(page_url, chromium, visits):
    page = shared_page(visits, chromium, "desktop")
    page.goto(page_url)
    got = page.evaluate(HEADER)
    assert got["text"] == "生态环境保护督察整改公示" and got["clipped"] == [] and got["inside"], got


SHOWN_AT_390 = {"home": "", "region": "regions/湖南省/益阳市/沅江市/", "issues": "issues/",
                "open-notice": "issues/dx-open-notice/notice/"}


@pytest.mark.parametrize("large", [False, True])
def test_a_390_px_phone_shows_the_objection_channel_on_the_first_screen(page_url, chromium, visits, large):
    """In its window, a notice's phone number (with its area code) is on the first screen of a 390-px
    phone, 大字 or not; and the pages a citizen meets first are screenshotted at that width."""
    page = shared_page(visits, chromium, "phone-390", large)
    shots = visits["shots"]
    shots.mkdir(exist_ok=True)
    for name, path in SHOWN_AT_390.items():
        page.goto(page_url + path)
        page.screenshot(path=shots / f"{name}-390{'-large' if large else ''}.png", full_page=True, scale="css")
    page.goto(page_url + SHOWN_AT_390["open-notice"])
    phone = page.locator(".gs-objection a[href^='tel:']").first
    assert phone.get_attribute("href") == "tel:07977102953" and phone.inner_text() == "0797-7102953"
    box = phone.bounding_box()
    assert box and box["y"] + box["height"] <= 844, box
    text = page.inner_text(".gs-objection")
    assert "公示期还剩" in text and "信丰县推动长江经济带建设领导小组办公室" in text


def test_a_citation_is_completed_with_the_readers_date(page_url, chromium, visits):
    """[引用日期] is the day the reader cites the page, not the build's: the page's script fills it in."""
    page = shared_page(visits, chromium, "desktop")
    page.goto(page_url + "petitions/D1YZ202000131/")
    today = page.evaluate("(() => { const d = new Date(); "
                          "return [d.getFullYear(), d.getMonth() + 1, d.getDate()]; })()")
    iso = f"{today[0]}-{today[1]:02d}-{today[2]:02d}"
    gbt = page.inner_text("#cite-gbt")
    assert f"[{iso}]. https://gongshi.test/zhenggai/petitions/D1YZ202000131/." in gbt, gbt
    assert page.inner_text("#cite-plain").endswith(f"引用于{today[0]}年{today[1]}月{today[2]}日。")
