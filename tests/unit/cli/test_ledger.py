"""Spreadsheet 台账: export, import, round trip and bad rows."""

import difflib
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
    # on the measure's own row and column, not on its issue's row
    assert "整改措施 第 2 行: lead: 单位“no-such-unit”不存在" in result.stdout, result.stdout
    assert snapshot(sample_copy) == before  # the edited title is not written either


# --- the lossless round trip: an edited cell changes its own line(s), nothing else ---------------------------

MARK = "（已修改）"


def changed_lines(before: bytes, after: bytes) -> list[tuple[str, str]]:
    """The (old, new) pairs of lines that differ, when the change replaced lines one for one."""
    old, new = before.decode().splitlines(), after.decode().splitlines()
    pairs = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        assert tag == "replace" and i2 - i1 == j2 - j1, (tag, old[i1:i2], new[j1:j2])
        pairs += list(zip(old[i1:i2], new[j1:j2], strict=True))
    return pairs


def import_update(book, sample_copy):
    result = gongshi("import", str(book), "--data", str(sample_copy), "--update")
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def test_one_edited_cell_in_every_sample_record_changes_only_its_line(sample_copy, tmp_path):
    book, wb = exported(sample_copy, tmp_path)
    for sheet, key in (("问题", "title"), ("信访件", "summary")):
        ws = wb[sheet]
        for row in range(2, ws.max_row + 1):
            cell = ws.cell(row=row, column=column(ws, key))
            cell.value = (cell.value or "") + MARK
    wb.save(book)
    before = snapshot(sample_copy)
    import_update(book, sample_copy)
    after = snapshot(sample_copy)
    records = [p for p in before if p.parts[0] in ("issues", "petitions")]
    assert len(records) >= 30
    for path in before:
        if path not in records:
            assert after[path] == before[path], path
            continue
        if b"summary:" not in before[path] and path.parts[0] == "petitions":
            # a field the file did not have: one line, after the field that comes before it in the sheet
            assert after[path] == before[path].replace(b"\nimportant: true\n",
                                                       f"\nimportant: true\nsummary: {MARK}\n".encode())
            continue
        [(old, new)] = changed_lines(before[path], after[path])  # exactly one line, in every record file
        assert new == old + MARK, (path, old, new)


def test_edited_child_rows_change_only_their_lines(sample_copy, tmp_path):
    """A measure's text, a progress entry's text and a notice's conclusion: each its own line."""
    book, wb = exported(sample_copy, tmp_path)
    edits: dict[str, int] = {}
    for sheet, key in (("整改措施", "text"), ("整改进展", "text"), ("销号公示", "conclusion")):
        ws = wb[sheet]
        seen = set()
        for row in range(2, ws.max_row + 1):
            issue = ws.cell(row=row, column=column(ws, "issue")).value
            cell = ws.cell(row=row, column=column(ws, key))
            if issue in seen or not cell.value:
                continue
            seen.add(issue)  # the first of each issue's rows
            cell.value = cell.value + MARK
            edits[issue] = edits.get(issue, 0) + 1
    wb.save(book)
    before = snapshot(sample_copy)
    import_update(book, sample_copy)
    after = snapshot(sample_copy)
    assert sum(edits.values()) >= 20
    for path in before:
        pairs = changed_lines(before[path], after[path])
        assert len(pairs) == edits.get(path.stem, 0), path
        assert all(new == old + MARK for old, new in pairs), pairs


def test_edited_list_cells_keep_the_lists_style(sample_copy, tmp_path):
    book, wb = exported(sample_copy, tmp_path)
    ws = wb["问题"]
    for row in range(2, ws.max_row + 1):
        cell = ws.cell(row=row, column=column(ws, "category"))
        values = (cell.value or "").split("、")
        values = [v for v in values if v != "大气"] if "大气" in values else [*values, "大气"]
        cell.value = "、".join(values or ["水"])
    wb.save(book)
    before = snapshot(sample_copy)
    import_update(book, sample_copy)
    after = snapshot(sample_copy)
    for path in before:
        if path.parts[0] != "issues":
            continue
        [(old, new)] = changed_lines(before[path], after[path])
        assert old.startswith("category: ") and new.startswith("category: ")
        assert ("[" in old) == ("[" in new)  # a flow list stays a flow list
        assert ("大气" in new) != ("大气" in old)


