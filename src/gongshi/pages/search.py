"""The search page, with the facets (search filters) it offers."""

from __future__ import annotations

from gongshi.pages.entry import PageEntry, Plan
from gongshi.site import urls

FACETS = {  # key → label, in the order the search page shows them
    "type": "页面类型",
    "status": "状态",
    "source": "督察来源",
    "region": "地区",
    "category": "类别",
    "unit": "责任单位",
    "kind": "问题类型",
    "year": "年份",
}


def pages(plan: Plan) -> list[PageEntry]:
    return [PageEntry(urls.SEARCH, "search.html", "搜索", {"facets": FACETS},
                      description="按文字查找问题、公示、信访件、督察来源和单位，并按状态、地区、类别等筛选")]
