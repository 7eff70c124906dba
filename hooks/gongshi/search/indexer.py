"""Write the pagefind index from our own tokens, in shards of bounded size.

Each searchable page is written, for pagefind's eyes only, as a small HTML
document in a scratch folder: its body is the page's tokens (see text.py);
its title and its visible text (so the browser can check every hit literally
and cut an excerpt), its filters and its sort key ride along as pagefind
meta/filter/sort elements. The pagefind binary indexes the folder. It holds a
whole index in memory while building, so large sites are split into shards
of SHARD_SIZE pages (site/pagefind, site/pagefind-2, ...), each searched by
its own pagefind instance in the browser; shards.json lists them.

pagefind quietly drops a query word that matches nothing and answers for the
others, so an AND of tokens would turn into an OR. A vocabulary of every
token, with the shards that have it (pagefind/vocab/<bucket>.json, bucketed
by first character), lets the browser skip a shard (or the whole search)
when a token is missing there, and search the rest with all tokens present.
(The pagefind Python API handles about ten records a second; the binary
indexes thousands.)
"""

from __future__ import annotations

import html
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .facets import SearchPage
from .text import index_tokens

LANGUAGE = "zh"
SHARD_SIZE = 5_000  # pages per pagefind run: about 2.7 GB of memory at most


class SearchIndexError(RuntimeError):
    pass


def _document(page: SearchPage, text: str, tokens: list[str]) -> str:
    e = html.escape
    filters = "".join(
        f'<span data-pagefind-filter="{e(key)}">{e(value)}</span>'
        for key, values in sorted(page.filters.items()) for value in values
    )
    return (
        f'<!doctype html><html lang="{LANGUAGE}"><head><meta charset="utf-8"><title>{e(page.title)}</title></head><body>'
        f'<main data-pagefind-body data-pagefind-sort="date:{e(page.sort_date or "0000-00-00")}">{e(" ".join(tokens))}</main>'
        f'<div data-pagefind-meta="title" hidden>{e(page.title)}</div>'
        f'<div data-pagefind-meta="text" hidden>{e(text)}</div>'
        f"<div hidden>{filters}</div>"
        "</body></html>"
    )


def shard_dirs(count: int) -> list[str]:
    return ["pagefind/" if i == 0 else f"pagefind-{i + 1}/" for i in range(count)]


def shard_plan(paths) -> list[list[str]]:
    """Which pages go in which shard: all searchable paths, sorted, in runs of SHARD_SIZE."""
    paths = sorted(paths)
    return [paths[i:i + SHARD_SIZE] for i in range(0, len(paths), SHARD_SIZE)]


def write_index(site_dir: Path, pages: list[tuple[SearchPage, str]]) -> int:
    """Index (page, visible text) pairs into site_dir; returns the page count.

    The build streams pages to search/stream.py instead, which runs the same
    steps in a worker process while pages are still being rendered."""
    site_dir = Path(site_dir).resolve()
    by_path = {page.path: (page, text) for page, text in pages}
    plan = shard_plan(by_path)
    names = shard_dirs(len(plan))
    vocabulary: dict[str, int] = {}  # token → bit mask of the shards that have it
    for number, (name, shard) in enumerate(zip(names, plan)):
        scratch = new_scratch()
        try:
            for path in shard:
                add_document(scratch, *by_path[path], vocabulary, 1 << number)
            finish_pagefind(start_pagefind(scratch, site_dir / name), site_dir / name)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    write_manifest(site_dir, names, vocabulary)
    return len(by_path)


def write_manifest(site_dir: Path, names: list[str], vocabulary: dict[str, int]) -> None:
    """shards.json and the vocabulary, once every shard is indexed."""
    (site_dir / "pagefind").mkdir(parents=True, exist_ok=True)
    (site_dir / "pagefind" / "shards.json").write_text(json.dumps(names), encoding="utf-8")
    _write_vocabulary(site_dir / "pagefind" / "vocab", vocabulary)


VOCAB_BUCKETS = 512


def vocab_bucket(token: str) -> int:
    return ord(token[0]) % VOCAB_BUCKETS


def _write_vocabulary(folder: Path, vocabulary: dict[str, int]) -> None:
    buckets: dict[int, dict[str, int]] = {}
    for token, mask in vocabulary.items():
        buckets.setdefault(vocab_bucket(token), {})[token] = mask
    folder.mkdir(parents=True, exist_ok=True)
    for bucket, entries in buckets.items():
        (folder / f"{bucket}.json").write_text(
            json.dumps(dict(sorted(entries.items())), ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _scratch_root() -> str | None:
    # Thousands of small files: in memory (tmpfs) when the machine has one, it is much faster than disk.
    shm = Path("/dev/shm")
    return str(shm) if shm.is_dir() and os.access(shm, os.W_OK) else None


def new_scratch() -> Path:
    return Path(tempfile.mkdtemp(prefix="gongshi-search-", dir=_scratch_root()))


def add_document(scratch: Path, page: SearchPage, text: str, vocabulary: dict[str, int], bit: int) -> None:
    """Write one page's document for pagefind into a shard's scratch folder."""
    tokens = index_tokens(text)
    for token in tokens:
        vocabulary[token] = vocabulary.get(token, 0) | bit
    target = scratch / page.path / "index.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(_document(page, text, tokens), encoding="utf-8")


def start_pagefind(scratch: Path, output: Path) -> subprocess.Popen:
    """Start indexing a shard's scratch folder (pagefind runs in the background)."""
    return subprocess.Popen(
        [sys.executable, "-m", "pagefind", "--site", str(scratch), "--output-path", str(output),
         "--force-language", LANGUAGE, "--quiet"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )


def finish_pagefind(process: subprocess.Popen, output: Path) -> None:
    """Wait for a shard's pagefind run; raise if it failed."""
    messages, _ = process.communicate()
    if process.returncode != 0:
        raise SearchIndexError(f"pagefind 建立搜索索引失败：{messages}")
