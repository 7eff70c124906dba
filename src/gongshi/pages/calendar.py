"""The publication calendar: an overview and a page per month."""

from __future__ import annotations

import datetime as dt

from gongshi.pages.entry import PageEntry, Plan, natural
from gongshi.site import urls

CALENDAR_WINDOW_DAYS = 30  # "starts soon" / "ended recently"
LIST_CAP = 50  # longest list on the calendar overview before "and N more"


def _months_touched(event) -> list[tuple[int, int]]:
    months = []
    year, month = event.start.year, event.start.month
    while (year, month) <= (event.end.year, event.end.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


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


def pages(plan: Plan) -> list[PageEntry]:
    site, cal, feeds = plan.site, plan.calendar, plan.feeds
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
    overdue = [i for i in sorted(site.data.issues, key=natural) if site.overdue(i)]
    pages = [PageEntry(urls.CALENDAR, "calendar.html", "公示日历", {
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
        pages.append(PageEntry(urls.month(year, month), "calendar_month.html", f"{year}年{month}月 公示日历", {
            "year": year, "month": month, "month_events": month_events,
            "grid": month_grid(year, month, month_events, site.data.calendar),
            "prev": urls.month(*months[index - 1]) if index else None,
            "next": urls.month(*months[index + 1]) if index + 1 < len(months) else None,
            "missing_years": cal.missing_years,
        }, description=f"{year}年{month}月的整改销号公示、整改时限和督察安排"))
    return pages
