"""Build a real site under tmp_path (mkdocstrings-style end-to-end tests)."""

from __future__ import annotations

import os
from pathlib import Path

from conftest import ROOT
from gongshi.adapters.mkdocs.project import make_project

SITE_URL = "https://gongshi.test/zhenggai/"


def _make_project(where: Path, data_dir: Path, site_url: str | None = None) -> Path:
    """A mkdocs project in `where` that builds `data_dir` with this repository's hooks and theme."""
    return make_project(ROOT, where, data_dir, site_url)


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
