"""Lighthouse on the sample site: home page, an issue page and its sign-off notice.

Builds the sample data (data/) into .lighthouse/site with GONGSHI_SITE_URL set
to the address it is served at (so canonical links and og:url are valid there),
serves it on 127.0.0.1 as a static host would (gzip for text), and runs npm
`lighthouse` (pinned in tools/lighthouse, installed with `npm ci`) driving
Debian chromium with the mobile profile. Each page is run several times and
the median score of each category is reported: the simulated throttling is
noisy on a small shared machine. Exit status 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import hashlib
import json
import mimetypes
import os
import shutil
import statistics
import subprocess
import sys
from http.server import SimpleHTTPRequestHandler
from pathlib import Path

from gongshi.dev import PROJECT as ROOT
from gongshi.dev import browser

TOOL = ROOT / "tools" / "lighthouse"
WORK = ROOT / ".lighthouse"
BUILD_DATE = "2026-11-23"  # a fixed date: the same site every run

PAGES = [
    ("首页", ""),
    ("问题页", "issues/yylq-2021-01/"),  # seed 001: 岳阳楼区问题编号一
    ("公示页", "issues/yylq-2021-01/notice/"),
]
CATEGORIES = [  # (Lighthouse id, shown as, target: at least)
    ("performance", "性能", 90),
    ("accessibility", "无障碍", 100),
    ("best-practices", "最佳实践", 95),
    ("seo", "SEO", 95),
]
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
                "--disable-background-networking --disable-component-update --disable-sync")
COMPRESSED = {"text/html", "text/css", "text/javascript", "application/javascript", "application/json",
              "application/xml", "text/xml", "image/svg+xml", "text/plain", "text/csv", "text/calendar",
              "application/atom+xml"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="scripts/lighthouse",
        description="用 Lighthouse（移动设备配置）检查示例网站的首页、问题页和公示页，打印各项得分并与目标比较："
                    "性能 ≥ 90，无障碍 100，最佳实践 ≥ 95，SEO ≥ 95。未达到目标时退出码为 1。"
                    "需要 Node.js/npm（首次运行用 npm ci 安装固定版本的 lighthouse）和 Debian 的 chromium。",
    )
    parser.add_argument("--runs", type=int, default=3, help="每个页面运行的次数，报告中位数（默认 3）")
    parser.add_argument("--port", type=int, default=8765, help="本地服务端口（默认 8765）")
    parser.add_argument("--reuse", action="store_true",
                        help="沿用上次为同一端口生成的网站（.lighthouse/site），不重新生成")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs 至少为 1")

    chrome = os.environ.get("CHROME_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chrome).exists():
        print("需要 Debian 的 chromium：sudo apt-get install -y chromium fonts-noto-cjk", file=sys.stderr)
        return 2
    lighthouse = install_lighthouse()
    url = f"http://127.0.0.1:{args.port}/"
    site = WORK / "site"
    if not (args.reuse and built_for(site, url)):
        build(site, url)
    reports = WORK / "reports"
    shutil.rmtree(reports, ignore_errors=True)
    reports.mkdir(parents=True)

    results: dict[str, list[dict]] = {}
    with serve(site, args.port):
        for name, path in PAGES:
            results[name] = []
            for run in range(1, args.runs + 1):
                print(f"Lighthouse：{name} {url + path}（第 {run}/{args.runs} 次）", file=sys.stderr)
                results[name].append(run_once(lighthouse, chrome, url + path, reports / f"{slug(path)}-{run}"))
    return report(results, args.runs, reports)


def install_lighthouse() -> Path:
    """npm ci in tools/lighthouse when node_modules is missing or the lockfile changed."""
    cli = TOOL / "node_modules" / "lighthouse" / "cli" / "index.js"
    lock = TOOL / "package-lock.json"
    stamp = TOOL / "node_modules" / ".gongshi-lock-sha256"
    want = hashlib.sha256(lock.read_bytes()).hexdigest()
    if not cli.exists() or not stamp.exists() or stamp.read_text() != want:
        if shutil.which("npm") is None:
            sys.exit("需要 Node.js 和 npm：sudo apt-get install -y nodejs npm")
        print("正在安装 lighthouse（npm ci，固定版本见 tools/lighthouse/package-lock.json）...", file=sys.stderr)
        subprocess.run(["npm", "ci", "--silent", "--no-audit", "--no-fund"], cwd=TOOL, check=True)
        stamp.write_text(want)
    return cli


def built_for(site: Path, url: str) -> bool:
    """Whether site was built for this address (its canonical links point there)."""
    home = site / "index.html"
    return home.exists() and f'<link rel="canonical" href="{url}">' in home.read_text(encoding="utf-8")


def build(site: Path, url: str) -> None:
    env = dict(os.environ, GONGSHI_SITE_URL=url, GONGSHI_BUILD_DATE=BUILD_DATE)
    print(f"正在生成示例网站到 {site.relative_to(ROOT)}（网址 {url}）...", file=sys.stderr)
    result = subprocess.run([sys.executable, "-m", "gongshi", "build", "--site-dir", str(site)],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(result.stderr + "\n生成失败。")


class StaticHandler(SimpleHTTPRequestHandler):
    """Files as a static host serves them: index.html for folders, gzip for text, 404.html when missing."""

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        status = 200
        if not path.is_file():
            status, path = 404, Path(self.directory) / "404.html"
        body = path.read_bytes()
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        self.send_response(status)
        self.send_header("Content-Type", kind + ("; charset=utf-8" if kind.startswith("text/") else ""))
        if kind in COMPRESSED and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, compresslevel=6)
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(site: Path, port: int):
    """Serve site on 127.0.0.1:port (0: any free port) while in the block; yields the address."""
    mimetypes.add_type("text/javascript", ".js")
    with contextlib.ExitStack() as stack:
        try:
            url = stack.enter_context(browser.serve(site, StaticHandler, port))
        except OSError as e:  # the port is taken: only the server's start is guarded
            sys.exit(f"无法在 127.0.0.1:{port} 提供网站（{e.strerror}）：请用 --port 换一个端口")
        yield url


def slug(path: str) -> str:
    return path.strip("/").replace("/", "-") or "home"


def run_once(lighthouse: Path, chrome: str, url: str, output: Path) -> dict:
    env = dict(os.environ, CHROME_PATH=chrome)
    command = ["node", str(lighthouse), url, "--quiet", "--output=json", "--output=html",
               f"--output-path={output}", f"--chrome-flags={CHROME_FLAGS}",
               "--only-categories=" + ",".join(c for c, _, _ in CATEGORIES)]
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    json_path = output.with_name(output.name + ".report.json")
    if result.returncode != 0 or not json_path.exists():
        sys.exit(f"Lighthouse 运行失败：{result.stderr[-2000:]}")
    return json.loads(json_path.read_text(encoding="utf-8"))


def scores(lhr: dict) -> dict[str, int]:
    return {cid: round((lhr["categories"][cid]["score"] or 0) * 100) for cid, _, _ in CATEGORIES}


def failing_audits(lhr: dict, category: str) -> list[str]:
    """Audits that cost points in a category: what to fix."""
    out = []
    for ref in lhr["categories"][category]["auditRefs"]:
        audit = lhr["audits"][ref["id"]]
        if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
            value = f"（{audit['displayValue']}）" if audit.get("displayValue") else ""
            out.append(f"{audit['id']}: {audit['title']}{value}")
    return out


def report(results: dict[str, list[dict]], runs: int, reports: Path) -> int:
    header = ["页面"] + [f"{label}（目标 {'≥ ' if target < 100 else ''}{target}）" for _, label, target in CATEGORIES]
    rows, missed = [], []
    for name, lhrs in results.items():
        all_scores = [scores(lhr) for lhr in lhrs]
        row = [name]
        for cid, label, target in CATEGORIES:
            values = [s[cid] for s in all_scores]
            median = round(statistics.median(values))
            ok = median >= target
            row.append(f"{median}{'' if ok else ' ✗'}" + (f"  ({', '.join(map(str, values))})" if runs > 1 else ""))
            if not ok:
                # Audits of the run closest to the median.
                closest = min(lhrs, key=lambda lhr: abs(scores(lhr)[cid] - median))
                missed.append((name, label, target, median, failing_audits(closest, cid)))
        rows.append(row)
    widths = [max(_width(r[i]) for r in [*rows, header]) for i in range(len(header))]
    for line in [header, ["-" * w for w in widths], *rows]:
        print(" | ".join(cell + " " * (w - _width(cell)) for cell, w in zip(line, widths, strict=True)))
    print(f"\n每个页面运行 {runs} 次，表中为中位数（括号内为各次得分）。Lighthouse 的性能分用模拟节流估算，"
          "在 2 核共享机器上波动较大，以中位数为准。")
    print(f"完整报告（HTML 和 JSON）：{reports.relative_to(ROOT)}/")
    lhr = next(iter(results.values()))[0]
    print(f"Lighthouse {lhr['lighthouseVersion']}，{lhr['environment']['hostUserAgent'].split(') ')[-1]}，"
          f"{lhr['configSettings']['formFactor']}")
    if not missed:
        print("全部达到目标。")
        return 0
    for name, label, target, median, audits in missed:
        print(f"\n未达到目标：{name} {label} {median}（目标 {target}）")
        for audit in audits:
            print(f"  - {audit}")
    return 1


def _width(text: str) -> int:
    # CJK characters take two columns in a terminal.
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)

