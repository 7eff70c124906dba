"""ruff and mypy (configured in pyproject.toml) are clean on the package and the tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True)


def test_ruff():
    result = _run("ruff", "check", "--no-fix", "--output-format", "concise", "src", "tests")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy():
    # Files and settings from [tool.mypy]: the whole package.
    result = _run("mypy")
    assert result.returncode == 0, result.stdout + result.stderr


def test_layers():
    # The contracts of [tool.importlinter]: imports only flow down (runtime and model at the bottom, adapters on
    # top), and only adapters/mkdocs imports mkdocs or material.
    result = subprocess.run([str(Path(sys.executable).with_name("lint-imports"))], cwd=ROOT, capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout
