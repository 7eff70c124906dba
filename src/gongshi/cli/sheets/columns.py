"""The 台账 workbook's sheets and columns, and the problems found in it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import get_args

from gongshi.model.records import Category, Finding, IssueKind, PetitionChannel, PetitionStatus, PollutionType, Status

LIST_SEPARATOR = "、"

# A column is (key, Chinese header); the header row reads "标题 title".
ISSUE_COLUMNS = [
    ("id", "编号"), ("source", "督察来源"), ("number", "原文编号"), ("kind", "问题类型"), ("title", "标题"),
    ("section", "所属反馈问题"), ("region", "地区"), ("category", "类别"), ("status", "状态"),
    ("problem", "问题"), ("target", "整改目标"), ("deadline", "整改时限"), ("responsible_units", "责任单位"),
    ("leader", "责任领导"), ("note", "说明"),
]
MEASURE_COLUMNS = [("issue", "问题编号"), ("order", "序号"), ("text", "整改措施"), ("lead", "牵头单位")]
PROGRESS_COLUMNS = [("issue", "问题编号"), ("order", "序号"), ("date", "日期"), ("text", "整改进展"),
                    ("document", "出处")]
SIGNOFF_COLUMNS = [
    ("issue", "问题编号"), ("title", "公示标题"), ("date", "落款日期"), ("number", "文号"), ("office", "发布机关"),
    ("contact", "异议渠道"), ("intro", "导语"), ("window_start", "公示开始"), ("window_end", "公示结束"),
    ("window_working_days", "工作日数"), ("implementation", "整改落实情况（每条一段，空行分隔）"),
    ("conclusion", "结论"),
]
PETITION_COLUMNS = [
    ("id", "编号"), ("source", "督察来源"), ("batch", "交办批次"), ("region", "地区"), ("pollution", "污染类型"),
    ("important", "重点"), ("channel", "来源方式"), ("summary", "反映问题"), ("finding", "核查结论"),
    ("finding_text", "调查核实情况"), ("handling", "办理情况"), ("handling_units", "办理单位"), ("status", "办理状态"),
    ("reported", "信息日期"), ("document", "出处"),
]
SHEETS = {"问题": ISSUE_COLUMNS, "整改措施": MEASURE_COLUMNS, "整改进展": PROGRESS_COLUMNS,
          "销号公示": SIGNOFF_COLUMNS, "信访件": PETITION_COLUMNS}
CHILD_SHEETS = {"整改措施": "measures", "整改进展": "progress"}
LIST_FIELDS = {"category", "responsible_units", "lead", "pollution", "handling_units"}
# The sheet of choices the drop-down lists of sources and units point at (it is not imported).
CHOICES_SHEET = "可选值"

# Closed lists: (sheet, key) → the allowed values, offered as a drop-down list. A list field (类别) may hold
# several values, so there the list only suggests.
CHOICES: dict[tuple[str, str], tuple[str, ...]] = {
    ("问题", "kind"): get_args(IssueKind), ("问题", "category"): get_args(Category),
    ("问题", "status"): get_args(Status), ("信访件", "pollution"): get_args(PollutionType),
    ("信访件", "important"): ("true", "false"), ("信访件", "channel"): get_args(PetitionChannel),
    ("信访件", "finding"): get_args(Finding), ("信访件", "status"): get_args(PetitionStatus),
}
# Columns whose values are ids of sources or units: a drop-down list from the 可选值 sheet.
SOURCE_COLUMNS = {("问题", "source"), ("信访件", "source")}
UNIT_COLUMNS = {("销号公示", "office"), ("销号公示", "contact"), ("问题", "responsible_units"),
                ("整改措施", "lead"), ("信访件", "handling_units")}
# Long text gets a wide, wrapping column; the rest a width that fits its usual content.
WIDE = {"title", "problem", "target", "text", "intro", "implementation", "conclusion", "summary", "finding_text",
        "handling", "note"}


def header_of(sheet: str, key: str) -> str:
    return f"{dict(SHEETS[sheet])[key]} {key}"


@dataclass
class RowProblem:
    sheet: str
    row: int
    field: str
    message: str

    def text(self) -> str:
        what = f"{self.field}: " if self.field else ""
        return f"{self.sheet} 第 {self.row} 行: {what}{self.message}"
