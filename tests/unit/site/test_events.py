"""Calendar events from the data: monthly duties on working days, no guessing in a year without
the State Council schedule, and the reminder to enter next year's schedule."""

import datetime as dt

from conftest import DUTY, SMALL, TODAY, write_data
from gongshi.rules.check import missing_next_year
from gongshi.site.events import build_events, duty_due_date
from gongshi.site.load import check_data

D = dt.date


def site_with(tmp_path, extra, today=TODAY):
    data = write_data(tmp_path, {**SMALL, **extra})
    site = check_data(data, today, base=tmp_path)
    assert site.report.ok, [p.text() for p in site.report.errors]
    return site


def test_monthly_duty_moves_to_the_previous_working_day(tmp_path):
    site = site_with(tmp_path, DUTY)
    duty = site.data.duties["monthly"]
    cal = site.data.calendar
    assert duty_due_date(duty, 2026, 11, cal) == D(2026, 11, 25)  # Wednesday
    assert duty_due_date(duty, 2026, 10, cal) == D(2026, 10, 23)  # 10-25 is a Sunday → Friday
    assert duty_due_date(duty, 2025, 1, cal) == D(2025, 1, 24)  # 01-25 is a Saturday → Friday
    later = duty.model_copy(update={"if_not_workday": "顺延"})
    assert duty_due_date(later, 2026, 10, cal) == D(2026, 10, 26)  # → Monday


def test_duties_in_a_year_without_schedule_are_not_guessed(tmp_path):
    site = site_with(tmp_path, DUTY)
    cal = build_events(site)
    duty_days = [e.start for e in cal.events if e.kind == "duty"]
    assert duty_days and max(duty_days) <= D(2026, 12, 31)
    assert cal.missing_years == [2027]
    assert D(2026, 12, 25) in duty_days  # Friday


def test_next_year_warning_from_october(tmp_path):
    site = site_with(tmp_path, {})
    assert missing_next_year(site.data, D(2026, 9, 30)) is None
    message = missing_next_year(site.data, D(2026, 10, 1))
    assert "2027" in message and "data/holidays/2027.yml" in message
    assert missing_next_year(site.data, D(2025, 11, 1)) is None  # 2026 is known
