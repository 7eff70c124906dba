"""The rows of a returned 台账 put together into one view per record.

A view holds what the workbook says of a record, and only that: a field whose column is missing, or a kind
of row whose sheet is missing, is absent from the view (the file keeps what it has), while an empty cell is
None (the field is removed). The same function reads the rows of a record as exported (`record_rows`), so
an unedited record gives exactly the view its file was exported as. Every row of a record is remembered, so
a problem is reported on the row that holds it: a measure's on its 整改措施 row, not on the issue's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from gongshi.cli.sheets.columns import CHILD_SHEETS, LIST_FIELDS, LIST_SEPARATOR, SHEETS, RowProblem
from gongshi.cli.sheets.read import text_of
from gongshi.data.strict_yaml import invisible, without_invisible

Where = tuple  # ("issues", id) | ("issues", id, "measures", index) | ("issues", id, "signoff") | …


@dataclass
class Assembled:
    issues: dict[str, dict] = field(default_factory=dict)
    petitions: dict[str, dict] = field(default_factory=dict)
    problems: list[RowProblem] = field(default_factory=list)
    rows: dict[Where, tuple[str, int]] = field(default_factory=dict)  # where → (sheet, row number)


def split(value: str | None) -> list[str] | None:
    parts = (value or "").replace(",", LIST_SEPARATOR).replace("，", LIST_SEPARATOR).split(LIST_SEPARATOR)
    return [part.strip() for part in parts if part.strip()] or None


def _header(sheet: str, rows: list[list[Any]], problems: list[RowProblem]) -> list[str] | None:
    """The keys of the sheet's columns, or None (one problem on row 1) when the header is wrong."""
    columns = SHEETS[sheet]
    keys = {key for key, _ in columns}
    by_name = {name: key for key, name in columns}  # "标题" alone (the key part deleted) is understood too
    header = [(text_of(h) or "").split(" ")[-1] for h in rows[0]]
    header = [h if h in keys else by_name.get(h, h) for h in header]
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
        return None
    return header


def _rows(sheets: dict[str, list[list[Any]]], sheet: str, problems: list[RowProblem]):
    """(row number, {key: text or list}) of each non-empty row; nothing when the sheet is absent or wrong."""
    rows = sheets.get(sheet) or []
    header = _header(sheet, rows, problems) if rows else None
    if header is None:
        return
    headless: set[int] = set()  # columns without a header that hold something: reported once each
    for number, row in enumerate(rows[1:], start=2):
        values: dict[str, Any] = dict.fromkeys(filter(None, header))
        for index, value in enumerate(row):
            text = text_of(value)
            if text is not None and (what := invisible(text)) is not None:
                # Said once here, on the cell; the rest of the checks see the text without it.
                problems.append(RowProblem(sheet, number, header[index] if index < len(header) else "",
                                           f"{what}：请在 Excel 中删除这个字符后再导入"))
                text = without_invisible(text) or None
            if index < len(header) and header[index]:
                values[header[index]] = text
            elif text is not None and index not in headless:
                headless.add(index)
                problems.append(RowProblem(sheet, number, f"第 {index + 1} 列", "这一列没有列标题，内容不会导入："
                                           "请把内容移到对应的列，或删除这一列"))
        if any(v is not None for v in values.values()):
            for key in LIST_FIELDS & values.keys():
                values[key] = split(values[key])
            yield number, values


def _present(sheets: dict[str, list[list[Any]]], sheet: str, problems: list[RowProblem]) -> bool:
    return bool(sheets.get(sheet)) and not any(p.sheet == sheet and p.row == 1 for p in problems)


def assemble(sheets: dict[str, list[list[Any]]]) -> Assembled:
    out = Assembled()
    problems = out.problems
    for kind, sheet in (("issues", "问题"), ("petitions", "信访件")):
        records = out.issues if kind == "issues" else out.petitions
        for number, values in _rows(sheets, sheet, problems):
            record_id = values.pop("id")
            if not record_id:
                problems.append(RowProblem(sheet, number, "id", "缺少编号"))
            elif record_id in records:
                first = out.rows[(kind, record_id)][1]
                problems.append(RowProblem(sheet, number, "id", f"编号“{record_id}”重复（第 {first} 行已有）"))
            else:
                records[record_id] = values
                out.rows[(kind, record_id)] = (sheet, number)
    if not _present(sheets, "问题", problems):
        # Without the 问题 sheet the rows naming its issues cannot be placed: they are not reported one by one.
        return out
    for sheet, key in CHILD_SHEETS.items():
        rows = list(_rows(sheets, sheet, problems))
        if not _present(sheets, sheet, problems):
            continue
        for view in out.issues.values():
            view[key] = []
        for number, values in sorted(rows, key=lambda nv: (nv[1].get("issue") or "", _order(nv, sheet, problems))):
            issue_id = values.pop("issue") or ""
            values.pop("order", None)
            parent = out.issues.get(issue_id)
            if parent is None:
                problems.append(_unknown(sheet, number, issue_id))
                continue
            out.rows[("issues", issue_id, key, len(parent[key]))] = (sheet, number)
            parent[key].append(values)
    if _present(sheets, "销号公示", problems):
        rows = list(_rows(sheets, "销号公示", problems))
        for view in out.issues.values():
            view["signoff"] = None
        for number, values in rows:
            issue_id = values.pop("issue") or ""
            parent = out.issues.get(issue_id)
            if parent is None:
                problems.append(_unknown("销号公示", number, issue_id))
                continue
            if parent["signoff"] is not None:
                first = out.rows[("issues", issue_id, "signoff")][1]
                problems.append(RowProblem("销号公示", number, "issue",
                                           f"问题“{issue_id}”的销号公示重复（第 {first} 行已有）"))
                continue
            if "implementation" in values:
                paragraphs = (values["implementation"] or "").split("\n\n")
                values["implementation"] = [p.strip() for p in paragraphs if p.strip()]
            signoff: dict[str, Any] = {}
            for key, value in values.items():  # in column order, the window where its first column is
                if key.startswith("window_"):
                    signoff.setdefault("window", {})[key.removeprefix("window_")] = value
                else:
                    signoff[key] = value
            parent["signoff"] = signoff
            out.rows[("issues", issue_id, "signoff")] = ("销号公示", number)
    return out


def _order(number_values: tuple[int, dict], sheet: str, problems: list[RowProblem]) -> int:
    number, values = number_values
    text = values.get("order")
    if text is None:
        return number
    if not text.isdigit():
        problems.append(RowProblem(sheet, number, "order", f"序号“{text}”应为数字（1、2、3……），用来排定先后"))
        return number
    return int(text)


def _unknown(sheet: str, number: int, issue_id: str) -> RowProblem:
    what = f"问题编号“{issue_id}”不在“问题”表中" if issue_id else "缺少问题编号"
    return RowProblem(sheet, number, "issue", what + "：这一行须对应“问题”表中的一个问题")


def clean(value: Any) -> Any:
    """A view as a new file's content: empty fields left out."""
    if isinstance(value, dict):
        items = {k: clean(v) for k, v in value.items()}
        return {k: v for k, v in items.items() if v not in (None, "", [], {})}
    if isinstance(value, list):
        return [clean(v) for v in value]
    return value
