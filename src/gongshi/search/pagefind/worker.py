"""Build the search index while pages are being rendered, in a worker process.

The build sends each searchable page (its facets and rendered body) down a
pipe as soon as the page is rendered; a worker process takes the visible
text, writes the pagefind documents of the page's shard (index.py) and,
as soon as a shard has all its pages, starts pagefind on it in the
background. So text extraction, tokens and most pagefind runs overlap with
page rendering instead of following it, and no page text is kept in the
build process. When the worker falls behind (its queue is full), the build
process takes the text and tokens of the next pages itself and sends the
finished documents: the two processes share that work by how busy each is,
and the worker never builds up a backlog to finish after the last page. One pagefind runs at a time: each holds a whole shard in
memory (about 2.5 GB for 5,000 pages).

The shards are planned up front from every searchable path (indexer.shard_plan),
so the index is the same as when all pages are indexed at the end.
"""

from __future__ import annotations

import json
import os
import queue
import select
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from gongshi.search.pagefind import index as indexer
from gongshi.search.extract import visible_text
from gongshi.search.facets import SearchPage

BACKLOG = 64  # pages queued on each side of the pipe at most: beyond that the build prepares pages itself


class IndexStream:
    """The build's end: start the worker, send pages, wait for the index."""

    def __init__(self, site_dir: Path, dates: dict[str, str | None], weights: dict[str, float] | None = None,
                 hold_fd: int | None = None):
        """`dates`: every searchable path with its sort date (None for hand-written pages);
        `weights`: the pages' shares of the index (facets.SearchPage.weight; 1 when missing);
        `hold_fd`: a pipe's read end: no pagefind run starts before it reaches end of file
        (build/assets.py: while a child process holds much of the memory)."""
        self.plan = indexer.shard_plan(dates, weights)  # SHARD_SIZE read here, in the build process
        self.slices = slices = {path: number for shard in self.plan
                                for path, number in indexer.slice_plan(shard, dates).items()}
        self.prepared_here = 0  # pages whose documents the build process prepared (the worker was behind)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gongshi.search.pagefind.worker"], stdin=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True, encoding="utf-8", pass_fds=() if hold_fd is None else (hold_fd,),
        )
        _widen(self.process.stdin)
        # A thread writes to the pipe, so rendering goes on while the worker catches up;
        # the queue is bounded, so pages never pile up in memory.
        self.outbox: queue.Queue[str | None] = queue.Queue(maxsize=BACKLOG)
        self.cpu: dict[str, float] = {}  # CPU seconds of the worker and of its pagefind runs, once finished
        self.writer = threading.Thread(target=self._write, daemon=True)
        self.writer.start()
        self._send({"site_dir": str(Path(site_dir).resolve()), "shards": self.plan, "slices": slices, "hold": hold_fd})

    def _send(self, message: dict) -> None:
        self.outbox.put(json.dumps(message, ensure_ascii=False) + "\n")

    def _write(self) -> None:
        broken = False
        while (line := self.outbox.get()) is not None:
            if broken:
                continue  # the worker failed: finish() reports why
            try:
                self.process.stdin.write(line)
                self.process.stdin.flush()
            except (BrokenPipeError, OSError):
                broken = True

    def add(self, page: SearchPage, body_html: str, heading: str | None = None) -> None:
        """A rendered page; `heading` is the title the theme shows above a body without <h1>."""
        if self.behind() and page.path in self.slices:
            # The worker is behind: prepare this page here rather than wait.
            text = page_text(body_html, heading)
            tokens, document = indexer.prepare(page, text, self.slices[page.path])
            self.prepared_here += 1
            self._send({"page": _fields(page), "text": text, "tokens": tokens, "document": document})
        else:
            self._send({"page": _fields(page), "html": body_html, "heading": heading})

    @property
    def last_shard_size(self) -> int:
        """Pages of the shard indexed last, after every page is written."""
        return len(self.plan[-1]) if self.plan else 0

    def behind(self) -> bool:
        """True when the worker has BACKLOG pages still to take."""
        return self.outbox.full()

    def finish(self) -> int:
        """Wait for the worker; return the number of pages indexed or raise SearchIndexError."""
        self.outbox.put(None)
        self.writer.join()
        try:
            self.process.stdin.close()
        except (BrokenPipeError, OSError):
            pass
        messages = self.process.stderr.read()
        self.process.wait()
        if self.process.returncode != 0:
            raise indexer.SearchIndexError(messages.strip() or f"搜索索引进程退出码 {self.process.returncode}")
        try:  # the worker's last line: its CPU seconds and pagefind's
            self.cpu = json.loads(messages.strip().splitlines()[-1])
        except (ValueError, IndexError):
            self.cpu = {}
        return sum(len(shard) for shard in self.plan)

    def abort(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()  # the worker stops its pagefind and removes its scratch files
            self.process.wait()
        self.outbox.put(None)  # the writer, meeting a broken pipe, drains the queue up to here
        self.writer.join()


def _fields(page: SearchPage) -> dict:
    # dataclasses.asdict copies the filters deeply, one Python call per value: a page's
    # fields are sent as they are (json.dumps copies them anyway).
    return page.__dict__


def page_text(body_html: str, heading: str | None) -> str:
    text = visible_text(body_html)
    return text if heading is None else f"{heading}\n{text}"


def _widen(pipe) -> None:
    """Ask for a 1 MB pipe (Linux; 64 KB otherwise): a page's body is tens of kilobytes."""
    try:
        import fcntl

        fcntl.fcntl(pipe.fileno(), getattr(fcntl, "F_SETPIPE_SZ", 1031), 1 << 20)
    except (ImportError, OSError):
        pass


class _Worker:
    def __init__(self, site_dir: Path, plan: list[list[str]], slices: dict[str, int], hold: int | None = None):
        self.site_dir = site_dir
        self.slices = slices
        self.names = indexer.shard_dirs(len(plan))
        self.shard_of = {path: number for number, shard in enumerate(plan) for path in shard}
        self.missing = [len(shard) for shard in plan]  # pages each shard still waits for
        self.scratch = [indexer.new_scratch() for _ in plan]
        self.texts: list[dict[str, str]] = [{} for _ in plan]  # each shard's fragment url → visible text
        self.vocabulary = indexer.Vocabulary()
        self.ready: list[int] = []  # complete shards waiting for pagefind
        self.running: tuple[int, subprocess.Popen] | None = None
        self.hold = hold  # no pagefind run until this pipe reaches end of file (IndexStream's hold_fd)
        self.started = time.perf_counter()
        self.held = 0.0  # seconds from the worker's start until the hold was released

    def add(self, page: SearchPage, message: dict) -> None:
        number = self.shard_of.get(page.path)
        if number is None:
            raise indexer.SearchIndexError(f"搜索索引：页面 {page.path} 不在索引计划中")
        if "document" in message:  # prepared by the build process
            text, tokens, document = message["text"], message["tokens"], message["document"]
        else:
            text = page_text(message["html"], message["heading"])
            tokens, document = indexer.prepare(page, text, self.slices[page.path])
        indexer.store(self.scratch[number], page, tokens, document, self.vocabulary, number)
        # Kept until the shard is indexed, then written into its fragments (indexer.add_texts).
        self.texts[number][indexer.fragment_url(page.path)] = text
        self.missing[number] -= 1
        if self.missing[number] == 0:
            self.ready.append(number)
        self.step(block=False)

    def step(self, block: bool) -> None:
        """Collect a finished pagefind run and start the next complete shard."""
        finished = None
        if self.running is not None:
            finished, process = self.running
            if not block and process.poll() is None:
                return
            indexer.wait_pagefind(process)
            shutil.rmtree(self.scratch[finished], ignore_errors=True)
            self.running = None
        if self.ready and not self._held(block):
            number = self.ready.pop(0)
            self.running = (number, indexer.start_pagefind(self.scratch[number], self.site_dir / self.names[number]))
        if finished is not None:
            # While the next shard is indexed: pagefind is seldom busy on both cores.
            texts, self.texts[finished] = self.texts[finished], {}
            indexer.complete_bundle(self.site_dir / self.names[finished], texts)

    def _held(self, block: bool) -> bool:
        """True while pagefind must not start (the hold pipe is open); with `block`, wait for it."""
        if self.hold is None:
            return False
        if not select.select([self.hold], [], [], None if block else 0)[0]:
            return True
        os.read(self.hold, 1)  # b"": the writer has exited (it never writes)
        os.close(self.hold)
        self.hold = None
        self.held = time.perf_counter() - self.started
        return False

    def finish(self) -> None:
        # Shards whose pages did not all come (a page failed to render) are indexed with what came.
        self.ready += [n for n, missing in enumerate(self.missing) if missing > 0]
        while self.running is not None or self.ready:
            self.step(block=True)
        indexer.write_manifest(self.site_dir, self.names, self.vocabulary)

    def cleanup(self) -> None:
        if self.running is not None and self.running[1].poll() is None:
            self.running[1].kill()
        for folder in self.scratch:
            shutil.rmtree(folder, ignore_errors=True)


def _serve() -> int:
    lines: queue.Queue[str | None] = queue.Queue(maxsize=BACKLOG)

    def read() -> None:
        # Read ahead, so the build seldom waits on a full pipe while pagefind runs.
        for line in sys.stdin:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=read, daemon=True).start()
    head = json.loads(lines.get())
    worker = _Worker(Path(head["site_dir"]), head["shards"], head["slices"], head.get("hold"))

    def stop(signum, frame):
        worker.cleanup()
        os._exit(1)

    signal.signal(signal.SIGTERM, stop)
    try:
        while (line := lines.get()) is not None:
            message = json.loads(line)
            worker.add(SearchPage(**message["page"]), message)
        worker.finish()
        import resource  # Unix only, like fcntl in _widen

        own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        print(json.dumps({"worker": round(own.ru_utime + own.ru_stime, 1),
                          "pagefind": round(children.ru_utime + children.ru_stime, 1),
                          "held": round(worker.held, 1)}), file=sys.stderr)
    except indexer.SearchIndexError as e:
        print(e, file=sys.stderr)
        return 1
    finally:
        worker.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(_serve())
