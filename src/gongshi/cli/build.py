"""scripts/build: validate, build into a fresh folder, then swap it into place."""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from gongshi.adapters.mkdocs import engine


def build(argv: list[str] | None = None) -> int:
    """Validate, build into a fresh directory, then swap it into place.

    A failed build leaves the previous site untouched: nothing is written to
    the output directory until everything has succeeded.
    """
    parser = argparse.ArgumentParser(
        prog="scripts/build",
        description="检查数据并生成网站到 site/。数据有错误时不生成网站，原有 site/ 保持不变。",
    )
    parser.add_argument("--config", default="mkdocs.yml", help="mkdocs 配置文件")
    parser.add_argument("--site-dir", default=None, help="输出目录（默认：配置中的 site_dir，即 site/）")
    parser.add_argument("--strict", action="store_true", help="有任何警告即失败")
    args = parser.parse_args(argv)

    engine.show_log()
    try:
        config = engine.load(args.config, args.strict)
    except engine.EngineError as e:
        print(f"错误：{e}", file=sys.stderr)
        return 1
    target = Path(args.site_dir or engine.site_dir(config)).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-", dir=target.parent))
    try:
        engine.build(config, staging)
    except (engine.EngineError, KeyboardInterrupt) as e:
        shutil.rmtree(staging, ignore_errors=True)
        if str(e):
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
