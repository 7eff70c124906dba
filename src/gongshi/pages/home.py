"""The home page's values (its Markdown is hand-written in docs/index.md; the engine adds these)."""

from __future__ import annotations

from typing import Any

from gongshi.model.regions import Region
from gongshi.pages.entry import REGION_KINDS, region_tree, status_counts
from gongshi.pages.notices import newest_first
from gongshi.site.site import Site
from gongshi.site.updates import updates

RECENT = 10  # updates listed under 最近更新


def home_locals(site: Site) -> dict[str, Any]:
    notices = newest_first(site)
    # Open first, fewest days left first; then the ones about to open, soonest first.
    open_now = sorted((i for i in notices if site.windows[i].state(site.today) == "公示中"),
                      key=lambda i: (site.windows[i].end, i))
    upcoming = sorted((i for i in notices if site.windows[i].state(site.today) == "即将公示"),
                      key=lambda i: (site.windows[i].start, i))
    ended = [i for i in notices if site.windows[i].state(site.today) == "公示期满"]
    last_changes = [h.last for h in site.history.files.values() if h.last]
    return {
        "counts": status_counts(site, site.data.issues),
        "total": len(site.data.issues),
        "open_notices": open_now + upcoming,
        "latest_notice": max(ended, key=lambda i: (site.windows[i].end, i), default=None),
        # A record entering the data is not news to a reader (the first import adds hundreds on one day).
        "recent": [u for u in updates(site) if not u.is_new_record][:RECENT],
        # This site's date: the last time its data changed (git), else the build date.
        "data_updated": max(last_changes, default=None),
        "petitions": len(site.data.petitions),
        "regions": top_places(site),
    }


def top_places(site: Site) -> list[tuple[Region, list[Region]]]:
    """按地区查看: the top places (provinces …) and the places under them (cities …) that have issues
    or petitions, most issues first; the regions page lists every place."""
    def shown(places):
        return [r for r in places if any(r.count(kind) for kind in REGION_KINDS)]
    return [(top, shown(top.children.values())) for top in shown(region_tree(site).roots.values())]
