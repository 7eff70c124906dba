"""A page of the site, independent of any engine, and what every page kind shares.

A page entry names its URL path (directory style, "issues/<id>/"), the body
template and the values the template needs. The build turns entries into the
engine's pages (adapters/mkdocs makes them virtual files).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from gongshi.model.regions import RegionTree
from gongshi.model.status import STATUS_ORDER
from gongshi.site import urls
from gongshi.site.events import Calendar
from gongshi.site.site import Site

PAGE_SIZE = 100  # items per listing page: listings never grow without bound


@dataclass
class PageEntry:
    path: str  # "issues/x/"; "" is the home page
    template: str
    title: str
    locals: dict[str, Any] = field(default_factory=dict)
    data_file: str | None = None  # the data file behind the page (for "edit this page")
    description: str = ""

    @property
    def src_uri(self) -> str:
        return f"{self.path}index.md"


@dataclass
class Plan:
    """What the page kinds share while the page list is made: the site, the event
    calendar, the generated feeds, and the records grouped once for every listing."""

    site: Site
    calendar: Calendar
    feeds: list[str]
    issues_by_source: dict[str, list[str]] = field(default_factory=dict)
    issues_by_unit: dict[str, list[str]] = field(default_factory=dict)
    petitions_by_source: dict[str, list[str]] = field(default_factory=dict)
    regions: RegionTree = field(default_factory=RegionTree)

    @classmethod
    def of(cls, site: Site, calendar: Calendar, feeds: list[str]) -> Plan:
        data = site.data
        plan = cls(site, calendar, feeds, {s: [] for s in data.sources}, {u: [] for u in data.units},
                   regions=region_tree(site))
        for issue_id in sorted(data.issues, key=issue_sort_key(site)):
            issue = data.issues[issue_id]
            plan.issues_by_source.setdefault(issue.source, []).append(issue_id)
            for unit in issue.all_units:
                plan.issues_by_unit.setdefault(unit, []).append(issue_id)
        for petition_id in sorted(data.petitions, key=natural):
            plan.petitions_by_source.setdefault(data.petitions[petition_id].source, []).append(petition_id)
        return plan


def paginate(base: str, items: list, size: int = PAGE_SIZE):
    """Yield (path, page_items, pager) for each page of a listing."""
    total = max(1, -(-len(items) // size))
    for number in range(1, total + 1):
        pager = {
            "number": number,
            "total": total,
            "count": len(items),
            "prev": None if number == 1 else urls.listing_page(base, number - 1),
            "next": None if number == total else urls.listing_page(base, number + 1),
        }
        yield urls.listing_page(base, number), items[(number - 1) * size: number * size], pager


def status_counts(site: Site, issue_ids) -> list[tuple[str, int]]:
    counts = Counter(site.status(i) for i in issue_ids)
    return [(s, counts[s]) for s in STATUS_ORDER if counts[s]]


def issue_sort_key(site: Site):
    def key(issue_id: str):
        issue = site.data.issues[issue_id]
        return (issue.source, natural(issue_id))
    return key


def natural(text: str):
    return [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", text)]


def record_pages(site: Site, base: str, template: str, title: str, issue_ids: list[str], data_file: str | None,
                 description: str, **extra) -> list[PageEntry]:
    """A source's, unit's or region's page with its issues, paginated; the counts are the same on every page."""
    counts = status_counts(site, issue_ids)
    return [PageEntry(path, template, title, {"issues": items, "pager": pager, "counts": counts, **extra},
                      data_file, description)
            for path, items, pager in paginate(base, issue_ids)]


def by_region_and_name(site: Site) -> list[str]:
    units = site.data.units
    return sorted(units, key=lambda u: (units[u].region or "", units[u].name))


# The kinds of records a place's page lists (RegionTree members); places are ordered by them.
REGION_KINDS = ("issues", "petitions")


def region_tree(site: Site) -> RegionTree:
    """Every place the records name (issues, petitions, units, sources: each has a page to link
    it to), with the issues and petitions in it in listing order; places with more of them first."""
    data = site.data
    tree = RegionTree()
    for issue_id in sorted(data.issues, key=issue_sort_key(site)):
        tree.add("issues", issue_id, data.issues[issue_id].region)
    for petition_id in sorted(data.petitions, key=natural):
        tree.add("petitions", petition_id, data.petitions[petition_id].region)
    for unit_id, unit in data.units.items():
        tree.add("units", unit_id, unit.region)
    for source_id, source in data.sources.items():
        tree.add("sources", source_id, source.region)
    tree.sort(REGION_KINDS)
    return tree
