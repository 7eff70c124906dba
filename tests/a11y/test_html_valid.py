"""Valid HTML: the Nu Html Checker (vnu-jar from npm, run with Java) reports no error on any page of the site."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT
from pagekinds import PAGE_KINDS, html_file

VNU = ROOT / "tests" / "tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Errors the checker reports that are not errors in our HTML. Each entry: (message substring, reason).
# Nothing else is ignored. Empty: every page of the sample site is valid as it stands.
FALSE_POSITIVES: list[tuple[str, str]] = []


def run_vnu(files: list[Path]) -> list[dict]:
    """All messages for these files, from one JVM run."""
    java = shutil.which("java")
    if java is None or not VNU.exists():
        raise RuntimeError("HTML 检查需要 Java 和 vnu-jar："
                           "请运行 ./scripts/test（会安装 default-jre-headless 并执行 npm ci）")
    done = subprocess.run([java, "-Xss4m", "-jar", str(VNU), "--format", "json", "--exit-zero-always",
                           *map(str, files)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stderr)["messages"]  # vnu writes its report to stderr


def is_error(message: dict) -> bool:
    # "non-document-error" is the checker failing to read a file: never ignored either.
    return message["type"] in ("error", "non-document-error") or message.get("subType") == "fatal"


def ignored(message: dict) -> bool:
    return any(text in message.get("message", "") for text, _ in FALSE_POSITIVES)


@pytest.fixture(scope="module")
def vnu_report(page_site: Path) -> tuple[list[Path], list[dict]]:
    files = sorted(page_site.rglob("*.html"))
    return files, run_vnu(files)


def test_every_page_is_valid_html(vnu_report, page_site):
    files, messages = vnu_report
    errors = [f"{Path(m['url'].removeprefix('file:')).relative_to(page_site)}:{m.get('lastLine', '?')}: {m['message']}"
              for m in messages if is_error(m) and not ignored(m)]
    assert len(files) > 100
    assert errors == []


def test_every_page_kind_was_checked(vnu_report, page_site):
    files, _ = vnu_report
    for kind in PAGE_KINDS:
        assert html_file(page_site, kind) in files, kind


def test_the_checker_reports_invalid_html(tmp_path):
    """The check can fail: a page with a duplicate id, a stray end tag and a label for no control."""
    bad = tmp_path / "bad.html"
    bad.write_text('<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>坏</title></head><body>'
                   '<p id="a">一</p><p id="a">二</p></div><label for="nothing">三</label></body></html>',
                   encoding="utf-8")
    good = tmp_path / "good.html"
    good.write_text('<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>好</title></head>'
                    '<body><p>一</p></body></html>', encoding="utf-8")
    messages = run_vnu([bad, good])
    errors = [m for m in messages if is_error(m)]
    assert {m["url"].rsplit("/", 1)[-1] for m in errors} == {"bad.html"}
    text = " ".join(m["message"] for m in errors)
    assert "Duplicate ID" in text and "Stray end tag" in text and "“for” attribute" in text
