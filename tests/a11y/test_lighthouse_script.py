"""scripts/lighthouse without Lighthouse: the local static server and the score report.

(Lighthouse itself runs in scripts/lighthouse, not in the test suite: it needs a
185 MB npm install and minutes per page.)"""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest

from conftest import ROOT
from gongshi.dev import run_lighthouse


def fake_report(performance, accessibility=1.0, failing=()):
    audits = {"a-perf": {"id": "a-perf", "title": "Reduce unused JavaScript", "score": 0.5, "displayValue": "20 KiB"},
              "color-contrast": {"id": "color-contrast", "title": "Contrast", "score": 0 if failing else 1}}
    refs = {"performance": [{"id": "a-perf", "weight": 10}], "accessibility": [{"id": "color-contrast", "weight": 7}],
            "best-practices": [], "seo": []}
    scores = {"performance": performance, "accessibility": accessibility, "best-practices": 1.0, "seo": 0.95}
    return {"categories": {cid: {"score": scores[cid], "auditRefs": refs[cid]} for cid in scores},
            "audits": audits, "lighthouseVersion": "12.8.2", "configSettings": {"formFactor": "mobile"},
            "environment": {"hostUserAgent": "Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/156.0.0.0 Safari/537.36"}}


def test_median_of_runs_meets_targets(capsys, tmp_path):
    results = {"首页": [fake_report(0.85), fake_report(0.97), fake_report(0.92)]}
    assert run_lighthouse.report(results, 3, ROOT / ".lighthouse" / "reports") == 0
    out = capsys.readouterr().out
    assert "92  (85, 97, 92)" in out and "全部达到目标" in out and "中位数" in out


def test_a_missed_target_fails_and_lists_what_to_fix(capsys):
    results = {"问题页": [fake_report(0.95, 0.92, failing=["color-contrast"])] * 3}
    assert run_lighthouse.report(results, 3, ROOT / ".lighthouse" / "reports") == 1
    out = capsys.readouterr().out
    assert "92 ✗" in out
    assert "未达到目标：问题页 无障碍 92（目标 100）" in out and "color-contrast: Contrast" in out


def test_server_compresses_text_and_answers_404_with_the_404_page(tmp_path):
    (tmp_path / "index.html").write_text("<!doctype html><title>首页</title>" + "公示" * 500, encoding="utf-8")
    (tmp_path / "404.html").write_text("<!doctype html><title>找不到</title>", encoding="utf-8")
    with run_lighthouse.serve(tmp_path, 0) as url:
        request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as response:
            assert response.headers["Content-Encoding"] == "gzip"
            assert response.headers["Content-Type"] == "text/html; charset=utf-8"
            assert len(response.read()) < 200
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(url + "nowhere/")
        assert missing.value.code == 404 and "找不到" in missing.value.read().decode("utf-8")
