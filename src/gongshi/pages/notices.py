"""The list of sign-off notices, newest first."""

from __future__ import annotations

from gongshi.model.status import NOTICE_STATES
from gongshi.pages.entry import PageEntry, Plan, paginate
from gongshi.site import urls
from gongshi.site.site import Site


def newest_first(site: Site) -> list[str]:
    return sorted(site.windows, key=lambda i: (site.windows[i].start, i), reverse=True)


def index(plan: Plan) -> list[PageEntry]:
    site = plan.site
    notices = [i for i in newest_first(site) if i in site.data.issues]
    open_notices = [i for i in notices if site.status(i) in NOTICE_STATES[:2]]
    return [PageEntry(path, "notices_index.html", "整改销号公示",
                      {"notices": items, "pager": pager, "open": open_notices},
                      description="全部整改销号公示，最新的在前")
            for path, items, pager in paginate(urls.NOTICES, notices)]
