"""Original documents (data/attachments/) published beside their pages, with
size, type and SHA-256 (also in the open data, so copies can be checked)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from gongshi.site.load import Site
from gongshi.outputs.sink import MemorySink


@dataclass(frozen=True)
class Published:
    title: str
    name: str
    kind: str
    size: int
    sha256: str
    path: str  # where it is published, relative to the site root


def published(site: Site, kind: str, record_id: str) -> list[Published]:
    record = site.data.table(kind)[record_id]
    out = []
    for attachment in record.attachments:
        content = (site.data.root / "attachments" / attachment.file).read_bytes()
        out.append(Published(attachment.title, attachment.name, attachment.kind, len(content),
                             hashlib.sha256(content).hexdigest(), f"{kind}/{record_id}/files/{attachment.name}"))
    return out


def files(site: Site) -> dict[str, bytes]:
    sink = MemorySink()
    write(site, sink)
    return sink.files


def _each(site: Site):
    for kind in ("issues", "sources"):
        for record_id, record in site.data.table(kind).items():
            for attachment in record.attachments:
                yield f"{kind}/{record_id}/files/{attachment.name}", site.data.root / "attachments" / attachment.file


def paths(site: Site) -> list[str]:
    """The files write() makes, in the order it makes them."""
    return [path for path, _ in _each(site)]


def write(site: Site, sink) -> None:
    for path, source in _each(site):
        sink.write(path, source.read_bytes())


def human_size(size: int) -> str:
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    return f"{max(1, round(size / 1000))} KB"
