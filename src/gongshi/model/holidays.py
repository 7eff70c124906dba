"""data/holidays/<year>.yml: a year's official schedule, transcribed by staff
from the State Council notice (国务院办公厅关于<year>年部分节假日安排的通知)."""

from __future__ import annotations

import datetime as dt

from pydantic import model_validator

from gongshi.model.fields import Date, Title, fail
from gongshi.model.records import Strict
from gongshi.model.workdays import YearSchedule

WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")


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
    def _periods_in_order(self):
        if not self.holidays:
            # Every year has its public holidays: an empty list would count them all as working days.
            raise fail(f"节假日列表是空的：请按国务院办公厅的通知录入 {self.year} 年的全部节假日（元旦、春节等）",
                       at=("holidays",))
        for i, period in enumerate(self.holidays):
            if period.end < period.start:
                raise fail(f"{period.name}：结束日期 {period.end} 早于开始日期 {period.start}",
                           at=("holidays", i, "end"))
        return self

    def problems(self) -> list[tuple[tuple, str]]:
        """What the notice cannot say: (path of the field, message) for each mistake."""
        found: list[tuple[tuple, str]] = []
        # A year's schedule only decides that year's days (a holiday over New Year is split
        # between the two files), so a day of another year here would silently do nothing.
        for i, period in enumerate(self.holidays):
            for key in ("start", "end"):
                day = getattr(period, key)
                if day.year != self.year:
                    found.append((("holidays", i, key), f"{period.name}：日期 {day} 不属于 {self.year} 年的节假日安排："
                                  f"本文件只写 {self.year} 年的日子，跨年假期的另一年部分写在那一年的文件里"))
        for i, day in enumerate(self.makeup_workdays):
            at = ("makeup_workdays", i)
            if day.year != self.year:
                found.append((at, f"调休上班日 {day} 不属于 {self.year} 年的节假日安排："
                                  f"本文件只写 {self.year} 年的日子"))
            if day.weekday() < 5:
                found.append((at, f"调休上班日 {day} 是{WEEKDAYS[day.weekday()]}，不是周末：调休上班日只能是"
                                  f"星期六或星期日，请核对通知原文"))
            for period in self.holidays:
                if period.start <= day <= period.end:
                    found.append((at, f"调休上班日 {day} 在{period.name}假期（{period.start} 至 {period.end}）之内："
                                      f"同一天不能既放假又上班，请核对通知原文"))
        ordered = sorted(enumerate(self.holidays), key=lambda item: (item[1].start, item[0]))
        reach: HolidayPeriod | None = None  # the period seen so far that ends last
        for i, later in ordered:
            if reach is not None and later.start <= reach.end:
                found.append((("holidays", i, "start"),
                              f"{later.name}假期（{later.start} 至 {later.end}）与{reach.name}假期"
                              f"（{reach.start} 至 {reach.end}）重叠：请核对两段假期的日期"))
            if reach is None or later.end > reach.end:
                reach = later
        return found

    def schedule(self) -> YearSchedule:
        off: set[dt.date] = set()
        for period in self.holidays:
            day = period.start
            while day <= period.end:
                off.add(day)
                day += dt.timedelta(days=1)
        return YearSchedule(self.year, self.notice, off, set(self.makeup_workdays))
