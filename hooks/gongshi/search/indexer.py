"""Write the pagefind index for a built site from our own tokens.

Each searchable page is written, for pagefind's eyes only, as a small HTML
document in a scratch folder: its body is the token stream of the page's
visible text (see text.py); its title, its text itself (so the browser can
check every hit literally and cut an excerpt), its filters and its sort key
ride along as pagefind meta/filter/sort elements. The pagefind binary then
indexes that folder into site/pagefind. (The pagefind Python API handles
about ten records a second; the binary indexes thousands.)
"""

from __future__ import annotations

import html
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .extract import article_text
from .facets import SearchPage
from .text import index_tokens

LANGUAGE = "zh"


class IndexError_(RuntimeError):
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


def write_index(site_dir: Path, pages: list[SearchPage]) -> int:
    """Index the pages of a built site into site_dir/pagefind; returns the page count."""
    site_dir = Path(site_dir).resolve()
    scratch = Path(tempfile.mkdtemp(prefix="gongshi-search-"))
    try:
        count = 0
        for page in pages:
            built = site_dir / page.path / "index.html"
            if not built.exists():
                continue
            target = scratch / page.path / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(_document(page, article_text(built.read_text(encoding="utf-8"))), encoding="utf-8")
            count += 1
        result = subprocess.run(
            [sys.executable, "-m", "pagefind", "--site", str(scratch), "--output-path", str(site_dir / "pagefind"),
             "--force-language", LANGUAGE, "--quiet"],
            capture_output=True, text=True,
        )
        if result.returncode != 0:
            raise IndexError_(f"pagefind 建立搜索索引失败：{result.stdout}{result.stderr}")
        return count
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
