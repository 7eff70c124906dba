"""Accessibility in a real browser: axe-core on every page kind, status not by colour alone, visible
keyboard focus, readable text on phones and the 大字 (larger-text) switch."""

from __future__ import annotations

from pathlib import Path

import pytest

from gongshi.render.engine import STATUS_CLASS
from pagekinds import PAGE_KINDS, PHONE, axe, open_kind, shared_page, sweep, visit

# On a phone every page of the site is checked (test_axe_finds_no_violations_on_any_page); of the page kinds
# only those that page list cannot open as a reader meets them: search results and a forwarding old address.
KIND_LAYOUTS = [(kind, "desktop") for kind in PAGE_KINDS] + [("search", "phone"), ("redirect", "phone")]


@pytest.mark.parametrize(("kind", "viewport"), KIND_LAYOUTS)
def test_axe_finds_no_wcag_violations(page_url, chromium, visits, kind, viewport):
    result = visit(visits, chromium, page_url, kind, viewport, axe_too=True)["axe"]
    assert result["passes"] > 5  # axe really ran its rules on this page
    assert result["violations"] == [], f"{kind} ({viewport})"


@pytest.mark.parametrize("kind", ["home", "issue", "notice", "search", "calendar"])
def test_axe_finds_no_violations_with_large_text_on_a_phone(page_url, chromium, visits, kind):
    seen = visit(visits, chromium, page_url, kind, "phone", large_text=True, axe_too=True)
    assert seen["large"]
    assert seen["axe"]["violations"] == [], kind


def test_axe_reports_a_violation_it_is_shown(page_url, chromium):
    """The check can fail: a link with no text and an image with no alt text are reported."""
    page = chromium.new_page(bypass_csp=True)
    page.goto(page_url + "about/")
    page.evaluate("""() => {
      const a = document.createElement("a"); a.href = "../"; document.querySelector("article").append(a);
      const img = document.createElement("img"); img.src = "x.png"; document.querySelector("article").append(img);
    }""")
    rules = {v["rule"] for v in axe(page)["violations"]}
    page.close()
    assert {"link-name", "image-alt"} <= rules


@pytest.mark.parametrize("kind", ["issues", "issue", "notice", "notices", "source", "unit", "tombstone", "home"])
def test_status_is_never_told_by_colour_alone(page_url, chromium, visits, kind):
    """Every status badge says its status in words (the coloured mark beside it is hidden from screen readers)."""
    page = shared_page(visits, chromium, "desktop")
    open_kind(page, page_url, kind)
    badges = page.eval_on_selector_all(".gs-status", """badges => badges.map(b => ({
      text: b.innerText.trim(),
      markHidden: [...b.querySelectorAll(".gs-status__mark")].every(m => m.getAttribute("aria-hidden") === "true"),
      visible: b.getBoundingClientRect().width > 0,
    }))""")
    assert badges, kind
    for badge in badges:
        assert badge["visible"] and badge["markHidden"], badge
        assert badge["text"] in STATUS_CLASS, badge  # the status itself, in words


