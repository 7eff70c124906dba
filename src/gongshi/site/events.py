"""Dated events for the publication calendar and the iCalendar feeds.

Every event has a stable uid (so calendar apps update rather than duplicate
it), whole-day dates (end inclusive) and the site path it links to.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from gongshi.model.records import Duty
from gongshi.model.workdays import WorkdayCalendar
from gongshi.site import urls
from gongshi.site.site import Site

# How far around the build date recurring duties are listed.
DUTY_MONTHS_BEFORE = 3
DUTY_MONTHS_AFTER = 3
# A duty without an end date is projected month by month from its document; occurrences more than
# this many months after the document's date (its start, without a document) are marked as projected:
# the document does not say whether it still applies.
DUTY_PROJECTED_AFTER_MONTHS = 12
PROJECTED_NOTE = "按原通知推算，原通知未说明是否仍有效"

KIND_LABEL = {
    "notice": "销号公示",
    "deadline": "整改时限",
    "duty": "内部报送要求",
    "stationing": "督察进驻",
    "feedback": "督察反馈",
}


@dataclass(frozen=True)
class Event:
    uid: str
    kind: str  # a key of KIND_LABEL
    title: str
    start: dt.date
    end: dt.date  # inclusive
    path: str  # the page it links to
    source: str | None = None
    units: tuple[str, ...] = ()
    overdue: bool = False
    description: str = ""
    projected: bool = False  # a duty's occurrence past DUTY_PROJECTED_AFTER_MONTHS (see there)

    @property
    def label(self) -> str:
        return KIND_LABEL[self.kind]

    @property
    def public(self) -> bool:
        """Published for citizens; duties are internal reporting requirements, listed apart."""
        return self.kind != "duty"

    def touches(self, first: dt.date, last: dt.date) -> bool:
        return self.start <= last and self.end >= first


@dataclass
class Calendar:
    events: list[Event]
    # Years whose holiday schedule is missing, so duties in them are not listed.
    missing_years: list[int] = field(default_factory=list)


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    return dt.date(day.year + month // 12, month % 12 + 1, 1)


def duty_due_date(duty: Duty, year: int, month: int, calendar: WorkdayCalendar) -> dt.date:
    """The month's due day, moved to a working day only when the duty's data says so.

    Raises UnknownYear when the day must be moved and the year has no holiday schedule.
    """
    day = dt.date(year, month, duty.day_of_month)
    if duty.if_not_workday == "提前":
        return calendar.previous_workday(day)
    if duty.if_not_workday == "顺延":
        return calendar.next_workday(day)
    return day  # 不调整


def duty_confirmed_until(duty: Duty) -> dt.date | None:
    """The last day whose occurrence is not marked as projected: DUTY_PROJECTED_AFTER_MONTHS after the
    document's date (the duty's start without a dated document); None when the duty has an end date."""
    if duty.end is not None:
        return None
    since = duty.document.date if duty.document and duty.document.date else duty.start
    month = _add_months(since, DUTY_PROJECTED_AFTER_MONTHS)
    last_day = (_add_months(month, 1) - dt.timedelta(days=1)).day
    return month.replace(day=min(since.day, last_day))


def build_events(site: Site) -> Calendar:
    data, today, calendar = site.data, site.today, site.data.calendar
    events: list[Event] = []
    missing: set[int] = set()

    for issue_id, window in site.windows.items():
        issue = data.issues[issue_id]
        signoff = issue.signoff
        assert signoff is not None  # a notice window exists only for an issue with a sign-off notice
        events.append(Event(
            uid=f"notice-{issue_id}", kind="notice", title=f"公示：{issue.title}",
            start=window.start, end=window.end, path=urls.notice(issue_id),
            source=issue.source, units=tuple(dict.fromkeys([signoff.office, *issue.all_units])),
            description=f"{signoff.title}。公示时间：{window.start}至{window.end}，共{window.days_as_published}个工作日。",
        ))

    for issue_id, issue in data.issues.items():
        deadline = issue.deadline
        if deadline is None or deadline.due is None:
            continue
        due = deadline.due
        overdue = site.overdue(issue_id)
        events.append(Event(
            uid=f"deadline-{issue_id}", kind="deadline", title=f"整改时限：{issue.title}",
            start=due, end=due, path=urls.issue(issue_id), source=issue.source,
            units=tuple(issue.all_units), overdue=overdue,
            description=f"整改时限：{deadline.text}。当前状态：{site.status(issue_id)}。"
                        + ("已逾期。" if overdue else ""),
        ))

    for source_id, source in data.sources.items():
        if source.stationing is not None:
            events.append(Event(
                uid=f"stationing-{source_id}", kind="stationing", title=f"督察进驻：{source.name}",
                start=source.stationing.start, end=source.stationing.end, path=urls.source(source_id),
                source=source_id,
            ))
        if source.feedback_date is not None:
            events.append(Event(
                uid=f"feedback-{source_id}", kind="feedback", title=f"督察反馈：{source.name}",
                start=source.feedback_date, end=source.feedback_date, path=urls.source(source_id),
                source=source_id,
            ))

    first_month = _add_months(today, -DUTY_MONTHS_BEFORE)
    last_month = _add_months(today, DUTY_MONTHS_AFTER)
    for duty_id, duty in data.duties.items():
        month = max(first_month, duty.start.replace(day=1))
        confirmed_until = duty_confirmed_until(duty)
        while month <= last_month:
            if duty.end is not None and month > duty.end:
                break
            if duty.if_not_workday != "不调整" and not calendar.covers(month.year):
                missing.add(month.year)  # never guessed: shown as missing instead
            else:
                due = duty_due_date(duty, month.year, month.month, calendar)
                projected = confirmed_until is not None and due > confirmed_until
                if due >= duty.start and (duty.end is None or due <= duty.end):
                    events.append(Event(
                        uid=f"duty-{duty_id}-{month:%Y-%m}", kind="duty", title=duty.title,
                        start=due, end=due, path=urls.duty(duty_id), units=(duty.office,), projected=projected,
                        description=f"{duty.text}（{duty.who or ''}报送至{data.units[duty.office].name}）"
                                    + (f"（{PROJECTED_NOTE}）" if projected else ""),
                    ))
            month = _add_months(month, 1)

    events.sort(key=lambda e: (e.start, e.end, e.kind, e.uid))
    return Calendar(events, sorted(missing))
