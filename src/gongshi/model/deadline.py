"""整改时限 as published: a date, standing terms (立行立改 / 长期坚持 / 持续改善),
or a combination ("立行立改、长期坚持", "2017年3月底")."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from gongshi.model.fields import check_year, fail

TERMS = ("立行立改", "长期坚持", "持续改善", "限期整改")

_PATTERNS = [
    (re.compile(r"^(\d{4})-(\d{2})-(\d{2})$"), "ymd"),
    (re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日(?:前)?$"), "ymd"),
    (re.compile(r"^(\d{4})年(\d{1,2})月(?:底|末)(?:前)?$"), "ym"),
    (re.compile(r"^(\d{4})年(?:底|末)(?:前)?$"), "y"),
]


@dataclass(frozen=True)
class Deadline:
    text: str  # as published
    terms: tuple[str, ...]
    due: dt.date | None  # the latest date named, if any

    def __str__(self) -> str:
        return self.text


def _date_of(part: str) -> dt.date | None:
    for pattern, kind in _PATTERNS:
        m = pattern.match(part)
        if not m:
            continue
        nums = [int(g) for g in m.groups()]
        check_year(nums[0], part)
        try:
            if kind == "ymd":
                return dt.date(*nums)
            if kind == "ym":
                year, month = nums
                return dt.date(year, month, calendar.monthrange(year, month)[1])
            return dt.date(nums[0], 12, 31)
        except (ValueError, calendar.IllegalMonthError):
            raise fail(f"“{part}”不是真实存在的日期") from None
    return None


def parse_deadline(value) -> Deadline:
    if isinstance(value, Deadline):
        return value
    if not isinstance(value, str) or not value.strip():
        raise fail("整改时限应为文字，如“2017年3月底”或“立行立改、长期坚持”")
    text = value.strip().rstrip("。.")
    terms: list[str] = []
    dates: list[dt.date] = []
    for part in re.split(r"[、，,；;]\s*", text):
        part = part.strip()
        if part in TERMS:
            terms.append(part)
            continue
        date = _date_of(part)
        if date is None:
            raise fail(
                f"无法识别整改时限“{part}”：可写日期（2017-03-31、2017年3月31日、2017年3月底、2017年底）"
                f"或 {'、'.join(TERMS)}，多项用顿号“、”分隔"
            )
        dates.append(date)
    return Deadline(text=text, terms=tuple(terms), due=max(dates) if dates else None)
