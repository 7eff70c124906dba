"""Responsible units: the list, and a page per unit with its issues."""

from __future__ import annotations

from gongshi.pages.entry import PageEntry, Plan, by_region_and_name, record_pages
from gongshi.site import urls


def index(plan: Plan) -> list[PageEntry]:
    return [PageEntry(urls.UNITS, "units_index.html", "责任单位", {
        "units": by_region_and_name(plan.site), "issues_by_unit": plan.issues_by_unit,
    }, description="责任单位、牵头单位和发布机关")]


def records(plan: Plan) -> list[PageEntry]:
    site, data = plan.site, plan.site.data
    pages: list[PageEntry] = []
    for unit_id, unit in data.units.items():
        pages.extend(record_pages(site, urls.unit(unit_id), "unit.html", unit.name,
                                  plan.issues_by_unit.get(unit_id, []), data.file_of("units", unit_id),
                                  unit.display_name, unit_id=unit_id))
    return pages
