"""Original documents (data/attachments/) copied beside their pages (site/attachments.py says what is published)."""

from __future__ import annotations

from gongshi.site import urls
from gongshi.site.site import Site


def _each(site: Site):
    for kind in ("issues", "sources"):
        for record_id, record in site.data.table(kind).items():
            for attachment in record.attachments:
                yield urls.attachment(kind, record_id, attachment.name), site.data.root / "attachments" / attachment.file


def paths(site: Site) -> list[str]:
    """The files write() makes, in the order it makes them."""
    return [path for path, _ in _each(site)]


def write(site: Site, sink) -> None:
    for path, source in _each(site):
        sink.write(path, source.read_bytes())
