"""Make pagefind's output the same bytes for the same input (reproducible builds).

pagefind 1.5 keeps filters in a hash map with a per-process random seed, so the
order of the values inside each filter file, and of the filters listed in the
meta file, changes from run to run; the files are named by a hash of their
content, so the names change too (upstream: Pagefind/pagefind#638, "filter
indexes will still change"). Everything else it writes is already stable.

This rewrites those files in sorted order. The payloads are CBOR (minicbor
arrays) behind a "pagefind_dcd" signature, gzipped; cbor2 decodes and
re-encodes them byte for byte, so only the order changes. Files are renamed
<language>_<sha1 of content> as pagefind does, and pagefind-entry.json is
updated to the new meta file name.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import cbor2

SIGNATURE = b"pagefind_dcd"
FILTER_HASH_LENGTH = 7  # as pagefind: zh_2b5035c.pf_filter
META_HASH_LENGTH = 10  # as pagefind: pagefind.zh_831d99ae37.pf_meta
# Meta file fields (pagefind's MetaIndex, encoded as an array): version, pages, index chunks, filters, ...
META_FILTERS = 3


def _read(path: Path):
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(SIGNATURE):
        raise ValueError(f"{path}: not a pagefind file")
    return cbor2.loads(raw[len(SIGNATURE):])


def _write(folder: Path, prefix: str, suffix: str, language: str, length: int, value) -> str:
    payload = cbor2.dumps(value)
    digest = hashlib.sha1(payload).hexdigest()
    content = gzip.compress(SIGNATURE + payload, compresslevel=9, mtime=0)  # mtime=0: no clock in the header
    while True:  # a longer name on a (most unlikely) clash of short hashes, as pagefind does
        name = f"{language}_{digest[:length]}"
        path = folder / f"{prefix}{name}{suffix}"
        if not path.exists() or path.read_bytes() == content:
            path.write_bytes(content)
            return name
        length += 1


def stabilise(bundle: Path) -> None:
    """Rewrite the filter and meta files of the pagefind bundle in `bundle` in sorted order."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language, info in entry["languages"].items():
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = _read(meta_path)
        filters = []
        for name, old_hash in meta[META_FILTERS]:
            old_path = bundle / "filter" / f"{old_hash}.pf_filter"
            filter_name, values = _read(old_path)
            old_path.unlink()
            new_hash = _write(bundle / "filter", "", ".pf_filter", language, FILTER_HASH_LENGTH,
                              [filter_name, sorted(values, key=lambda value: value[0])])
            filters.append([name, new_hash])
        meta[META_FILTERS] = sorted(filters)
        meta_path.unlink()
        info["hash"] = _write(bundle, "pagefind.", ".pf_meta", language, META_HASH_LENGTH, meta)
    # pagefind writes this JSON compactly, keys in its own order: keep both.
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
