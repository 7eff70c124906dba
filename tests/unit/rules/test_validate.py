"""Every validation rule, each with a bad input, reported as file:line: field: message."""

import datetime as dt
import textwrap

import pytest

from conftest import SMALL, TODAY, write_data
from gongshi.data.problems import Severity
from gongshi.rules.check import missing_next_year
from gongshi.site.load import check_data

# SMALL's notice is seed 001's (window ended 2023-10-24) with its issue still 已完成: every run on it carries
# the staff reminder of rule "公示期满 long ago" (test_a_long_ended_window_still_completed_is_a_hint); the other
# rules' tests look at the rest. keep_stale=True keeps it.
STALE_SMALL = "data/issues/dc-test-01.yml:7: [提示] status: 公示期已于 2023-10-24 结束"


def problems(tmp_path, changes: dict[str, str | None], today=TODAY, keep_stale=False):
    files = dict(SMALL)
    for name, text in changes.items():
        if text is None:
            files.pop(name, None)
        else:
            files[name] = text
    data = write_data(tmp_path, files)
    site = check_data(data, today, base=tmp_path)
    return [p.text() for p in site.report.sorted() if keep_stale or not p.text().startswith(STALE_SMALL)], site


def with_issue(text: str) -> dict[str, str]:
    return {"issues/dc-test-02.yml": text}


BASE_ISSUE = textwrap.dedent(SMALL["issues/dc-test-02.yml"])


def edit(old: str, new: str) -> dict[str, str]:
    assert old in BASE_ISSUE
    return with_issue(BASE_ISSUE.replace(old, new))


def test_small_dataset_is_valid(tmp_path):
    texts, site = problems(tmp_path, {}, keep_stale=True)
    assert site.report.ok
    assert len(texts) == 1 and texts[0].startswith(STALE_SMALL), texts  # a reminder for staff, not an error
    assert set(site.data.issues) == {"dc-test-01", "dc-test-02"}


@pytest.mark.parametrize(
    "change, expected",
    [
        (edit("kind: 督察反馈问题\n", ""), "data/issues/dc-test-02.yml:1: kind: 缺少必填字段"),
        (edit("status: 整改中", "status: 整改完了"),
         "data/issues/dc-test-02.yml:6: status: “整改完了”不是可选值"),
        (edit("status: 整改中", "statsu: 整改中"),
         "data/issues/dc-test-02.yml:6: statsu: 未知字段“statsu”，是否想写“status”？"),
        (edit("category: 大气", "category: [大气, 空气]"),
         "data/issues/dc-test-02.yml:5: category[2]: “空气”不是可选值"),
        (edit("deadline: 立行立改、2025年6月底", "deadline: 2024-02-30"),
         "data/issues/dc-test-02.yml:7: deadline: “2024-02-30”不是真实存在的日期"),
        (edit("deadline: 立行立改、2025年6月底", "deadline: 尽快"),
         "data/issues/dc-test-02.yml:7: deadline: 无法识别整改时限“尽快”"),
        (edit("responsible_units: [shuiliju]", "responsible_units: [shuiliju, huanbaoju]"),
         "data/issues/dc-test-02.yml:9: responsible_units[2]: 单位“huanbaoju”不存在"),
        (edit("source: dc-test", "source: dc-none"), "data/issues/dc-test-02.yml:1: source: 督察来源“dc-none”不存在"),
        (edit("title: 秸秆禁烧管控不力", "title: 秸秆禁烧管控不力\ntitle: 重复"),
         "data/issues/dc-test-02.yml:4: 字段“title”重复出现（第 3 行已有）"),
        (edit("title: 秸秆禁烧管控不力", "title：秸秆禁烧管控不力"),
         "data/issues/dc-test-02.yml:3: “title”后面是全角冒号“：”，请改为半角冒号加空格“: ”"),
        (edit("title: 秸秆禁烧管控不力", "id: dc-test-02\ntitle: 秸秆禁烧管控不力"),
         "data/issues/dc-test-02.yml:3: id: 不要写 id 字段"),
        (edit("source: dc-test", "source: dc-test\nprogress:\n  - date: 2026-12-01\n    text: 未来的进展"),
         "data/issues/dc-test-02.yml:3: progress[1].date: 进展日期 2026-12-01 晚于今天（2026-11-23）"),
        ({"issues/bad id.yml": BASE_ISSUE}, "data/issues/bad id.yml: 文件名“bad id.yml”不能作编号"),
        ({"issues/sub/dc-test-02.yml": BASE_ISSUE},
         "data/issues/sub/dc-test-02.yml: 编号“dc-test-02”与 data/issues/dc-test-02.yml 重复"),
        ({"units/shuiliju.yml": "name: 测试区水利局\nphones: [手机]\n"},
         "data/units/shuiliju.yml:2: phones[1].number: “手机”不是电话号码"),
        ({"units/shuiliju.yml": "name: 测试区水利局\nemails: [not-an-email]\n"},
         "data/units/shuiliju.yml:2: emails[1]: “not-an-email”不是电子邮箱地址"),
        ({"settings.yml": None}, "data/settings.yml: 缺少网站设置文件 settings.yml"),
    ],
)
def test_each_rule_reports_file_line_field(tmp_path, change, expected):
    texts, site = problems(tmp_path, change)
    assert any(t.startswith(expected) for t in texts), texts
    assert not site.report.ok


