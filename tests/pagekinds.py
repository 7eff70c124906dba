"""Every kind of page the site has, built once per test session for the page, accessibility and HTML tests.

The sample data has no renamed or withdrawn issue and no notice in its window on the build date, so a copy
of it gains one of each: their redirect, tombstone and open-notice pages are page kinds too.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import ROOT
from sitebuild import build

BUILD_DATE = "2026-09-30"

RENAMED = """\
source: zydc2-3-dianxing
number: "（四）"
kind: 典型案例
title: 测试用改号问题
old_ids: [dx-old-number]
region: 湖南省株洲市
category: [水]
status: 未公布
problem: 测试用：本问题曾用编号 dx-old-number。
"""

WITHDRAWN = """\
source: zydc2-3-dianxing
number: "（五）"
kind: 典型案例
title: 测试用撤回问题
region: 湖南省株洲市
category: [水]
status: 未公布
problem: 测试用：本问题已撤回。
withdrawn:
  date: 2025-03-01
  reason: 与其他问题重复，合并办理。
"""

OPEN_NOTICE = """\
source: zydc2-3-dianxing
number: "（六）"
kind: 典型案例
title: 测试用公示中的问题
region: 江西省赣州市信丰县
category: [水]
status: 已完成
problem: 测试用：本问题的整改销号公示在生成日期（2026年9月30日）正在公示期内。
signoff:
  title: 关于测试用问题整改销号情况的公示
  date: 2026-09-21
  office: xinfeng-cjb-office
  window:
    start: 2026-09-21
    end: 2026-09-30
    working_days: 7
  implementation:
    - 测试用：整改已完成。
"""

# Page kind → path under the site root (a query string where the page needs one).
PAGE_KINDS = {
    "home": "",
    "search": "search/?q=洞庭湖",
    "issues": "issues/",
    "issue": "issues/yylq-2021-01/",
    "notice": "issues/yylq-2021-01/notice/",
    "open-notice": "issues/dx-open-notice/notice/",  # in its window on the build date: the objection box
    "notices": "notices/",
    "sources": "sources/",
    "source": "sources/zydc2-hunan-2021/",
    "units": "units/",
    "unit": "units/yylq-gov/",
    "petitions": "petitions/",
    "petition": "petitions/D1YZ202000131/",
    "regions": "regions/",
    # A province: the places under it, issues, petitions, inspections and units (every part of a place's page).
    "region": "regions/湖南省/",
    "calendar": "calendar/",
    "month": "calendar/2023-10/",
    "contacts": "contacts/",
    "stats": "stats/",
    "opendata": "opendata/",
    "about": "about/",
    "staff": "staff/",
    "redirect": "issues/dx-old-number/",
    "tombstone": "issues/dx-withdrawn/",
    "not-found": "404.html",
}

# The pages a citizen meets first, screenshotted on a phone and a desktop.
KEY_PAGES = ["home", "issue", "notice", "open-notice", "calendar", "contacts", "search"]

PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 800}}
VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}
# A common larger phone, for the tests that measure layout at both phone widths.
PHONE_390 = {**PHONE, "viewport": {"width": 390, "height": 844}}
LAYOUTS = {**VIEWPORTS, "phone-390": PHONE_390}


def build_page_site(tmp: Path) -> Path:
    data = tmp / "data"
    shutil.copytree(ROOT / "data", data)
    extra = data / "issues" / "zydc2-3-dianxing"
    (extra / "dx-renamed.yml").write_text(RENAMED, encoding="utf-8")
    (extra / "dx-withdrawn.yml").write_text(WITHDRAWN, encoding="utf-8")
    (extra / "dx-open-notice.yml").write_text(OPEN_NOTICE, encoding="utf-8")
    code, site = build(tmp, data, today=BUILD_DATE)
    assert code == 0
    return site


def html_file(site: Path, kind: str) -> Path:
    path = PAGE_KINDS[kind].split("?")[0]
    return site / path if path.endswith(".html") else site / path / "index.html"


def open_kind(page, url: str, kind: str) -> None:
    """Open a page of this kind and wait until it shows what a reader sees.

    The redirect page forwards at once (meta refresh); its target answers 204 No Content here,
    which cancels that navigation, so the page itself stays on screen to be checked.
    """
    forwarded = []
    if kind == "redirect":
        page.route("**/issues/dx-renamed/", lambda route: forwarded.append(route.fulfill(status=204)))
    page.goto(url + PAGE_KINDS[kind])
    if kind == "search":
        page.wait_for_selector("#gs-search[data-ready=true] .gs-result", timeout=20000)
        if not page.eval_on_selector(".gs-search__filters", "d => d.open"):  # open on wide screens already
            page.click(".gs-search__filters summary")  # the facets are checked too
        page.wait_for_selector(".gs-search__facets input[type=checkbox]")
    if kind == "redirect":
        for _ in range(50):  # the refresh fires right after load
            if forwarded:
                break
            page.wait_for_timeout(100)
        assert forwarded and page.url.endswith("issues/dx-old-number/")


def release(page) -> None:
    page.unroute_all(behavior="ignoreErrors")


# --- one visit per page kind and viewport, shared by the overflow and axe tests -------------------------

AXE = ROOT / "tests" / "tools" / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.0, 2.1 and 2.2 success criteria of levels A and AA: every rule axe-core has for them.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]

RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  return {
    passes: result.passes.length,
    violations: result.violations.map(v => ({
      rule: v.id, help: v.help,
      nodes: v.nodes.map(n => n.target.join(" ") + ": " + n.failureSummary.split("\\n").slice(1, 3).join(" ")),
    })),
  };
}"""


