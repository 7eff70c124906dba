"""Write a mkdocs project (mkdocs.yml + docs/) that builds a given data folder
with this repository's hooks and theme: for tests and benchmarks."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from mkdocs.utils.yaml import yaml_load  # resolves the !ENV tags as mkdocs would


def make_project(root: Path, where: Path, data_dir: Path, site_url: str | None = None) -> Path:
    """`root`: the repository whose mkdocs.yml, docs/, hooks and theme are used."""
    with open(root / "mkdocs.yml", encoding="utf-8") as f:
        config = yaml_load(f)
    where.mkdir(parents=True, exist_ok=True)
    shutil.copytree(root / "docs", where / "docs", dirs_exist_ok=True)
    config["site_url"] = site_url
    config["docs_dir"] = str(where / "docs")
    config["site_dir"] = str(where / "site")
    config["hooks"] = [str(root / "hooks" / "gongshi_hooks.py")]
    config["theme"]["custom_dir"] = str(root / config["theme"]["custom_dir"])
    config["extra"]["gongshi_data"] = str(Path(data_dir).resolve())
    config.pop("watch", None)
    path = where / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path
