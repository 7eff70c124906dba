"""scripts/export and scripts/import: the spreadsheet (XLSX/CSV) round trip.

Import checks the whole workbook before it writes anything: the file itself (size, merged cells, formulas,
hidden rows), every row against the data model and every reference to a unit or source. An existing file is
edited in place (only with --update): only the fields whose cells changed are rewritten, everything else in
the file (comments, order, quoting, fields without a column) stays byte for byte.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from gongshi.cli.sheets import read
from gongshi.cli.sheets.assemble import Assembled, assemble, clean
from gongshi.cli.sheets.columns import RowProblem
from gongshi.cli.sheets.export import export_workbook, record_rows, with_headers
from gongshi.cli.sheets.yaml_edit import Document, apply
from gongshi.data import strict_yaml
from gongshi.data.dataset import Dataset, load_dataset
from gongshi.data.messages import field_path, location, message
from gongshi.model.records import Issue, Petition
from gongshi.rules.check import references_in

WHAT = {"units": "单位", "sources": "督察来源"}


@dataclass
class Plan:
    target: Path
    text: str
    exists: bool
    reformatted: bool = False  # the file's layout could not be kept (an unusual indentation)


def export_ledger(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/export", description="把问题和信访件导出为 Excel 台账（XLSX），"
                                     "可修改后用 scripts/import --update 导回。")
    parser.add_argument("--data", default="data", help="数据目录")
    parser.add_argument("--out", default="台账.xlsx", help="输出文件（默认：台账.xlsx）")
    parser.add_argument("--source", help="只导出该督察来源的问题")
    args = parser.parse_args(argv)
    dataset, _ = load_dataset(Path(args.data), base=Path.cwd())
    ids = sorted(i for i, issue in dataset.issues.items() if not args.source or issue.source == args.source)
    export_workbook(dataset, Path(args.out), ids)
    print(f"已导出 {len(ids)} 个问题、{len(dataset.petitions)} 件信访件到 {args.out}", file=sys.stderr)
    return 0


def import_ledger(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/import",
                                     description="从 Excel 台账（XLSX，或单表 CSV）导入问题或信访件，"
                                                 "逐行检查后写入 data/。已有文件只在加 --update 时更新。")
    parser.add_argument("file", help="台账文件（.xlsx 或 .csv）")
    parser.add_argument("--data", default="data", help="数据目录")
    parser.add_argument("--update", action="store_true", help="允许更新已有的数据文件（只改动台账中改过的内容）")
    args = parser.parse_args(argv)
    path = Path(args.file)
    if not path.is_file():
        print(f"错误：找不到文件 {path}", file=sys.stderr)
        return 2
    try:
        book = read.read(path)
    except read.Refused as refused:
        print(f"{path.name}: {refused}", file=sys.stderr)
        print("未写入任何文件。", file=sys.stderr)
        return 1
    data = Path(args.data)
    dataset, _ = load_dataset(data, base=Path.cwd())
    assembled = assemble(book.sheets)
    problems = book.problems + assembled.problems
    plans: list[Plan] = []
    for kind, views in (("issues", assembled.issues), ("petitions", assembled.petitions)):
        for record_id, view in views.items():
            plan = _plan(kind, record_id, view, dataset, data, assembled, problems, args.update)
            if plan is not None:
                plans.append(plan)
    for problem in problems:
        print(f"{path.name}: {problem.text()}")
    if problems:
        print(f"共 {len(problems)} 处问题，未写入任何文件。", file=sys.stderr)
        return 1
    for plan in plans:
        plan.target.parent.mkdir(parents=True, exist_ok=True)
        plan.target.write_text(plan.text, encoding="utf-8")
        if plan.reformatted:
            print(f"注意：{plan.target} 的缩进与常用写法不同，已按常用写法重写整个文件，请在提交前查看改动",
                  file=sys.stderr)
    created = sum(1 for p in plans if not p.exists)
    print(f"已新建 {created} 个、更新 {len(plans) - created} 个数据文件；请运行 scripts/validate 检查。",
          file=sys.stderr)
    return 0


def _plan(kind: str, record_id: str, view: dict, dataset: Dataset, data: Path, assembled: Assembled,
          problems: list[RowProblem], update: bool) -> Plan | None:
    """What to write for one record (None: nothing), or its problems added to `problems`."""
    sheet, row = assembled.rows[(kind, record_id)]
    existing = dataset.files.get((kind, record_id))
    document = None
    if existing is None:
        folder = data / "issues" / str(view.get("source") or "") if kind == "issues" else data / "petitions"
        target, text = folder / f"{record_id}.yml", Document.new(clean(view)).dump()
    else:
        raw = strict_yaml.to_python(dataset.nodes[(kind, record_id)])
        exported = assemble(with_headers(record_rows(kind, record_id, raw)))
        before = (exported.issues if kind == "issues" else exported.petitions)[record_id]
        if all(before.get(key) == value for key, value in view.items()):
            return None  # every cell still says what the file says
        target = Path(existing) if Path(existing).is_absolute() else Path.cwd() / existing
        document = Document(target.read_text(encoding="utf-8"))
        apply(document.root, before, view)
        text = document.dump()
    found = _check(kind, record_id, text, dataset, assembled)
    if existing is not None and not update:
        found.append(RowProblem(sheet, row, "", f"{existing} 已存在：如要更新请加 --update"))
    if found:
        problems.extend(found)
        return None
    return Plan(target, text, existing is not None, document is not None and not document.faithful)


def _check(kind: str, record_id: str, text: str, dataset: Dataset, assembled: Assembled) -> list[RowProblem]:
    """The record as it would be written, checked as validate will: the model, then references."""
    try:
        raw = strict_yaml.to_python(strict_yaml.parse(text))
    except strict_yaml.YamlProblem as problem:
        return [RowProblem(*assembled.rows[(kind, record_id)], "", problem.message)]
    model = Issue if kind == "issues" else Petition
    try:
        model.model_validate({**raw, "id": record_id})
    except ValidationError as exc:
        return [_at(assembled, kind, record_id, location(error), message(error, model)) for error in exc.errors()]
    # References to units and sources: nothing is written that validate would refuse.
    return [_at(assembled, kind, record_id, path, f"{WHAT[target]}“{value}”不存在：请先在 data/{target}/ 下新建 "
                f"{value}.yml，或改正拼写")
            for path, value, target in references_in(kind, raw) if value not in dataset.table(target)]


def _at(assembled: Assembled, kind: str, record_id: str, loc: tuple, text: str) -> RowProblem:
    """A problem on the row and column that hold it: a measure's on its 整改措施 row, a notice's on its
    销号公示 row, a field the sheet has no column for on the record's row (named by its path)."""
    rows = assembled.rows
    if len(loc) >= 2 and loc[0] in ("measures", "progress") and (kind, record_id, loc[0], loc[1]) in rows:
        sheet, row = rows[(kind, record_id, loc[0], loc[1])]
        return RowProblem(sheet, row, field_path(loc[2:3]), text)
    if loc[:1] == ("signoff",) and (kind, record_id, "signoff") in rows:
        sheet, row = rows[(kind, record_id, "signoff")]
        column = f"window_{loc[2]}" if loc[1:2] == ("window",) and len(loc) > 2 else field_path(loc[1:2])
        return RowProblem(sheet, row, column, text)
    sheet, row = rows[(kind, record_id)]
    return RowProblem(sheet, row, field_path(loc), text)
