"""What a reader sees: the notice window in working days and the issue's state
on the build date. Staff record the status; the notice states (即将公示 /
公示中 / 公示期满) follow from the window, so a daily rebuild flips them on time."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from gongshi.model.records import Issue, Window
from gongshi.model.workdays import WorkdayCalendar

# Order used for listings and counts.
STATUS_ORDER = ("整改中", "反弹", "已完成", "即将公示", "公示中", "公示期满", "已销号", "未公布", "已撤回")

STATUS_HELP = {
    "未公布": "尚未公布整改进展",
    "整改中": "正在整改",
    "反弹": "问题反弹，重新整改",
    "已完成": "整改完成，待销号",
    "即将公示": "整改销号公示即将开始",
    "公示中": "整改销号公示期内，可提出异议",
    "公示期满": "公示期已满，待确认销号",
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


def display_status(issue: Issue, window: NoticeWindow | None, today: dt.date) -> str:
    if issue.withdrawn is not None and issue.withdrawn.date <= today:
        return "已撤回"
    if window is not None and issue.status == "已完成":
        return window.state(today)
    return issue.status


def is_overdue(issue: Issue, today: dt.date) -> bool:
    due = issue.deadline.due if issue.deadline else None
    # 未公布: progress unknown, not overdue
    return due is not None and due < today and issue.status in ("整改中", "反弹")