def test_fields_without_a_column_comments_and_quoting_survive(sample_copy, tmp_path):
    path = sample_copy / "issues" / "zydc2-hunan-2021" / "yylq-2021-01.yml"
    text = path.read_text(encoding="utf-8")
    assert "working_days: 10  # 原文如此" in text
    text = ("# yaml-language-server: $schema=../../../schemas/issue.json\n" + text
            + "old_ids: ['yylq-2021-1']   # 旧网址\nfrom_documents: [zhenggai-fangan]\n")
    path.write_text(text, encoding="utf-8")
    book, wb = exported(sample_copy, tmp_path)
    ws = wb["问题"]
    row = [c.value for c in ws["A"]].index("yylq-2021-01") + 1
    ws.cell(row=row, column=column(ws, "title"), value="新标题")
    ws.cell(row=row, column=column(ws, "leader"), value="区长")  # a field the file did not have
    ws.cell(row=row, column=column(ws, "number")).value = None  # a cleared cell: the field goes
    wb.save(book)
    import_update(book, sample_copy)
    after = path.read_text(encoding="utf-8")
    expected = text.replace("title: 2021年第二轮中央生态环境保护督察报告反馈问题（问题编号一）", "title: 新标题")
    expected = expected.replace("responsible_units: [yylq-gov]\n", "responsible_units: [yylq-gov]\nleader: 区长\n")
    expected = expected.replace("number: 一\n", "")
    assert after == expected


def test_new_and_removed_rows(sample_copy, tmp_path):
    """A measure row added, a progress row removed: the file gains and loses exactly those items."""
    book, wb = exported(sample_copy, tmp_path)
    ws = wb["整改措施"]
    ws.append(["yylq-2021-01", 9, "新增的整改措施。", "yylq-gov"])
    ws = wb["整改进展"]
    rows = [r for r in range(2, ws.max_row + 1) if ws.cell(row=r, column=1).value == "yj-xc-01"]
    assert rows
    ws.delete_rows(rows[-1])
    wb.save(book)
    before = snapshot(sample_copy)
    import_update(book, sample_copy)
    after = snapshot(sample_copy)
    changed = {p for p in before if before[p] != after[p]}
    assert {p.stem for p in changed} == {"yylq-2021-01", "yj-xc-01"}
    added = next(p for p in changed if p.stem == "yylq-2021-01")
    assert after[added].decode().startswith(before[added].decode().split("signoff:")[0].rstrip("\n"))
    assert "  - text: 新增的整改措施。\n    lead: [yylq-gov]\nsignoff:" in after[added].decode()
    removed = next(p for p in changed if p.stem == "yj-xc-01")
    assert len(after[removed]) < len(before[removed])
    assert len(to_python(parse(decode(after[removed]))).get("progress", [])) == \
        len(to_python(parse(decode(before[removed])))["progress"]) - 1


def test_child_row_problems_are_reported_on_the_childs_row(sample_copy, tmp_path):
    book, wb = exported(sample_copy, tmp_path)
    ws = wb["整改进展"]
    ws.cell(row=3, column=column(ws, "date"), value="2024-02-30")
    ws.append(["no-such-issue", 1, "2024-01-01", "进展", None])
    ws = wb["销号公示"]
    ws.cell(row=2, column=column(ws, "window_start"), value="明天")
    wb.save(book)
    result = gongshi("import", str(book), "--data", str(sample_copy), "--update")
    assert result.returncode == 1
    out = result.stdout
    assert "整改进展 第 3 行: date: " in out, out
    assert f"整改进展 第 {ws.parent['整改进展'].max_row} 行: issue: 问题编号“no-such-issue”不在“问题”表中" in out, out
    assert "销号公示 第 2 行: window_start: " in out, out
