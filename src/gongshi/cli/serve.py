"""scripts/serve: a live preview of the site for staff.

The site is built once in full; then every saved data file is read again on its own, its problems are
printed as scripts/validate prints them, and an open page reloads by itself and is rendered again with the
new data. Pages nobody opens are not rendered again. The search index, feeds and open data stay as they were
at the start (the page says so).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import threading
import time
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from gongshi.adapters.mkdocs import engine
from gongshi.adapters.mkdocs.preview import Preview, PreviewError
from gongshi.data import layout
from gongshi.data.problems import Report, Severity

STATE = "/__preview__/state"
SCRIPT = "/__preview__/reload.js"
RELOAD_JS = (Path(__file__).with_name("serve_reload.js")).read_bytes()
POLL_SECONDS = 0.2
SETTLE_SECONDS = 0.1  # an editor may write a file in several steps


class Status:
    """What the pages' script asks for: the change count, and the errors of the last change."""

    def __init__(self) -> None:
        self.generation = 0
        self.errors = 0
        self.first = ""

    def json(self) -> bytes:
        return json.dumps({"generation": self.generation, "errors": self.errors, "first": self.first},
                          ensure_ascii=False).encode("utf-8")


def snapshot(folders: list[Path]) -> dict[Path, tuple[int, int]]:
    """(modification time, size) of every file under the folders."""
    seen: dict[Path, tuple[int, int]] = {}
    stack = [f for f in folders if f.is_dir()]
    while stack:
        try:
            with os.scandir(stack.pop()) as entries:
                for entry in entries:
                    if entry.name.startswith("."):
                        continue  # editors' swap and backup files
                    if entry.is_dir(follow_symlinks=False):
                        stack.append(Path(entry.path))
                    else:
                        stat = entry.stat(follow_symlinks=False)
                        seen[Path(entry.path)] = (stat.st_mtime_ns, stat.st_size)
        except FileNotFoundError:
            continue  # deleted while being looked at: the next look sees it gone
    return seen


def print_report(report: Report, changed: set[str], seconds: float) -> None:
    """As scripts/validate prints them: every error, and the hints about the files just saved (the others'
    hints are counted: a large data set has many, the same at every save)."""
    others = 0
    for problem in report.sorted():
        if problem.severity is Severity.ERROR or problem.file in changed:
            print(problem.text(), file=sys.stderr)
        else:
            others += 1
    errors = len(report.errors)
    more = f"；其他文件另有 {others} 处提示，运行 scripts/validate 可查看" if others else ""
    if errors:
        print(f"共 {errors} 处错误：页面未更新，请改正后保存{more}。", file=sys.stderr)
    else:
        print(f"已更新（{seconds:.1f} 秒{more}）。", file=sys.stderr)


def watched(preview: Preview) -> list[Path]:
    return [preview.data_dir.resolve(), preview.docs_dir.resolve()]


def watch(preview: Preview, status: Status, stop: threading.Event, before: dict[Path, tuple[int, int]]) -> None:
    """Until `stop`: each change to the files under data/ and docs/ since `before` (a snapshot)."""
    data, docs = watched(preview)
    while not stop.wait(POLL_SECONDS):
        now = snapshot([data, docs])
        if now == before:
            continue
        time.sleep(SETTLE_SECONDS)
        now = snapshot([data, docs])
        changed = sorted(p for p in set(now) | set(before) if now.get(p) != before.get(p))
        before = now
        started = time.perf_counter()
        in_data = [p for p in changed if p.is_relative_to(data)]
        names = "、".join(p.name for p in changed[:3]) + ("等" if len(changed) > 3 else "")
        print(f"\n文件已修改：{names}", file=sys.stderr)
        if in_data:
            report = preview.update(in_data)
            shown = {layout.display(p, preview.project) for p in in_data}
            print_report(report, shown, time.perf_counter() - started)
            errors = report.errors
            status.errors, status.first = len(errors), (errors[0].text() if errors else "")
            if errors:
                continue  # the pages keep the last good data and say there are errors
        if any(p.is_relative_to(docs) for p in changed):
            preview.touched_docs()
            print("已更新说明页面。", file=sys.stderr)
        status.generation = preview.generation


class Handler(SimpleHTTPRequestHandler):
    preview: Preview
    status: Status

    def log_message(self, format, *args) -> None:
        pass  # the terminal is for data problems

    def do_GET(self) -> None:
        path = unquote(urlsplit(self.path).path)
        if path == STATE:
            return self._send(self.status.json(), "application/json")
        if path == SCRIPT:
            return self._send(RELOAD_JS, "text/javascript")
        if path.endswith(("/", ".html")):
            page = self.preview.page_file(path.lstrip("/"))
            if page is not None and page.is_file():
                return self._send(_with_script(page.read_bytes()), "text/html; charset=utf-8")
            if path.endswith("/"):
                missing = self.preview.site_dir / "404.html"
                if missing.is_file():
                    return self._send(_with_script(missing.read_bytes()), "text/html; charset=utf-8",
                                      HTTPStatus.NOT_FOUND)
        return super().do_GET()

    def _send(self, body: bytes, kind: str, code: HTTPStatus = HTTPStatus.OK) -> None:
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        error = sys.exc_info()[1]
        if isinstance(error, ConnectionError):
            return  # the browser left the page (it reloads): nothing to tell
        print(f"预览页面出错（{type(error).__name__}：{error}）：请重新运行 scripts/serve", file=sys.stderr)


def _with_script(page: bytes) -> bytes:
    tag = f'<script src="{SCRIPT}"></script>'.encode()
    return page.replace(b"</body>", tag + b"</body>", 1)


def serve(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="scripts/serve",
        description="本地预览网站：先完整生成一次，之后每次保存数据文件，终端里列出检查结果，浏览器中打开的页面自动更新。")
    parser.add_argument("--config", default="mkdocs.yml", help="mkdocs 配置文件")
    parser.add_argument("--port", type=int, default=8000, help="端口（默认 8000）")
    parser.add_argument("--host", default="127.0.0.1", help="地址（默认只允许本机访问）")
    args = parser.parse_args(argv)
    engine.show_log()
    site_dir = Path(tempfile.mkdtemp(prefix="gongshi-preview-"))
    stop = threading.Event()
    try:
        try:
            preview = Preview(args.config, site_dir)
            preview.build()
        except (PreviewError, engine.EngineError) as e:
            print(f"错误：{e}\n预览未启动：请改正后重新运行 scripts/serve。", file=sys.stderr)
            return 1
        status = Status()
        handler = partial(type("PreviewHandler", (Handler,), {"preview": preview, "status": status}),
                          directory=str(site_dir))
        try:
            server = Server((args.host, args.port), handler)
        except OSError as e:
            print(f"错误：无法使用端口 {args.port}（{e.strerror}）：请用 --port 换一个端口", file=sys.stderr)
            return 1
        # Taken before the address is shown: a file saved from then on is a change.
        before = snapshot(watched(preview))
        threading.Thread(target=watch, args=(preview, status, stop, before), daemon=True).start()
        print(f"\n预览已启动：请在浏览器中打开 http://{args.host}:{server.server_port}/ （按 Ctrl+C 停止）",
              file=sys.stderr)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            print("\n预览已停止。", file=sys.stderr)
        finally:
            server.server_close()
        return 0
    finally:
        stop.set()
        shutil.rmtree(site_dir, ignore_errors=True)
