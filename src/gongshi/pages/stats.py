"""Counts of issues, notices and petitions."""

from __future__ import annotations

from gongshi.pages.entry import PageEntry, Plan
from gongshi.site import urls
from gongshi.site.stats import breakdowns


def pages(plan: Plan) -> list[PageEntry]:
    return [PageEntry(urls.STATS, "stats.html", "统计", {"stats": breakdowns(plan.site)},
                      description="整改问题、销号公示和信访件的数量统计")]
