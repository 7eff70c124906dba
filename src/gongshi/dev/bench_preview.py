"""Benchmark: the staff preview (scripts/serve) on a large data set, edit → change seen in the browser.

Generates --issues N issues, starts the preview (one full build), opens issue pages and source pages (which
list their issues) in chromium, then saves an edited title in one record file at a time and measures until the
open page shows it (the page reloads by itself). Target: under 5 s at 10,000 issues.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

from gongshi.adapters.mkdocs.project import make_project
from gongshi.dev import PROJECT as ROOT
from gongshi.dev.browser import launch
from gongshi.dev.gen_data import generate

TARGET_SECONDS = 5.0
BUILD_DATE = "2026-09-30"


def start(config: Path, env: dict) -> tuple[subprocess.Popen, str, float]:
    """The preview, running: (process, its address, seconds of the first build)."""
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "gongshi", "serve", "--config", str(config), "--port", "0"],
                               env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    assert process.stderr is not None
    for line in process.stderr:
        found = re.search(r"(http://127\.0\.0\.1:\d+/)", line)
        if found:
            # Keep reading what it prints (each save's check results), or a full pipe would stop it.
            threading.Thread(target=process.stderr.read, daemon=True).start()
            return process, found.group(1), time.perf_counter() - started
    raise RuntimeError("预览未能启动")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/bench-preview",
                                     description="本地预览性能测试：修改后多久在浏览器中看到")
    parser.add_argument("--issues", type=int, default=10000)
    parser.add_argument("--edits", type=int, default=3, help="每种页面修改几次")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="gongshi-bench-preview-"))
    env = dict(os.environ, GONGSHI_BUILD_DATE=BUILD_DATE, NO_MKDOCS_2_WARNING="1")
    try:
        data = work / "data"
        generate(data, args.issues)
        config = make_project(ROOT, work / "project", data)
        process, address, first = start(config, env)
        print(f"{args.issues} 个问题：首次完整生成 {first:.1f} 秒", flush=True)
        files = sorted((data / "issues").rglob("*.yml"))
        by_id = {f.stem: f for f in files}
        times: list[tuple[str, float]] = []
        try:
            with sync_playwright() as playwright:
                browser = launch(playwright)
                page = browser.new_page()
                for n in range(args.edits):
                    for where in ("issue", "list"):
                        path = files[(n * 7919 + (where == "list") * 3) % len(files)]
                        mark = f"预览计时{n}{where}"
                        if where == "issue":
                            page.goto(address + f"issues/{path.stem}/")
                        else:
                            # A listing: the first page of a source's issues; edited: the first issue it lists.
                            page.goto(address + f"sources/{path.parent.name}/")
                            links = page.locator("main td a[href*='issues/']")
                            ids = [(links.nth(i).get_attribute("href") or "").rstrip("/").rsplit("/", 1)[-1]
                                   for i in range(min(links.count(), 5))]
                            path = by_id[next(i for i in ids if i in by_id)]
                        expect(page.locator("[role=status]").first).to_contain_text("本地预览")
                        text = path.read_text(encoding="utf-8")
                        edited = re.sub(r"^title: ", f"title: {mark}", text, count=1, flags=re.M)
                        saved = time.perf_counter()
                        path.write_text(edited, encoding="utf-8")
                        expect(page.locator("main")).to_contain_text(mark, timeout=60_000)
                        times.append((where, time.perf_counter() - saved))
                        what = "问题页" if where == "issue" else "督察来源页（列出该来源的问题）"
                        print(f"  {what}：保存后 {times[-1][1]:.2f} 秒在浏览器中看到", flush=True)
                browser.close()
        finally:
            process.terminate()
            process.wait(timeout=30)
        worst = max(seconds for _, seconds in times)
        ok = worst < TARGET_SECONDS
        print(f"最慢 {worst:.2f} 秒（目标 < {TARGET_SECONDS:.0f} 秒）：{'达标' if ok else '未达标'}")
        return 0 if ok else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)
