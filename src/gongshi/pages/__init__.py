"""Which pages the site has: one module per page kind, each a function Plan → [PageEntry].

A new page kind is one module here, one template in render/templates/ and its
path in site/urls.py (plus a facet in search/facets.py if it is searchable)."""

from __future__ import annotations

from gongshi.pages import (
    calendar,
    contacts,
    issues,
    notices,
    opendata,
    petitions,
    regions,
    search,
    sources,
    stats,
    units,
)
from gongshi.pages.entry import PageEntry, Plan
from gongshi.site.events import Calendar, build_events
from gongshi.site.site import Site

# In this order: issue records first, then listings and the site's own pages.
KINDS = (
    issues.records, issues.index, notices.index, sources.index, sources.records, units.index, units.records,
    petitions.index, petitions.records, regions.index, regions.records, calendar.pages, contacts.pages, stats.pages,
    opendata.pages, search.pages,
)


def build_pages(site: Site, cal: Calendar | None = None, feeds: list[str] | tuple[str, ...] = ()) -> list[PageEntry]:
    """Every generated page of the site. `cal` is the event calendar (built here if not given)."""
    plan = Plan.of(site, cal if cal is not None else build_events(site), list(feeds))
    return [entry for kind in KINDS for entry in kind(plan)]


__all__ = ["KINDS", "PageEntry", "Plan", "build_pages"]
