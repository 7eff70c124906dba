"""Calendar events from the data: monthly duties moved to working days only when their data says so,
not past their end, marked when projected past their document; no guessing in a year without the
State Council schedule, and the reminder to enter next year's schedule."""

import datetime as dt

from conftest import DUTY, SMALL, TODAY, write_data
from gongshi.rules.check import missing_next_year
from gongshi.site.events import build_events, duty_confirmed_until, duty_due_date
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


def duty_site(tmp_path, extra_lines="", rule="", today=TODAY):
    text = DUTY["duties/monthly.yml"].replace("        if_not_workday: 提前\n", rule).rstrip(" ") + extra_lines
    return site_with(tmp_path, {"duties/monthly.yml": text}, today)


def test_a_duty_keeps_its_day_unless_the_data_states_a_rule(tmp_path):
    site = duty_site(tmp_path)
    duty = site.data.duties["monthly"]
    assert duty.if_not_workday == "不调整"
    assert duty_due_date(duty, 2026, 10, site.data.calendar) == D(2026, 10, 25)  # a Sunday, kept
    days = {e.uid: e.start for e in build_events(site).events if e.kind == "duty"}
    assert days["duty-monthly-2026-10"] == D(2026, 10, 25)
    assert days["duty-monthly-2027-01"] == D(2027, 1, 25)  # no holiday schedule needed to keep a day
    moved = duty_site(tmp_path / "moved", rule="        if_not_workday: 提前\n")
    days = {e.uid: e.start for e in build_events(moved).events if e.kind == "duty"}
    assert days["duty-monthly-2026-10"] == D(2026, 10, 23)  # Friday
    assert "duty-monthly-2027-01" not in days


def test_a_duty_ends_on_its_end_date(tmp_path):
    site = duty_site(tmp_path, "        end: 2026-11-20\n")
    days = [e.start for e in build_events(site).events if e.kind == "duty"]
    assert max(days) == D(2026, 10, 25)
    assert not any(e.projected for e in build_events(site).events)  # an end date: nothing is projected


def test_occurrences_long_after_the_document_are_marked_as_projected(tmp_path):
    document = "        document:\n          title: 关于报送整改情况的通知\n          date: 2026-01-28\n"
    site = duty_site(tmp_path, document, today=D(2026, 12, 1))
    duty = site.data.duties["monthly"]
    assert duty_confirmed_until(duty) == D(2027, 1, 28)
    events = {e.uid: e for e in build_events(site).events if e.kind == "duty"}
    assert not events["duty-monthly-2026-12"].projected and not events["duty-monthly-2027-01"].projected
    assert events["duty-monthly-2027-02"].projected  # 2027-02-25: more than 12 months after 2026-01-28
    assert "原通知未说明是否仍有效" in events["duty-monthly-2027-02"].description


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
