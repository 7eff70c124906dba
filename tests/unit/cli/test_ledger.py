"""Spreadsheet 台账: export, import, round trip and bad rows."""

import shutil
import subprocess
import sys

from openpyxl import load_workbook

from conftest import TODAY
from gongshi.data.strict_yaml import decode, parse, to_python
from gongshi.site.load import check_data


def gongshi(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "gongshi", *args], capture_output=True, text=True, cwd=cwd,
                          env={"PATH": "/usr/bin:/bin", "GONGSHI_BUILD_DATE": "2026-11-23"})


def snapshot(folder):
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*.yml"))}


def exported(sample_copy, tmp_path):
    """The sample data exported to a workbook: (its path, the workbook opened for editing)."""
    book = tmp_path / "台账.xlsx"
    assert gongshi("export", "--data", str(sample_copy), "--out", str(book)).returncode == 0
    return book, load_workbook(book)


def column(ws, key: str) -> int:
    """The column number of a field in a sheet (headers read "标题 title")."""
    return [c.value.split(" ")[-1] for c in ws[1]].index(key) + 1


def test_export_then_import_update_changes_nothing(sample_copy, tmp_path):
    book = tmp_path / "台账.xlsx"
    assert gongshi("export", "--data", str(sample_copy), "--out", str(book)).returncode == 0
    before = snapshot(sample_copy)
    result = gongshi("import", str(book), "--data", str(sample_copy), "--update")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "已新建 0 个、更新 0 个" in result.stderr
    assert snapshot(sample_copy) == before


def test_import_seed_003_problem_list_creates_valid_files(sample_copy, tmp_path):
    book = tmp_path / "江西整改清单.xlsx"
    assert gongshi("export", "--data", str(sample_copy), "--out", str(book), "--source", "zydc-jiangxi").returncode == 0
    originals = {p.stem: to_python(parse(decode(p.read_bytes())))
                 for p in (sample_copy / "issues" / "zydc-jiangxi").glob("*.yml")}
    shutil.rmtree(sample_copy / "issues" / "zydc-jiangxi")
    result = gongshi("import", str(book), "--data", str(sample_copy))
    assert result.returncode == 0, result.stdout + result.stderr
    imported = sorted((sample_copy / "issues" / "zydc-jiangxi").glob("*.yml"))
    assert len(imported) == 11
    site = check_data(sample_copy, TODAY, base=sample_copy.parent)
    assert site.report.ok, [p.text() for p in site.report.errors]
    for path in imported:
        record = site.data.issues[path.stem]
        original = originals[path.stem]
        assert record.title == original["title"] and record.problem == original["problem"].strip()
        assert [m.text for m in record.measures] == [m["text"].strip() for m in original.get("measures", [])]
        assert [m.lead for m in record.measures] == [m.get("lead", []) for m in original.get("measures", [])]


def test_bad_rows_are_reported_by_row_and_nothing_is_written(sample_copy, tmp_path):
    book, wb = exported(sample_copy, tmp_path)
    ws = wb["问题"]
    ws.cell(row=3, column=column(ws, "status"), value="做完了")
    ws.cell(row=5, column=column(ws, "title"), value="改过的标题")
    wb.save(book)
    before = snapshot(sample_copy)
    result = gongshi("import", str(book), "--data", str(sample_copy))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert any("问题 第 3 行: status: “做完了”不是可选值" in line for line in lines), lines
    assert any("问题 第 5 行:" in line and "已存在：如要更新请加 --update" in line for line in lines), lines
    assert snapshot(sample_copy) == before  # never overwritten, never half-written


def test_a_wrong_header_is_one_message_and_nothing_is_written(sample_copy, tmp_path):
    """A misspelt and a doubled column: one message naming both, not one per row read with that header."""
    book, wb = exported(sample_copy, tmp_path)
    ws = wb["问题"]
    ws.cell(row=1, column=column(ws, "title"), value="标题 titel")
    ws.cell(row=1, column=column(ws, "region"), value="状态 status")
    wb.save(book)
    before = snapshot(sample_copy)
    result = gongshi("import", str(book), "--data", str(sample_copy), "--update")
    assert result.returncode == 1
    # Nor one for each measure, progress and notice row naming an issue of the sheet not read.
    about_issues = [line for line in result.stdout.splitlines() if " 第 " in line]
    assert len(about_issues) == 1 and "台账.xlsx: 问题 第 1 行" in about_issues[0], about_issues
    assert "第 1 行" in about_issues[0] and "未知的列：titel" in about_issues[0]
    assert "重复的列：status" in about_issues[0]
    assert snapshot(sample_copy) == before


def test_merged_cells_formulas_and_hidden_rows_are_refused_by_row_and_column(sample_copy, tmp_path):
    book, wb = exported(sample_copy, tmp_path)
    ws = wb["问题"]
    units = column(ws, "responsible_units")
    ws.merge_cells(start_row=3, start_column=units, end_row=4, end_column=units)  # the second row would lose its units
    ws.cell(row=6, column=column(ws, "title"), value='=CONCAT("改","过")')
    ws.row_dimensions[8].hidden = True
    wb.save(book)
    before = snapshot(sample_copy)
    result = gongshi("import", str(book), "--data", str(sample_copy), "--update")
    assert result.returncode == 1
    out = result.stdout
    assert "问题 第 3 行: responsible_units: 合并单元格" in out, out
    assert "问题 第 6 行: title: 单元格" in out and "是公式" in out, out
    assert "问题 第 8 行: 这一行被隐藏了" in out, out
    assert snapshot(sample_copy) == before


def test_a_unit_that_does_not_exist_is_refused_before_anything_is_written(sample_copy, tmp_path):
    """The guide promises that no file is written when any row has a problem: a measure's lead unit too."""
    book, wb = exported(sample_copy, tmp_path)
    ws = wb["整改措施"]
    ws.cell(row=2, column=column(ws, "lead"), value="no-such-unit")
    ws = wb["问题"]
    ws.cell(row=4, column=column(ws, "title"), value="改过的标题")
    wb.save(book)
    before = snapshot(sample_copy)
    result = gongshi("import", str(book), "--data", str(sample_copy), "--update")
    assert result.returncode == 1
    assert "lead[1]: 单位“no-such-unit”不存在" in result.stdout, result.stdout
    assert snapshot(sample_copy) == before  # the edited title is not written either
