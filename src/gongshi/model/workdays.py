"""Working days under the State Council holiday schedule (含调休).

chinese-calendar knows the official schedule for 2004-2026. Later years are
added by staff as data (`data/holidays/<year>.yml`, transcribed from the State
Council notice). A year known to neither is never guessed: asking about it
raises UnknownYear, whose message says how to add it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import chinese_calendar


class UnknownYear(Exception):
    def __init__(self, year: int, broken_file: str | None = None):
        self.year = year
        if broken_file is not None:
            # The file is there but has mistakes (reported on it): "not yet entered" would mislead.
            super().__init__(f"{broken_file} 有错误（见该文件的错误信息），改正后才能计算 {year} 年的工作日")
            return
        super().__init__(
            f"{year} 年的法定节假日安排尚未录入，无法计算工作日："
            f"请按国务院办公厅发布的{year}年节假日安排通知新建 data/holidays/{year}.yml（格式见员工指南）"
        )


@dataclass
class YearSchedule:
    """One year's official schedule, as published in the State Council notice."""

    year: int
    notice: str
    holidays: set[dt.date] = field(default_factory=set)  # days off, weekdays included
    makeup_workdays: set[dt.date] = field(default_factory=set)  # 调休上班的周末

    def is_workday(self, day: dt.date) -> bool:
        if day in self.makeup_workdays:
            return True
        if day in self.holidays:
            return False
        return day.weekday() < 5


class WorkdayCalendar:
    def __init__(self, schedules: dict[int, YearSchedule] | None = None, broken: dict[int, str] | None = None):
        # Data files take precedence: they are how a wrong library release is corrected.
        self.schedules = dict(schedules or {})
        # Years whose data file has mistakes: year -> the file, never guessed from the library either.
        self.broken = dict(broken or {})

    def covers(self, year: int) -> bool:
        if year in self.schedules:
            return True
        if year in self.broken:
            return False
        try:
            chinese_calendar.is_workday(dt.date(year, 1, 1))
        except NotImplementedError:
            return False
        return True

    def is_workday(self, day: dt.date) -> bool:
        schedule = self.schedules.get(day.year)
        if schedule is not None:
            return schedule.is_workday(day)
        if day.year in self.broken:
            raise UnknownYear(day.year, self.broken[day.year])
        try:
            return chinese_calendar.is_workday(day)
        except NotImplementedError:
            raise UnknownYear(day.year) from None

    def count(self, start: dt.date, end: dt.date) -> int:
        """Working days from start to end, both included (0 if end < start)."""
        days = 0
        day = start
        while day <= end:
            if self.is_workday(day):
                days += 1
            day += dt.timedelta(days=1)
        return days

    def end_after(self, start: dt.date, working_days: int) -> dt.date:
        """Last day of a window of `working_days` working days beginning on start.

        The start counts if it is a working day, as in published notices
        ("公示时间：10月13日至10月26日，共10个工作日").
        """
        if working_days < 1:
            raise ValueError("working_days must be at least 1")
        day = start
        left = working_days
        while True:
            if self.is_workday(day):
                left -= 1
                if left == 0:
                    return day
            day += dt.timedelta(days=1)

    def next_workday(self, day: dt.date) -> dt.date:
        while not self.is_workday(day):
            day += dt.timedelta(days=1)
        return day

    def previous_workday(self, day: dt.date) -> dt.date:
        while not self.is_workday(day):
            day -= dt.timedelta(days=1)
        return day
