"""The home page's values (its Markdown is hand-written in docs/index.md; the engine adds these)."""

from __future__ import annotations

from typing import Any

from gongshi.pages.entry import status_counts
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
    }
