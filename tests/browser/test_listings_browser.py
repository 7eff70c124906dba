"""Listings on phones: a card per record, never a table squeezed to one or two characters per line.

Every page of the sample site that has a table is opened at 360 and 390 px, with and without 大字, and on a
desktop: listing tables (class gs-cards) read as cards on phones and as tables on the desktop; every table
cell shown as a column is at least four characters wide."""

from __future__ import annotations

import pytest

from pagekinds import sweep

LAYOUTS = [("phone", False), ("phone", True), ("phone-390", False), ("phone-390", True)]


@pytest.fixture(scope="module")
def measured(page_site, page_url, chromium, visits):
    """Every page with a table, measured once per layout: {(layout, large): {page: measures}} (the phone
    sweep without 大字 is the one the accessibility test runs axe in)."""
    seen = {}
    for layout, large in [*LAYOUTS, ("desktop", False)]:
        # The phone sweep without 大字 covers every page (axe runs there); the others, the pages with a table.
        every = (layout, large) == ("phone", False)
        swept = sweep(visits, chromium, page_url, page_site, layout, large, axe_too=every, tables_only=not every)
        seen[layout, large] = {path: found["listing"] for path, found in swept.items() if found["tables"]}
    assert len(seen["phone", False]) > 40  # issues, notices, sources, units, petitions, calendar, stats, opendata...
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
