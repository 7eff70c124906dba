"""Command-line entry points for staff and CI (scripts/validate, scripts/build)."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

from .builddate import BuildDateError, build_date
from .site import check_data
from .validate.rules import missing_next_year

PROJECT = Path(__file__).resolve().parents[2]


def validate(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="scripts/validate",
        description="检查 data/ 下的全部数据文件，逐条列出问题（文件:行号: 字段: 说明）。有错误时退出码为 1。",
    )
    parser.add_argument("--data", default=str(PROJECT / "data"), help="数据目录（默认：项目的 data/）")
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
    from .validate import parallel

    large = parallel.validate(data, today, Path.cwd())
    if large is not None:
        report, dataset, counts = large
    else:
        site = check_data(data, today, base=Path.cwd())
        report, dataset = site.report, site.data
        counts = {"issues": len(dataset.issues), "petitions": len(dataset.petitions),
                  "units": len(dataset.units), "sources": len(dataset.sources)}
    for problem in report.sorted():
        print(problem.github() if args.format == "github" else problem.text())
    if (message := missing_next_year(dataset, today)) is not None:
        print(f"::warning::{message}" if args.format == "github" else f"data/holidays: [提示] {message}")
    errors, warnings = len(report.errors), len(report.warnings)
    if args.format == "text":
        summary = f"{counts['issues']} 个问题、{counts['petitions']} 件信访件、{counts['units']} 个单位、{counts['sources']} 个督察来源"
        if errors:
            print(f"共 {errors} 处错误、{warnings} 处提示（{summary}）。请改正错误后再提交。", file=sys.stderr)
        else:
            print(f"数据检查通过：{summary}；{warnings} 处提示。", file=sys.stderr)
    return 1 if errors else 0


def build(argv: list[str] | None = None) -> int:
    """Validate, build into a fresh directory, then swap it into place.

    A failed build leaves the previous site untouched: nothing is written to
    the output directory until everything has succeeded.
    """
    parser = argparse.ArgumentParser(
        prog="scripts/build",
        description="检查数据并生成网站到 site/。数据有错误时不生成网站，原有 site/ 保持不变。",
    )
    parser.add_argument("--config", default=str(PROJECT / "mkdocs.yml"), help="mkdocs 配置文件")
    parser.add_argument("--site-dir", default=None, help="输出目录（默认：配置中的 site_dir，即 site/）")
    parser.add_argument("--strict", action="store_true", help="有任何警告即失败")
    args = parser.parse_args(argv)

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    _log_to_stderr()
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    try:
        config = load_config(args.config, strict=args.strict or None)
    except (ConfigurationError, Abort) as e:
        print(f"错误：配置文件有误：{e}", file=sys.stderr)
        return 1
    target = Path(args.site_dir or config["site_dir"]).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-", dir=target.parent))
    config["site_dir"] = str(staging)
    try:
        mkdocs_build(config)
    except (Abort, SystemExit, KeyboardInterrupt) as e:
        shutil.rmtree(staging, ignore_errors=True)
        if str(e) and not str(e).startswith("Aborted with a BuildError"):
            print(f"错误：{e}", file=sys.stderr)
        print("生成失败，原有网站未改动。", file=sys.stderr)
        return 1
    except Exception:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    old = None
    if target.exists():
        old = target.with_name(target.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        target.rename(old)
    staging.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    print(f"网站已生成：{target}", file=sys.stderr)
    return 0


def _log_to_stderr() -> None:
    """Show mkdocs' log (and ours, "mkdocs.gongshi") as the mkdocs command would."""
    import logging

    class StderrHandler(logging.StreamHandler):
        # Always the current sys.stderr (tests and callers may swap it).
        @property
        def stream(self):
            return sys.stderr

        @stream.setter
        def stream(self, value):
            pass

    for name in ("mkdocs", "gongshi"):
        logger = logging.getLogger(name)
        if not any(type(h).__name__ == "StderrHandler" for h in logger.handlers):
            handler = StderrHandler()
            handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
            logger.addHandler(handler)
            logger.setLevel(logging.INFO)


