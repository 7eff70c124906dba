"""The search index around pagefind's: shards, slices, the vocabulary and the facet counts.

Each searchable page is indexed by our own tokens (see text.py, spelled as
pagefind_word) in a pagefind bundle that bundle.py writes: pagefind's format, read
by pagefind's own program in the browser. Large sites are split into shards of
bounded weight (runtime.settings; site/pagefind, site/pagefind-2, ...), each
searched by its own pagefind instance in the browser; shards.json lists them.

pagefind quietly drops a query word that matches nothing and answers for the
others, so an AND of tokens would turn into an OR. A vocabulary of every
token, with the number of pages having it in each shard (pagefind/vocab/
<bucket>.json, bucketed by first character), lets the browser skip a shard
(or the whole search) when a token is missing there, and search the rest with
tokens present. pagefind's work grows with the pages each query word is on
(it gathers every word's locations for each result), so the browser asks it
only for the rarest few tokens, and checks the rest literally.

The browser checks every hit against the page's visible text and cuts its
excerpt from it: each fragment carries the text (meta TEXT_META), not the
indexed words.

facets.json holds the page count of every facet value, so the search page can
list them without loading pagefind's filter index.

The names of these files and the other constants the browser shares (slices,
vocabulary buckets) are defined in search/contract.py, which the build also
publishes for docs/assets/search/index.js.
"""

from __future__ import annotations

import json
from pathlib import Path

from gongshi.runtime.settings import SETTINGS
from gongshi.search.contract import (
    FACETS_FILE,
    RARE_DIR,
    RARE_PAGES,
    SHARDS_FILE,
    SLICES,
    VOCAB_BUCKETS,
    VOCAB_DIR,
    VOCAB_HASH,
    VOCAB_MAX_KEY,
    VOCAB_SPLIT_BYTES,
    VOCAB_SPLITS,
)
from gongshi.search.facets import SearchPage
from gongshi.search.text import is_cjk


class SearchIndexError(RuntimeError):
    pass


# Each shard's pages, newest first, are cut into SLICES equal parts, given as the hidden
# filter SLICE_FILTER (both in contract.py). pagefind's time grows with (results x pages
# having the query words), so for a word on thousands of pages the browser asks for the
# newest slices first: the same answer in the same order (newest first), a sixteenth of
# the work at a time.


