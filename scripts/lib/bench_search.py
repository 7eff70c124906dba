"""Benchmark: search on a generated site in headless chromium.

Builds (or reuses) a site from N generated issues, serves it on 127.0.0.1,
opens the search page in a fresh browser and measures, for the first search
and a few more: bytes transferred for search (pagefind files, shards.json,
fragments) and the time from pressing Enter to the results being shown.
Targets (10,000 issues): first search at most 1 MB, answer under 300 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(HERE))

# Place names (what citizens look for), topics, a code and a very common word.
QUERIES = ["洞庭湖", "总磷", "秸秆禁烧", "排污口", "沅江市", "黑臭水体", "PM2.5", "整改销号"]


def build_site(issues: int, work: Path) -> Path:
    from project import make_project

    data = work / "data"
    subprocess.run([sys.executable, str(HERE / "gen_data.py"), str(issues), "--out", str(data)], check=True)
    config = make_project(work / "project", data)
    env = dict(os.environ, GONGSHI_BUILD_DATE="2026-09-30", PYTHONPATH=str(ROOT / "hooks"))
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "gongshi", "build", "--config", str(config)], check=True, env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    print(f"built {issues} issues in {time.perf_counter() - started:.1f} s")
    return work / "project" / "site"


def measure(site: Path) -> dict:
    from browser import launch, serve
    from playwright.sync_api import sync_playwright

    results = []
    with serve(site) as url, sync_playwright() as playwright:
        browser = launch(playwright)
        context = browser.new_context()
        page = context.new_page()
        sizes: dict[str, int] = {}

        def on_finished(request):
            path = request.url[len(url):]
            if path.startswith("pagefind"):
                sizes[request.url] = request.sizes()["responseBodySize"] + request.sizes()["responseHeadersSize"]

        page.on("requestfinished", on_finished)
        page.goto(url + "search/")
        page.wait_for_selector("#gs-search[data-ready=true]", timeout=60000)
        load_bytes = sum(sizes.values())
        for i, query in enumerate(QUERIES):
            before = sum(sizes.values())
            page.fill("#gs-q", "")
            page.type("#gs-q", query, delay=150)  # as a reader types: the page preloads meanwhile
            page.wait_for_timeout(300)
            started = time.perf_counter()
            page.press("#gs-q", "Enter")
            page.wait_for_function("document.getElementById('gs-search').dataset.ready === 'true'", timeout=60000)
            elapsed = (time.perf_counter() - started) * 1000
            page.wait_for_timeout(50)  # let the last responses be counted
            shown = page.eval_on_selector_all(".gs-result", "r => r.length")
            results.append({"query": query, "ms": elapsed, "bytes": sum(sizes.values()) - before, "shown": shown})
        browser.close()
    return {"load_bytes": load_bytes, "searches": results}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/bench-search", description="搜索性能测试（合成数据，headless chromium）")
    parser.add_argument("--issues", type=int, default=10_000)
    parser.add_argument("--work", default="/tmp/gongshi-bench-search")
    parser.add_argument("--reuse", action="store_true", help="reuse the site already built in --work")
    args = parser.parse_args(argv)
    work = Path(args.work)
    site = work / "project" / "site"
    if not (args.reuse and site.exists()):
        site = build_site(args.issues, work)
    report = measure(site)
    first = report["searches"][0]
    first_total = report["load_bytes"] + first["bytes"]
    print(f"search page start (pagefind init, filters): {report['load_bytes'] / 1024:.0f} KB")
    for r in report["searches"]:
        print(f"  {r['query']:<8} {r['ms']:6.0f} ms  {r['bytes'] / 1024:6.0f} KB  {r['shown']} results shown")
    times = [r["ms"] for r in report["searches"]]
    print(f"first search: {first_total / 1024:.0f} KB transferred (target ≤ 1024 KB, ratio {first_total / 1048576:.2f}), "
          f"{first['ms']:.0f} ms (target < 300 ms, ratio {first['ms'] / 300:.2f})")
    print(f"all searches: median {statistics.median(times):.0f} ms, max {max(times):.0f} ms")
    return 0 if first_total <= 1048576 and first["ms"] < 300 else 1


if __name__ == "__main__":
    sys.exit(main())