def notice_issue(start: str, end: str, days: int, status: str = "已完成") -> str:
    return textwrap.dedent(SMALL["issues/dc-test-01.yml"]).replace(
        "    start: 2023-10-13\n    end: 2023-10-24\n    working_days: 8",
        f"    start: {start}\n    end: {end}\n    working_days: {days}",
    ).replace("status: 已完成", f"status: {status}")


def test_published_notice_with_wrong_count_is_kept_and_reported(tmp_path):
    _texts, site = problems(tmp_path, {"issues/dc-test-01.yml": notice_issue("2023-10-13", "2023-10-24", 10)})
    assert site.report.ok
    [warning] = [w for w in site.report.warnings if w.field == "signoff.window.working_days"]
    assert warning.severity is Severity.WARNING
    assert warning.text().startswith("data/issues/dc-test-01.yml:26: [提示] signoff.window.working_days: ")
    assert "实际只有 8 个工作日" in warning.message and "共10个工作日" in warning.message
    window = site.windows["dc-test-01"]
    assert (window.actual_days, window.published_days, window.count_mismatch) == (8, 10, True)


def test_new_notice_with_wrong_count_fails(tmp_path):
    texts, site = problems(tmp_path, {"issues/dc-test-01.yml": notice_issue("2026-11-20", "2026-11-30", 10)})
    assert not site.report.ok
    assert any("实际只有 7 个工作日" in t and "请改正" in t for t in texts), texts


def test_window_end_before_start(tmp_path):
    texts, _ = problems(tmp_path, {"issues/dc-test-01.yml": notice_issue("2023-10-13", "2023-10-01", 8)})
    assert any(t.startswith("data/issues/dc-test-01.yml:23: signoff.window: "
                            "公示结束日期 2023-10-01 早于开始日期 2023-10-13") for t in texts), texts


def test_window_shorter_than_minimum_fails_for_a_new_notice(tmp_path):
    texts, site = problems(tmp_path, {"issues/dc-test-01.yml": notice_issue("2026-11-23", "2026-11-25", 3)})
    assert any("公示期只有 3 个工作日，少于规定的 5 个工作日" in t for t in texts), texts
    assert not site.report.ok


def test_window_in_unknown_year_names_the_year_until_it_is_added(tmp_path):
    change = {"issues/dc-test-01.yml": notice_issue("2027-01-04", "2027-01-15", 10)}
    texts, site = problems(tmp_path, change)
    assert any("2027 年的法定节假日安排尚未录入" in t and "data/holidays/2027.yml" in t for t in texts), texts
    change["holidays/2027.yml"] = """
        notice: 国务院办公厅关于2027年部分节假日安排的通知（测试）
        holidays:
          - name: 元旦
            start: 2027-01-01
            end: 2027-01-03
        makeup_workdays: []
        """
    texts, site = problems(tmp_path, change)
    assert site.report.ok, texts
    assert site.windows["dc-test-01"].actual_days == 10


def test_bad_holiday_file(tmp_path):
    texts, _ = problems(tmp_path, {"holidays/2027.yml": "notice: 通知\nholidays:\n  - name: 元旦\n"
                                                        "    start: 2031-01-01\n    end: 2031-01-02\n"})
    assert any("data/holidays/2027.yml" in t and "不属于 2027 年" in t for t in texts), texts


def test_signoff_requires_a_finished_status(tmp_path):
    texts, _ = problems(tmp_path, {"issues/dc-test-01.yml": notice_issue("2023-10-13", "2023-10-24", 8, "整改中")})
    # Pointed at the status: line (7), not at the file's first line.
    assert any(t.startswith("data/issues/dc-test-01.yml:7: status: 已有销号公示 signoff，状态应为“已完成”或“已销号”")
               for t in texts), texts