def slice_plan(shard: list[str], order: dict[str, str]) -> dict[str, int]:
    """The slice of each page of a shard (0 = first in the results: facets.order_key)."""
    first = _in_result_order(shard, order)
    return {path: i * SLICES // len(first) for i, path in enumerate(first)}


def _in_result_order(paths, order: dict[str, str]) -> list[str]:
    """Paths as the results list them: by order key, largest first; by path where keys tie."""
    return sorted(sorted(paths), key=lambda path: order.get(path, ""), reverse=True)




def shard_dirs(count: int) -> list[str]:
    return ["pagefind/" if i == 0 else f"pagefind-{i + 1}/" for i in range(count)]


def shard_plan(order: dict[str, str], weights: dict[str, float] | None = None) -> list[list[str]]:
    """Which pages go in which shard: all searchable paths in result order (records first,
    newest first: the browser reads the shards in turn), in runs that weigh at most
    settings.shard_size issue pages (large_shard_size from large_site pages on)."""
    paths = _in_result_order(order, order)
    weights = weights or {}
    size = (SETTINGS.shard_size if len(paths) < SETTINGS.large_site
            else min(SETTINGS.shard_size, SETTINGS.large_shard_size))
    plan: list[list[str]] = [[]]
    load = 0.0
    for path in paths:
        weight = weights.get(path, 1.0)
        if plan[-1] and load + weight > size:
            plan.append([])
            load = 0.0
        plan[-1].append(path)
        load += weight
    return plan if plan[0] else []


class Vocabulary:
    """Every token with the pages having it in each shard, and the pages per facet value."""

    def __init__(self):
        self.shards: dict[int, dict[str, int]] = {}  # shard number → {token: pages having it}
        self.facets: dict[str, dict[str, int]] = {}
        # Letter and digit tokens → the pages having them, while they are on at most RARE_PAGES (None after).
        self.rare: dict[str, list[str] | None] = {}

    @property
    def tokens(self) -> dict[str, dict[int, int]]:
        """token → {shard number: pages having it}."""
        merged: dict[str, dict[int, int]] = {}
        for number, counts in sorted(self.shards.items()):
            for token, count in counts.items():
                merged.setdefault(token, {})[number] = count
        return merged

    def add_page(self, page: SearchPage) -> None:
        for key, values in page.filters.items():
            for value in values:
                counts = self.facets.setdefault(key, {})
                counts[value] = counts.get(value, 0) + 1

    def add_shard(self, number: int, pages: dict[str, int], rare: dict[str, list[str] | None]) -> None:
        """A shard's tokens with the pages having each, and its letter and digit tokens with the paths
        of those pages (None: on more than RARE_PAGES of them)."""
        self.shards[number] = pages
        known = self.rare
        for token, paths in rare.items():
            have = known.setdefault(token, [])
            if have is not None:
                if paths is None or len(have) + len(paths) > RARE_PAGES:
                    known[token] = None
                else:
                    have.extend(paths)


def write_manifest(site_dir: Path, names: list[str], vocabulary: Vocabulary,
                   fragments: dict[str, tuple[int, str]] | None = None, rank: dict[str, int] | None = None) -> None:
    """shards.json, facets.json, the vocabulary and the rare tokens' pages, once every shard is indexed
    (`fragments`: each page's shard and fragment, `rank`: its place in the results)."""
    (site_dir / SHARDS_FILE).parent.mkdir(parents=True, exist_ok=True)
    (site_dir / SHARDS_FILE).write_text(json.dumps(names), encoding="utf-8")
    # Pages per facet value, as pagefind's filters() would count them, without loading its filter index.
    facets = {key: dict(sorted(values.items())) for key, values in sorted(vocabulary.facets.items())}
    (site_dir / FACETS_FILE).write_text(
        json.dumps(facets, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    splits = _write_vocabulary(site_dir / VOCAB_DIR, vocabulary.tokens)
    if fragments is not None and rank is not None:
        _write_rare(site_dir / RARE_DIR, vocabulary.rare, fragments, rank, splits)


def _write_rare(folder: Path, rare: dict[str, list[str] | None], fragments: dict[str, tuple[int, str]],
                rank: dict[str, int], splits: set[str]) -> None:
    buckets: dict[int, dict[str, list[tuple[int, str]]]] = {}
    for token, pages in rare.items():
        if pages is not None:
            listed = [fragments[path] for path in sorted(pages, key=rank.__getitem__) if path in fragments]
            buckets.setdefault(vocab_bucket(token, splits), {})[token] = listed
    folder.mkdir(parents=True, exist_ok=True)
    for bucket, entries in buckets.items():
        (folder / f"{bucket}.json").write_text(
            json.dumps(dict(sorted(entries.items())), ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def vocab_key(token: str, splits: frozenset[str] | set[str] = frozenset()) -> str:
    """The part of a token its vocabulary file goes by: its first character if Chinese, its first two
    otherwise, one more for as long as that prefix is a split key (contract.VOCAB_SPLITS)."""
    if is_cjk(token[0]):
        return token[0]
    key = token[:2]
    while key in splits and len(key) < len(token):
        key = token[:len(key) + 1]
    return key


def vocab_bucket(token: str, splits: frozenset[str] | set[str] = frozenset()) -> int:
    """The vocabulary file of a token (contract.VOCAB_HASH)."""
    bucket = 0
    for char in vocab_key(token, splits):
        bucket = (bucket * VOCAB_HASH + ord(char)) % VOCAB_BUCKETS
    return bucket


def _write_vocabulary(folder: Path, vocabulary: dict[str, dict[int, int]]) -> set[str]:
    """token → [pages having it in shard 1, in shard 2, ...]: the browser searches a
    shard only for tokens it has, and asks pagefind for the rarest ones there. A token in
    few of many shards is written {"shard": pages, ...} instead (the browser reads both)."""
    entries: dict[str, list[int] | dict[str, int]] = {}
    for token, counts in vocabulary.items():
        last = max(counts)
        entries[token] = ({str(i): n for i, n in sorted(counts.items())} if len(counts) * 4 < last
                          else [counts.get(i, 0) for i in range(last + 1)])
    splits = _splits(entries)
    buckets: dict[int, dict[str, list[int] | dict[str, int]]] = {}
    for token, entry in entries.items():
        buckets.setdefault(vocab_bucket(token, splits), {})[token] = entry
    folder.mkdir(parents=True, exist_ok=True)
    for bucket, in_bucket in buckets.items():
        (folder / f"{bucket}.json").write_text(
            json.dumps(dict(sorted(in_bucket.items())), ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    (folder.parent.parent / VOCAB_SPLITS).write_text(json.dumps(sorted(splits)), encoding="utf-8")
    return splits


def _splits(entries: dict[str, list[int] | dict[str, int]]) -> set[str]:
    """The keys whose tokens would weigh more than VOCAB_SPLIT_BYTES in one file: split by one more
    character, again while a longer key still weighs too much (up to VOCAB_MAX_KEY characters)."""
    splits: set[str] = set()
    weights: dict[str, int] = {}
    for token, entry in entries.items():
        if not is_cjk(token[0]):
            weights[token[:2]] = weights.get(token[:2], 0) + _json_bytes(token, entry)
    heavy = {key for key, weight in weights.items() if weight > VOCAB_SPLIT_BYTES}
    while heavy:
        splits |= heavy
        weights = {}
        for token, entry in entries.items():
            key = vocab_key(token, splits)
            if len(key) > 2 and key[:-1] in heavy and len(key) < VOCAB_MAX_KEY:
                weights[key] = weights.get(key, 0) + _json_bytes(token, entry)
        heavy = {key for key, weight in weights.items() if weight > VOCAB_SPLIT_BYTES}
    return splits


def _json_bytes(token: str, entry: list[int] | dict[str, int]) -> int:
    """About what a vocabulary entry adds to its file."""
    return len(token) + 4 + 2 * len(entry)
