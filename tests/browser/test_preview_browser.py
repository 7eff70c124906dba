"""The staff preview (scripts/serve): a saved data file shows in the open page by itself, its problems are
printed as scripts/validate prints them, and a page with errors keeps the last good data and says why."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import urllib.request

import pytest
from playwright.sync_api import expect

from conftest import ROOT
from gongshi.adapters.mkdocs.project import make_project

ISSUE = "issues/zydc2-hunan-2021/yylq-2021-01.yml"
OLD_TITLE = "2021年第二轮中央生态环境保护督察报告反馈问题（问题编号一）"


@pytest.fixture
def preview(sample_copy, tmp_path):
    """A running preview of a copy of the sample data: (address, data folder, its terminal lines)."""
    config = make_project(ROOT, tmp_path / "project", sample_copy)
    env = dict(os.environ, GONGSHI_BUILD_DATE="2026-11-23", NO_MKDOCS_2_WARNING="1")
    process = subprocess.Popen([sys.executable, "-m", "gongshi", "serve", "--config", str(config), "--port", "0"],
                               env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    lines: list[str] = []
    found = threading.Event()
    address: list[str] = []

    def read():
        assert process.stderr is not None
        for line in process.stderr:
            lines.append(line.rstrip("\n"))
            if (m := re.search(r"(http://127\.0\.0\.1:\d+/)", line)) and not address:
                address.append(m.group(1))
                found.set()

    threading.Thread(target=read, daemon=True).start()
    assert found.wait(120), "\n".join(lines)
    yield address[0], sample_copy, lines
    process.terminate()
    process.wait(timeout=30)
    assert not any("Traceback" in line for line in lines), "\n".join(lines)


def test_a_saved_edit_shows_in_the_open_page_and_errors_are_said(preview, chromium):
    address, data, lines = preview
    page = chromium.new_page()
    page.goto(address + "issues/yylq-2021-01/")
    banner = page.locator("[role=status]").first
    assert "本地预览" in banner.inner_text()
    assert "搜索、订阅和开放数据文件仍是启动预览时的内容" in banner.inner_text()
    assert OLD_TITLE in page.locator("h1").inner_text()
    path = data / ISSUE
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(f"title: {OLD_TITLE}", "title: 预览中改过的标题"), encoding="utf-8")
    expect(page.locator("h1")).to_contain_text("预览中改过的标题", timeout=15_000)
    # A listing shows it too: pages are rendered again when opened.
    page.goto(address + "issues/")
    assert "预览中改过的标题" in page.content()
    assert any(line.startswith("已更新（") for line in lines), lines

    # A mistake: printed as validate prints it; the page keeps the last good data and says there are errors.
    page.goto(address + "issues/yylq-2021-01/")
    path.write_text(text.replace("status: 已完成", "status: 做完了"), encoding="utf-8")
    expect(page.locator("[role=status]").first).to_contain_text("处错误", timeout=15_000)
    assert "预览中改过的标题" in page.locator("h1").inner_text()
    wanted = f"{path}:7: status: “做完了”不是可选值" if path.is_absolute() else f"{ISSUE}:7"
    assert any(line.startswith(wanted) for line in lines), lines
    # Put right: the page shows the data again, without the error.
    path.write_text(text, encoding="utf-8")
    expect(page.locator("h1")).to_contain_text(OLD_TITLE, timeout=15_000)
    assert "处错误" not in page.locator("[role=status]").first.inner_text()
    page.close()


def test_new_and_deleted_records_come_and_go(preview):
    address, data, lines = preview
    source = data / ISSUE
    copy = source.with_name("yylq-2021-09.yml")
    copy.write_text(source.read_text(encoding="utf-8").replace(OLD_TITLE, "新建的问题"), encoding="utf-8")

    def fetch(url):
        try:
            with urllib.request.urlopen(address + url, timeout=10) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as e:
            return e.code, ""

    def wait_for(url, status):
        for _ in range(100):
            got = fetch(url)
            if got[0] == status:
                return got
            threading.Event().wait(0.1)
        raise AssertionError(f"{url}: {got[0]} \n" + "\n".join(lines))

    assert "新建的问题" in wait_for("issues/yylq-2021-09/", 200)[1]
    copy.unlink()
    wait_for("issues/yylq-2021-09/", 404)
    assert fetch("issues/yylq-2021-01/")[0] == 200
