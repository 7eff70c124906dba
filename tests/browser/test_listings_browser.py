"""Listings on phones: a card per record, never a table squeezed to one or two characters per line.

Every page of the sample site that has a table is opened at 360 and 390 px, with and without 大字, and on a
desktop: listing tables (class gs-cards) read as cards on phones and as tables on the desktop; every table
cell shown as a column is at least four characters wide."""

from __future__ import annotations

import pytest

from pagekinds import LAYOUTS as PAGE_LAYOUTS
from pagekinds import LISTING_MEASURE, every_page, page_file

LAYOUTS = [("phone", False), ("phone", True), ("phone-390", False), ("phone-390", True)]


@pytest.fixture(scope="module")
def measured(page_site, page_url, chromium):
    """Every page with a table, measured in each layout: {(layout, large): {page: measures}}. A page is
    opened once on a phone and measured at 360 and 390 px, with and without 大字 (the switch's class on
    <html>: what the 大字 button sets), then once on a desktop."""
    pages = [path for path in every_page(page_site) if "<table" in page_file(page_site, path).read_text("utf-8")]
    assert len(pages) > 40  # issues, notices, sources, units, petitions, places, calendar, stats, opendata...
    seen: dict[tuple[str, bool], dict[str, dict]] = {key: {} for key in [*LAYOUTS, ("desktop", False)]}
    for device, layouts in (("phone", LAYOUTS), ("desktop", [("desktop", False)])):
        context = chromium.new_context(**PAGE_LAYOUTS[device])
        page = context.new_page()
        for path in pages:
            page.set_viewport_size(PAGE_LAYOUTS[device]["viewport"])
            page.goto(page_url + path, wait_until="domcontentloaded")
            for layout, large in layouts:
                page.set_viewport_size(PAGE_LAYOUTS[layout]["viewport"])
                page.evaluate("large => document.documentElement.classList.toggle('gs-large-text', large)", large)
                seen[layout, large][path] = page.evaluate(LISTING_MEASURE)
        context.close()
    return seen




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
    """Below the title: the status badge and place · deadline in at most three lines, mostly two (then, on a
    unit's or a place's page, the inspection's name on its own). A table row of the old issue list took nine
    lines on a 390-px phone."""
    heights = [h for path, m in measured[layout, large].items()
               if path.startswith(("issues/", "sources/", "units/", "regions/")) for h in m["heights"]]
    assert len(heights) > 30
    record_property("card lines below title", {"max": round(max(heights), 1), "layout": layout, "large": large})
    assert max(heights) <= 3.3, max(heights)  # three lines; the badge's border makes its line a little taller
