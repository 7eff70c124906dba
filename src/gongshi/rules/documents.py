"""The documents a record comes from: every id in `from_documents` names a document of the record's
source, and a source's document ids are unique (records name them by id)."""

from __future__ import annotations

from gongshi.data.dataset import Dataset
from gongshi.data.problems import Report
from gongshi.model.records import Issue, Petition


def check_documents(dataset: Dataset, report: Report) -> None:
    for source_id, source in dataset.sources.items():
        seen: set[str] = set()
        for i, doc in enumerate(source.documents):
            if doc.id is None:
                continue
            if doc.id in seen:
                line = dataset.line_of("sources", source_id, ("documents", i))
                report.add(dataset.file_of("sources", source_id), line, f"documents[{i + 1}].id",
                           f"文件简称“{doc.id}”重复：同一来源的各文件 id 须各不相同")
            seen.add(doc.id)
    records: list[tuple[str, str, Issue | Petition]] = [("issues", i, r) for i, r in dataset.issues.items()]
    records += [("petitions", i, r) for i, r in dataset.petitions.items()]
    for kind, record_id, record in records:
        of = dataset.sources.get(record.source)
        if of is None:
            continue  # reported as a missing source
        ids = {doc.id for doc in of.documents if doc.id}
        for i, wanted in enumerate(record.from_documents):
            if wanted not in ids:
                known = "、".join(sorted(ids)) or "（该来源的文件都还没有 id）"
                report.add(dataset.file_of(kind, record_id),
                           dataset.line_of(kind, record_id, ("from_documents", i)), f"from_documents[{i + 1}]",
                           f"督察来源“{of.name}”（data/sources/{of.id}.yml）的 documents 中没有 id 为"
                           f"“{wanted}”的文件：可用的有 {known}")
