"""Original documents (data/attachments/) as published beside their pages, with
size, type and SHA-256 (also in the open data, so copies can be checked)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from gongshi.model.records import Issue, Source
from gongshi.site import urls
from gongshi.site.site import Site


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
    assert isinstance(record, Issue | Source)  # only issues and sources have attachments
    out = []
    for attachment in record.attachments:
        content = (site.data.root / "attachments" / attachment.file).read_bytes()
        out.append(Published(attachment.title, attachment.name, attachment.kind, len(content),
                             hashlib.sha256(content).hexdigest(), urls.attachment(kind, record_id, attachment.name)))
    return out
