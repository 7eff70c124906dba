"""The build's end of the search index: a worker process indexes pages as they are rendered.

Each searchable page goes down a pipe to the worker (search/pagefind/worker.py) as
soon as it is rendered. When the worker falls behind (its backlog is full), the
build process takes the text and tokens of the next pages itself and sends the
finished documents: the two processes share that work by how busy each is, and
the worker never builds up a backlog to finish after the last page.
"""

from __future__ import annotations

import json
from pathlib import Path

from gongshi.runtime.processes import WorkerProcess
from gongshi.runtime.settings import SETTINGS
from gongshi.search.extract import page_texts
from gongshi.search.facets import SearchPage
from gongshi.search.pagefind import index as indexer
from gongshi.search.pagefind.messages import Page, PreparedPage, Start
from gongshi.search.text import index_tokens

WORKER = "gongshi.search.pagefind.worker"


class IndexStream:
    """Start the worker, send pages, wait for the index."""

    def __init__(self, site_dir: Path, order: dict[str, str], weights: dict[str, float] | None = None):
        """`order`: every searchable path with its place in the results (facets.order_key);
        `weights`: the pages' shares of the index (facets.SearchPage.weight; 1 when missing)."""
        self.plan = indexer.shard_plan(order, weights)
        self.slices = {path: number for shard in self.plan
                       for path, number in indexer.slice_plan(shard, order).items()}
        self.prepared_here = 0  # pages whose text and tokens the build process took (the worker was behind)
        self.cpu: dict[str, float] = {}  # CPU seconds of the worker and of its pagefind run, once finished
        self.worker = WorkerProcess(WORKER, SETTINGS.index_backlog)
        self.worker.send(Start(str(Path(site_dir).resolve()), self.plan, self.slices, SETTINGS.index_backlog))

    def add(self, page: SearchPage, body_html: str, heading: str | None = None) -> None:
        """A rendered page; `heading` is the title the theme shows above a body without <h1>."""
        if self.behind() and page.path in self.slices:
            # The worker is behind: prepare this page here rather than wait.
            text, prose = page_texts(body_html, heading)
            self.prepared_here += 1
            self.worker.send(PreparedPage(page, text, prose, index_tokens(text)))
        else:
            self.worker.send(Page(page, body_html, heading))

    def behind(self) -> bool:
        """True when the worker has a full backlog still to take."""
        return self.worker.busy()

    def finish(self) -> int:
        """Wait for the worker; return the number of pages indexed or raise SearchIndexError."""
        code, messages = self.worker.finish()
        if code != 0:
            raise indexer.SearchIndexError(messages.strip() or f"搜索索引进程退出码 {code}")
        try:  # the worker's last line: its CPU seconds and pagefind's (messages.Finished)
            self.cpu = json.loads(messages.strip().splitlines()[-1])
        except (ValueError, IndexError):
            self.cpu = {}
        return sum(len(shard) for shard in self.plan)

    def abort(self) -> None:
        self.worker.abort()
