"""What a reader sees: the notice window in working days and the issue's state
on the build date. Staff record the status; the notice states (即将公示 /
公示中 / 公示期满) follow from the window, so a daily rebuild flips them on time."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from gongshi.model.records import Issue, Window
from gongshi.model.workdays import WorkdayCalendar

# Staff write `status: 未公布` (nothing about the progress has been published); readers see it as
# 进展未公布, so that it is not read as "the issue itself is not published".
UNPUBLISHED = "未公布"
UNPUBLISHED_LABEL = "进展未公布"

# Order used for listings and counts (the statuses as readers see them).
STATUS_ORDER = ("整改中", "反弹", "已完成", "即将公示", "公示中", "公示期满", "已销号", UNPUBLISHED_LABEL, "已撤回")

# Statuses after which a deadline no longer matters: done, signed off, withdrawn.
FINISHED = ("已完成", "已销号")

STATUS_HELP = {
    UNPUBLISHED_LABEL: "尚未公布整改进展",
    "整改中": "正在整改",
    "反弹": "问题反弹，重新整改",
    "已完成": "整改完成，待销号",
    "即将公示": "整改销号公示即将开始",
    "公示中": "整改销号公示期内，可提出异议",
    "公示期满": "公示期已满",
    "已销号": "已销号",
    "已撤回": "该记录已撤回，页面保留以备查",
}

NOTICE_STATES = ("即将公示", "公示中", "公示期满")


@dataclass(frozen=True)
class NoticeWindow:
    start: dt.date
    end: dt.date
    actual_days: int  # computed with the official calendar
    published_days: int | None  # as printed in the notice, if printed

    @property
    def days_as_published(self) -> int:
        return self.published_days if self.published_days is not None else self.actual_days

    @property
    def count_mismatch(self) -> bool:
        return self.published_days is not None and self.published_days != self.actual_days

    def state(self, today: dt.date) -> str:
        if today < self.start:
            return "即将公示"
        if today <= self.end:
            return "公示中"
        return "公示期满"

    def working_days_left(self, today: dt.date, calendar: WorkdayCalendar) -> int:
        """Working days still open for objections, today included."""
        if today > self.end:
            return 0
        return calendar.count(max(today, self.start), self.end)


def notice_window(window: Window, calendar: WorkdayCalendar) -> NoticeWindow:
    """Raises UnknownYear when the window touches a year with no schedule."""
    if window.end is not None:
        end = window.end
    else:
        assert window.working_days is not None  # Window requires end or working_days
        end = calendar.end_after(window.start, window.working_days)
    return NoticeWindow(window.start, end, calendar.count(window.start, end), window.working_days)


def status_label(value: str) -> str:
    """A status as readers see it (a data value, or a status already shown: both give the label)."""
    return UNPUBLISHED_LABEL if value == UNPUBLISHED else value


def is_withdrawn(issue: Issue, today: dt.date) -> bool:
    return issue.withdrawn is not None and issue.withdrawn.date <= today


def display_status(issue: Issue, window: NoticeWindow | None, today: dt.date) -> str:
    if is_withdrawn(issue, today):
        return "已撤回"
    if window is not None and issue.status == "已完成":
        return window.state(today)
    return status_label(issue.status)


def is_overdue(issue: Issue, today: dt.date) -> bool:
    """The deadline has passed and the issue is neither done, signed off nor withdrawn, whatever has
    been published: an issue whose progress was never published is overdue too (the one rule used by
    the issue pages, listings, statistics, calendar, home page and feeds, through Site.overdue)."""
    due = issue.deadline.due if issue.deadline else None
    return due is not None and due < today and issue.status not in FINISHED and not is_withdrawn(issue, today)


def overdue_text(issue: Issue, today: dt.date) -> str:
    """How an overdue issue is marked: with nothing published, say so (已逾期（进展未公布）)."""
    if not is_overdue(issue, today):
        return ""
    return f"已逾期（{UNPUBLISHED_LABEL}）" if issue.status == UNPUBLISHED else "已逾期"
