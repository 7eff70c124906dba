"""A pagefind bundle written by us, in pagefind 1.5's own format, from our tokens.

pagefind's binary reads every document back, splits it into words again and holds
a shard's whole index in memory; on our token documents that cost more CPU time
than rendering the pages, and most of the build's memory. Our tokens are already
its words, one of each per page, so the index is written here directly, as the
binary would write it for the same documents:

  pagefind.<hash>.pf_meta   version, pages (fragment name, word count), index chunks,
                            filters, sort orders, meta field names
  index/<hash>.pf_index     words in order, each with its pages and locations
  filter/<hash>.pf_filter   one per filter: each value with its pages
  fragment/<hash>.pf_fragment   one per page: url, filters, meta (the page's text in TEXT_META)
  pagefind-entry.json       version, language, meta file, page count

Each is "pagefind_dcd" + CBOR (JSON for fragments), gzipped, named by a hash of its
content. The program files (pagefind.js, its WebAssembly, ...) are pagefind's own:
the binary writes them for a one-page site (program_files) and they are copied.

As pagefind for our documents: a page's words are its tokens in order, word i at
position i with the default weight; no word is stemmed or split (tokens are lower-
case letters, digits and ϙ). Unlike pagefind, words of meta fields (titles, dates)
are not indexed: they only rank results, and every search here sorts by date
(SORT_KEY) and checks candidates against the page text. Pages are numbered in
descending path order, as the binary numbered our scratch files, so results of
the same date come in ascending path order.
"""

from __future__ import annotations

import gzip
import hashlib
import itertools
import json
import sys
import tempfile
from array import array
from collections import defaultdict, deque
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path

from gongshi.runtime.processes import start_program
from gongshi.search.contract import (
    FRAGMENT_DIR,
    FRAGMENT_SUFFIX,
    ORDER_META,
    PLACE_META,
    PROSE_META,
    RARE_PAGES,
    SIGNATURE,
    SLICE_FILTER,
    SORT_KEY,
    TEXT_META,
)
from gongshi.search.facets import SearchPage
from gongshi.search.text import pagefind_word

LANGUAGE = "zh"
ENTRY_FILE = "pagefind-entry.json"
CHUNK_SIZE = 20_000  # pagefind's index chunk size: locations (+1 per page) per index file
WORD_HASH_LENGTH = FILTER_HASH_LENGTH = 7  # as pagefind: zh_1179487.pf_index, zh_2b5035c.pf_filter
META_HASH_LENGTH = 10  # as pagefind: pagefind.zh_831d99ae37.pf_meta
DEFAULT_WEIGHT = 24  # pagefind's weight of an unweighted word (1.0 × 24)
# A page's locations of a word at the default weight: pagefind starts them with the weight marker
# -(weight + 1) (its own default is 25), then the position.
_LOCATION = b"\x82\x38" + bytes([DEFAULT_WEIGHT])  # array(2), negative int -(24 + 1)
_PAGE = b"\x83"  # [page number delta, locations, meta locations]
_NO_META = b"\x80"  # no meta locations; also: no diacritic variants of a word


class BundleError(RuntimeError):
    pass


def _head(major: int, n: int) -> bytes:
    """A CBOR item head with the shortest length encoding (as minicbor writes)."""
    if n < 24:
        return bytes([major << 5 | n])
    for code, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if n < 1 << (8 * size):
            return bytes([major << 5 | code]) + n.to_bytes(size, "big")
    raise BundleError(f"搜索索引：数值过大 {n}")


_SMALL = [_head(0, n) for n in range(1 << 16)]


def _uint(n: int) -> bytes:
    return _SMALL[n] if n < 65536 else _head(0, n)


# One page of a word: [page number delta, [weight marker, position], []], in two parts from tables.
_PAGE_HEADS = [_PAGE + head for head in _SMALL]
_LOCATIONS = [_LOCATION + head + _NO_META for head in _SMALL]


