"""Write the pagefind index for a built site from our own tokens.

Each searchable page becomes a pagefind custom record whose content is the
token stream of its visible text (see text.py) and whose meta carries the
title and the text itself, so the browser can check every hit literally and
cut an excerpt around it.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from pagefind.index import IndexConfig, PagefindIndex

from .extract import article_text
from .facets import SearchPage
from .text import index_tokens

LANGUAGE = "zh"


def _records(site_dir: Path, pages: list[SearchPage], base_url: str):
    for page in pages:
        html_file = site_dir / page.path / "index.html"
        if not html_file.exists():
            continue
        text = article_text(html_file.read_text(encoding="utf-8"))
        meta = {"title": page.title, "text": text}
        # Every record needs the sort key, or pagefind drops it from sorted listings.
        sort = {"date": page.sort_date or "0000-00-00"}
        yield dict(url=base_url + page.path, content=" ".join(index_tokens(text)), language=LANGUAGE,
                   meta=meta, filters=page.filters or None, sort=sort)


async def _write(site_dir: Path, records: list[dict]) -> int:
    config = IndexConfig(output_path=str((site_dir / "pagefind").resolve()))
    async with PagefindIndex(config=config) as index:
        for record in records:
            await index.add_custom_record(**{k: v for k, v in record.items() if v is not None})
        await index.write_files()
    return len(records)


def write_index(site_dir: Path, pages: list[SearchPage], base_url: str = "/") -> int:
    """Index the pages of a built site into site_dir/pagefind; returns the record count.

    URLs are stored relative to the site root ("issues/x/") with base_url in
    front; the browser resolves them against the site's own address.
    """
    records = sorted(_records(Path(site_dir), pages, base_url), key=lambda r: r["url"])
    return asyncio.run(_write(Path(site_dir), records))
