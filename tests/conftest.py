"""Shared test helpers: a small Chinese dataset written under tmp_path."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Hypothesis keeps a cache of its own: in the temporary folder, not in the working tree.
os.environ.setdefault("HYPOTHESIS_STORAGE_DIRECTORY",
                      os.path.join(os.environ.get("TMPDIR", "/tmp"), f"gongshi-hypothesis-{os.getuid()}"))

TODAY = dt.date(2026, 11, 23)

# Every phone number, e-mail and address of the seeds, as the sample data in data/ must hold them.
SEED_CONTACTS = ["0730-8245473", "0737-2700665", "282915990@qq.com", "7102953", "xfxfgwjtk@163.com",
                 "（0746）8127713", "yzshbdc@163.com", "湖南省益阳市沅江市琼湖街道商贸街秦家菜园巷004号"]

SMALL = {
    "settings.yml": """
        site_name: 测试公示站
        min_window_days: 5
        """,
    "sources/dc-test.yml": """
        name: 第二轮中央生态环境保护督察（测试省）
        level: 中央
        type: 督察
        region: 测试省
        """,
    "units/office.yml": """
        name: 测试区生态环境保护委员会办公室
        region: 测试省测试区
        phones:
          - number: 0730-1234567
            label: 监督电话
        emails: [jiandu@example.cn]
        """,
    "units/shuiliju.yml": """
        name: 测试区水利局
        region: 测试省测试区
        """,
    "issues/dc-test-01.yml": """
        source: dc-test
        number: 一
        kind: 督察反馈问题
        title: 洞庭湖总磷浓度偏高
        region: 测试省测试区
        category: [水]
        status: 已完成
        problem: 洞庭湖总磷浓度偏高，生活污水直排。
        target: 总磷浓度稳定下降。
        deadline: 2024年12月底
        measures:
          - text: 实施控磷降磷行动计划。
            lead: [shuiliju]
          - text: 开展入河排污口整治。
        responsible_units: [shuiliju]
        progress:
          - date: 2023-09-01
            text: 52个排污口已全部整治。
        signoff:
          title: 关于问题编号一整改销号情况的公示
          date: 2023-10-13
          office: office
          window:
            start: 2023-10-13
            end: 2023-10-24
            working_days: 8
          implementation:
            - 完成控磷降磷行动计划。
          conclusion: 各项整改措施均已完成，符合办结销号要求。
        """,
    "issues/dc-test-02.yml": """
        source: dc-test
        kind: 督察反馈问题
        title: 秸秆禁烧管控不力
        region: 测试省测试区
        category: 大气
        status: 整改中
        deadline: 立行立改、2025年6月底
        problem: 秸秆焚烧现象普遍。
        responsible_units: [shuiliju]
        """,
    "petitions/D1YZ202000131.yml": """
        source: dc-test
        region: 测试区
        pollution: [生态]
        important: true
        finding: 属实
        finding_text: 举报内容属实。
        status: 办理中
        """,
}

# A monthly duty for the small dataset (the calendar tests).
DUTY = {
    "duties/monthly.yml": """
        title: 整改情况月报
        text: 每月25日前将问题整改情况报送至办公室邮箱
        day_of_month: 25
        if_not_workday: 提前
        office: office
        who: 各乡镇、各单位
        start: 2021-06-29
        """,
}


def write_data(root: Path, files: dict[str, str] = SMALL) -> Path:
    data = root / "data"
    for name, text in files.items():
        path = data / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return data


@pytest.fixture
def small_data(tmp_path: Path) -> Path:
    return write_data(tmp_path)


@pytest.fixture
def sample_copy(tmp_path: Path) -> Path:
    """A copy of the project's real sample data."""
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    return target


# Tests run in worker processes (pytest-xdist, see scripts/test), grouped: the tests that share the page
# kinds' site and its visits (tests/pagekinds.py) in one worker; every other file in a group of its own, so
# that its module fixtures (a built site, a sweep of the site) are made once. The marks must be set before
# xdist reads them into the test ids (in its own hook of this name), hence tryfirst.
SHARING_VISITS = ("tests/a11y/test_a11y.py", "tests/browser/test_pages_browser.py", "tests/browser/test_csp_browser.py",
                  "tests/browser/test_print_browser.py")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    for item in items:
        path = item.nodeid.split("::")[0]
        item.add_marker(pytest.mark.xdist_group("page-visits" if path in SHARING_VISITS else path))


# The search quality measured by the browser test (its "search quality" property), printed at the end.
SEARCH_QUALITY: dict[str, float] = {}


def pytest_runtest_logreport(report):
    for name, value in report.user_properties:
        if name == "search quality":
            SEARCH_QUALITY.update(value)


def pytest_terminal_summary(terminalreporter):
    if SEARCH_QUALITY:
        q = SEARCH_QUALITY
        terminalreporter.write_line(
            f"search quality: {q['queries']} literal queries ({q['multi']} of several words), "
            f"{q['relevant']} expected hits, "
            f"precision {q['precision']:.2f}, recall {q['recall']:.2f}"
        )


@pytest.fixture(scope="session")
def small_site(tmp_path_factory) -> Path:
    """The small dataset above built once per session: build date 2026-09-30, --strict.

    Shared by every test that only reads it: a test that changes data builds its own."""
    from sitebuild import build

    tmp = tmp_path_factory.mktemp("small")
    code, site = build(tmp, write_data(tmp))
    assert code == 0
    return site


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """The project's sample data (data/) built once per session: build date 2026-09-30, --strict.

    Shared by every test that only reads it: a test that changes files copies it first."""
    from sitebuild import build

    code, site = build(tmp_path_factory.mktemp("sample"), ROOT / "data")
    assert code == 0
    return site


@pytest.fixture(scope="session")
def served_sample_site(sample_site):
    """sample_site served on 127.0.0.1 at the server's root: (site folder, URL)."""
    from gongshi.dev.browser import serve

    with serve(sample_site) as url:
        yield sample_site, url


@pytest.fixture(scope="session")
def page_site(tmp_path_factory) -> Path:
    """The sample site with a page of every kind (tests/pagekinds.py), built once per session."""
    from pagekinds import build_page_site

    return build_page_site(tmp_path_factory.mktemp("pages"))


@pytest.fixture(scope="session")
def page_url(page_site, tmp_path_factory):
    """page_site served on 127.0.0.1 under its public path (/zhenggai/), as 404.html's absolute links expect."""
    from urllib.parse import urlsplit

    from gongshi.dev.browser import serve
    from sitebuild import SITE_URL

    root = tmp_path_factory.mktemp("www")
    prefix = urlsplit(SITE_URL).path.strip("/")
    (root / prefix).symlink_to(page_site, target_is_directory=True)
    with serve(root) as url:
        yield f"{url}{prefix}/"


@pytest.fixture(scope="session")
def visits(tmp_path_factory) -> dict:
    """Page visits shared by the overflow and axe tests (pagekinds.visit), and where their screenshots go."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # a worker's folder is inside the run's
    return {"shots": base / "screenshots"}


@pytest.fixture(scope="session")
def chromium():
    """Debian chromium through playwright, one per session (playwright's sync API cannot nest: no test
    starts its own while this one lives)."""
    from playwright.sync_api import sync_playwright

    from gongshi.dev.browser import launch

    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()
