"""scripts/export: the data files as the 台账 workbook staff edit in Excel.

The cells hold the raw data as typed in the files (not as rendered), one sheet per kind of row. The rows of
one record (`record_rows`) are also what the importer compares a returned workbook with: a cell that still
says what the file says changes nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from gongshi.cli.sheets.columns import (
    CHOICES,
    CHOICES_SHEET,
    LIST_FIELDS,
    LIST_SEPARATOR,
    SHEETS,
    SOURCE_COLUMNS,
    UNIT_COLUMNS,
    WIDE,
    header_of,
)
from gongshi.data import strict_yaml
from gongshi.data.dataset import Dataset
from gongshi.runtime.cells import starts_formula

Rows = dict[str, list[list[Any]]]


def _cell(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, list):
        return LIST_SEPARATOR.join(str(v) for v in value)
    return str(value).strip()  # a block scalar's final newline is not content


def record_rows(kind: str, record_id: str, raw: dict) -> Rows:
    """The rows of one record (its raw data as read from the file), by sheet."""
    if kind == "petitions":
        return {"信访件": [[record_id if key == "id" else _cell(raw.get(key)) for key, _ in SHEETS["信访件"]]]}
    rows: Rows = {"问题": [[record_id if key == "id" else _cell(raw.get(key)) for key, _ in SHEETS["问题"]]],
                  "整改措施": [], "整改进展": [], "销号公示": []}
    for order, measure in enumerate(raw.get("measures") or [], start=1):
        measure = measure if isinstance(measure, dict) else {}
        rows["整改措施"].append([record_id, str(order), _cell(measure.get("text")), _cell(measure.get("lead"))])
    for order, entry in enumerate(raw.get("progress") or [], start=1):
        entry = entry if isinstance(entry, dict) else {}
        rows["整改进展"].append([record_id, str(order), _cell(entry.get("date")), _cell(entry.get("text")),
                             _cell(entry.get("document"))])
    signoff = raw.get("signoff")
    if isinstance(signoff, dict):
        window = signoff["window"] if isinstance(signoff.get("window"), dict) else {}
        implementation = signoff.get("implementation") or []
        rows["销号公示"].append([
            record_id, _cell(signoff.get("title")), _cell(signoff.get("date")), _cell(signoff.get("number")),
            _cell(signoff.get("office")), _cell(signoff.get("contact")), _cell(signoff.get("intro")),
            _cell(window.get("start")), _cell(window.get("end")), _cell(window.get("working_days")),
            "\n\n".join(str(p) for p in implementation) if isinstance(implementation, list) else _cell(implementation),
            _cell(signoff.get("conclusion")),
        ])
    return rows


def with_headers(rows: Rows) -> Rows:
    return {sheet: [[header_of(sheet, key) for key, _ in SHEETS[sheet]], *sheet_rows]
            for sheet, sheet_rows in rows.items()}


def export_workbook(dataset: Dataset, path: Path, issue_ids: list[str] | None = None) -> None:
    wb = Workbook()
    wb.remove(wb.active)
    sheets = {name: wb.create_sheet(name) for name in SHEETS}
    for name, columns in SHEETS.items():
        sheets[name].append([header_of(name, key) for key, _ in columns])
    records = [("issues", i) for i in (issue_ids if issue_ids is not None else sorted(dataset.issues))]
    records += [("petitions", p) for p in sorted(dataset.petitions)]
    for kind, record_id in records:
        raw = strict_yaml.to_python(dataset.nodes[(kind, record_id)])
        for name, rows in record_rows(kind, record_id, raw).items():
            for row in rows:
                _append(sheets[name], row)
    choices = _choices_sheet(wb, dataset)
    for name, sheet in sheets.items():
        _dress(sheet, name, choices)
    wb.save(path)


def _append(sheet: Worksheet, row: list[Any]) -> None:
    sheet.append(row)
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str) and starts_formula(cell.value):
            # Text such as "=…" or "-…" stays text: never a live formula (as Excel stores a typed '=…).
            cell.data_type = "s"
            cell.quotePrefix = True


def _choices_sheet(wb: Workbook, dataset: Dataset) -> dict[str, str]:
    """A sheet listing the ids of sources and units (with names), for the drop-down lists and for reading.
    Returns the cell range of each list."""
    sheet = wb.create_sheet(CHOICES_SHEET)
    sheet.append(["督察来源编号", "督察来源名称", "", "单位编号", "单位名称"])
    sources = sorted(dataset.sources.items())
    units = sorted(dataset.units.items())
    for index in range(max(len(sources), len(units))):
        source = sources[index] if index < len(sources) else None
        unit = units[index] if index < len(units) else None
        sheet.append([source[0] if source else None, source[1].name if source else None, None,
                      unit[0] if unit else None, unit[1].name if unit else None])
    for letter, width in zip("ABCDE", (24, 40, 4, 28, 40), strict=True):
        sheet.column_dimensions[letter].width = width
    _header_style(sheet)
    name = quote_sheetname(CHOICES_SHEET)
    return {"source": f"{name}!$A$2:$A${max(len(sources), 1) + 1}",
            "unit": f"{name}!$D$2:$D${max(len(units), 1) + 1}"}


def _header_style(sheet: Worksheet) -> None:
    sheet.freeze_panes = "B2"  # the header row and the id column stay in view
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def _dress(sheet: Worksheet, name: str, choices: dict[str, str]) -> None:
    """Frozen bold header, readable widths, wrapped long text, drop-down lists for closed lists."""
    _header_style(sheet)
    last = max(sheet.max_row, 2) + 1000  # room for rows staff add
    for index, (key, header) in enumerate(SHEETS[name], start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = 50 if key in WIDE else max(12, min(28, 2 * len(header) + 4))
        if key in WIDE:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        allowed = CHOICES.get((name, key))
        if allowed:
            formula = '"' + ",".join(allowed) + '"'
        elif (name, key) in SOURCE_COLUMNS:
            formula = choices["source"]
        elif (name, key) in UNIT_COLUMNS:
            formula = choices["unit"]
        else:
            continue
        several = key in LIST_FIELDS  # 甲、乙: the list only suggests
        rule = DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=not several,
                              errorStyle="stop", errorTitle="不是可选值",
                              error=f"“{header}”只能填写下拉列表中的值（见“{CHOICES_SHEET}”表）",
                              promptTitle=header, showInputMessage=several,
                              prompt="可从列表中选一个；多个请用“、”分隔" if several else None)
        rule.add(f"{letter}2:{letter}{last}")
        sheet.add_data_validation(rule)
