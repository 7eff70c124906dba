"""scripts/validate: check every data file and list each problem (file:line: field: message)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from gongshi.build.builddate import BuildDateError, build_date
from gongshi.data.history import read_history
from gongshi.rules import parallel
from gongshi.rules.check import missing_next_year
from gongshi.site.kept import check_kept
from gongshi.site.load import check_data


def validate(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="scripts/validate",
        description="检查 data/ 下的全部数据文件，逐条列出问题（文件:行号: 字段: 说明）。有错误时退出码为 1。",
    )
    parser.add_argument("--data", default="data", help="数据目录（默认：项目的 data/）")
    parser.add_argument("--format", choices=("text", "github"), default="text",
                        help="输出格式：text 供人阅读；github 输出 GitHub Actions 注释")
    args = parser.parse_args(argv)
    try:
        today = build_date()
    except BuildDateError as e:
        print(f"错误：{e}", file=sys.stderr)
        return 2
    data = Path(args.data).resolve()
    if not data.is_dir():
        print(f"错误：数据目录 {args.data} 不存在", file=sys.stderr)
        return 2
    large = parallel.validate(data, today, Path.cwd())
    counts: dict[str, int]
    if large is not None:
        report, dataset, counts = large
    else:
        site = check_data(data, today, base=Path.cwd())
        report, dataset = site.report, site.data
        counts = {"issues": len(dataset.issues), "petitions": len(dataset.petitions),
                  "units": len(dataset.units), "sources": len(dataset.sources)}
    # Published addresses that would vanish (a deleted record or notice): from git history, when there is one.
    check_kept(dataset, read_history(data), Path.cwd(), report)
    for problem in report.sorted():
        print(problem.github() if args.format == "github" else problem.text())
    if (message := missing_next_year(dataset, today)) is not None:
        print(f"::warning::{message}" if args.format == "github" else f"data/holidays: [提示] {message}")
    errors, warnings = len(report.errors), len(report.warnings)
    if args.format == "text":
        summary = (f"{counts['issues']} 个问题、{counts['petitions']} 件信访件、{counts['units']} 个单位、"
                   f"{counts['sources']} 个督察来源")
        if errors:
            print(f"共 {errors} 处错误、{warnings} 处提示（{summary}）。请改正错误后再提交。", file=sys.stderr)
        else:
            print(f"数据检查通过：{summary}；{warnings} 处提示。", file=sys.stderr)
    return 1 if errors else 0
