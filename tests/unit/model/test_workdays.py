"""The working-day engine against the State Council schedule."""

import datetime as dt

import holidays
import pytest

from gongshi.model.workdays import UnknownYear, WorkdayCalendar, YearSchedule

D = dt.date
cal = WorkdayCalendar()


def test_seed_001_window_holds_8_working_days():
    # 2023-10-13 (Fri) .. 2023-10-24 (Tue): two weekends, no holiday.
    assert cal.count(D(2023, 10, 13), D(2023, 10, 24)) == 8


def test_10_working_days_from_2023_10_13_end_on_10_26():
    assert cal.end_after(D(2023, 10, 13), 10) == D(2023, 10, 26)


def test_2025_spring_festival_makeup_sunday_counts():
    # 2025-01-26 (Sun) and 2025-02-08 (Sat) are 调休 working days; 01-28..02-04 off.
    assert cal.is_workday(D(2025, 1, 26))
    assert cal.is_workday(D(2025, 2, 8))
    assert not cal.is_workday(D(2025, 1, 29))
    # Working: 01-24, 01-26 (Sun), 01-27, 02-05, 02-06, 02-07, 02-08 (Sat), 02-10.
    assert cal.count(D(2025, 1, 24), D(2025, 2, 10)) == 8


def test_2026_matches_state_council_notice_of_2025_11_04():
    assert cal.is_workday(D(2026, 2, 14))  # Saturday, 调休上班
    assert cal.is_workday(D(2026, 9, 20))  # Sunday, 调休上班
    assert not cal.is_workday(D(2026, 2, 16))  # Spring Festival holiday


def test_unknown_year_is_never_guessed():
    with pytest.raises(UnknownYear) as info:
        cal.count(D(2027, 1, 4), D(2027, 1, 15))
    assert "2027" in str(info.value) and "data/holidays/2027.yml" in str(info.value)


def test_a_schedule_added_as_data_is_used():
    schedule = YearSchedule(2027, "测试通知", holidays={D(2027, 1, 1)}, makeup_workdays={D(2027, 1, 9)})
    with_2027 = WorkdayCalendar({2027: schedule})
    assert not with_2027.is_workday(D(2027, 1, 1))  # Friday off
    assert with_2027.is_workday(D(2027, 1, 9))  # Saturday worked
    # 01-04..01-08 (Mon-Fri) and the Saturday 01-09; not the Friday holiday 01-01.
    assert with_2027.count(D(2027, 1, 1), D(2027, 1, 10)) == 6


def test_end_after_skips_a_non_working_start():
    # Saturday start: the first working day is Monday 2023-10-16.
    assert cal.end_after(D(2023, 10, 14), 1) == D(2023, 10, 16)


# chinese-calendar and the holidays package disagree on these days; each is
# listed with the reason so that any new disagreement fails the test.
KNOWN_DISAGREEMENTS = {
    # 国务院办公厅关于2006年部分节假日安排的通知: 2005-12-31 (Saturday) was a
    # working day; chinese-calendar 1.11.0 marks it as a rest day.
    D(2005, 12, 31),
}


def test_chinese_calendar_agrees_with_the_holidays_package():
    ours = WorkdayCalendar()
    disagreements = set()
    for year in range(2004, 2027):  # every year both packages cover
        theirs = holidays.country_holidays("CN", years=year)
        day = D(year, 1, 1)
        while day.year == year:
            if ours.is_workday(day) != theirs.is_working_day(day):
                disagreements.add(day)
            day += dt.timedelta(days=1)
    assert disagreements == KNOWN_DISAGREEMENTS