def test_objection_channel_must_have_phone_or_email(tmp_path):
    texts, _ = problems(tmp_path, {"units/office.yml": "name: 测试区生态环境保护委员会办公室\n"})
    assert any("signoff.office: 公示的异议渠道" in t for t in texts), texts


def test_yes_no_words_stay_text(tmp_path):
    # PyYAML would turn NO into False and 012 into 10; here they stay as typed.
    texts, site = problems(tmp_path, edit("title: 秸秆禁烧管控不力", "title: NO\nnumber: 012"))
    assert texts == []
    assert site.data.issues["dc-test-02"].title == "NO"
    assert site.data.issues["dc-test-02"].number == "012"


def test_all_problems_reported_at_once(tmp_path):
    change = edit("kind: 督察反馈问题\n", "")
    change["units/shuiliju.yml"] = "name: 测试区水利局\nname: 又一个\n"
    change["sources/dc-test.yml"] = textwrap.dedent(SMALL["sources/dc-test.yml"]).replace("level: 中央", "level: 国家")
    texts, _ = problems(tmp_path, change)
    assert len(texts) == 3, texts


def test_deadline_parsing():
    import datetime as dt

    from gongshi.model.deadline import parse_deadline

    d = parse_deadline("立行立改、长期坚持")
    assert d.terms == ("立行立改", "长期坚持") and d.due is None
    assert parse_deadline("2017年3月底").due == dt.date(2017, 3, 31)
    assert parse_deadline("2018年6月底前").due == dt.date(2018, 6, 30)
    assert parse_deadline("2020年底").due == dt.date(2020, 12, 31)
    assert parse_deadline("立行立改、2017-06-30").due == dt.date(2017, 6, 30)


def test_minimum_window_per_source_type(tmp_path):
    settings = "site_name: 测试\nmin_window_days: 5\nmin_window_days_by_type:\n  督察: 10\n"
    data = write_data(tmp_path, {**SMALL, "settings.yml": settings})
    site = check_data(data, dt.date(2023, 10, 1), base=tmp_path)  # the 8-day notice is still upcoming
    assert any("少于规定的 10 个工作日" in p.message for p in site.report.errors)


def test_old_id_cannot_be_a_current_id(tmp_path):
    from conftest import SMALL, TODAY, write_data
    from gongshi.site.load import check_data

    files = dict(SMALL)
    files["issues/dc-test-02.yml"] = ("old_ids: [dc-test-01]\n"
                                      + textwrap.dedent(files["issues/dc-test-02.yml"]).lstrip())
    site = check_data(write_data(tmp_path, files), TODAY, base=tmp_path)
    assert any("old_ids[1]: 旧编号“dc-test-01”仍是一个现有问题的编号" in p.text() for p in site.report.errors)


LOCAL_PHONE_UNIT = """\
name: 测试县办公室
phones:
  - number: "7102953"
    label: 联系电话
  - 0797-8888888
  - "12345"
"""


def test_a_fixed_line_number_without_area_code_gets_a_hint_on_its_line(tmp_path):
    _texts, site = problems(tmp_path, {"units/county.yml": LOCAL_PHONE_UNIT})
    assert site.report.ok  # a hint: the notice printed the number so
    [hint] = [w for w in site.report.warnings if "区号" in w.message]
    assert hint.text().startswith("data/units/county.yml:3: [提示] phones[1]: 固定电话“7102953”没有区号")
    assert 'area_code: "0797"' in hint.message


def test_an_area_code_is_dialled_and_shown_in_front_of_the_number(tmp_path):
    unit = LOCAL_PHONE_UNIT.replace('    label: 联系电话\n', '    label: 联系电话\n    area_code: "0797"\n')
    _texts, site = problems(tmp_path, {"units/county.yml": unit})
    assert not [w for w in site.report.warnings if "区号" in w.message]
    local, full, service = site.data.units["county"].phones
    assert (local.display, local.tel) == ("0797-7102953", "07977102953")
    assert (full.display, full.tel, full.needs_area_code) == ("0797-8888888", "07978888888", False)
    assert (service.display, service.needs_area_code) == ("12345", False)


@pytest.mark.parametrize("code", ["797", "0797-", "07970", "abc"])
def test_a_malformed_area_code_is_an_error_on_its_line(tmp_path, code):
    unit = LOCAL_PHONE_UNIT.replace('    label: 联系电话\n', f'    label: 联系电话\n    area_code: "{code}"\n')
    texts, site = problems(tmp_path, {"units/county.yml": unit})
    assert not site.report.ok
    assert any(t.startswith("data/units/county.yml:5:") and "不是长途区号" in t for t in texts), texts


