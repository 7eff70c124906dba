"""The bad-input corpus (tests/bad_inputs/manifest*.yml): each input, added to a copy of the
sample data, either fails the build with a clear Chinese file:line error and leaves the previous
site untouched, or builds a site on which the payload is inert (shown as text, never run).

The inputs that must build are built together, once: each is validated alone as well, so that an
input which would pass only beside another one is still caught."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import re
import shutil
from pathlib import Path

import lxml.html
import pytest
import yaml

from conftest import ROOT
from gongshi.adapters.mkdocs.plugin import theme_scripts
from gongshi.checks.safety import bad_url, scan_site
from gongshi.site.load import check_data
from sitebuild import build

CORPUS = ROOT / "tests" / "bad_inputs"
# manifest.yml, and one manifest-<class>.yml per class of input added later: each lists its own files.
MANIFESTS = sorted(CORPUS.glob("manifest*.yml"))
CASES = [case for m in MANIFESTS for case in yaml.safe_load(m.read_text(encoding="utf-8"))]
HUGE_LINE = ("  " + "超长的原文内容，" * 10 + "\n").encode("utf-8")


def test_corpus_is_complete():
    assert len(CASES) >= 30
    files = {p.name for p in CORPUS.glob("*.yml")} - {m.name for m in MANIFESTS}
    assert len(CASES) == len({case["input"] for case in CASES})
    assert files == {case["input"] for case in CASES}  # every file is a case, every case has its file
    assert {case["expect"] for case in CASES} == {"error", "inert", "verbatim"}


def snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def install(case: dict, data: Path) -> str:
    """Copy the input into the data folder; return its path as the validator shows it."""
    target = data / case.get("to", f"issues/{case['input']}")
    raw = (CORPUS / case["input"]).read_bytes()
    if case.get("make") == "huge":
        raw += HUGE_LINE * 10_000
    target.write_bytes(raw)
    return "data/" + case.get("to", f"issues/{case['input']}")


@pytest.fixture(scope="module")
def built_with_payloads(tmp_path_factory):
    """The sample data with every input that must build (inert, verbatim) added, built once:
    (exit code, site, stderr, the post-build scan's findings)."""
    tmp = tmp_path_factory.mktemp("payloads")
    data = tmp / "data"
    shutil.copytree(ROOT / "data", data)
    for case in CASES:
        if case["expect"] != "error":
            install(case, data)
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code, site = build(tmp, data)
    return code, site, err.getvalue(), scan_site(site, theme_scripts(), "/zhenggai/")[1] if code == 0 else None


@pytest.fixture(scope="module")
def sample_snapshot(sample_site) -> dict[str, bytes]:
    return snapshot(sample_site)


@pytest.mark.parametrize("case", CASES, ids=[c["input"].removesuffix(".yml") for c in CASES])
def test_bad_input(case, tmp_path, sample_site, capsys, request):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    shown_path = install(case, data)
    if case["expect"] == "error":
        # The previous site, which each failing build must leave untouched: hard links to the session's
        # sample site (a build never writes into the published folder, it replaces it when done).
        shutil.copytree(sample_site, tmp_path / "site", copy_function=os.link)
        before = request.getfixturevalue("sample_snapshot")
        code, site = build(tmp_path, data)
        err = capsys.readouterr().err
        assert code == 1
        assert "Traceback" not in err
        where = f"{shown_path}:{case['line']}: " + (f"{case['field']}: " if case.get("field") else "")
        lines = [line for line in err.splitlines() if line.startswith(where)]
        assert lines, f"no line starting with {where!r} in:\n{err}"
        assert any(case["message"] in line for line in lines), lines
        assert re.search(r"[\u4e00-\u9fff]", lines[0][len(where):])  # said in Chinese
        assert snapshot(site) == before  # byte for byte
        assert not list(tmp_path.glob(".site-*"))
        return
    alone = check_data(data, dt.date(2026, 9, 30), base=tmp_path)  # the build's date
    assert alone.report.ok, [p.text() for p in alone.report.errors]
    code, site, err, findings = request.getfixturevalue("built_with_payloads")
    assert code == 0, err
    html = (site / case["page"] / "index.html").read_bytes()
    tree = lxml.html.document_fromstring(html)
    article = tree.find(".//article")
    visible = re.sub(r"\s+", " ", article.text_content())
    for text in case["shown"]:
        assert re.sub(r"\s+", " ", text) in visible, text
    if case["expect"] == "inert":
        assert_inert(tree)
        assert findings == []  # scan_site of the built site


def assert_inert(tree) -> None:
    """No element of the page can run the payload."""
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        assert el.tag not in ("iframe", "frame", "frameset", "object", "embed", "base", "style"), el.tag
        for name, value in el.attrib.items():
            assert not name.startswith("on"), (el.tag, name)
            if name in ("href", "src", "action", "formaction", "data", "style", "srcset"):
                assert not bad_url(value) and "alert" not in value, (el.tag, name, value)
        if el.tag == "script":
            assert "alert" not in (el.text or "")
