"""Our pagefind bundle writer (search/pagefind/bundle.py) against pagefind's own binary:
the same pages, indexed both ways, give the same words on the same pages at the same
positions, the same filters, sort order, page list and fragments."""

from __future__ import annotations

import gzip
import html
import json
import subprocess
import sys
from pathlib import Path

import cbor2
import pytest

from conftest import ROOT
from gongshi.search.contract import SIGNATURE, SLICE_FILTER
from gongshi.search.facets import SearchPage
from gongshi.search.pagefind import bundle
from gongshi.search.text import index_tokens, pagefind_word


def _corpus() -> list[str]:
    """Lines of the sample data's record files: real Chinese text, codes, figures and dates."""
    lines = []
    for path in sorted((ROOT / "data").rglob("*.yml")):
        for line in path.read_text(encoding="utf-8").splitlines():
            value = line.split(":", 1)[-1].strip().strip("-| '\"")
            if len(value) > 3:
                lines.append(value)
    return lines


def _pages(count: int) -> list[tuple[SearchPage, str, str, int]]:
    """(page, text, prose, slice): each page a run of corpus lines, so pages share most words."""
    corpus = _corpus()
    pages = []
    for i in range(count):
        lines = [corpus[(i * 7 + k * 13) % len(corpus)] for k in range(6 + i % 9)]
        kind = "issues" if i % 3 else "petitions"
        page = SearchPage(f"{kind}/p{i:04d}/", f"第{i}号 {lines[0][:20]}",
                          {"type": ["问题" if i % 3 else "信访件"], "year": [str(2020 + i % 6)],
                           "category": ["水", "大气"][: 1 + i % 2]},
                          sort_date=f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}T{i:05d}",  # no two alike
                          place="湖南省岳阳市" if i % 4 else "")
        pages.append((page, "\n".join([page.title, *lines]), lines[0] if i % 5 else "", i % 16))
    return pages


def _document(page: SearchPage, tokens: list[str], slice_number: int) -> str:
    """The document pagefind's binary indexed for a page (as the build wrote them before bundle.py)."""
    e = html.escape
    filters = "".join(f'<span data-pagefind-filter="{e(key)}">{e(value)}</span>'
                      for key, values in sorted(page.filters.items()) for value in values)
    filters += f'<span data-pagefind-filter="{SLICE_FILTER}">{slice_number}</span>'
    return (f'<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>{e(page.title)}</title></head><body>'
            f'<main data-pagefind-body data-pagefind-sort="date:{e(page.order)}">'
            f'{" ".join(map(pagefind_word, tokens))}</main>'
            f'<div data-pagefind-meta="title" hidden>{e(page.title)}</div>'
            f'<div data-pagefind-meta="order" hidden>{e(page.order)}</div>'
            + (f'<div data-pagefind-meta="place" hidden>{e(page.place)}</div>' if page.place else "")
            + f"<div hidden>{filters}</div></body></html>")


def _load(path: Path):
    raw = gzip.decompress(path.read_bytes())
    assert raw.startswith(SIGNATURE)
    return raw[len(SIGNATURE):]


def _decoded(folder: Path) -> dict:
    """A bundle as the browser's pagefind reads it, pages named by url instead of number."""
    entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
    language = entry["languages"]["zh"]
    version, pages, chunks, filters, sorts, fields = cbor2.loads(_load(folder / f"pagefind.{language['hash']}.pf_meta"))
    fragments = {name: json.loads(_load(folder / "fragment" / f"{name}.pf_fragment")) for name, _ in pages}
    urls = [fragments[name]["url"] for name, _ in pages]
    words: dict[str, set] = {}
    for *_, name in chunks:
        (chunk,) = cbor2.loads(_load(folder / "index" / f"{name}.pf_index"))
        for word, found, variants in chunk:
            assert variants == []
            number = 0
            for delta, locations, _meta in found:
                number += delta
                if locations:  # pagefind also indexes words of meta fields (meta locations only)
                    words.setdefault(word, set()).add((urls[number], tuple(locations)))
    return {
        "version": version, "page_count": language["page_count"], "fields": fields,
        "word_counts": {url: count for url, (_, count) in zip(urls, pages, strict=True)},
        "words": words,
        "filters": {key: {value: sorted(urls[n] for n in numbers)
                          for value, numbers in cbor2.loads(_load(folder / "filter" / f"{name}.pf_filter"))[1]}
                    for key, name in filters},
        "sorts": {key: [urls[n] for n in numbers] for key, numbers in sorts},
        "fragments": {fragment["url"]: fragment for fragment in fragments.values()},
        "program": sorted(p.relative_to(folder).as_posix() for p in folder.iterdir() if p.is_file()
                          and p.name != "pagefind-entry.json" and not p.name.endswith(".pf_meta")),
    }


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    """The same 400 pages indexed by pagefind's binary and by bundle.ShardBundle."""
    work = tmp_path_factory.mktemp("bundles")
    pages = _pages(400)
    scratch = work / "scratch"
    ours = bundle.ShardBundle(work / "ours", [page.path for page, *_ in pages])
    for page, text, prose, slice_number in pages:
        tokens = index_tokens(text)
        target = scratch / page.path / "index.html"
        target.parent.mkdir(parents=True)
        target.write_text(_document(page, tokens, slice_number), encoding="utf-8")
        ours.add(page, tokens, slice_number, text, prose)
    assert ours.write(bundle.program_files()) == 400
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(scratch), "--output-path", str(work / "theirs"),
                    "--force-language", "zh", "--quiet"], check=True, capture_output=True)
    return _decoded(work / "theirs"), _decoded(work / "ours"), pages, work / "ours"