def _page_head(delta: int) -> bytes:
    return _PAGE_HEADS[delta] if delta < 65536 else _PAGE + _head(0, delta)


def _locations(position: int) -> bytes:
    return _LOCATIONS[position] if position < 65536 else _LOCATION + _head(0, position) + _NO_META


def _text(value: str) -> bytes:
    raw = value.encode("utf-8")
    return _head(3, len(raw)) + raw


def _array(count: int) -> bytes:
    return _head(4, count)


def _cbor(value) -> bytes:
    """Strings, non-negative integers and lists (all our meta and filter files hold)."""
    if isinstance(value, str):
        return _text(value)
    if isinstance(value, int):
        return _uint(value)
    return _array(len(value)) + b"".join(map(_cbor, value))


def _gzip(payload: bytes, level: int = 6) -> bytes:
    # Level 9 (pagefind's) makes the index 4% smaller in 7 times the time.
    return gzip.compress(SIGNATURE + payload, compresslevel=level, mtime=0)  # mtime 0: no clock in the bytes


# The index chunks, repetitive CBOR, are gzipped at level 4: 4 times as fast as 6 for 4% more bytes
# (fragments, the pages' text, stay at 6: little faster at 4).
INDEX_LEVEL = 4


def _name(payload: bytes, length: int, taken: set[str]) -> str:
    """zh_<hash of the content>, longer on a clash with another file of its kind in the shard (as pagefind;
    no two such files have the same content: each holds its own page, words or filter)."""
    digest = hashlib.sha1(payload).hexdigest()
    while (name := f"{LANGUAGE}_{digest[:length]}") in taken:
        length += 1
    taken.add(name)
    return name


@dataclass(frozen=True)
class Program:
    """pagefind's program files, as its binary writes them, and its entry file's fixed fields."""

    files: dict[str, bytes]  # path in a bundle → bytes
    version: str
    include_characters: list[str]
    wasm: str | None


@cache
def program_files() -> Program:
    """Run pagefind once on a one-page site and keep what it writes besides the index."""
    with tempfile.TemporaryDirectory(prefix="gongshi-pagefind-") as folder:
        site, out = Path(folder) / "site", Path(folder) / "out"
        site.mkdir()
        (site / "index.html").write_text(
            f'<!doctype html><html lang="{LANGUAGE}"><head><meta charset="utf-8"><title>x</title></head>'
            "<body><main data-pagefind-body>x</main></body></html>", encoding="utf-8")
        run = start_program([sys.executable, "-m", "pagefind", "--site", str(site), "--output-path", str(out),
                             "--force-language", LANGUAGE, "--quiet"])
        output, _ = run.communicate()
        entry_path = out / ENTRY_FILE
        if run.returncode != 0 or not entry_path.exists():
            raise BundleError(f"pagefind 未能写出它的程序文件：{output.strip()[-2000:]}")
        entry = json.loads(entry_path.read_text(encoding="utf-8"))
        language = entry["languages"][LANGUAGE]
        files = {}
        for path in sorted(out.rglob("*")):
            relative = path.relative_to(out).as_posix()
            if path.is_file() and relative != ENTRY_FILE and not relative.endswith(".pf_meta") \
                    and relative.split("/")[0] not in ("fragment", "index", "filter"):
                files[relative] = path.read_bytes()
    return Program(files, entry["version"], entry["include_characters"], language["wasm"])


def _fragment_json(page: SearchPage, tokens: int, slice_number: int, text: str, prose: str) -> str:
    """The page's fragment, as pagefind writes it for our document, with the page's text added in meta
    (TEXT_META, and PROSE_META when the page has prose) and no content (the indexed words: never read)."""
    filters = {key: list(values) for key, values in page.filters.items()}
    filters[SLICE_FILTER] = [str(slice_number)]
    meta = {ORDER_META: page.order, **({PLACE_META: page.place} if page.place else {}), "title": page.title}
    meta = dict(sorted(meta.items()))
    meta[TEXT_META] = text
    if prose:
        meta[PROSE_META] = prose
    data = {"url": "/" + page.path, "content": "", "word_count": max(tokens, 1),
            "filters": dict(sorted(filters.items())), "meta": meta, "anchors": []}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


