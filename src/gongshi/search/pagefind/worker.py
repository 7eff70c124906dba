"""The search index worker: a process that indexes pages while the build renders them.

The build (build/index.py) sends each searchable page (its facets and rendered
body) down a pipe as soon as the page is rendered; this worker takes the visible
text and the tokens, writes the page's fragment and adds its tokens to its
shard's pagefind bundle (bundle.py); as soon as a shard has all its pages, its
index is written. So text extraction, tokens and indexing overlap with page
rendering instead of following it, and no page text is kept in either process.

The shards are planned up front from every searchable path (index.shard_plan),
so the index is the same as when all pages are indexed at the end.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

from gongshi.runtime.processes import cpu_times, encode, read_messages
from gongshi.runtime.settings import SETTINGS
from gongshi.search.extract import page_texts
from gongshi.search.pagefind import index as indexer
from gongshi.search.pagefind.bundle import BundleError, ShardBundle, program_files
from gongshi.search.pagefind.messages import TYPES, Finished, Page, PreparedPage
from gongshi.search.text import index_tokens


class _Worker:
    def __init__(self, site_dir: Path, plan: list[list[str]], slices: dict[str, int]):
        self.site_dir = site_dir
        self.slices = slices
        self.names = indexer.shard_dirs(len(plan))
        self.shard_of = {path: number for number, shard in enumerate(plan) for path in shard}
        self.missing = [len(shard) for shard in plan]  # pages each shard still waits for
        self.bundles: list[ShardBundle | None] = [ShardBundle(site_dir / name, shard)
                                                  for name, shard in zip(self.names, plan, strict=True)]
        self.vocabulary = indexer.Vocabulary()
        self.fragments: dict[str, tuple[int, str]] = {}  # page path → (shard number, fragment name)
        self.rank = {path: i for i, path in enumerate(path for shard in plan for path in shard)}  # result order
        self.program = program_files()

    def add(self, message: Page | PreparedPage) -> None:
        page = message.page
        number = self.shard_of.get(page.path, -1)
        bundle = self.bundles[number] if number >= 0 else None
        if bundle is None:
            raise indexer.SearchIndexError(f"搜索索引：页面 {page.path} 不在索引计划中，或其分片已写完")
        if isinstance(message, PreparedPage):  # prepared by the build process
            text, prose, tokens = message.text, message.prose, message.tokens
        else:
            text, prose = page_texts(message.html, message.heading)
            tokens = index_tokens(text)
        self.vocabulary.add_page(page)
        self.fragments[page.path] = (number, bundle.add(page, tokens, self.slices[page.path], text, prose))
        self.missing[number] -= 1
        if self.missing[number] == 0:
            self._write(number)

    def _write(self, number: int) -> None:
        bundle, self.bundles[number] = self.bundles[number], None
        if bundle is not None:
            bundle.write(self.program)
            self.vocabulary.add_shard(number, *bundle.token_pages())

    def finish(self) -> None:
        # Shards whose pages did not all come (a page failed to render) are indexed with what came.
        for number in range(len(self.bundles)):
            self._write(number)
        indexer.write_manifest(self.site_dir, self.names, self.vocabulary, self.fragments, self.rank)


def _serve() -> int:
    messages = read_messages(sys.stdin, TYPES, SETTINGS.index_backlog)
    head = next(messages)
    signal.signal(signal.SIGTERM, lambda signum, frame: os._exit(1))
    try:
        worker = _Worker(Path(head.site_dir), head.shards, head.slices)
        for message in messages:
            worker.add(message)
        worker.finish()
        cpu = cpu_times()
        print(encode(Finished(round(cpu.own, 1), round(cpu.children, 1))), end="", file=sys.stderr)
    except (indexer.SearchIndexError, BundleError) as e:
        print(e, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(_serve())