@pytest.mark.parametrize("region", ["湖南省#益阳市", "湖南省益阳市%E6", "湖南省?", "湖南省、.益阳市", "湖南省/益阳市"])
def test_region_is_a_place_name_usable_in_an_address(tmp_path, region):
    # A region's places name folders of the site (regions/湖南省/益阳市/): nothing that ends or escapes a path.
    texts, _ = problems(tmp_path, edit("region: 测试省测试区", f"region: {region}"))
    assert texts == [f"data/issues/dc-test-02.yml:4: region: 地区“{region}”含有“/”“\\”“..”等字符："
                     "请只写地名，如 湖南省岳阳市岳阳楼区"]


def test_several_places_are_a_valid_region(tmp_path):
    texts, _ = problems(tmp_path, edit("region: 测试省测试区", "region: 湖南省岳阳市、益阳市"))
    assert texts == []


# Status against what the notice says and against its window (issue 16, point 5).

def test_notice_with_implementation_but_no_progress_is_a_hint(tmp_path):
    without_progress = textwrap.dedent(SMALL["issues/dc-test-01.yml"]).replace(
        "progress:\n  - date: 2023-09-01\n    text: 52个排污口已全部整治。\n", "")
    texts, site = problems(tmp_path, {"issues/dc-test-01.yml": without_progress})
    assert site.report.ok
    assert texts == ["data/issues/dc-test-01.yml:24: [提示] signoff.implementation: 公示第四部分已列出整改落实情况，"
                     "但本问题没有整改进展（progress）：网页上的“整改进展”只能指向公示；如有其他已公布的进展，"
                     "请在 progress 中按日期记录"]


def test_signed_off_while_the_window_is_open_is_an_error(tmp_path):
    # Window 2026-11-20 (Fri) to 2026-11-27: six working days, still open on 2026-11-23.
    texts, site = problems(tmp_path, {"issues/dc-test-01.yml": notice_issue("2026-11-20", "2026-11-27", 6, "已销号")})
    assert not site.report.ok
    assert texts == ["data/issues/dc-test-01.yml:7: status: 状态为“已销号”，但公示期（2026-11-20 至 2026-11-27）"
                     "尚未结束：公示期内群众仍可提出异议，请在公示期满后再改为“已销号”（公示期内请写“已完成”）"]
    # The day after the window: signed off is right, and nothing is said.
    texts, site = problems(tmp_path, {"issues/dc-test-01.yml": notice_issue("2026-11-20", "2026-11-27", 6, "已销号")},
                           today=dt.date(2026, 11, 28))
    assert site.report.ok and texts == []


def test_notice_dated_after_its_window_starts_is_a_hint(tmp_path):
    late = textwrap.dedent(SMALL["issues/dc-test-01.yml"]).replace("  date: 2023-10-13\n  office",
                                                                   "  date: 2023-10-16\n  office")
    texts, site = problems(tmp_path, {"issues/dc-test-01.yml": late})
    assert site.report.ok
    assert texts == ["data/issues/dc-test-01.yml:21: [提示] signoff.date: 公示落款日期 2023-10-16 晚于公示开始日期 "
                     "2023-10-13：公示在发布前就开始计算，群众提出异议的时间实际更短；请核对原文（原文如此则保留）"]


def test_a_long_ended_window_still_completed_is_a_hint(tmp_path):
    # 30 days after the window's end (2023-10-24) the status may still wait for the sign-off; from the 31st, a hint.
    texts, site = problems(tmp_path, {}, today=dt.date(2023, 11, 23), keep_stale=True)
    assert texts == []
    texts, site = problems(tmp_path, {}, today=dt.date(2023, 11, 24), keep_stale=True)
    assert site.report.ok
    assert texts == ["data/issues/dc-test-01.yml:7: [提示] status: 公示期已于 2023-10-24 结束（已过 31 天），"
                     "状态仍为“已完成”（网页显示“公示期满”）：如已销号，请改为“已销号”；如因异议等原因未销号，"
                     "请在 progress 中说明"]
    # Signed off: nothing to say.
    texts, _ = problems(tmp_path, {"issues/dc-test-01.yml": notice_issue("2023-10-13", "2023-10-24", 8, "已销号")},
                        keep_stale=True)
    assert texts == []


# --- data/holidays/<year>.yml -------------------------------------------------------------------

HOLIDAYS_2027 = """
    year: 2027
    notice: 国务院办公厅关于2027年部分节假日安排的通知（测试）
    holidays:
      - name: 元旦
        start: 2027-01-01
        end: 2027-01-03
      - name: 春节
        start: 2027-02-06
        end: 2027-02-13
    makeup_workdays: [2027-02-20]
    """


