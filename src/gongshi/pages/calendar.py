"""The publication calendar: an overview and a page per month.

Public events (notices' windows, deadlines, inspections) and internal reporting duties are kept apart:
duties are listed in their own labelled section, never among the public events. In a month's lists an
event spanning several days is listed once, under its first day in the month (or under "接上月" when it
began earlier), and the grid marks the days it covers.
"""

from __future__ import annotations

import datetime as dt

from gongshi.pages.entry import PageEntry, Plan, natural
from gongshi.site import urls
from gongshi.site.events import PROJECTED_NOTE, duty_confirmed_until

CALENDAR_WINDOW_DAYS = 30  # "starts soon" / "ended recently"
LIST_CAP = 50  # longest list on the calendar overview before "and N more"
# The grid's short mark for a day inside a multi-day event, by kind.
SPAN_TAG = {"notice": "公示", "stationing": "进驻"}


def _months_touched(event) -> list[tuple[int, int]]:
    months = []
    year, month = event.start.year, event.start.month
    while (year, month) <= (event.end.year, event.end.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def month_view(year: int, month: int, events: list, calendar) -> dict:
    """A month's public events listed once each, its grid and its duties.

    grid: weeks (Monday first) of day cells: date, in_month, workday (None if unknown), starts (public
    events listed under that day), spans (tags of the multi-day events covering it, in order).
    carried: public events begun before the month; days: (date, events) for days that start something;
    duties: the month's reporting duties.
    """
    first = dt.date(year, month, 1)
    public = [e for e in events if e.public]
    starts: dict[dt.date, list] = {}
    for event in public:
        if event.start >= first:
            starts.setdefault(event.start, []).append(event)
    spanning = [e for e in public if e.start != e.end and e.kind in SPAN_TAG]
    start = first - dt.timedelta(days=first.weekday())
    weeks: list[list[dict]] = []
    tags_seen: dict[str, None] = {}
    day = start
    while True:
        week = []
        for _ in range(7):
            in_month = day.month == month
            workday = calendar.is_workday(day) if in_month and calendar.covers(day.year) else None
            tags = list(dict.fromkeys(SPAN_TAG[e.kind] for e in spanning if e.start <= day <= e.end))
            if in_month:
                tags_seen.update(dict.fromkeys(tags))
            week.append({
                "date": day, "in_month": in_month, "workday": workday,
                "starts": starts.get(day, []) if in_month else [],
                "spans": tags if in_month else [],
            })
            day += dt.timedelta(days=1)
        weeks.append(week)
        if day.month != month:
            break
    return {
        "year": year, "month": month, "grid": weeks,
        "carried": [e for e in public if e.start < first],
        "span_tags": list(tags_seen),
        "days": sorted(starts.items()),
        "duties": [e for e in events if not e.public],
        "covered": calendar.covers(year),
    }


def pages(plan: Plan) -> list[PageEntry]:
    site, cal, feeds = plan.site, plan.calendar, plan.feeds
    today = site.today
    soon = today + dt.timedelta(days=CALENDAR_WINDOW_DAYS)
    recent = today - dt.timedelta(days=CALENDAR_WINDOW_DAYS)
    events = cal.events
    public = [e for e in events if e.public]
    by_month: dict[tuple[int, int], list] = {}
    for event in events:
        for key in _months_touched(event):
            by_month.setdefault(key, []).append(event)
    current = (today.year, today.month)
    months = sorted(set(by_month) | {current})
    overdue = [i for i in sorted(site.data.issues, key=natural) if site.overdue(i)]
    duty_events: dict[str, list] = {}
    for event in events:
        if not event.public:
            duty_events.setdefault(event.path, []).append(event)
    pages = [PageEntry(urls.CALENDAR, "calendar.html", "公示日历", {
        "open_now": [e for e in public if e.start <= today <= e.end and e.kind in ("notice", "stationing")],
        "starting": [e for e in public if today < e.start <= soon][:LIST_CAP],
        "ended": [e for e in public if recent <= e.end < today and e.kind != "deadline"][-LIST_CAP:],
        "overdue": overdue[:LIST_CAP], "overdue_total": len(overdue),
        "duties": sorted(site.data.duties), "duty_events": duty_events, "missing_years": cal.missing_years,
        "months": months, "current": current, "feeds": feeds,
        "uncovered_years": sorted({y for y, _ in months if not site.data.calendar.covers(y)}),
        "view": month_view(*current, by_month.get(current, []), site.data.calendar),
        "projected_note": PROJECTED_NOTE,
        "duty_confirmed": {i: duty_confirmed_until(d) for i, d in site.data.duties.items()},
    }, description="整改销号公示、整改时限和督察进驻的日历，另列有关单位的内部报送要求")]
    for index, (year, month) in enumerate(months):
        pages.append(PageEntry(urls.month(year, month), "calendar_month.html", f"{year}年{month}月 公示日历", {
            "year": year, "month": month,
            "view": month_view(year, month, by_month.get((year, month), []), site.data.calendar),
            "prev": urls.month(*months[index - 1]) if index else None,
            "next": urls.month(*months[index + 1]) if index + 1 < len(months) else None,
            "missing_years": cal.missing_years, "projected_note": PROJECTED_NOTE,
        }, description=f"{year}年{month}月的整改销号公示、整改时限和督察安排"))
    return pages
