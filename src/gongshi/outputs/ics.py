"""iCalendar (RFC 5545) feeds written with the icalendar library.

One feed for the whole site, one per unit and one per source. Events are
whole-day (VALUE=DATE; DTEND is the day after the last day, as the RFC
says), have stable UIDs so a subscribed calendar updates them in place, and
link back to their page. DTSTAMP is the build date, so the same data and
build date give the same bytes.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from urllib.parse import urljoin

from icalendar import Calendar as ICalendar
from icalendar import Event as IEvent

from gongshi.site import urls
from gongshi.site.events import Calendar, Event
from gongshi.site.site import Site

PRODID = "-//gongshi//整改公示日历//ZH"
UID_DOMAIN = "gongshi"


def _component(event: Event, stamp: dt.datetime, site_url: str | None) -> bytes:
    """One VEVENT, serialised."""
    item = IEvent()
    item.add("uid", f"{event.uid}@{UID_DOMAIN}")
    item.add("dtstamp", stamp)
    item.add("dtstart", event.start)
    item.add("dtend", event.end + dt.timedelta(days=1))
    item.add("summary", event.title + ("（按原通知推算）" if event.projected else ""))
    item.add("categories", [event.label])
    item.add("transp", "TRANSPARENT")  # informational: does not block time
    description = event.description
    if site_url:
        url = urljoin(site_url if site_url.endswith("/") else site_url + "/", event.path)
        item.add("url", url)
        description = (description + "\n" if description else "") + url
    if description:
        item.add("description", description)
    return item.to_ical()


def feed(events: list[Event], name: str, today: dt.date, site_url: str | None, cache: dict | None = None) -> bytes:
    """One VCALENDAR; each event is serialised once and reused across feeds (cache)."""
    cal = ICalendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Asia/Shanghai")
    stamp = dt.datetime(today.year, today.month, today.day, tzinfo=dt.UTC)
    cache = {} if cache is None else cache
    body = b"".join(cache[e.uid] if e.uid in cache else cache.setdefault(e.uid, _component(e, stamp, site_url))
                    for e in events)
    head, end = cal.to_ical().rsplit(b"END:VCALENDAR", 1)
    return head + body + b"END:VCALENDAR" + end


def grouped(site: Site, calendar: Calendar) -> dict[str, tuple[str, list[Event]]]:
    """Feed path → (calendar name, events): the site's, and each unit's and source's with events."""
    name = site.data.settings.site_name
    by_unit: dict[str, list[Event]] = defaultdict(list)
    by_source: dict[str, list[Event]] = defaultdict(list)
    for event in calendar.events:
        for unit in event.units:
            by_unit[unit].append(event)
        if event.source:
            by_source[event.source].append(event)
    groups = {urls.SITE_CALENDAR: (name, calendar.events)}
    for unit_id, events in sorted(by_unit.items()):
        if unit_id in site.data.units:
            groups[urls.unit_calendar(unit_id)] = (f"{name} · {site.data.units[unit_id].name}", events)
    for source_id, events in sorted(by_source.items()):
        if source_id in site.data.sources:
            groups[urls.source_calendar(source_id)] = (f"{name} · {site.data.sources[source_id].name}", events)
    return groups


def write(site: Site, calendar: Calendar, site_url: str | None, sink, groups=None) -> None:
    """Write the site feed and every unit's and source's feed with events to sink, one at a time.
    `groups`: grouped(site, calendar), if already known."""
    cache: dict[str, bytes] = {}
    groups = grouped(site, calendar) if groups is None else groups
    for path, (name, events) in groups.items():
        sink.write(path, feed(events, name, site.today, site_url, cache))