def holidays(old: str = "", new: str = "") -> dict[str, str]:
    text = textwrap.dedent(HOLIDAYS_2027)
    assert old in text
    return {"holidays/2027.yml": text.replace(old, new) if old else text}


def test_a_good_holiday_file_is_valid(tmp_path):
    texts, site = problems(tmp_path, holidays())
    assert site.report.ok, texts
    assert not site.data.calendar.is_workday(dt.date(2027, 2, 8))
    assert site.data.calendar.is_workday(dt.date(2027, 2, 20))  # a Saturday, worked


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ("[2027-02-20]", "[2027-02-22]",
         "data/holidays/2027.yml:10: makeup_workdays[1]: 调休上班日 2027-02-22 是星期一，不是周末"),
        ("[2027-02-20]", "[2027-02-20, 2027-02-13]",
         "data/holidays/2027.yml:10: makeup_workdays[2]: "
         "调休上班日 2027-02-13 在春节假期（2027-02-06 至 2027-02-13）之内"),
        ("year: 2027", "year: 2028",
         "data/holidays/2027.yml:1: year: year 写的是“2028”，与文件名 2027.yml 不符"),
        ("end: 2027-02-13", "end: 2028-02-13",
         "data/holidays/2027.yml:9: holidays[2].end: 春节：日期 2028-02-13 不属于 2027 年的节假日安排"),
        ("start: 2027-01-01", "start: 2026-12-31",
         "data/holidays/2027.yml:5: holidays[1].start: 元旦：日期 2026-12-31 不属于 2027 年的节假日安排"),
        ("[2027-02-20]", "[2028-01-08]",
         "data/holidays/2027.yml:10: makeup_workdays[1]: 调休上班日 2028-01-08 不属于 2027 年的节假日安排"),
        ("start: 2027-02-06", "start: 2027-01-02",
         "data/holidays/2027.yml:8: holidays[2].start: 春节假期（2027-01-02 至 2027-02-13）与元旦假期"
         "（2027-01-01 至 2027-01-03）重叠"),
    ],
)
def test_holiday_file_mistakes(tmp_path, old, new, expected):
    texts, site = problems(tmp_path, holidays(old, new), today=dt.date(2026, 11, 23))
    assert not site.report.ok
    assert any(t.startswith(expected) for t in texts), texts


def test_holiday_period_ending_before_it_starts_points_at_end(tmp_path):
    texts, _ = problems(tmp_path, holidays("end: 2027-01-03", "end: 2026-12-30"))
    assert any(t.startswith("data/holidays/2027.yml:6: holidays[1].end: 元旦：结束日期 2026-12-30 早于开始日期")
               for t in texts), texts


def test_a_holiday_file_with_mistakes_is_not_also_not_yet_entered(tmp_path):
    # A notice window in 2027 and a wrong 2027 file: the file's error, and the window names the file;
    # no "尚未录入" anywhere, neither the error nor the October reminder.
    change = {"issues/dc-test-01.yml": notice_issue("2027-01-04", "2027-01-15", 10),
              **holidays("[2027-02-20]", "[2027-02-22]")}
    texts, site = problems(tmp_path, change, today=dt.date(2026, 11, 23))
    assert not site.report.ok
    assert not any("尚未录入" in t for t in texts), texts
    assert any("signoff.window: data/holidays/2027.yml 有错误" in t for t in texts), texts
    assert missing_next_year(site.data, dt.date(2026, 11, 23)) is None


def test_next_years_schedule_is_a_reminder_from_october(tmp_path):
    _texts, site = problems(tmp_path, {})
    assert missing_next_year(site.data, dt.date(2026, 9, 30)) is None
    reminder = missing_next_year(site.data, dt.date(2026, 10, 1))
    assert reminder is not None and "data/holidays/2027.yml" in reminder
    assert site.report.ok  # a reminder, not an error


def test_the_current_years_schedule_is_required_once_the_year_began(tmp_path):
    texts, site = problems(tmp_path, {}, today=dt.date(2026, 12, 31))
    assert site.report.ok, texts
    texts, site = problems(tmp_path, {}, today=dt.date(2027, 1, 1))
    assert not site.report.ok
    [error] = [t for t in texts if t.startswith("data/holidays/2027.yml")]
    assert "2027 年已经开始" in error and "新建 data/holidays/2027.yml" in error
    assert "国务院办公厅关于2027年部分节假日安排的通知" in error
    texts, site = problems(tmp_path, holidays(), today=dt.date(2027, 1, 1))
    assert not any(t.startswith("data/holidays/2027.yml") for t in texts), texts
