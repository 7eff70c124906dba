"""Real-browser test support: Debian chromium driven by playwright, the site served on 127.0.0.1."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from contextlib import contextmanager
from pathlib import Path

# Debian's chromium by default; GONGSHI_CHROMIUM names another build (e.g. Chrome on GitHub's runners).
CHROMIUM = os.environ.get("GONGSHI_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def serve(directory: Path, handler: type[http.server.SimpleHTTPRequestHandler] = _Quiet, port: int = 0):
    """Serve `directory` on 127.0.0.1:port (0: any free port) while in the block; yields the address."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(handler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def launch(playwright):
    if not Path(CHROMIUM).exists():
        raise RuntimeError("需要 Debian 的 chromium：请运行 sudo apt-get install chromium"
                           "（./scripts/test 以 root 运行时会自动安装）")
    return playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