def test_the_same_words_on_the_same_pages_at_the_same_positions(both):
    theirs, ours, _, _ = both
    assert len(ours["words"]) > 2000
    assert ours["words"] == theirs["words"]


def test_the_same_pages_filters_sort_order_and_program(both):
    theirs, ours, _, _ = both
    for key in ("version", "page_count", "fields", "word_counts", "filters", "sorts", "program"):
        assert ours[key] == theirs[key], key


def test_fragments_are_pagefinds_with_the_page_text_instead_of_the_words(both):
    theirs, ours, pages, _ = both
    by_url = {"/" + page.path: (text, prose) for page, text, prose, _ in pages}
    for url, fragment in theirs["fragments"].items():
        text, prose = by_url[url]
        meta = {**fragment["meta"], "text": text, **({"prose": prose} if prose else {})}
        expected = dict(fragment, content="", meta=meta)
        assert ours["fragments"][url] == expected


def _chunks_loaded_for(word: str, chunks: list[list[str]]) -> list[str]:
    """pagefind's browser code (pagefind_web request_indexes): the chunks whose [from, to] holds the
    word, else those whose bounds, cut to the word's length, do."""
    strict = [name for start, end, name in chunks if start <= word <= end]
    if strict:
        return strict
    return [name for start, end, name in chunks
            if word[:len(start)] >= start[:len(word)] and word[:len(end)] <= end[:len(word)]]


def test_every_word_is_in_a_chunk_the_browser_loads_for_it(both):
    *_, folder = both
    entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
    chunks = cbor2.loads(_load(folder / f"pagefind.{entry['languages']['zh']['hash']}.pf_meta"))[2]
    assert len(chunks) > 3
    for *_, name in chunks:
        for word, *_ in cbor2.loads(_load(folder / "index" / f"{name}.pf_index"))[0]:
            assert name in _chunks_loaded_for(word, chunks), word


def test_a_page_that_never_came_is_left_out(tmp_path):
    pages = _pages(5)
    shard = bundle.ShardBundle(tmp_path, [page.path for page, *_ in pages])
    for page, text, prose, slice_number in pages[:2] + pages[3:]:
        shard.add(page, index_tokens(text), slice_number, text, prose)
    assert shard.write(bundle.program_files()) == 4
    decoded = _decoded(tmp_path)
    assert sorted(decoded["word_counts"]) == sorted("/" + page.path for page, *_ in pages[:2] + pages[3:])
    assert all(url != "/" + pages[2][0].path for found in decoded["words"].values() for url, _ in found)


def test_a_page_twice_or_not_in_the_shard_is_refused(tmp_path):
    (page, text, prose, slice_number), (other, *_) = _pages(2)
    shard = bundle.ShardBundle(tmp_path, [page.path])
    shard.add(page, index_tokens(text), slice_number, text, prose)
    with pytest.raises(bundle.BundleError, match="不在本分片中或已加入"):
        shard.add(page, index_tokens(text), slice_number, text, prose)
    with pytest.raises(bundle.BundleError, match="不在本分片中或已加入"):
        shard.add(other, index_tokens(text), slice_number, text, prose)
