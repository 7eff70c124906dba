"""The channels for objections, reports and questions."""

from __future__ import annotations

from gongshi.pages.entry import PageEntry, Plan, by_region_and_name
from gongshi.site import urls


def pages(plan: Plan) -> list[PageEntry]:
    units = plan.site.data.units
    with_channels = [u for u in by_region_and_name(plan.site) if units[u].has_contact]
    return [PageEntry(urls.CONTACTS, "contacts.html", "联系方式", {"units": with_channels},
                      description="公示异议、监督举报和咨询的电话、邮箱和通信地址")]