def check_links(argv: list[str] | None = None) -> int:
    from .checks.links import check_site

    parser = argparse.ArgumentParser(prog="scripts/check-links", description="检查已生成网站中的每个站内链接和锚点。")
    parser.add_argument("site", nargs="?", default=str(PROJECT / "site"), help="网站目录（默认 site/）")
    parser.add_argument("--base-path", default=None, help="网站地址中的路径部分（默认取自 GONGSHI_SITE_URL，否则为 /）")
    args = parser.parse_args(argv)
    from urllib.parse import urlsplit

    base_path = args.base_path or urlsplit(os.environ.get("GONGSHI_SITE_URL") or "/").path or "/"
    broken = check_site(Path(args.site), base_path)
    for link in broken:
        print(link.text())
    pages = sum(1 for _ in Path(args.site).rglob("*.html"))
    print(f"检查了 {pages} 个页面：{len(broken)} 个失效链接。", file=sys.stderr)
    return 1 if broken else 0


def check_safety(argv: list[str] | None = None) -> int:
    from urllib.parse import urlsplit

    from .checks.safety import report, scan_site

    parser = argparse.ArgumentParser(prog="scripts/check-safety",
                                     description="检查已生成网站的每个页面：不得有事件属性、javascript:/data: 网址、iframe/object/base 等元素或未列入允许列表的脚本。")
    parser.add_argument("site", nargs="?", default=str(PROJECT / "site"), help="网站目录（默认 site/）")
    parser.add_argument("--base-path", default=None, help="网站地址中的路径部分（默认取自 GONGSHI_SITE_URL，否则为 /）")
    args = parser.parse_args(argv)
    if not Path(args.site).is_dir():
        print(f"错误：网站目录 {args.site} 不存在", file=sys.stderr)
        return 2
    base_path = args.base_path or urlsplit(os.environ.get("GONGSHI_SITE_URL") or "/").path or "/"
    pages, findings = scan_site(Path(args.site), base_path, workers=os.cpu_count() or 1)
    if findings:
        print(report(findings, limit=len(findings)))
    print(f"安全检查了 {pages} 个页面：{len(findings)} 处问题。", file=sys.stderr)
    return 1 if findings else 0


def main() -> int:
    commands = {"validate": validate, "build": build, "import": import_ledger, "export": export_ledger,
                "check-links": check_links, "check-safety": check_safety}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        print("用法：python -m gongshi {validate|build|import|export} ...", file=sys.stderr)
        return 2
    return commands[sys.argv[1]](sys.argv[2:])


def _load_for_ledger(data: Path):
    from .load.dataset import load_dataset

    dataset, report = load_dataset(data, base=Path.cwd())
    return dataset, report


def export_ledger(argv: list[str] | None = None) -> int:
    from .export.ledger import export_workbook

    parser = argparse.ArgumentParser(prog="scripts/export", description="把问题和信访件导出为 Excel 台账（XLSX），可修改后用 scripts/import --update 导回。")
    parser.add_argument("--data", default=str(PROJECT / "data"), help="数据目录")
    parser.add_argument("--out", default="台账.xlsx", help="输出文件（默认：台账.xlsx）")
    parser.add_argument("--source", help="只导出该督察来源的问题")
    args = parser.parse_args(argv)
    dataset, _ = _load_for_ledger(Path(args.data))
    ids = sorted(i for i, issue in dataset.issues.items() if not args.source or issue.source == args.source)
    export_workbook(dataset, Path(args.out), ids)
    print(f"已导出 {len(ids)} 个问题、{len(dataset.petitions)} 件信访件到 {args.out}", file=sys.stderr)
    return 0


def import_ledger(argv: list[str] | None = None) -> int:
    from .export import ledger
    from .load import strict_yaml

    parser = argparse.ArgumentParser(prog="scripts/import", description="从 Excel 台账（XLSX，或单表 CSV）导入问题或信访件，逐行检查后写入 data/。已有文件只在加 --update 时更新。")
    parser.add_argument("file", help="台账文件（.xlsx 或 .csv）")
    parser.add_argument("--data", default=str(PROJECT / "data"), help="数据目录")
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
    plans: list[tuple[Path, str, bool]] = []  # (target, yaml text, exists)
    for kind, records in (("issues", issues), ("petitions", petitions)):
        for record_id, record in records.items():
            sheet, row = where[(kind, record_id)]
            row_problems = ledger.check(kind, record_id, record, sheet, row)
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
    print(f"已新建 {created} 个、更新 {len(plans) - created} 个数据文件；请运行 scripts/validate 检查。", file=sys.stderr)
    return 0


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
