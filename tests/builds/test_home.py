"""The home page says what is new: the date of the data, open notices with days left first, and the latest
dated changes; before the longer introduction."""

from __future__ import annotations

import pytest

from conftest import SMALL, write_data
from sitebuild import build, page, text_of

SECOND_NOTICE = SMALL["issues/dc-test-01.yml"].replace("title: 洞庭湖总磷浓度偏高", "title: 第二个公示的问题").replace(
    "关于问题编号一整改销号情况的公示", "关于问题编号二整改销号情况的公示").replace(
    "start: 2023-10-13", "start: 2023-10-16").replace("end: 2023-10-24", "end: 2023-10-26").replace(
    "date: 2023-10-13", "date: 2023-10-16").replace("date: 2023-09-01", "date: 2023-09-15").replace(
    "working_days: 8", "working_days: 9")


@pytest.fixture(scope="module")
def homes(tmp_path_factory):
    data = write_data(tmp_path_factory.mktemp("data"), {**SMALL, "issues/dc-test-03.yml": SECOND_NOTICE})
    out = {}
    for today in ("2023-10-20", "2026-09-30"):
        code, site = build(tmp_path_factory.mktemp(today), data, today=today)
        assert code == 0
        out[today] = text_of(page(site, "")).replace(" ", "")
    return out


def test_what_is_new_comes_before_the_introduction_and_the_totals(homes):
    text = homes["2023-10-20"]
    assert text.index("正在公示") < text.index("最近更新") < text.index("整改总体情况")
    assert "本站数据更新至" in text and text.index("本站数据更新至") < text.index("正在公示")


def test_open_notices_first_fewest_days_left_first(homes):
    text = homes["2023-10-20"]
    section = text[text.index("正在公示"): text.index("最近更新")]
    first = section.index("关于问题编号一整改销号情况的公示")  # ends 10-24: 3 working days left
    second = section.index("关于问题编号二整改销号情况的公示")  # ends 10-26: 5 left
    assert first < second
    assert "还剩3个工作日，截至2023年10月24日" in section and "还剩5个工作日，截至2023年10月26日" in section


def test_when_nothing_is_open_the_last_notice_is_named(homes):
    section = homes["2026-09-30"][homes["2026-09-30"].index("正在公示"):]
    assert "目前没有正在公示期内的整改销号公示。最近一次公示于2023年10月26日结束：关于问题编号二" in section


def test_recent_changes_newest_first_each_with_whose_date(homes):
    text = homes["2026-09-30"]
    recent = text[text.index("最近更新"): text.index("整改总体情况")]
    expected = [
        "2023年10月16日（原文日期）整改销号公示：关于问题编号二",
        "2023年10月13日（原文日期）整改销号公示：关于问题编号一",
        "2023年9月15日（原文日期）整改进展：第二个公示的问题",
        "2023年9月1日（原文日期）整改进展：洞庭湖总磷浓度偏高",
    ]
    places = [recent.find(line) for line in expected]
    assert -1 not in places and places == sorted(places), places
