"""Administrative levels in a region's text (湖南省益阳市沅江市 → 省, 市, 县 levels)."""

from __future__ import annotations

import re

_ADMIN = re.compile(r".+?(?:自治区|自治州|特别行政区|地区|省|市|县|区|盟|旗|镇|乡|街道)")


def region_levels(region: str | None) -> list[str]:
    """湖南省益阳市沅江市 → [湖南省, 益阳市, 沅江市]: a filter on any level finds it."""
    if not region:
        return []
    levels = _ADMIN.findall(region.split("、")[0])
    return levels or [region]
