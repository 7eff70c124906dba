"""Original documents (data/attachments/) copied beside their pages (site/attachments.py says what is published)."""

from __future__ import annotations

from gongshi.model.records import Issue, Source
from gongshi.site import urls
from gongshi.site.site import Site


def _each(site: Site):
    data = site.data
    tables: dict[str, dict[str, Issue] | dict[str, Source]] = {"issues": data.issues, "sources": data.sources}
    for kind, table in tables.items():
        for record_id, record in table.items():
            for attachment in record.attachments:
                yield urls.attachment(kind, record_id, attachment.name), data.root / "attachments" / attachment.file


def paths(site: Site) -> list[str]:
    """The files write() makes, in the order it makes them."""
    return [path for path, _ in _each(site)]


def write(site: Site, sink) -> None:
    for path, source in _each(site):
        sink.write(path, source.read_bytes())
