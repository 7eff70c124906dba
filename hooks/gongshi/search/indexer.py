"""Write the pagefind index from our own tokens, in shards of bounded size.

Each searchable page is written, for pagefind's eyes only, as a small HTML
document in a scratch folder: its body is the page's tokens (see text.py);
its title and its visible text (so the browser can check every hit literally
and cut an excerpt), its filters and its sort key ride along as pagefind
meta/filter/sort elements. The pagefind binary indexes the folder. It holds a
whole index in memory while building, so large sites are split into shards
of SHARD_SIZE pages (site/pagefind, site/pagefind-2, ...) that the browser
merges (pagefind's mergeIndex); shards.json lists them.
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
SHARD_SIZE = 5_000  # pages per pagefind run: about 1.7 GB of memory at most


class SearchIndexError(RuntimeError):
    pass


def _document(page: SearchPage, text: str) -> str:
    e = html.escape
    filters = "".join(
        f'<span data-pagefind-filter="{e(key)}">{e(value)}</span>'
        for key, values in sorted(page.filters.items()) for value in values
    )
    return (
        f'<!doctype html><html lang="{LANGUAGE}"><head><meta charset="utf-8"><title>{e(page.title)}</title></head><body>'
        f'<main data-pagefind-body data-pagefind-sort="date:{e(page.sort_date or "0000-00-00")}">{e(" ".join(index_tokens(text)))}</main>'
        f'<div data-pagefind-meta="title" hidden>{e(page.title)}</div>'
        f'<div data-pagefind-meta="text" hidden>{e(text)}</div>'
        f"<div hidden>{filters}</div>"
        "</body></html>"
    )


def shard_dirs(count: int) -> list[str]:
    return ["pagefind/" if i == 0 else f"pagefind-{i + 1}/" for i in range(count)]


def write_index(site_dir: Path, pages: list[tuple[SearchPage, str]]) -> int:
    """Index (page, visible text) pairs into site_dir; returns the page count."""
    site_dir = Path(site_dir).resolve()
    pages = sorted(pages, key=lambda pair: pair[0].path)
    shards = [pages[i:i + SHARD_SIZE] for i in range(0, len(pages), SHARD_SIZE)]
    names = shard_dirs(len(shards))
    for name, shard in zip(names, shards):
        _index_shard(site_dir / name, shard)
    (site_dir / "pagefind").mkdir(exist_ok=True)
    (site_dir / "pagefind" / "shards.json").write_text(json.dumps(names), encoding="utf-8")
    return len(pages)


def _scratch_root() -> str | None:
    # Thousands of small files: in memory (tmpfs) when the machine has one, it is much faster than disk.
    shm = Path("/dev/shm")
    return str(shm) if shm.is_dir() and os.access(shm, os.W_OK) else None


def _index_shard(output: Path, pages: list[tuple[SearchPage, str]]) -> None:
    scratch = Path(tempfile.mkdtemp(prefix="gongshi-search-", dir=_scratch_root()))
    try:
        for page, text in pages:
            target = scratch / page.path / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(_document(page, text), encoding="utf-8")
        result = subprocess.run(
            [sys.executable, "-m", "pagefind", "--site", str(scratch), "--output-path", str(output),
             "--force-language", LANGUAGE, "--quiet"],
            capture_output=True, text=True,
        )
        if result.returncode != 0:
            raise SearchIndexError(f"pagefind 建立搜索索引失败：{result.stdout}{result.stderr}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
