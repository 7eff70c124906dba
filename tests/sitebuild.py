"""Build a real site under tmp_path (mkdocstrings-style end-to-end tests)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import yaml

from conftest import ROOT

SITE_URL = "https://gongshi.test/zhenggai/"


def make_project(tmp_path: Path, data_dir: Path) -> Path:
    """Write mkdocs.yml and docs/ under tmp_path, using the project's hooks and theme."""
    from mkdocs.utils.yaml import yaml_load  # resolves the !ENV tags as mkdocs would

    with open(ROOT / "mkdocs.yml", encoding="utf-8") as f:
        config = yaml_load(f)
    config["site_url"] = SITE_URL
    shutil.copytree(ROOT / "docs", tmp_path / "docs", dirs_exist_ok=True)
    config["docs_dir"] = str(tmp_path / "docs")
    config["site_dir"] = str(tmp_path / "site")
    config["hooks"] = [str(ROOT / "hooks" / "gongshi_hooks.py")]
    config["theme"]["custom_dir"] = str(ROOT / "hooks" / "theme")
    config["extra"]["gongshi_data"] = str(data_dir)
    config.pop("watch", None)
    path = tmp_path / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


def build(tmp_path: Path, data_dir: Path, today: str = "2026-09-30", strict: bool = True) -> tuple[int, Path]:
    from gongshi import cli

    config = make_project(tmp_path, data_dir)
    os.environ["GONGSHI_BUILD_DATE"] = today
    try:
        code = cli.build(["--config", str(config)] + (["--strict"] if strict else []))
    finally:
        os.environ.pop("GONGSHI_BUILD_DATE", None)
    return code, tmp_path / "site"


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")
