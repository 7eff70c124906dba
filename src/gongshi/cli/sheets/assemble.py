"""Spreadsheet 台账 (XLSX, or CSV for flat sheets) ⇄ data files.

export writes one workbook: a sheet of issues (one row each), and sheets of
their measures, progress entries and sign-off notices (one row per item,
keyed by issue id), and a sheet of petitions. import reads such a workbook
(or a CSV of one sheet), checks every row with the data model and writes the
data files; an existing file is only replaced with --update, and only when
its content really changes, so export then import --update changes nothing.
Bad rows are reported by sheet and row number.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from openpyxl import Workbook, load_workbook
from pydantic import ValidationError

from gongshi.data import strict_yaml
from gongshi.data.dataset import Dataset
from gongshi.data.messages import field_path, message
from gongshi.model.records import Issue, Petition

LIST_SEPARATOR = "、"

# (sheet, columns): a column is (key, Chinese header). Headers read "标题 title".
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
LIST_FIELDS = {"category", "responsible_units", "lead", "pollution", "handling_units"}


@dataclass
class RowProblem:
    sheet: str
    row: int
    field: str
    message: str

    def text(self) -> str:
        what = f"{self.field}: " if self.field else ""
        return f"{self.sheet} 第 {self.row} 行: {what}{self.message}"


# --- export -----------------------------------------------------------------

def _cell(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, list):
        return LIST_SEPARATOR.join(str(v) for v in value)
    return str(value)


def export_workbook(dataset: Dataset, path: Path, issue_ids: list[str] | None = None) -> None:
    """Write the raw data files (as typed, not as rendered) of issues and petitions."""
    wb = Workbook()
    wb.remove(wb.active)
    sheets = {name: wb.create_sheet(name) for name in SHEETS}
    for name, columns in SHEETS.items():
        sheets[name].append([f"{header} {key}" for key, header in columns])
    for issue_id in issue_ids if issue_ids is not None else sorted(dataset.issues):
        raw = strict_yaml.to_python(dataset.nodes[("issues", issue_id)])
        sheets["问题"].append([issue_id if key == "id" else _cell(raw.get(key)) for key, _ in ISSUE_COLUMNS])
        for order, measure in enumerate(raw.get("measures") or [], start=1):
            sheets["整改措施"].append([issue_id, order, _cell(measure.get("text")), _cell(measure.get("lead"))])
        for order, entry in enumerate(raw.get("progress") or [], start=1):
            sheets["整改进展"].append([issue_id, order, _cell(entry.get("date")), _cell(entry.get("text")),
                                   _cell(entry.get("document"))])
        signoff = raw.get("signoff")
        if signoff:
            window = signoff.get("window") or {}
            sheets["销号公示"].append([
                issue_id, _cell(signoff.get("title")), _cell(signoff.get("date")), _cell(signoff.get("number")),
                _cell(signoff.get("office")), _cell(signoff.get("contact")), _cell(signoff.get("intro")),
                _cell(window.get("start")), _cell(window.get("end")), _cell(window.get("working_days")),
                "\n\n".join(signoff.get("implementation") or []) or None, _cell(signoff.get("conclusion")),
            ])
    for petition_id in sorted(dataset.petitions):
        raw = strict_yaml.to_python(dataset.nodes[("petitions", petition_id)])
        sheets["信访件"].append([petition_id if key == "id" else _cell(raw.get(key)) for key, _ in PETITION_COLUMNS])
    for sheet in sheets.values():
        sheet.freeze_panes = "A2"
    wb.save(path)


# --- import -----------------------------------------------------------------

def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


def _rows(sheet_rows: list[list[Any]], columns: list[tuple[str, str]], sheet: str, problems: list[RowProblem]):
    """Yield (row number, {key: text}) using the header row to find columns."""
    if not sheet_rows:
        return
    header = [(_text(h) or "").split(" ")[-1] for h in sheet_rows[0]]
    keys = {key for key, _ in columns}
    unknown = [h for h in header if h and h not in keys]
    doubled = sorted({h for h in header if h and header.count(h) > 1})
    first = columns[0][0]  # the record's id: without it no row can be read
    wrong = []
    if unknown:
        wrong.append(f"未知的列：{'、'.join(unknown)}")
    if doubled:
        wrong.append(f"重复的列：{'、'.join(doubled)}")
    if first not in header:
        wrong.append(f"缺少“{dict(columns)[first]} {first}”列")
    if wrong:
        # One message for the header, not one for every row read with it.
        problems.append(RowProblem(sheet, 1, "", "；".join(wrong) + "（列标题应为导出文件中的样子，如“标题 title”；"
                                   "本表未读入，请改正第 1 行后再导入）"))
        return
    for number, row in enumerate(sheet_rows[1:], start=2):
        values = {key: _text(value) for key, value in zip(header, row, strict=False) if key in keys}
        if any(v is not None for v in values.values()):
            yield number, values


def _split(value: str | None) -> list[str]:
    parts = (value or "").replace(",", LIST_SEPARATOR).replace("，", LIST_SEPARATOR).split(LIST_SEPARATOR)
    return [part.strip() for part in parts if part.strip()]


def _drop_none(data: dict) -> dict:
    return {k: v for k, v in data.items() if v not in (None, [], {})}


def _column_namer(header: list[str]):
    def column(index: int) -> str:
        name = header[index - 1] if 0 < index <= len(header) else ""
        return name or f"第 {index} 列"
    return column


def workbook_problems(path: Path) -> list[RowProblem]:
    """What reading values alone would hide, each by sheet, row and column: merged cells (only their first
    cell holds the value: the other rows would lose it), formulas (their value is not text staff typed)
    and hidden rows (imported although nobody sees them)."""
    if path.suffix.lower() == ".csv":
        return []
    wb = load_workbook(path, data_only=False)
    problems = []
    for ws in wb.worksheets:
        header = [(_text(c.value) or "").split(" ")[-1] for c in ws[1]] if ws.max_row else []
        column = _column_namer(header)
        for merged in ws.merged_cells.ranges:
            problems.append(RowProblem(ws.title, merged.min_row, column(merged.min_col),
                                       f"合并单元格 {merged.coord}：请取消合并，把内容填到每一行"
                                       "（合并后只有第一个单元格有内容，其余行的数据会丢失）"))
        for row in ws.iter_rows(min_row=1):
            for cell in row:
                if cell.data_type == "f":
                    problems.append(RowProblem(ws.title, cell.row, column(cell.column),
                                               f"单元格 {cell.coordinate} 是公式（{str(cell.value)[:30]}）："
                                               "请改为直接填写的文字或数字"))
        for number, dimension in ws.row_dimensions.items():
            if dimension.hidden and any(c.value not in (None, "") for c in ws[number]):
                problems.append(RowProblem(ws.title, number, "", "这一行被隐藏了：隐藏的行也会导入，"
                                                                 "请取消隐藏后检查，或删除这一行"))
    return problems


def read_sheets(path: Path) -> dict[str, list[list[Any]]]:
    if path.suffix.lower() == ".csv":
        with open(path, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f))
        header = " ".join(rows[0]) if rows else ""
        sheet = "信访件" if "finding" in header or "pollution" in header else "问题"
        return {sheet: rows}
    wb = load_workbook(path, read_only=True, data_only=True)
    return {ws.title: [list(row) for row in ws.iter_rows(values_only=True)] for ws in wb.worksheets}


def assemble(sheets: dict[str, list[list[Any]]]) -> tuple[dict[str, dict], dict[str, dict], list[RowProblem], dict]:
    """Records from the sheets: (issues by id, petitions by id, problems, row of each record)."""
    problems: list[RowProblem] = []
    issues: dict[str, dict] = {}
    petitions: dict[str, dict] = {}
    where: dict[tuple[str, str], tuple[str, int]] = {}
    for number, values in _rows(sheets.get("问题", []), ISSUE_COLUMNS, "问题", problems):
        record_id = values.pop("id")
        if not record_id:
            problems.append(RowProblem("问题", number, "id", "缺少编号"))
            continue
        if record_id in issues:
            first = where[("issues", record_id)][1]
            problems.append(RowProblem("问题", number, "id", f"编号“{record_id}”重复（第 {first} 行已有）"))
            continue
        for key in LIST_FIELDS & values.keys():
            values[key] = _split(values[key]) or None
        issues[record_id] = values
        where[("issues", record_id)] = ("问题", number)
    if any(p.sheet == "问题" and p.row == 1 for p in problems):
        # The 问题 sheet was not read (its header is wrong): rows naming its issues are not reported one by one.
        return issues, petitions, problems, where
    children = (("整改措施", MEASURE_COLUMNS, "measures"), ("整改进展", PROGRESS_COLUMNS, "progress"))
    for sheet, columns, field in children:
        for number, values in sorted(_rows(sheets.get(sheet, []), columns, sheet, problems),
                                     key=lambda nv: (nv[1].get("issue") or "", int(nv[1].get("order") or 0))):
            issue = issues.get(values.pop("issue") or "")
            values.pop("order", None)
            if issue is None:
                problems.append(RowProblem(sheet, number, "issue", "问题编号不在“问题”表中"))
                continue
            if "lead" in values:
                values["lead"] = _split(values["lead"]) or None
            issue.setdefault(field, []).append(_drop_none(values))
    for number, values in _rows(sheets.get("销号公示", []), SIGNOFF_COLUMNS, "销号公示", problems):
        issue = issues.get(values.pop("issue") or "")
        if issue is None:
            problems.append(RowProblem("销号公示", number, "issue", "问题编号不在“问题”表中"))
            continue
        window = _drop_none({"start": values.pop("window_start", None), "end": values.pop("window_end", None),
                             "working_days": values.pop("window_working_days", None)})
        implementation = [p.strip() for p in (values.pop("implementation", None) or "").split("\n\n") if p.strip()]
        issue["signoff"] = _drop_none({**values, "window": window, "implementation": implementation})
    for number, values in _rows(sheets.get("信访件", []), PETITION_COLUMNS, "信访件", problems):
        record_id = values.pop("id")
        if not record_id:
            problems.append(RowProblem("信访件", number, "id", "缺少编号"))
            continue
        for key in LIST_FIELDS & values.keys():
            values[key] = _split(values[key]) or None
        petitions[record_id] = values
        where[("petitions", record_id)] = ("信访件", number)
    issues = {k: _drop_none(v) for k, v in issues.items()}
    petitions = {k: _drop_none(v) for k, v in petitions.items()}
    return issues, petitions, problems, where


def check(kind: str, record_id: str, data: dict, sheet: str, row: int) -> list[RowProblem]:
    model = Issue if kind == "issues" else Petition
    try:
        model.model_validate({**data, "id": record_id})
    except ValidationError as exc:
        return [RowProblem(sheet, row, field_path(tuple(e["loc"])), message(e, model)) for e in exc.errors()]
    return []


# --- writing data files -------------------------------------------------------

class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper, value: str):
    style = "|" if "\n" in value or len(value) > 60 else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def to_yaml(data: dict) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000)