class ShardBundle:
    """One shard's pagefind bundle: pages are added as they come (each fragment written at once),
    the index, filters and meta once every page is in (write)."""

    def __init__(self, output: Path, paths: list[str]):
        self.output = output
        # Page numbers: by path, descending (see the module docstring).
        self.paths = sorted(paths, reverse=True)  # by page number
        self.numbers = {path: i for i, path in enumerate(self.paths)}
        self.pages: list[tuple[str, int] | None] = [None] * len(paths)  # (fragment name, word count)
        # token → page number << 32 | position, per page having it
        self.postings: defaultdict[str, array] = defaultdict(partial(array, "Q"))
        self.filters: dict[str, dict[str, list[int]]] = {}
        self.sort_values: list[tuple[str, int]] = []
        self.meta_fields: set[str] = set()
        self.fragment_names: set[str] = set()
        (output / FRAGMENT_DIR).mkdir(parents=True, exist_ok=True)

    def add(self, page: SearchPage, tokens: list[str], slice_number: int, text: str, prose: str) -> str:
        """Index a page; returns its fragment's name (its id in pagefind's results)."""
        number = self.numbers.get(page.path)
        if number is None or self.pages[number] is not None:
            raise BundleError(f"搜索索引：页面 {page.path} 不在本分片中或已加入")
        payload = _fragment_json(page, len(tokens), slice_number, text, prose).encode("utf-8")
        name = _name(payload, WORD_HASH_LENGTH, self.fragment_names)
        (self.output / FRAGMENT_DIR / f"{name}{FRAGMENT_SUFFIX}").write_bytes(_gzip(payload))
        self.pages[number] = (name, max(len(tokens), 1))
        base = number << 32
        # postings[token].append(base + position) for each token, looped in C (a page's tokens are distinct).
        deque(map(array.append, map(self.postings.__getitem__, tokens), range(base, base + len(tokens))), maxlen=0)
        filters = self.filters
        for key, values in (*page.filters.items(), (SLICE_FILTER, [str(slice_number)])):
            by_value = filters.setdefault(key, {})
            for value in values:
                by_value.setdefault(value, []).append(number)
        self.sort_values.append((page.order, number))
        self.meta_fields.update((ORDER_META, "title", *((PLACE_META,) if page.place else ())))
        return name

    def write(self, program: Program) -> int:
        """Write the index, filters, meta, entry and program files; returns the number of pages."""
        out = self.output
        # A page that never came (it failed to render) is left out, the others renumbered in order.
        renumber = None
        if None in self.pages:
            renumber, count = [], 0
            for page in self.pages:
                renumber.append(count)
                count += page is not None
        chunks = self._write_words(out / "index", renumber)
        filters = self._write_filters(out / "filter", renumber)
        pages = [[name, count] for name, count in filter(None, self.pages)]
        # pagefind sorts by number when every value reads as one; ours ("3-2026-09-30") never do: by text,
        # ties by page number.
        ordered = sorted(self.sort_values)
        sorts = [[SORT_KEY, [number if renumber is None else renumber[number] for _, number in ordered]]]
        meta = _cbor([program.version, pages, chunks, filters, sorts, sorted(self.meta_fields)])
        meta_name = _name(meta, META_HASH_LENGTH, set())
        (out / f"pagefind.{meta_name}.pf_meta").write_bytes(_gzip(meta))
        entry = {"version": program.version,
                 "languages": {LANGUAGE: {"hash": meta_name, "wasm": program.wasm, "page_count": len(pages)}},
                 "include_characters": program.include_characters}
        (out / ENTRY_FILE).write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        for relative, content in program.files.items():
            target = out / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        return len(pages)

    def token_pages(self) -> tuple[dict[str, int], dict[str, list[str] | None]]:
        """Each token with the number of pages having it, and each letter and digit token (ASCII: Chinese
        tokens start at U+3007) with the paths of its pages, None when on more than RARE_PAGES; after write."""
        postings, self.postings = self.postings, defaultdict(partial(array, "Q"))
        counts = {token: len(found) for token, found in postings.items()}
        rare: dict[str, list[str] | None] = {}
        paths = self.paths
        for token, found in postings.items():
            if token < "\x80":
                rare[token] = [paths[posting >> 32] for posting in found] if len(found) <= RARE_PAGES else None
        return counts, rare

    def _write_words(self, folder: Path, renumber: list[int] | None) -> list[list[str]]:
        """The index chunks, as pagefind cuts them (a chunk ends at the word that brings its locations
        to CHUNK_SIZE); returns the meta's [from, to, file name] of each. `renumber`: new page numbers
        (pages that never came are left out)."""
        folder.mkdir(parents=True, exist_ok=True)
        chunks: list[tuple[str, str, bytes]] = []
        parts: list[bytes] = []
        first = last_word = ""
        size = 0
        for word, token in sorted((pagefind_word(token), token) for token in self.postings):
            postings = sorted(self.postings[token])
            numbers = [posting >> 32 for posting in postings]
            if renumber is not None:
                numbers = [renumber[n] for n in numbers]
            deltas = [b - a for a, b in zip([0, *numbers], numbers, strict=False)]
            pages = b"".join([part for delta, posting in zip(deltas, postings, strict=True)
                              for part in (_page_head(delta), _locations(posting & 0xFFFFFFFF))])
            if not parts:
                first = word
            parts.append(b"\x83" + _text(word) + _array(len(postings)) + pages + _NO_META)
            last_word = word
            size += 3 * len(postings)  # two locations and one per page
            if size >= CHUNK_SIZE:
                chunks.append((first, last_word, _array(1) + _array(len(parts)) + b"".join(parts)))
                parts, size = [], 0
        if parts:
            chunks.append((first, last_word, _array(1) + _array(len(parts)) + b"".join(parts)))
        names: set[str] = set()
        ranges = _trimmed([[start, end] for start, end, _ in chunks])
        out = []
        for (start, end), (_, _, payload) in zip(ranges, chunks, strict=True):
            name = _name(payload, WORD_HASH_LENGTH, names)
            (folder / f"{name}.pf_index").write_bytes(_gzip(payload, INDEX_LEVEL))
            out.append([start, end, name])
        return out

    def _write_filters(self, folder: Path, renumber: list[int] | None) -> list[list[str]]:
        folder.mkdir(parents=True, exist_ok=True)
        names: set[str] = set()
        out = []
        for key, by_value in sorted(self.filters.items()):
            payload = _cbor([key, [[value, sorted(pages if renumber is None else [renumber[n] for n in pages])]
                                   for value, pages in sorted(by_value.items())]])
            name = _name(payload, FILTER_HASH_LENGTH, names)
            (folder / f"{name}.pf_filter").write_bytes(_gzip(payload))
            out.append([key, name])
        return out


def _trimmed(ranges: list[list[str]]) -> list[list[str]]:
    """pagefind's chunk ranges: each boundary cut to the shortest prefixes that still tell the two
    chunks apart (the browser loads the chunk whose range holds a query word)."""
    for left, right in itertools.pairwise(ranges):
        common = 0
        for a, b in zip(right[0], left[1], strict=False):
            if a != b:
                break
            common += 1
        to, start = left[1][:common + 1], right[0][:common + 1]
        if to >= left[0]:
            left[1] = to
        right[0] = start
    return ranges
