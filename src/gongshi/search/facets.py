"""Facets (pagefind filters) of every searchable page, from the data model."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from gongshi.model.regions import region_levels
from gongshi.pages.entry import PAGE_SIZE, region_tree
from gongshi.search.contract import GROUP_LISTING, GROUP_RECORD
from gongshi.site import urls
from gongshi.site.site import Site


@dataclass
class SearchPage:
    path: str  # "issues/x/"
    title: str
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort_date: str = ""
    # The page's share of the search index, in issue pages: a listing of many issues (a
    # unit's or source's page) carries several times an issue page's pagefind data;
    # shards are cut by weight, so pagefind's memory per shard stays bounded.
    weight: float = 1.0
    group: int = GROUP_RECORD  # contract.GROUP_*: records first, then listings, hand-written pages last
    place: str = ""  # a record's region as the data writes it (PLACE_META): shown under the result's title

    @property
    def order(self) -> str:
        return order_key(self.group, self.sort_date)


def order_key(group: int, date: str | None) -> str:
    """A page's place in the results, largest first: its group, then its date (newest first)."""
    return f"{group}-{date or '0000-00-00'}"


def _clean(filters: dict[str, list]) -> dict[str, list[str]]:
    return {k: sorted({str(v) for v in values if v}) for k, values in filters.items() if any(values)}


def search_pages(site: Site) -> list[SearchPage]:
    data = site.data
    pages: list[SearchPage] = []
    for issue_id, issue in data.issues.items():
        source = data.sources.get(issue.source)
        units = [data.units[u].name for u in issue.all_units if u in data.units]
        years = [e.date.year for e in issue.progress if e.date]
        if issue.deadline and issue.deadline.due:
            years.append(issue.deadline.due.year)
        if source and source.feedback_date:
            years.append(source.feedback_date.year)
        window = site.windows.get(issue_id)
        if window:
            years.append(window.start.year)
        common: dict[str, list] = {
            "source": [source.name if source else issue.source],
            "region": region_levels(issue.region),
            "category": list(issue.category),
            "kind": [issue.kind],
        }
        pages.append(SearchPage(urls.issue(issue_id), issue.title, _clean({
            **common, "type": ["问题"], "status": [site.status(issue_id)], "unit": units, "year": years,
        }), sort_date=str(window.start if window else ""), place=issue.region or ""))
        if window:
            signoff = issue.signoff
            assert signoff is not None  # a notice window exists only for an issue with a sign-off notice
            office = data.units.get(signoff.office)
            pages.append(SearchPage(urls.notice(issue_id), signoff.title, _clean({
                **common, "type": ["整改销号公示"], "status": [window.state(site.today)],
                "unit": units + ([office.name] if office else []), "year": [window.start.year],
            }), sort_date=str(window.start), place=issue.region or ""))
    for petition_id, petition in data.petitions.items():
        source = data.sources.get(petition.source)
        pages.append(SearchPage(urls.petition(petition_id), f"信访件 {petition_id}", _clean({
            "type": ["信访件"], "status": [petition.status or "未注明"],
            "source": [source.name if source else petition.source], "region": region_levels(petition.region),
            "category": list(petition.pollution), "kind": ["交办信访件"],
            "unit": [data.units[u].name for u in petition.handling_units if u in data.units],
            "year": [petition.reported.year] if petition.reported else [],
        }), sort_date=str(petition.reported or ""), place=petition.region or ""))
    listed: Counter[tuple[str, str]] = Counter()  # records listed on each source's and unit's first page
    for issue in data.issues.values():
        listed[("sources", issue.source)] += 1
        listed.update(("units", u) for u in set(issue.all_units))
    listed.update(("sources", p.source) for p in data.petitions.values())
    for source_id, source in data.sources.items():
        years = [d.year for d in (source.feedback_date, source.stationing.start if source.stationing else None) if d]
        pages.append(SearchPage(urls.source(source_id), source.name, _clean({
            "type": ["督察来源"], "source": [source.name], "region": region_levels(source.region), "year": years,
        }), weight=_listing_weight(listed[("sources", source_id)]), group=GROUP_LISTING))
    for unit_id, unit in data.units.items():
        pages.append(SearchPage(urls.unit(unit_id), unit.name, _clean({
            "type": ["单位"], "unit": [unit.name], "region": region_levels(unit.region),
        }), weight=_listing_weight(listed[("units", unit_id)]), group=GROUP_LISTING))
    for region in region_tree(site):
        # A place's first page lists its issues and its petitions, a page's worth of each at most.
        records = min(region.count("issues"), PAGE_SIZE) + min(region.count("petitions"), PAGE_SIZE)
        pages.append(SearchPage(urls.region(region.path), region.full_name, _clean({
            "type": [REGION_TYPE], "region": list(region.path),
        }), weight=1 + records / 55, group=GROUP_LISTING))
    return pages


# The type of a place's page (regions/湖南省/益阳市/) in the search's type filter.
REGION_TYPE = "地区"


def _listing_weight(records: int) -> float:
    return 1 + min(records, PAGE_SIZE) / 55
