"""scripts/export and scripts/import: the spreadsheet (XLSX/CSV) round trip."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from gongshi.cli import spreadsheet as ledger
from gongshi.data import strict_yaml
from gongshi.data.dataset import load_dataset
from gongshi.rules.check import references_in


def _load_for_ledger(data: Path):
    dataset, report = load_dataset(data, base=Path.cwd())
    return dataset, report


def export_ledger(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/export", description="把问题和信访件导出为 Excel 台账（XLSX），"
                                     "可修改后用 scripts/import --update 导回。")
    parser.add_argument("--data", default="data", help="数据目录")
    parser.add_argument("--out", default="台账.xlsx", help="输出文件（默认：台账.xlsx）")
    parser.add_argument("--source", help="只导出该督察来源的问题")
    args = parser.parse_args(argv)
    dataset, _ = _load_for_ledger(Path(args.data))
    ids = sorted(i for i, issue in dataset.issues.items() if not args.source or issue.source == args.source)
    ledger.export_workbook(dataset, Path(args.out), ids)
    print(f"已导出 {len(ids)} 个问题、{len(dataset.petitions)} 件信访件到 {args.out}", file=sys.stderr)
    return 0


def import_ledger(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/import",
                                     description="从 Excel 台账（XLSX，或单表 CSV）导入问题或信访件，"
                                                 "逐行检查后写入 data/。已有文件只在加 --update 时更新。")
    parser.add_argument("file", help="台账文件（.xlsx 或 .csv）")
    parser.add_argument("--data", default="data", help="数据目录")
    parser.add_argument("--update", action="store_true", help="允许更新已有的数据文件（内容相同的文件不会改动）")
    args = parser.parse_args(argv)
    path = Path(args.file)
    if not path.exists():
        print(f"错误：找不到文件 {path}", file=sys.stderr)
        return 2
    try:
        sheets = ledger.read_sheets(path)
    except Exception as e:  # a file that is not a workbook: say so, no traceback
        print(f"错误：无法读取 {path}：{e}", file=sys.stderr)
        return 2
    data = Path(args.data)
    dataset, _ = _load_for_ledger(data)
    issues, petitions, problems, where = ledger.assemble(sheets)
    problems[:0] = ledger.workbook_problems(path)  # merged cells, formulas, hidden rows: refused too
    plans: list[tuple[Path, str, bool]] = []  # (target, yaml text, exists)
    for kind, records in (("issues", issues), ("petitions", petitions)):
        for record_id, record in records.items():
            sheet, row = where[(kind, record_id)]
            row_problems = ledger.check(kind, record_id, record, sheet, row)
            # References to units and sources are checked too: nothing is written that validate would refuse.
            row_problems += [ledger.RowProblem(sheet, row, field, f"{WHAT[target]}“{value}”不存在：请先在 "
                                               f"data/{target}/ 下新建 {value}.yml，或改正拼写")
                             for field, value, target in references_in(kind, record)
                             if value not in dataset.table(target)]
            if row_problems:
                problems.extend(row_problems)
                continue
            existing = dataset.files.get((kind, record_id))
            if existing is not None:
                target = Path(existing) if Path(existing).is_absolute() else Path.cwd() / existing
                if _same(strict_yaml.to_python(dataset.nodes[(kind, record_id)]), record):
                    continue
                if not args.update:
                    problems.append(ledger.RowProblem(sheet, row, "", f"{existing} 已存在：如要更新请加 --update"))
                    continue
                plans.append((target, ledger.to_yaml(record), True))
            else:
                folder = data / "issues" / record["source"] if kind == "issues" else data / "petitions"
                plans.append((folder / f"{record_id}.yml", ledger.to_yaml(record), False))
    for problem in problems:
        print(f"{path.name}: {problem.text()}")
    if problems:
        print(f"共 {len(problems)} 处问题，未写入任何文件。", file=sys.stderr)
        return 1
    for target, text, _ in plans:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    created = sum(1 for p in plans if not p[2])
    print(f"已新建 {created} 个、更新 {len(plans) - created} 个数据文件；请运行 scripts/validate 检查。",
          file=sys.stderr)
    return 0


WHAT = {"units": "单位", "sources": "督察来源"}


def _same(existing: dict, new: dict) -> bool:
    def norm(value, key=""):
        if isinstance(value, dict):
            return {k: norm(v, k) for k, v in value.items() if v not in (None, [], {})}
        if isinstance(value, list):
            return [norm(v) for v in value]
        if isinstance(value, str) and key in ("category", "responsible_units", "lead", "pollution", "handling_units"):
            return [value.strip()]
        return value.strip() if isinstance(value, str) else value  # a block scalar's final newline is not content

    return norm(existing) == norm(new)
