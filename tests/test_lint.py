"""ruff and mypy (configured in pyproject.toml) are clean on the package and the tests."""

from __future__ import annotations

import subprocess
import sys

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
