"""Reading a returned 台账 (XLSX, or CSV of one sheet) with bounded work.

A workbook is a zip of XML: a few hundred KB can unpack to gigabytes or declare a million rows. The sizes
are checked before anything is unpacked, each sheet is scanned once as a stream (merged cells, formulas,
hidden rows, where the last value is), and values are then read only up to that last row and column.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree
from openpyxl import load_workbook

from gongshi.cli.sheets.columns import RowProblem
from gongshi.runtime.cells import restored

MAX_FILE_BYTES = 20_000_000
MAX_UNPACKED_BYTES = 300_000_000  # all XML of the workbook, unpacked
MAX_CELLS = 2_000_000  # cells with a value, all sheets
MAX_ROWS = 200_000  # per sheet
MAX_COLUMNS = 60  # the widest sheet has 15 columns
MAX_CELL_CHARS = 32_767  # Excel's own limit: a longer cell was not typed in Excel

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REF = re.compile(r"([A-Z]+)(\d+)")


class Refused(Exception):
    """A file that is not read at all; the message is for staff."""


@dataclass
class Workbook:
    sheets: dict[str, list[list[Any]]]
    problems: list[RowProblem] = field(default_factory=list)


def read(path: Path) -> Workbook:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise Refused(f"文件过大（{size // 1_000_000} MB，上限 {MAX_FILE_BYTES // 1_000_000} MB）："
                      "请按督察来源分批导出、导入")
    if path.suffix.lower() == ".csv":
        return _read_csv(path)
    if path.suffix.lower() != ".xlsx":
        raise Refused("只能导入 .xlsx 或 .csv 文件：旧版 .xls 或其他格式请在 Excel 中“另存为”Excel 工作簿（.xlsx）")
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError) as e:
        raise Refused("不是有效的 Excel 工作簿（.xlsx）：请在 Excel 中重新保存后再导入") from e
    if unpacked > MAX_UNPACKED_BYTES:
        raise Refused(f"工作簿解压后过大（{unpacked // 1_000_000} MB，上限 {MAX_UNPACKED_BYTES // 1_000_000} MB）："
                      "可能含有大量空白格式的行或列，请只保留有内容的行后另存")
    try:
        wb = load_workbook(path, read_only=True, data_only=False)
    except Exception as e:  # openpyxl raises many kinds for a damaged file: none of them is for staff
        raise Refused("无法打开这个 Excel 工作簿：请在 Excel 中重新保存后再导入") from e
    book = Workbook({})
    cells = 0
    try:
        for ws in wb.worksheets:
            first = next(ws.iter_rows(max_row=1, max_col=MAX_COLUMNS, values_only=True), ())
            header = [text_of(v) or "" for v in first]
            names = [h.split(" ")[-1] for h in header]
            last_row, last_col, count = _scan(ws, names, book.problems, MAX_CELLS - cells)
            cells += count
            if cells >= MAX_CELLS:
                raise Refused(f"工作簿的单元格过多（超过 {MAX_CELLS} 个有内容的单元格）：请按督察来源分批导入")
            rows = ws.iter_rows(max_row=last_row, max_col=last_col, values_only=True) if last_row else []
            book.sheets[ws.title] = [list(row) for row in rows]
    finally:
        wb.close()
    return book


def _scan(ws, names: list[str], problems: list[RowProblem], room: int) -> tuple[int, int, int]:
    """Stream the sheet's XML once: report merged cells, formulas, hidden rows with content, too many rows or
    columns and over-long cells; return (last row, last column) holding a value and the count of values."""

    def column(index: int) -> str:
        name = names[index - 1] if 0 < index <= len(names) else ""
        return name or f"第 {index} 列"

    last_row = last_col = count = 0
    reported_wide = False
    with ws._get_source() as source:  # openpyxl's own handle on the sheet's XML
        for _, el in etree.iterparse(source, events=("end",), tag=(f"{_MAIN}row", f"{_MAIN}mergeCell"),
                                     huge_tree=False, resolve_entities=False, no_network=True):
            if el.tag == f"{_MAIN}mergeCell":
                ref = el.get("ref", "")
                match = _REF.match(ref)
                if match:
                    first = _column_number(match.group(1))
                    problems.append(RowProblem(ws.title, int(match.group(2)), column(first),
                                               f"合并单元格 {ref}：请取消合并，把内容填到每一行"
                                               "（合并后只有第一个单元格有内容，其余行的数据会丢失）"))
                el.clear()
                continue
            number = int(el.get("r") or last_row + 1)
            filled: list[int] = []
            for cell in el.iterfind(f"{_MAIN}c"):
                match = _REF.match(cell.get("r", ""))
                index = _column_number(match.group(1)) if match else len(filled) + 1
                formula = cell.find(f"{_MAIN}f")
                value = cell.find(f"{_MAIN}v")
                inline = cell.find(f"{_MAIN}is")
                text = value.text if value is not None else ("".join(inline.itertext()) if inline is not None else None)
                if formula is not None:
                    problems.append(RowProblem(ws.title, number, column(index),
                                               f"单元格 {match.group(0) if match else ''} 是公式"
                                               f"（={(formula.text or '')[:30]}）：请改为直接填写的文字或数字"))
                if text in (None, "") and formula is None:
                    continue
                if cell.get("t") == "inlineStr" and len(text or "") > MAX_CELL_CHARS:
                    problems.append(RowProblem(ws.title, number, column(index),
                                               f"单元格内容过长（{len(text or '')} 字，上限 {MAX_CELL_CHARS} 字）"))
                if index > MAX_COLUMNS:
                    if not reported_wide:
                        problems.append(RowProblem(ws.title, number, f"第 {index} 列",
                                                   f"超出第 {MAX_COLUMNS} 列的内容不会导入：请删除多余的列"))
                        reported_wide = True
                    continue
                filled.append(index)
            if filled:
                if el.get("hidden") in ("1", "true"):
                    problems.append(RowProblem(ws.title, number, "", "这一行被隐藏了：隐藏的行也会导入，"
                                                                     "请取消隐藏后检查，或删除这一行"))
                last_row, last_col = number, max(last_col, *filled)
                count += len(filled)
                if number > MAX_ROWS:
                    raise Refused(f"“{ws.title}”表的行数过多（超过 {MAX_ROWS} 行）：请分批导入")
                if count >= room:
                    break
            el.clear()
            while el.getprevious() is not None:  # iterparse keeps finished rows unless told
                del el.getparent()[0]
    return last_row, last_col, count


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def _read_csv(path: Path) -> Workbook:
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            rows = [[restored(cell) for cell in row] for row in csv.reader(f)]
    except UnicodeDecodeError as e:
        raise Refused("CSV 文件不是 UTF-8 编码：请在 Excel 中“另存为”“CSV UTF-8（逗号分隔）”") from e
    except csv.Error as e:  # e.g. a cell over the csv module's field size limit
        raise Refused("CSV 文件格式有误或单元格过长：请在 Excel 中重新保存") from e
    if len(rows) > MAX_ROWS:
        raise Refused(f"CSV 文件的行数过多（超过 {MAX_ROWS} 行）：请分批导入")
    header = " ".join(rows[0]) if rows else ""
    sheet = "信访件" if "finding" in header or "pollution" in header else "问题"
    return Workbook({sheet: rows})


def text_of(value: Any) -> str | None:
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
