"""The search index worker: a process that indexes pages while the build renders them.

The build (build/index.py) sends each searchable page (its facets and rendered
body) down a pipe as soon as the page is rendered; this worker takes the visible
text, writes the pagefind documents of the page's shard (index.py) and, as soon
as a shard has all its pages, starts pagefind on it in the background. So text
extraction, tokens and most pagefind runs overlap with page rendering instead of
following it, and no page text is kept in the build process. One pagefind runs at
a time: each holds a whole shard in memory.

The shards are planned up front from every searchable path (index.shard_plan),
so the index is the same as when all pages are indexed at the end.
"""

from __future__ import annotations

import os
import select
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from gongshi.runtime.processes import cpu_times, encode, read_messages
from gongshi.runtime.settings import SETTINGS
from gongshi.search.extract import page_texts
from gongshi.search.pagefind import index as indexer
from gongshi.search.pagefind.messages import TYPES, Finished, Page, PreparedPage


class _Worker:
    def __init__(self, site_dir: Path, plan: list[list[str]], slices: dict[str, int], hold: int | None = None):
        self.site_dir = site_dir
        self.slices = slices
        self.names = indexer.shard_dirs(len(plan))
        self.shard_of = {path: number for number, shard in enumerate(plan) for path in shard}
        self.missing = [len(shard) for shard in plan]  # pages each shard still waits for
        self.scratch = [indexer.new_scratch() for _ in plan]
        self.texts: list[dict[str, tuple[str, str]]] = [{} for _ in plan]  # fragment url → (text, prose)
        self.vocabulary = indexer.Vocabulary()
        self.fragments: dict[str, tuple[int, str]] = {}  # page path → (shard number, fragment name)
        self.rank = {path: i for i, path in enumerate(path for shard in plan for path in shard)}  # result order
        self.ready: list[int] = []  # complete shards waiting for pagefind
        self.running: tuple[int, subprocess.Popen] | None = None
        # No pagefind run until this pipe reaches end of file (build/index.py: while the forked file writer lives).
        self.hold = hold
        self.started = time.perf_counter()
        self.held = 0.0  # seconds from the worker's start until the hold was released

    def add(self, message: Page | PreparedPage) -> None:
        page = message.page
        number = self.shard_of.get(page.path)
        if number is None:
            raise indexer.SearchIndexError(f"搜索索引：页面 {page.path} 不在索引计划中")
        if isinstance(message, PreparedPage):  # prepared by the build process
            text, prose, tokens, document = message.text, message.prose, message.tokens, message.document
        else:
            text, prose = page_texts(message.html, message.heading)
            tokens, document = indexer.prepare(page, text, self.slices[page.path])
        indexer.store(self.scratch[number], page, tokens, document, self.vocabulary, number)
        # Kept until the shard is indexed, then written into its fragments (indexer.add_texts).
        self.texts[number][indexer.fragment_url(page.path)] = (text, prose)
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
            names = indexer.complete_bundle(self.site_dir / self.names[finished], texts)
            self.fragments.update((url.lstrip("/"), (finished, name)) for url, name in names.items())

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
        indexer.write_manifest(self.site_dir, self.names, self.vocabulary, self.fragments, self.rank)

    def cleanup(self) -> None:
        if self.running is not None and self.running[1].poll() is None:
            self.running[1].kill()
        for folder in self.scratch:
            shutil.rmtree(folder, ignore_errors=True)


def _serve() -> int:
    messages = read_messages(sys.stdin, TYPES, SETTINGS.index_backlog)
    head = next(messages)
    worker = _Worker(Path(head.site_dir), head.shards, head.slices, head.hold)

    def stop(signum, frame):
        worker.cleanup()
        os._exit(1)

    signal.signal(signal.SIGTERM, stop)
    try:
        for message in messages:
            worker.add(message)
        worker.finish()
        cpu = cpu_times()
        finished = Finished(round(cpu.own, 1), round(cpu.children, 1), round(worker.held, 1))
        print(encode(finished), end="", file=sys.stderr)
    except indexer.SearchIndexError as e:
        print(e, file=sys.stderr)
        return 1
    finally:
        worker.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(_serve())
