"""Listings on phones: a card per record, never a table squeezed to one or two characters per line.

Every page of the sample site that has a table is opened at 360 and 390 px, with and without 大字, and on a
desktop: listing tables (class gs-cards) read as cards on phones and as tables on the desktop; every table
cell shown as a column is at least four characters wide."""

from __future__ import annotations

import pytest

from pagekinds import shared_page

MEASURE = """() => {
  const out = {cards: 0, tables: 0, narrow: [], squeezed: [], heights: [], cardDisplay: []};
  for (const table of document.querySelectorAll("article table")) {
    if (table.closest(".gs-month")) continue;  // the month grid is a calendar, not a listing (see test below)
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
      if (title) {  // the lines below the title, in lines of the card's text
        const below = row.clientHeight - parseFloat(rs.paddingTop) - parseFloat(rs.paddingBottom)
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


def table_pages(site) -> list[str]:
    pages = []
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        if rel.startswith("assets/") or "<table" not in html.read_text(encoding="utf-8"):
            continue
        pages.append(rel.removesuffix("index.html"))
    return pages


@pytest.fixture(scope="module")
def measured(page_site, page_url, chromium, visits):
    """Every page with a table, measured once per layout: {(layout, large): {page: measures}}."""
    pages = table_pages(page_site)
    assert len(pages) > 40  # issues, notices, sources, units, petitions, calendar, stats, opendata...
    seen = {}
    for layout, large in [("phone", False), ("phone", True), ("phone-390", False), ("phone-390", True),
                          ("desktop", False)]:
        page = shared_page(visits, chromium, layout, large)
        seen[layout, large] = {}
        for path in pages:
            page.goto(page_url + path)
            seen[layout, large][path] = page.evaluate(MEASURE)
    return seen


LAYOUTS = [("phone", False), ("phone", True), ("phone-390", False), ("phone-390", True)]


@pytest.mark.parametrize(("layout", "large"), LAYOUTS)
def test_listings_are_cards_on_phones(measured, layout, large):
    pages = measured[layout, large]
    assert sum(m["cards"] for m in pages.values()) > 200  # the sample's listings really are shown as cards
    assert all(d == "block" for m in pages.values() for d in m["cardDisplay"])
    squeezed = {p: m["squeezed"][:3] for p, m in pages.items() if m["squeezed"]}
    assert squeezed == {}, "a card's cell wraps into more lines than its text needs"


@pytest.mark.parametrize(("layout", "large"), [*LAYOUTS, ("desktop", False)])
def test_no_table_column_is_narrower_than_four_characters(measured, layout, large):
    pages = measured[layout, large]
    narrow = {p: m["narrow"][:3] for p, m in pages.items() if m["narrow"]}
    assert narrow == {}


def test_listings_stay_tables_on_a_desktop(measured):
    pages = measured["desktop", False]
    assert sum(m["tables"] for m in pages.values()) > 40
    assert all(d == "table" for m in pages.values() for d in m["cardDisplay"])
    assert sum(m["cards"] for m in pages.values()) == 0


@pytest.mark.parametrize(("layout", "large"), LAYOUTS)
def test_an_issue_card_is_its_title_and_at_most_three_lines(measured, layout, large, record_property):
    """Below the title: the status badge and place · deadline (· source), in at most three lines (a table
    row of the old issue list took nine on a 390-px phone)."""
    heights = [h for path, m in measured[layout, large].items() if path.startswith(("issues/", "sources/"))
               for h in m["heights"]]
    assert len(heights) > 30
    record_property("card lines below title", {"max": round(max(heights), 1), "layout": layout, "large": large})
    assert max(heights) <= 3.3, max(heights)  # three lines; the badge's border makes its line a little taller
