"""Personal data is refused with file:line, field and how to redact it; ordinary text passes."""

from __future__ import annotations

import textwrap

import pytest

from conftest import ROOT, SMALL, TODAY, write_data
from gongshi.data.privacy import find_id_numbers, find_named_complainants, problems_in, valid_id_number
from gongshi.data.problems import Report
from gongshi.data.strict_yaml import decode, parse
from gongshi.site.load import check_data


@pytest.mark.parametrize("text", [
    "11010519491231002X",  # the GB 11643 standard's own example
    "身份证号：440524188001010014，",
    "号码 11010519491231002x。",
])
def test_resident_id_numbers_are_found(text):
    assert len(find_id_numbers(text)) == 1


@pytest.mark.parametrize("text", [
    "110105194912310021",  # wrong check digit
    "123456789012345678",  # no real date, wrong check
    "D1YZ202000131",  # petition number
    "D11010519491231002X",  # part of a longer code
    "案号202011010519491231002X1",  # inside a longer digit run
    "（2020）湘0602执1234号",
    "110105194913310028",  # month 13
])
def test_other_long_numbers_are_not_id_numbers(text):
    assert find_id_numbers(text) == []


def test_checksum_is_iso_7064():
    assert valid_id_number("11010519491231002", "X")
    assert not valid_id_number("11010519491231002", "1")


@pytest.mark.parametrize("text, found", [
    ("举报人手机13812345678", True),
    ("联系人 138 1234 5678。", True),
    ("电话：+86-13912345678", True),
    ("电话：0730-8245473", False),  # a landline
    ("编号 2020113812345678", False),  # inside a longer run of digits
    ("投资12345678901元", False),  # 12…: not a mobile prefix
    ("15个工作日，共计19家企业", False),
])
def test_mobile_numbers(text, found):
    assert any("手机号码" in m for _, m in problems_in(text)) is found


NAMED = ["举报人张三", "举报人张三反映：", "信访人：李某某", "信访人李某某称", "投诉人王X", "来信人（赵某）",
         "举报人欧阳小明来电", "反映人为刘某，", "来访人姓名：陈晓东。", "举报人：于洋"]
NOT_NAMED = ["向举报人反馈", "举报人信息已保密", "已向举报人反馈办理结果，举报人表示满意。", "举报人陈述，",
             "举报人对处理结果满意", "举报人于昨日来访", "举报人和被举报人", "举报人曾多次来信", "信访人为周边群众",
             "举报人系王家村村民", "被举报人张三", "举报人称", "匿名举报人", "举报人向市局反映", "对举报人信息严格保密",
             "群众举报环境问题", "信访件举报内容属实"]


@pytest.mark.parametrize("text", NAMED)
def test_named_complainants_are_found(text):
    assert len(find_named_complainants(text)) == 1, text


@pytest.mark.parametrize("text", NOT_NAMED)
def test_generic_phrases_are_not_names(text):
    assert find_named_complainants(text) == [], text


def test_no_false_alarm_on_the_sample_data_and_seeds():
    seeds = sorted((ROOT.parent.parent / "shared" / "seeds").glob("*.txt"))
    for path in sorted((ROOT / "data").rglob("*.yml")) + seeds:
        text = path.read_text(encoding="utf-8")
        assert problems_in(text) == [], path


def write(tmp_path, extra: dict[str, str]):
    files = dict(SMALL)
    files.update(extra)
    return check_data(write_data(tmp_path, files), TODAY, base=tmp_path)


def test_validator_names_file_line_field_and_redaction(tmp_path):
    issue = textwrap.dedent(SMALL["issues/dc-test-02.yml"]) + textwrap.dedent("""
        progress:
          - date: 2025-01-02
            text: |
              已完成现场核查。
              举报人张三反映的问题已整改，已电话告知（13812345678）。
        note: 信访人身份证号11010519491231002X。
        """)
    unit = (textwrap.dedent(SMALL["units/office.yml"]).replace("0730-1234567", "13912345678")
            + "description: 值班手机13712345678\n")
    site = write(tmp_path, {"issues/dc-test-02.yml": issue, "units/office.yml": unit})
    lines = [p.text() for p in site.report.errors]
    assert ("data/issues/dc-test-02.yml:15: progress[1].text: "
            "“举报人张三”写出了举报人的姓名：请改为“举报人（已隐去姓名）”") in lines
    assert any(line.startswith("data/issues/dc-test-02.yml:15: progress[1].text: 含有手机号码“138****5678”")
               for line in lines)
    assert any(line.startswith("data/issues/dc-test-02.yml:16: note: "
                               "含有居民身份证号码“110105…”：身份证号请删除或只保留前6位")
               for line in lines)
    # A unit's declared phones are its public channel; its description is not.
    assert [line for line in lines if "units/office.yml" in line] == [
        "data/units/office.yml:7: description: 含有手机号码“137****5678”："
        "请删除；公开的联系电话请填在单位文件 data/units/*.yml 的 phones 中"]
    assert len(lines) == 4


def test_sample_data_passes():
    site = check_data(ROOT / "data", TODAY, base=ROOT)
    assert site.report.errors == []


def test_region_cannot_be_a_path(tmp_path):
    issue = textwrap.dedent(SMALL["issues/dc-test-02.yml"]).replace("region: 测试省测试区", "region: ../../../index")
    site = write(tmp_path, {"issues/dc-test-02.yml": issue})
    assert [p.text() for p in site.report.errors] == [
        "data/issues/dc-test-02.yml:4: region: 地区“../../../index”含有“/”“\\”“..”等字符："
        "请只写地名，如 湖南省岳阳市岳阳楼区"]


def test_privacy_check_is_fast():
    import time

    from gongshi.data import privacy

    text = decode((ROOT / "data" / "issues" / "zydc2-hunan-2021" / "yylq-2021-01.yml").read_bytes())
    node = parse(text)
    started = time.perf_counter()
    for _ in range(1000):
        privacy.check("issues", node, "x.yml", Report(), text)
    clean = (time.perf_counter() - started) / 1000
    started = time.perf_counter()
    for _ in range(100):
        privacy.check("issues", node, "x.yml", Report())  # every text looked at
    walked = (time.perf_counter() - started) / 100
    print(f"\nprivacy check per file: {clean * 1e6:.0f} µs (clean file), {walked * 1e6:.0f} µs (walked)")
    assert clean < 0.002 and walked < 0.01  # small beside parsing the file (generous: shared machines)
