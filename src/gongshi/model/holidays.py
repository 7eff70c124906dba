"""data/holidays/<year>.yml: a year's official schedule, transcribed by staff
from the State Council notice (国务院办公厅关于<year>年部分节假日安排的通知)."""

from __future__ import annotations

import datetime as dt

from pydantic import model_validator

from gongshi.model.fields import Date, Title, fail
from gongshi.model.records import Strict
from gongshi.model.workdays import YearSchedule


class HolidayPeriod(Strict):
    name: str  # 元旦, 春节 ...
    start: Date
    end: Date


class HolidayFile(Strict):
    year: int
    notice: Title  # the notice's title
    notice_date: Date | None = None
    holidays: list[HolidayPeriod]
    makeup_workdays: list[Date] = []  # 调休上班的周末  # noqa: RUF012 - pydantic copies a default per instance

    @model_validator(mode="after")
    def _dates_in_year(self):
        for period in self.holidays:
            if period.end < period.start:
                raise fail(f"{period.name}：结束日期 {period.end} 早于开始日期 {period.start}")
        days = [d for p in self.holidays for d in (p.start, p.end)] + list(self.makeup_workdays)
        # A holiday may run over New Year (e.g. 元旦 from 12-31); allow the neighbouring days.
        for day in days:
            if abs(day.year - self.year) > 1 or (day.year != self.year and day.month not in (1, 12)):
                raise fail(f"日期 {day} 不属于 {self.year} 年的节假日安排")
        return self

    def schedule(self) -> YearSchedule:
        off: set[dt.date] = set()
        for period in self.holidays:
            day = period.start
            while day <= period.end:
                off.add(day)
                day += dt.timedelta(days=1)
        return YearSchedule(self.year, self.notice, off, set(self.makeup_workdays))
