"""The list of pages the site consists of: {path, template, title, locals}.

Independent of mkdocs: a page entry names its URL path (directory style,
"issues/<id>/"), the body template and the values the template needs. The
mkdocs hook turns entries into virtual files; another engine could too.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Optional

from gongshi.model.status import NOTICE_STATES, STATUS_ORDER
from gongshi.search.facets import FACETS, LISTING_PAGE_SIZE
from gongshi.site.stats import breakdowns
from gongshi.site.load import Site

PAGE_SIZE = LISTING_PAGE_SIZE  # items per listing page: listings never grow without bound


@dataclass
class PageEntry:
    path: str  # "issues/x/"; "" is the home page
    template: str
    title: str
    locals: dict[str, Any] = field(default_factory=dict)
    data_file: Optional[str] = None  # the data file behind the page (for "edit this page")
    description: str = ""

    @property
    def src_uri(self) -> str:
        return f"{self.path}index.md"


def issue_path(issue_id: str) -> str:
    return f"issues/{issue_id}/"


def notice_path(issue_id: str) -> str:
    return f"issues/{issue_id}/notice/"


def source_path(source_id: str) -> str:
    return f"sources/{source_id}/"


def unit_path(unit_id: str) -> str:
    return f"units/{unit_id}/"


def petition_path(petition_id: str) -> str:
    return f"petitions/{petition_id}/"


def _paginate(base: str, items: list, size: int = PAGE_SIZE):
    """Yield (path, page_items, pager) for each page of a listing."""
    total = max(1, -(-len(items) // size))
    for number in range(1, total + 1):
        path = base if number == 1 else f"{base}page/{number}/"
        pager = {
            "number": number,
            "total": total,
            "count": len(items),
            "prev": None if number == 1 else (base if number == 2 else f"{base}page/{number - 1}/"),
            "next": None if number == total else f"{base}page/{number + 1}/",
        }
        yield path, items[(number - 1) * size: number * size], pager


def status_counts(site: Site, issue_ids) -> list[tuple[str, int]]:
    counts = Counter(site.status(i) for i in issue_ids)
    return [(s, counts[s]) for s in STATUS_ORDER if counts[s]]


def _issue_sort_key(site: Site):
    def key(issue_id: str):
        issue = site.data.issues[issue_id]
        return (issue.source, _natural(issue_id))
    return key


def _natural(text: str):
    return [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", text)]


def _record_pages(site: Site, base: str, template: str, title: str, issue_ids: list[str], data_file: str,
                  description: str, **extra) -> list[PageEntry]:
    """A source's or unit's page with its issues, paginated; the counts are the same on every page."""
    counts = status_counts(site, issue_ids)
    return [PageEntry(path, template, title, {"issues": items, "pager": pager, "counts": counts, **extra},
                      data_file, description)
            for path, items, pager in _paginate(base, issue_ids)]


def build_pages(site: Site, cal=None, feeds: list[str] = ()) -> list[PageEntry]:
    """Every page of the site. `cal` is the event calendar (built here if not given)."""
    from gongshi.site.events import build_events

    cal = cal if cal is not None else build_events(site)
    data = site.data
    pages: list[PageEntry] = []
    issues_by_source: dict[str, list[str]] = {s: [] for s in data.sources}
    issues_by_unit: dict[str, list[str]] = {u: [] for u in data.units}
    for issue_id in sorted(data.issues, key=_issue_sort_key(site)):
        issue = data.issues[issue_id]
        issues_by_source.setdefault(issue.source, []).append(issue_id)
        for unit in issue.all_units:
            issues_by_unit.setdefault(unit, []).append(issue_id)
    petitions_by_source: dict[str, list[str]] = {}
    for petition_id in sorted(data.petitions, key=_natural):
        petitions_by_source.setdefault(data.petitions[petition_id].source, []).append(petition_id)
    notices = sorted(
        (i for i in data.issues if i in site.windows),
        key=lambda i: (site.windows[i].start, i),
        reverse=True,
    )

    for issue_id, issue in data.issues.items():
        shown = data.file_of("issues", issue_id)
        pages.append(PageEntry(issue_path(issue_id), "issue.html", issue.title,
                               {"issue_id": issue_id}, shown, issue.problem))
        for old_id in issue.old_ids:
            # A renamed issue's old URL keeps working: a redirect page to the new one.
            pages.append(PageEntry(issue_path(old_id), "redirect.html", issue.title,
                                   {"target": issue_path(issue_id), "old_id": old_id, "new_id": issue_id}, shown))
        if issue.signoff is not None and issue_id in site.windows:
            pages.append(PageEntry(notice_path(issue_id), "notice.html", issue.signoff.title,
                                   {"issue_id": issue_id}, shown, issue.signoff.title))

    pages.append(PageEntry("issues/", "issues_index.html", "全部问题", {
        "groups": [(s, issues_by_source.get(s, [])) for s in sorted(data.sources)],
        "total": len(data.issues),
        "counts": status_counts(site, data.issues),
    }, description="全部督察整改问题，按督察来源分组，附整改状态统计"))

    open_notices = [i for i in notices if site.status(i) in NOTICE_STATES[:2]]
    for path, items, pager in _paginate("notices/", notices):
        pages.append(PageEntry(path, "notices_index.html", "整改销号公示", {
            "notices": items, "pager": pager, "open": open_notices,
        }, description="全部整改销号公示，最新的在前"))

    pages.append(PageEntry("sources/", "sources_index.html", "督察来源", {
        "sources": sorted(data.sources), "issues_by_source": issues_by_source,
        "petitions_by_source": petitions_by_source,
    }, description="中央和省生态环境保护督察、回头看、巡察、警示片"))
    for source_id, source in data.sources.items():
        pages.extend(_record_pages(site, source_path(source_id), "source.html", source.name,
                                   issues_by_source.get(source_id, []), data.file_of("sources", source_id),
                                   source.summary or source.name, source_id=source_id,
                                   petitions=petitions_by_source.get(source_id, [])))

    pages.append(PageEntry("units/", "units_index.html", "责任单位", {
        "units": sorted(data.units, key=lambda u: (data.units[u].region or "", data.units[u].name)),
        "issues_by_unit": issues_by_unit,
    }, description="责任单位、牵头单位和发布机关"))
    for unit_id, unit in data.units.items():
        pages.extend(_record_pages(site, unit_path(unit_id), "unit.html", unit.name, issues_by_unit.get(unit_id, []),
                                   data.file_of("units", unit_id), unit.display_name, unit_id=unit_id))

    petition_ids = sorted(data.petitions, key=_natural)
    for path, items, pager in _paginate("petitions/", petition_ids):
        pages.append(PageEntry(path, "petitions_index.html", "信访件办理", {
            "petitions": items, "pager": pager,
        }, description="督察组交办的群众信访件及办理情况"))
    for petition_id, petition in data.petitions.items():
        pages.append(PageEntry(petition_path(petition_id), "petition.html", f"信访件 {petition_id}",
                               {"petition_id": petition_id}, data.file_of("petitions", petition_id),
                               petition.finding_text or petition.handling or ""))
    pages.extend(calendar_pages(site, cal, list(feeds)))
    pages.append(contacts_page(site))
    pages.append(PageEntry("stats/", "stats.html", "统计", {"stats": breakdowns(site)},
                           description="整改问题、销号公示和信访件的数量统计"))
    pages.append(opendata_page(site))
    pages.append(PageEntry("search/", "search.html", "搜索", {"facets": FACETS},
                           description="按文字查找问题、公示、信访件、督察来源和单位，并按状态、地区、类别等筛选"))
    return pages


def home_locals(site: Site) -> dict[str, Any]:
    notices = sorted(site.windows, key=lambda i: (site.windows[i].start, i), reverse=True)
    return {
        "counts": status_counts(site, site.data.issues),
        "total": len(site.data.issues),
        "latest_notices": notices[:10],
        "open_notices": [i for i in notices if site.status(i) == "公示中"],
        "sources": sorted(site.data.sources),
        "petitions": len(site.data.petitions),
    }


# --- publication calendar ---------------------------------------------------

CALENDAR_WINDOW_DAYS = 30  # "starts soon" / "ended recently"
LIST_CAP = 50  # longest list on the calendar overview before "and N more"


def _months_touched(event) -> list[tuple[int, int]]:
    months = []
    year, month = event.start.year, event.start.month
    while (year, month) <= (event.end.year, event.end.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def month_path(year: int, month: int) -> str:
    return f"calendar/{year:04d}-{month:02d}/"


def month_grid(year: int, month: int, events: list, calendar) -> list[list[dict]]:
    """Weeks (Monday first) of day cells: date, events touching it, working day or None if unknown."""
    first = dt.date(year, month, 1)
    start = first - dt.timedelta(days=first.weekday())
    weeks = []
    day = start
    while True:
        week = []
        for _ in range(7):
            in_month = day.month == month
            workday = calendar.is_workday(day) if in_month and calendar.covers(day.year) else None
            week.append({
                "date": day, "in_month": in_month, "workday": workday,
                "events": [e for e in events if e.start <= day <= e.end] if in_month else [],
            })
            day += dt.timedelta(days=1)
        weeks.append(week)
        if day.month != month:
            break
    return weeks


def calendar_pages(site: Site, cal, feeds: list[str]) -> list[PageEntry]:
    today = site.today
    soon = today + dt.timedelta(days=CALENDAR_WINDOW_DAYS)
    recent = today - dt.timedelta(days=CALENDAR_WINDOW_DAYS)
    events = cal.events
    by_month: dict[tuple[int, int], list] = {}
    for event in events:
        for key in _months_touched(event):
            by_month.setdefault(key, []).append(event)
    current = (today.year, today.month)
    months = sorted(set(by_month) | {current})
    overdue = [i for i in sorted(site.data.issues, key=_natural) if site.overdue(i)]
    pages = [PageEntry("calendar/", "calendar.html", "公示日历", {
        "open_now": [e for e in events if e.start <= today <= e.end and e.kind in ("notice", "stationing")],
        "starting": [e for e in events if today < e.start <= soon][:LIST_CAP],
        "ended": [e for e in events if recent <= e.end < today and e.kind != "deadline"][-LIST_CAP:],
        "overdue": overdue[:LIST_CAP], "overdue_total": len(overdue),
        "duties": sorted(site.data.duties), "missing_years": cal.missing_years,
        "months": months, "current": current, "feeds": feeds,
        "grid": month_grid(*current, by_month.get(current, []), site.data.calendar),
        "month_events": by_month.get(current, []),
    }, description="整改销号公示、整改时限、定期报送和督察进驻的日历")]
    for index, (year, month) in enumerate(months):
        month_events = by_month.get((year, month), [])
        pages.append(PageEntry(month_path(year, month), "calendar_month.html", f"{year}年{month}月 公示日历", {
            "year": year, "month": month, "month_events": month_events,
            "grid": month_grid(year, month, month_events, site.data.calendar),
            "prev": month_path(*months[index - 1]) if index else None,
            "next": month_path(*months[index + 1]) if index + 1 < len(months) else None,
            "missing_years": cal.missing_years,
        }, description=f"{year}年{month}月的整改销号公示、整改时限和督察安排"))
    return pages


def contacts_page(site: Site) -> PageEntry:
    data = site.data
    with_channels = [u for u in sorted(data.units, key=lambda u: (data.units[u].region or "", data.units[u].name))
                     if data.units[u].has_contact]
    return PageEntry("contacts/", "contacts.html", "联系方式", {"units": with_channels},
                     description="公示异议、监督举报和咨询的电话、邮箱和通信地址")


def opendata_page(site: Site) -> PageEntry:
    from gongshi.model.field_docs import describe
    from gongshi.outputs.opendata import IssueOut, NoticeOut, PetitionOut

    def fields(model, kind):
        return [(name, describe(kind, name) or describe("notice", name)) for name in model.model_fields]

    return PageEntry("opendata/", "opendata.html", "开放数据", {
        "licence": site.data.settings.licence, "issue_count": len(site.data.issues),
        "petition_count": len(site.data.petitions),
        "data_schemas": [("issues", "问题"), ("sources", "督察来源"), ("units", "单位"), ("petitions", "信访件"), ("duties", "定期报送要求")],
        "field_tables": [
            ("问题的字段（issues.json、index.json）", "issue-fields", fields(IssueOut, "issues")),
            ("整改销号公示的字段（notice）", "notice-fields", fields(NoticeOut, "notice")),
            ("信访件的字段（petitions.json）", "petition-fields", fields(PetitionOut, "petitions")),
        ],
    }, description="下载全部整改问题和信访件数据（JSON、CSV）、数据说明和订阅")
