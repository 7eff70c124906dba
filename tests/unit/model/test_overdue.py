"""The overdue rule and the reader's label for 未公布 (issue 16, point 5)."""

import textwrap

import pytest

from conftest import SMALL, TODAY, write_data
from gongshi.model.status import STATUS_HELP, STATUS_ORDER, display_status, is_overdue, overdue_text
from gongshi.render.engine import STATUS_CLASS
from gongshi.site.load import check_data

ISSUE = textwrap.dedent(SMALL["issues/dc-test-02.yml"])  # deadline 立行立改、2025年6月底, TODAY 2026-11-23


def issue_with(tmp_path, status: str, extra: str = ""):
    files = dict(SMALL, **{"issues/dc-test-02.yml": ISSUE.replace("status: 整改中", f"status: {status}") + extra})
    site = check_data(write_data(tmp_path, files), TODAY, base=tmp_path)
    assert site.report.ok, [p.text() for p in site.report.sorted()]
    return site.data.issues["dc-test-02"]


@pytest.mark.parametrize("status, overdue", [
    ("整改中", True), ("反弹", True), ("未公布", True),  # nothing published nine years on is overdue too
    ("已完成", False), ("已销号", False),
])
def test_overdue_whatever_is_published(tmp_path, status, overdue):
    assert is_overdue(issue_with(tmp_path, status), TODAY) is overdue


def test_overdue_with_nothing_published_says_so(tmp_path):
    issue = issue_with(tmp_path, "未公布")
    assert display_status(issue, None, TODAY) == "进展未公布"
    assert overdue_text(issue, TODAY) == "已逾期（进展未公布）"
    assert overdue_text(issue_with(tmp_path, "整改中"), TODAY) == "已逾期"


def test_a_withdrawn_issue_is_never_overdue(tmp_path):
    issue = issue_with(tmp_path, "未公布", "withdrawn:\n  date: 2026-01-05\n  reason: 重复录入。\n")
    assert display_status(issue, None, TODAY) == "已撤回"
    assert not is_overdue(issue, TODAY)


def test_every_status_shown_has_a_class_and_help():
    assert "未公布" not in STATUS_ORDER and "进展未公布" in STATUS_ORDER
    assert set(STATUS_ORDER) == set(STATUS_HELP) == set(STATUS_CLASS)
    assert "待确认销号" not in STATUS_HELP["公示期满"]
