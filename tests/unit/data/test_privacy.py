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


@pytest.mark.parametrize("text", [
    "身份证号：110105491231002",  # the old 15-digit number (born 1949-12-31)
    "身份证１１０１０５１９４９１２３１００２Ｘ",  # full-width digits and X
    "号码 110105 19491231 002X",  # written 6-8-4
    "号码 110105-1949-1231-002X",  # written 6-4-4-4
    "号码 110105.491231.002",  # old number written 6-6-3
])
def test_other_forms_of_id_numbers_are_found(text):
    found = problems_in(text)
    assert [m.split("：")[0] for _, m in found] == ["含有居民身份证号码“110105…”"], found  # no "mobile" inside


@pytest.mark.parametrize("text", [
    "360100110012345",  # a business registration number: no birth date at 7-12
    "990105491231002",  # no such province
    "110105491332002",  # month 13
    "1101054912310021",  # 16 digits
    "统一社会信用代码91360100MA35F1234X",
])
def test_other_15_digit_numbers_are_not_id_numbers(text):
    assert problems_in(text) == []


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


@pytest.mark.parametrize("text", [
    "手机１３８１２３４５６７８",  # full-width digits
    "手机１３８－１２３４－５６７８",  # full-width dashes
    "电话138.1234.5678",
    "电话138—1234—5678",  # em dash
    "电话138——1234——5678",
    "电话138–1234–5678",  # en dash
    "电话138·1234·5678",
    "电话138 - 1234 - 5678",
    "电话138\u30001234\u30005678",  # ideographic space
    "电话 +86 138 1234 5678",
    "电话0086-138-1234-5678",
    "电话138-12345678",
    "电话1 3 8 1 2 3 4 5 6 7 8",
    "联系电话0797-7102953 13812345678",  # beside a landline
])
def test_mobile_numbers_written_with_separators_or_full_width_digits(text):
    assert [m.split("：")[0] for _, m in problems_in(text)] == ["含有手机号码“138****5678”"]


# Real numbers of the sample data (data/) and the numbers staff write every day: not personal data.
@pytest.mark.parametrize("text", [
    "0737-2700665", "0730-8245473", "0797-7102953", "7102953", "电话0797-7102953、0797-7102954",
    "282915990@qq.com", "2015-2020年", "赣环督〔2022〕12号", "益沅环函〔2024〕8号", "（2020）湘0602执1234号",
    "2021年12月31日", "2021.12.15—2022.10.31", "2021-06-30 至 2022-06-30", "共计1350000元", "1,380,000,000元",
    "13 15 20 18 12 5", "1998 1999 2000 2001", "D1YZ202000131", "第13、14、15条", "139.5万元",
])
def test_ordinary_numbers_are_not_personal_data(text):
    assert problems_in(text) == []


NAMED = ["举报人张三", "举报人张三反映：", "信访人：李某某", "信访人李某某称", "投诉人王X", "来信人（赵某）",
         "举报人欧阳小明来电", "反映人为刘某，", "来访人姓名：陈晓东。", "举报人：于洋",
         # the name before the role word
         "张三（举报人）反映", "经核查，李某某(信访人)所反映问题属实", "王先生（投诉人，男）", "刘某某（来电人）称",
         # other role words
         "投诉群众刘某某", "举报群众王某反映", "来访者张三称", "上访人李某某"]
NOT_NAMED = ["向举报人反馈", "举报人信息已保密", "已向举报人反馈办理结果，举报人表示满意。", "举报人陈述，",
             "举报人对处理结果满意", "举报人于昨日来访", "举报人和被举报人", "举报人曾多次来信", "信访人为周边群众",
             "举报人系王家村村民", "被举报人张三", "举报人称", "匿名举报人", "举报人向市局反映", "对举报人信息严格保密",
             "群众举报环境问题", "信访件举报内容属实",
             "群众（举报人）", "企业（被举报人）", "周边（举报人）", "村民（投诉人）反映", "举报群众反映",
             "投诉群众多次反映", "信访群众对处理结果满意", "当地群众（来信人）", "向群众（举报人）反馈"]


@pytest.mark.parametrize("text", NAMED)
def test_named_complainants_are_found(text):
    assert len(find_named_complainants(text)) == 1, text
    assert "已隐去姓名" in problems_in(text)[0][1]


def test_the_name_before_the_role_word_is_shown_and_its_redaction_said():
    assert problems_in("经核查，张三（举报人）反映的问题属实。") == [
        (4, "“张三（举报人）”写出了举报人的姓名：请改为“举报人（已隐去姓名）”")]


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


def test_settings_are_checked(tmp_path):
    settings = textwrap.dedent(SMALL["settings.yml"]) + "site_description: 网站联系人张三，手机138 1234 5678\n"
    site = write(tmp_path, {"settings.yml": settings})
    assert [p.text() for p in site.report.errors] == [
        "data/settings.yml:3: site_description: 含有手机号码“138****5678”："
        "请删除；公开的联系电话请填在单位文件 data/units/*.yml 的 phones 中"]


def test_mapping_keys_are_checked(tmp_path):
    source = textwrap.dedent(SMALL["sources/dc-test.yml"]) + textwrap.dedent("""\
        petition_summary:
          as_of: 2025-01-10
          total: 3
          by_region:
            测试区: 2
            张三（举报人）: 1
        """)
    site = write(tmp_path, {"sources/dc-test.yml": source})
    assert [p.text() for p in site.report.errors] == [
        "data/sources/dc-test.yml:10: petition_summary.by_region: 键名“张三（举报人）”写出了举报人的姓名："
        "请改为“举报人（已隐去姓名）”"]


@pytest.mark.parametrize("name, found", [
    ("issues/dc-13812345678.yml",
     "含有手机号码“138****5678”：请删除；公开的联系电话请填在单位文件 data/units/*.yml 的 phones 中"),
    ("issues/110105491231002/dc-test-09.yml", "含有居民身份证号码“110105…”：身份证号请删除或只保留前6位"),
])
def test_file_and_folder_names_are_checked(tmp_path, name, found):
    site = write(tmp_path, {name: SMALL["issues/dc-test-02.yml"].replace("秸秆", "另一个")})
    assert [p.text() for p in site.report.errors if "文件名" in p.message] == [
        f"data/{name}: 文件名或文件夹名{found}（文件名会成为网址，请改名）"]


def test_old_values_from_git_history_never_show_personal_data():
    from gongshi.data.history import HIDDEN, compare

    old = "status: 已联系举报人张三，电话１３８１２３４５６７８\ndeadline: 110105491231002\n"
    lines, before, after = compare("issues", old, "status: 整改中\ndeadline: 2025年底\n")
    assert before == HIDDEN and after == "整改中"
    assert lines == [f"状态：{HIDDEN} → 整改中", f"整改时限：{HIDDEN} → 2025年底"]
