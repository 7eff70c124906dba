"""Bounds (issue 18) beyond single corpus files: inputs generated at their limits, holiday files,
the deadline horizon, and a scan of every message the bad-input corpus produces."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import textwrap
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from gongshi.data.strict_yaml import MAX_DEPTH
from gongshi.model.fields import MAX_NAME, MAX_TEXT, MAX_TITLE
from gongshi.site.load import check_data

BUILD_DATE = dt.date(2026, 9, 30)
CORPUS = ROOT / "tests" / "bad_inputs"
ERROR_CASES = [case for m in sorted(CORPUS.glob("manifest*.yml"))
               for case in yaml.safe_load(m.read_text(encoding="utf-8")) if case["expect"] == "error"]
HEAD = """source: zydc2-hunan-2021
kind: 督察反馈问题
title: 坏输入测试问题
region: 湖南省岳阳市岳阳楼区
category: [水]
status: 整改中
responsible_units: [yylq-gov]
"""


@pytest.fixture
def data(tmp_path) -> Path:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path / "data"


def errors(data: Path, files: dict[str, str | bytes], today: dt.date = BUILD_DATE) -> list[str]:
    return [p.text() for p in check(data, files, today).errors]


def check(data: Path, files: dict[str, str | bytes], today: dt.date = BUILD_DATE):
    for name, text in files.items():
        path = data / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return check_data(data, today, base=data.parent).report


# --- every message of the corpus: file:line, Chinese, never a traceback or English ----------------

# Four English words in a row (a list of field names is comma-separated).
ENGLISH = re.compile(r"[A-Za-z]{2,}(?: [A-Za-z]{2,}){3,}")


def test_every_corpus_message_is_chinese_with_file_and_line(tmp_path):
    assert len(ERROR_CASES) >= 60
    bad = []
    for case in ERROR_CASES:
        data = tmp_path / case["input"] / "data"
        shutil.copytree(ROOT / "data", data)
        raw = (CORPUS / case["input"]).read_bytes()
        if case.get("make") == "huge":
            raw += ("  " + "超长的原文内容，" * 10 + "\n").encode("utf-8") * 10_000
        to = case.get("to", f"issues/{case['input']}")
        (data / to).write_bytes(raw)
        try:
            report = check_data(data, BUILD_DATE, base=data.parent)
        except Exception as e:  # any exception here is the finding
            bad.append(f"{case['input']}: {type(e).__name__}: {e}")
            continue
        assert report.report.errors, case["input"]
        for problem in report.report.problems:
            text = problem.text()
            where = re.match(r"data/[^:\s]+\.yml:[1-9][0-9]*: ", text)
            said = problem.message
            if (not where or not re.search(r"[\u4e00-\u9fff]", said) or ENGLISH.search(said)
                    or "Traceback" in text):
                bad.append(f"{case['input']}: {text}")
        shutil.rmtree(data.parent)
    assert bad == []


# --- generated at the limits ---------------------------------------------------------------------

def test_text_at_its_limit_is_accepted_and_one_more_character_refused(data):
    at_limit = HEAD + f"problem: {'文' * MAX_TEXT}\nleader: {'长' * 50}\n"
    assert errors(data, {"issues/bounds-limit.yml": at_limit}) == []
    over = HEAD + f"problem: 问题\nleader: {'长' * (MAX_TEXT + 1)}\n"
    assert errors(data, {"issues/bounds-limit.yml": over}) == [
        f"data/issues/bounds-limit.yml:9: leader: 内容过长（{MAX_TEXT + 1} 字，上限 {MAX_TEXT} 字）；"
        "长篇原文请作为附件放在 data/attachments/ 下"]


def test_title_and_region_limits(data):
    ok = HEAD.replace("坏输入测试问题", "题" * MAX_TITLE)
    ok = ok.replace("湖南省岳阳市岳阳楼区", "湖南省" + "村" * (MAX_NAME - 3))
    assert errors(data, {"issues/bounds-limit.yml": ok + "problem: 问题\n"}) == []
    unit = f"name: 单位\nregion: {'村' * (MAX_NAME + 1)}\n"
    assert errors(data, {"units/bounds-limit.yml": unit}) == [
        f"data/units/bounds-limit.yml:2: region: 内容过长（{MAX_NAME + 1} 字，上限 {MAX_NAME} 字）"]


def test_nesting_at_the_limit_is_read_and_one_deeper_refused(data):
    # The problem field is a list nested MAX_DEPTH - 1 deep inside the record's mapping: read, then
    # refused by the schema (a text was expected); one level more is refused by the reader.
    deep = HEAD + "problem: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n"
    found = errors(data, {"issues/bounds-deep.yml": deep})
    assert found and "嵌套" not in found[0]
    deeper = HEAD + "problem: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n"
    assert errors(data, {"issues/bounds-deep.yml": deeper}) == [
        f"data/issues/bounds-deep.yml:8: 列表或字段嵌套超过 {MAX_DEPTH} 层：请检查方括号“[”、花括号“{{”是否多写了，"
        "或缩进是否有误"]


def test_block_nesting_by_indentation(data):
    deep = HEAD + "problem: 问题\nnote:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 40)) + "  " * 40 + "v\n"
    found = errors(data, {"issues/bounds-deep.yml": deep})
    assert found[0].startswith("data/issues/bounds-deep.yml:") and "嵌套超过" in found[0]


def test_ordinary_markdown_stays_allowed(data):
    text = HEAD + textwrap.dedent("""\
        problem: |
          见[附件](https://example.org/a.pdf)和[通报](https://example.org/b)（第[1]条），`代码`与``双反引号``。

          - 一、**整改**措施
          - 二、[嵌套 [方括号] 链接](https://example.org/c_(d))
        """)
    assert errors(data, {"issues/bounds-markdown.yml": text}) == []


# --- dates ----------------------------------------------------------------------------------------

def test_deadline_beyond_the_horizon_is_a_hint(data):
    late = HEAD + "problem: 问题\ndeadline: 2070年底\n"
    report = check(data, {"issues/bounds-horizon.yml": late})
    assert report.ok
    assert [p.text() for p in report.warnings if "bounds-horizon" in p.file] == [
        "data/issues/bounds-horizon.yml:9: [提示] deadline: 整改时限 2070-12-31 在 30 年之后，请核对年份"
        "（年限可在 settings.yml 的 deadline_horizon_years 中调整）"]
    settings = (data / "settings.yml").read_text(encoding="utf-8") + "deadline_horizon_years: 50\n"
    report = check(data, {"settings.yml": settings})
    assert report.ok and not [p for p in report.warnings if "bounds-horizon" in p.file]


def test_a_notice_dated_today_is_accepted(data):
    notice = HEAD.replace("整改中", "已完成") + textwrap.dedent("""\
        problem: 公示
        signoff:
          title: 关于坏输入测试问题整改销号情况的公示
          date: 2026-09-30
          office: yylq-sthjbhwyh-office
          window:
            start: 2026-09-30
            end: 2026-10-20
        """)
    assert errors(data, {"issues/bounds-notice.yml": notice}) == []


# --- holiday files ----------------------------------------------------------------------------------

HOLIDAYS_2027 = """\
year: 2027
notice: 国务院办公厅关于2027年部分节假日安排的通知（测试）
holidays:
  - name: 元旦
    start: 2027-01-01
    end: 2027-01-03
makeup_workdays: [2027-02-20]
"""


def test_a_holiday_file_must_list_holidays(data):
    assert errors(data, {"holidays/2027.yml": HOLIDAYS_2027}) == []
    empty = "year: 2027\nnotice: 国务院办公厅关于2027年部分节假日安排的通知（测试）\nholidays: []\n"
    assert errors(data, {"holidays/2027.yml": empty}) == [
        "data/holidays/2027.yml:3: holidays: 节假日列表是空的："
        "请按国务院办公厅的通知录入 2027 年的全部节假日（元旦、春节等）"]


def test_a_holiday_file_holds_only_its_own_year(data):
    neighbour = HOLIDAYS_2027.replace("start: 2027-01-01", "start: 2026-12-31")
    found = errors(data, {"holidays/2027.yml": neighbour})
    assert found
    assert found[0].startswith("data/holidays/2027.yml:5: holidays[1].start: 元旦：日期 2026-12-31 不属于 2027 年")


def test_a_holiday_file_with_an_implausible_date(data):
    found = errors(data, {"holidays/2027.yml": HOLIDAYS_2027.replace("2027-02-20", "2207-02-20")})
    assert found == ["data/holidays/2027.yml:7: makeup_workdays[1]: “2207-02-20”的年份 2207 不在 1949—2100 年之间，"
                     "请核对年份"]
