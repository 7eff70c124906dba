"""Where a record comes from, and whose each date is.

A record's documents are the source documents it names (`from_documents`), else all of its source's.
The source's dates (a document's 成文日期) and this site's dates (收录: the record's first commit; 更新:
its last) are kept apart: pages, citations and Open Graph say which is which."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from gongshi.model.records import Document
from gongshi.site.site import Site


@dataclass(frozen=True)
class Provenance:
    documents: list[Document]
    named: bool  # the record names its documents (else: its source's documents, all of them)
    source_name: str
    collected: dt.date | None  # this site: the record's first version (git)
    updated: dt.date | None  # this site: its last change (git)

    @property
    def issuer(self) -> str | None:
        """The body that issued the record's first document that names one."""
        return next((d.issuer for d in self.documents if d.issuer), None)

    @property
    def source_date(self) -> dt.date | None:
        """The source's date: the latest 成文日期 among the record's documents (the record as last published)."""
        return max((d.date for d in self.documents if d.date), default=None)


def provenance(site: Site, kind: str, record_id: str) -> Provenance:
    record = site.data.issues[record_id] if kind == "issues" else site.data.petitions[record_id]
    source = site.data.sources.get(record.source)
    documents = list(source.documents) if source else []
    named = bool(record.from_documents)
    if named:
        documents = [d for d in documents if d.id in record.from_documents]
    history = site.history_of(kind, record_id)
    return Provenance(documents, named, source.name if source else record.source, history.first, history.last)