def axe(page) -> dict:
    """Run axe-core in the page. Its context must bypass the site's Content-Security-Policy, which
    (rightly) refuses the inline script axe is injected as (visit() brings axe in as an init script instead)."""
    if not AXE.exists():
        raise RuntimeError("缺少 axe-core：请运行 ./scripts/test（会在 tests/tools 中执行 npm ci）")
    page.add_script_tag(path=str(AXE))
    return page.evaluate(RUN_AXE, WCAG_TAGS)


OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const scrolls = el => { for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const x = getComputedStyle(p).overflowX; if (x === "auto" || x === "scroll") return true; }
    return false; };
  const wide = [];
  for (const el of document.body.querySelectorAll("*")) {
    const box = el.getBoundingClientRect();
    if (!box.width || box.right <= width + 1 || scrolls(el)) continue;
    const style = getComputedStyle(el);
    if (style.visibility === "hidden") continue;
    wide.push(`${el.tagName}.${el.className} right=${Math.round(box.right)}`);
  }
  return {scrollWidth: document.documentElement.scrollWidth, innerWidth, wide: wide.slice(0, 10)};
}"""


def shared_page(visits: dict, browser, viewport: str, large_text: bool = False):
    """The session's one tab per viewport and text size, with axe brought in as an init script (which the
    site's Content-Security-Policy does not govern). Reused by every visit: a fresh browser context costs
    three times the page it opens (the renderer starts anew, loads the fonts, compiles axe again)."""
    key = (id(browser), viewport, large_text)
    tabs = visits.setdefault("tabs", {})
    page = tabs.get(key)
    if page is None or page.is_closed():
        if not AXE.exists():
            raise RuntimeError("缺少 axe-core：请运行 ./scripts/test（会在 tests/tools 中执行 npm ci）")
        context = browser.new_context(**LAYOUTS[viewport])
        if large_text:
            context.add_init_script("localStorage.setItem('gongshi-text-size', 'large')")
        context.add_init_script(path=str(AXE))
        page = tabs[key] = context.new_page()
    return page


def visit(visits: dict, browser, url: str, kind: str, viewport: str, large_text: bool = False, *,
          axe_too: bool = False) -> dict:
    """Open a page kind once per viewport and text size, under the site's own Content-Security-Policy,
    and keep what the tests read: whether larger text is on, the overflow measure, axe's result (when
    asked for) and a screenshot of the key pages (into visits["shots"]). `visits` is the session's cache:
    the overflow test (tests/browser/test_pages_browser.py) and axe (tests/a11y/test_a11y.py) each read
    the same visit."""
    key = (url, kind, viewport, large_text)
    seen = visits.get(key)
    if seen is not None and (seen["axe"] is not None or not axe_too):
        return seen
    page = shared_page(visits, browser, viewport, large_text)
    try:
        open_kind(page, url, kind)
        result = {"large": page.evaluate("document.documentElement.classList.contains('gs-large-text')"),
                  "overflow": page.evaluate(OVERFLOW), "axe": None}
        if kind in KEY_PAGES or large_text:
            shots = visits["shots"]
            shots.mkdir(exist_ok=True)
            name = f"{kind}-{viewport}{'-large' if large_text else ''}.png"
            page.screenshot(path=shots / name, full_page=True, scale="css")  # CSS pixels: a third of the time
        if axe_too:
            result["axe"] = page.evaluate(RUN_AXE, WCAG_TAGS)
    finally:
        release(page)
    visits[key] = result
    return result


# --- every page of the site, once per layout: axe (where asked) and the listing measures ------------------

LISTING_MEASURE = """() => {
  const out = {cards: 0, tables: 0, narrow: [], squeezed: [], heights: [], cardDisplay: []};
  for (const table of document.querySelectorAll("article table")) {
    if (table.closest(".gs-month")) continue;  // the month grid is a calendar: its days are the list below it
    const cards = table.classList.contains("gs-cards") && getComputedStyle(table).display === "block";
    if (table.classList.contains("gs-cards")) out.cardDisplay.push(getComputedStyle(table).display);
    if (!cards) {
      out.tables += 1;
      for (const cell of table.querySelectorAll("td, th")) {
        const w = cell.getBoundingClientRect().width, fs = parseFloat(getComputedStyle(cell).fontSize);
        if (w && w < 4 * fs - 0.5) out.narrow.push(`${cell.innerText.slice(0, 10)} ${w.toFixed(0)}px < 4×${fs}px`);
      }
      continue;
    }
    for (const row of table.querySelectorAll("tbody tr")) {
      out.cards += 1;
      const rs = getComputedStyle(row);
      const inner = row.clientWidth - parseFloat(rs.paddingLeft) - parseFloat(rs.paddingRight);
      const title = row.querySelector(".gs-card__title");
      const issue = title && /[/]issues[/][^/]+[/]$/.test((title.querySelector("a") || {}).pathname || "");
      if (issue) {  // an issue's lines between its title and a block cell (a long name on its own line)
        const blocks = [...row.querySelectorAll(".gs-card__block")]
          .reduce((h, b) => h + b.getBoundingClientRect().height, 0);
        const below = row.clientHeight - parseFloat(rs.paddingTop) - parseFloat(rs.paddingBottom) - blocks
          - title.getBoundingClientRect().height - parseFloat(getComputedStyle(title).marginBottom);
        out.heights.push(below / parseFloat(rs.lineHeight));
      }
      for (const cell of row.querySelectorAll("td")) {
        const box = cell.getBoundingClientRect();
        if (!box.height) continue;
        const style = getComputedStyle(cell), fs = parseFloat(style.fontSize);
        // How many lines the text needs at most (a CJK character is one em; other characters are narrower).
        const chars = [...cell.innerText.replace(/\\s+/g, "")].length
          + (cell.dataset.label ? cell.dataset.label.length + 2 : 0);
        const needs = Math.ceil(chars * fs / inner) + 1;
        const lines = Math.round(box.height / parseFloat(style.lineHeight));
        if (lines > needs && !cell.querySelector("ul, p")) {
          out.squeezed.push(`${cell.innerText.slice(0, 12)}: ${lines} lines`);
        }
      }
    }
  }
  return out;
}"""


def every_page(site: Path) -> list[str]:
    """Every HTML page of the built site as a path under its root ("issues/x/", "404.html"). Redirect pages
    forward at once: they are checked as their page kind (open_kind holds the forward)."""
    pages = []
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        if rel.startswith("assets/") or 'http-equiv="refresh"' in html.read_text(encoding="utf-8"):
            continue
        pages.append(rel.removesuffix("index.html"))
    return pages


def page_file(site: Path, path: str) -> Path:
    """The file behind a path every_page() gives."""
    return site / path if path.endswith(".html") else site / path / "index.html"


def sweep(visits: dict, browser, url: str, site: Path, layout: str, large_text: bool = False, *,
          axe_too: bool = False, tables_only: bool = False) -> dict[str, dict]:
    """Open every page of the site (or every page with a table) in one tab of this layout and text size;
    for each keep axe's result (when asked), whether it has a table, the listing measures and the overflow
    measure. Cached in `visits` for the session: the accessibility test and the listing test read the
    same sweep."""
    key = ("sweep", url, layout, large_text)
    done, every = visits.get(key, (None, False))
    with_axe = done is not None and all(found["axe"] is not None for found in done.values())
    if done is not None and (every or tables_only) and (with_axe or not axe_too):
        return done
    page = shared_page(visits, browser, layout, large_text)
    found: dict[str, dict] = {}
    paths = every_page(site)
    if tables_only:
        paths = [p for p in paths if "<table" in page_file(site, p).read_text(encoding="utf-8")]
    for path in paths:
        # The stylesheets come before the head's script, so the page is laid out by DOMContentLoaded.
        page.goto(url + path, wait_until="domcontentloaded")
        found[path] = {
            "tables": page.evaluate("document.querySelectorAll('article table').length"),
            "listing": page.evaluate(LISTING_MEASURE),
            # Overflow on every page where axe runs too; the other layouts are checked per page kind.
            "overflow": page.evaluate(OVERFLOW) if axe_too else None,
            "axe": page.evaluate(RUN_AXE, WCAG_TAGS) if axe_too else None,
        }
    visits[key] = (found, not tables_only)
    return found
