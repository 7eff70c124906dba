"""What changed in a record between two versions, worded in Chinese (data/history.py)."""

from gongshi.data.history import FORMAT_ONLY, NEW_RECORD, UNREADABLE, compare, field_name

BEFORE = """\
source: dc-test
title: 秸秆禁烧管控不力
status: 整改中
deadline: 2024年底
problem: 秸秆焚烧现象普遍。
measures:
  - text: 加强巡查。
progress:
  - date: 2024-01-02
    text: 开展巡查。
"""


def lines(old, new, kind="issues"):
    return compare(kind, old, new)[0]


def test_first_version_is_a_new_record_with_its_status():
    assert compare("issues", None, BEFORE) == ([NEW_RECORD], None, "整改中")


def test_status_and_deadline_say_before_and_after():
    after = BEFORE.replace("status: 整改中", "status: 已完成").replace("2024年底", "2025年6月底")
    assert compare("issues", BEFORE, after) == (["状态：整改中 → 已完成", "整改时限：2024年底 → 2025年6月底"],
                                                 "整改中", "已完成")


def test_deadline_added_and_removed():
    without = BEFORE.replace("deadline: 2024年底\n", "")
    assert lines(without, BEFORE) == ["整改时限：（无） → 2024年底"]
    assert lines(BEFORE, without) == ["整改时限：2024年底 → （无）"]


def test_measures_added_removed_changed_by_their_place():
    two = BEFORE.replace("  - text: 加强巡查。\n", "  - text: 加强巡查。\n  - text: 建立台账。\n    lead: [office]\n")
    assert lines(BEFORE, two) == ["新增第2条整改措施"]
    assert lines(two, BEFORE) == ["删除原第2条整改措施"]
    assert lines(BEFORE, BEFORE.replace("加强巡查。", "加强日常巡查。")) == ["修改第1条整改措施"]
    first = BEFORE.replace("  - text: 加强巡查。\n", "  - text: 划定禁烧区。\n  - text: 加强巡查。\n")
    assert lines(BEFORE, first) == ["新增第1条整改措施"]


def test_progress_entries_with_their_dates():
    more = BEFORE + "  - date: 2025-03-01\n    text: 完成整治。\n  - text: 原文无日期。\n"
    assert lines(BEFORE, more) == ["新增一条整改进展（2025年3月1日）", "新增一条整改进展（原文未注明日期）"]
    assert lines(more, BEFORE) == ["删除一条整改进展（2025年3月1日）", "删除一条整改进展（原文未注明日期）"]


def test_signoff_and_withdrawal():
    signed = BEFORE.replace("status: 整改中", "status: 已完成") + (
        "signoff:\n  title: 公示\n  date: 2025-03-10\n  office: office\n  window:\n    start: 2025-03-10\n"
        "    working_days: 10\n")
    assert lines(BEFORE, signed) == ["状态：整改中 → 已完成", "发布整改销号公示"]
    assert lines(signed, signed.replace("working_days: 10", "working_days: 8")) == ["修改整改销号公示"]
    withdrawn = BEFORE + "withdrawn:\n  date: 2025-05-01\n  reason: 与第3条重复。\n"
    assert lines(BEFORE, withdrawn) == ["撤回本条记录"]
    assert lines(withdrawn, BEFORE) == ["取消撤回本条记录"]


def test_other_fields_named_in_chinese_in_one_line():
    after = BEFORE.replace("秸秆焚烧现象普遍。", "秸秆焚烧现象较为普遍。") + "target: 杜绝焚烧。\nnote: 见附件。\n"
    assert lines(BEFORE, after) == ["修改了问题原文、整改目标、说明"]
    assert field_name("issues", "problem") == "问题原文" and field_name("units", "phones") == "电话"
    assert lines("name: 水利局\n", "name: 县水利局\n", "units") == ["修改了单位名称"]


def test_layout_and_comments_only():
    reflowed = BEFORE.replace("problem: 秸秆焚烧现象普遍。", "problem: |\n  秸秆焚烧现象普遍。\n# 核对过\n")
    assert lines(BEFORE, reflowed) == ["修改了问题原文"]  # a block scalar keeps its newline: the text differs
    assert lines(BEFORE, BEFORE.replace("status: 整改中", "status: 整改中  # 2024年核对")) == [FORMAT_ONLY]
    assert lines(BEFORE, BEFORE) == []


def test_an_unreadable_old_version_is_a_change_without_detail():
    broken = BEFORE.replace("measures:\n  - text: 加强巡查。", "measures:\n  - text: [加强巡查。")
    assert lines(broken, BEFORE) == ["修改了整改措施"]  # which field, not how
    assert lines("- 不是一条记录\n", BEFORE) == [UNREADABLE]
    assert compare("issues", "status: [\n", BEFORE)[1] is None  # no status read from it: none claimed
