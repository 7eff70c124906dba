"""Browse by area: the tree of places (省 → 市 → 县), and a page per place with its issues and petitions.

The places are those the records' region texts name (model/regions.py); a place's page counts
and lists the records of the places under it too.
"""

from __future__ import annotations

from gongshi.model.regions import Region
from gongshi.pages.entry import PAGE_SIZE, PageEntry, Plan, paginate, record_pages
from gongshi.site import urls
from gongshi.site.site import Site

OPEN = "公示中"


def index(plan: Plan) -> list[PageEntry]:
    tree = plan.regions
    return [PageEntry(urls.REGIONS, "regions_index.html", "按地区查看", {"roots": list(tree.roots.values())},
                      description="按省、市、县查看督察整改问题、整改销号公示和信访件")]


def open_notices(site: Site, issue_ids: list[str]) -> list[str]:
    """The issues whose sign-off notice is open for objections today, the soonest to close first."""
    found = [i for i in issue_ids if i in site.windows and site.windows[i].state(site.today) == OPEN]
    return sorted(found, key=lambda i: site.windows[i].end)


def description(region: Region) -> str:
    issues, petitions = region.count("issues"), region.count("petitions")
    return (f"{region.full_name}的生态环境保护督察整改问题（{issues} 个）、整改销号公示"
            + (f"和信访件（{petitions} 件）" if petitions else ""))


def records(plan: Plan) -> list[PageEntry]:
    site, feeds = plan.site, set(plan.feeds)
    pages: list[PageEntry] = []
    for region in plan.regions:
        issues, petitions = region.ids("issues"), region.ids("petitions")
        notices = open_notices(site, issues)
        feed = urls.region_feed(region.name)
        more = urls.region_petitions(region.path) if len(petitions) > PAGE_SIZE else None
        pages.extend(record_pages(
            site, urls.region(region.path), "region.html", region.full_name, issues, None, description(region),
            region=region, petitions=petitions[:PAGE_SIZE], petition_count=len(petitions), petitions_more=more,
            open_notices=notices[:PAGE_SIZE], open_count=len(notices),
            units=region.ids("units")[:PAGE_SIZE], unit_count=region.count("units"),
            sources=region.ids("sources")[:PAGE_SIZE], source_count=region.count("sources"),
            feed=feed if feed in feeds else None,
        ))
        if more:
            pages.extend(PageEntry(path, "region_petitions.html", f"{region.full_name}：信访件",
                                   {"region": region, "petitions": items, "pager": pager},
                                   description=f"{region.full_name}的督察交办信访件及办理情况")
                         for path, items, pager in paginate(more, petitions))
    return pages
