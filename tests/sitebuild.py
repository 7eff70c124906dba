"""Build a real site under tmp_path (mkdocstrings-style end-to-end tests)."""

from __future__ import annotations

import os
from pathlib import Path

from gongshi.dev.project import make_project as _make_project

SITE_URL = "https://gongshi.test/zhenggai/"


def build(tmp_path: Path, data_dir: Path, today: str = "2026-09-30", strict: bool = True) -> tuple[int, Path]:
    from gongshi.cli import build as cli

    config = _make_project(tmp_path, data_dir, SITE_URL)
    os.environ["GONGSHI_BUILD_DATE"] = today
    try:
        code = cli.build(["--config", str(config)] + (["--strict"] if strict else []))
    finally:
        os.environ.pop("GONGSHI_BUILD_DATE", None)
    return code, tmp_path / "site"


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")
