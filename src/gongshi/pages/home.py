"""The home page's values (its Markdown is hand-written in docs/index.md; the engine adds these)."""

from __future__ import annotations

from typing import Any

from gongshi.model.regions import Region
from gongshi.pages.entry import REGION_KINDS, region_tree, status_counts
from gongshi.pages.notices import newest_first
from gongshi.site.site import Site


def home_locals(site: Site) -> dict[str, Any]:
    notices = newest_first(site)
    return {
        "counts": status_counts(site, site.data.issues),
        "total": len(site.data.issues),
        "latest_notices": notices[:10],
        "open_notices": [i for i in notices if site.status(i) == "公示中"],
        "sources": sorted(site.data.sources),
        "petitions": len(site.data.petitions),
        "regions": top_places(site),
    }


def top_places(site: Site) -> list[tuple[Region, list[Region]]]:
    """按地区查看: the top places (provinces …) and the places under them (cities …) that have issues
    or petitions, most issues first; the regions page lists every place."""
    def shown(places):
        return [r for r in places if any(r.count(kind) for kind in REGION_KINDS)]
    return [(top, shown(top.children.values())) for top in shown(region_tree(site).roots.values())]