FOCUS_STYLE = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return {tag: el.tagName, text: (el.innerText || el.value || el.getAttribute("aria-label") || "").trim().slice(0, 20),
          style: style.outlineStyle, width: parseFloat(style.outlineWidth), color: style.outlineColor};
}"""


@pytest.mark.parametrize("kind", ["issue", "search"])
def test_keyboard_focus_is_visible(page_url, chromium, visits, kind):
    """Tab through the page: every link, button and field shows a ring at least 2 px wide when focused."""
    page = shared_page(visits, chromium, "desktop")
    open_kind(page, page_url, kind)
    seen = []
    for _ in range(40):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_STYLE)
        if focus["tag"] in ("A", "BUTTON", "INPUT", "SUMMARY", "SELECT", "TEXTAREA"):
            seen.append(focus)
    tags = {f["tag"] for f in seen}
    assert {"A", "BUTTON", "INPUT"} <= tags, tags
    bad = [f for f in seen
           if f["style"] in ("none", "hidden") or f["width"] < 2 or f["color"] in ("transparent", "rgba(0, 0, 0, 0)")]
    assert bad == []


READABLE = """() => {
  const small = [];
  for (const el of document.querySelectorAll("article p, article li, article dd, article dt, article td, article th")) {
    const box = el.getBoundingClientRect();
    if (!box.width || !el.innerText.trim() || el.closest(".gs-print-only")) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < 16) small.push(el.tagName + "." + el.className + " " + size + "px: " + el.innerText.trim().slice(0, 20));
  }
  return {small, body: parseFloat(getComputedStyle(document.querySelector("article p")).fontSize)};
}"""


@pytest.mark.parametrize("kind", ["home", "issues", "issue", "notice", "calendar", "month", "contacts", "petition",
                                  "stats"])
def test_body_text_is_at_least_16px_on_phones(page_url, chromium, visits, kind):
    page = shared_page(visits, chromium, "phone")
    open_kind(page, page_url, kind)
    got = page.evaluate(READABLE)
    assert got["body"] >= 16
    assert got["small"] == []


def text_size(page) -> float:
    return page.evaluate("parseFloat(getComputedStyle(document.querySelector('article p:not([class])')).fontSize)")


def no_horizontal_overflow(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= innerWidth")


def test_larger_text_switch(page_url, chromium):
    """大字: a header button, keyboard operable, aria-pressed, site-wide, remembered, no overflow on a phone."""
    context = chromium.new_context(**PHONE)
    page = context.new_page()
    page.goto(page_url + "issues/yylq-2021-01/")
    button = page.locator("header .gs-textsize")
    assert button.is_visible() and button.inner_text() == "大字"
    assert button.get_attribute("aria-pressed") == "false"
    standard = text_size(page)
    header = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-header__topic')).fontSize)")

    # Keyboard: Tab reaches the button; Enter presses it.
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('gs-textsize')"):
            break
    else:
        pytest.fail("Tab never reached the 大字 button")
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-pressed") == "true"
    assert button.get_attribute("title") == "恢复标准字号"
    large = text_size(page)
    assert large >= 1.2 * standard and large >= 20
    assert page.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-header__topic')).fontSize)") > header
    assert no_horizontal_overflow(page)
    assert page.evaluate("localStorage.getItem('gongshi-text-size')") == "large"

    # Remembered on the next page and after a reload, before any click.
    page.goto(page_url + "calendar/")
    assert page.locator("header .gs-textsize").get_attribute("aria-pressed") == "true"
    assert text_size(page) >= 20 and no_horizontal_overflow(page)
    page.reload()
    assert page.evaluate("document.documentElement.classList.contains('gs-large-text')")

    # Space presses it back to the standard size.
    page.focus("header .gs-textsize")
    page.keyboard.press("Space")
    assert page.locator("header .gs-textsize").get_attribute("aria-pressed") == "false"
    assert abs(text_size(page) - standard) < 0.5
    assert page.evaluate("localStorage.getItem('gongshi-text-size')") == "standard"
    context.close()


def test_larger_text_switch_is_hidden_without_javascript(page_url, chromium):
    """Without JavaScript it could not work, so it is not offered."""
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(page_url + "issues/yylq-2021-01/")
    assert page.locator("header .gs-textsize").count() == 1
    assert not page.locator("header .gs-textsize").is_visible()
    context.close()


def test_every_page_kind_has_the_switch(page_site: Path):
    from pagekinds import html_file

    for kind in PAGE_KINDS:
        html = html_file(page_site, kind).read_text(encoding="utf-8")
        assert 'class="gs-textsize" aria-pressed="false"' in html and "assets/gongshi-textsize.js" in html, kind


def test_axe_finds_no_violations_on_any_page(page_site, page_url, chromium, visits, record_property):
    """Every page of the sample site, not one per kind (one page kind once hid a violation on 19 of its pages),
    on a phone; and nothing on any of them wider than the screen."""
    swept = sweep(visits, chromium, page_url, page_site, "phone", axe_too=True)
    assert len(swept) > 100
    # Every page kind is among them but the two checked on their own (KIND_LAYOUTS).
    assert {PAGE_KINDS[kind] for kind in PAGE_KINDS if (kind, "phone") not in KIND_LAYOUTS} <= set(swept)
    assert all(found["axe"]["passes"] > 5 for found in swept.values())  # axe really ran on each
    record_property("pages checked by axe", len(swept))
    violations = {path: [v["rule"] for v in found["axe"]["violations"]] for path, found in swept.items()
                  if found["axe"]["violations"]}
    assert violations == {}
    wide = {path: found["overflow"]["wide"][:2] for path, found in swept.items() if found["overflow"]["wide"]}
    assert wide == {}
