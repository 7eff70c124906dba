"""scripts/build: validate, build into a fresh folder, then swap it into place."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path


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
