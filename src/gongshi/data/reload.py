"""Re-read the record files that changed, into a copy of a loaded dataset (the staff preview).

Reading one file is milliseconds; reading a large data folder again is seconds. Settings, holiday files
and anything outside the record folders change what every record means: those need a full load (None).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from pathlib import Path

from gongshi.data import layout, privacy
from gongshi.data.dataset import Dataset, add_file, usable_id
from gongshi.data.problems import Report
from gongshi.model.records import KINDS


def copied(dataset: Dataset) -> Dataset:
    """A copy whose tables can change without touching the original's (the records themselves are shared)."""
    return dataclasses.replace(
        dataset, units=dict(dataset.units), sources=dict(dataset.sources), issues=dict(dataset.issues),
        petitions=dict(dataset.petitions), duties=dict(dataset.duties), files=dict(dataset.files),
        nodes=dict(dataset.nodes))


def reload_files(dataset: Dataset, paths: Iterable[Path], base: Path) -> Report | None:
    """Re-read each changed (added, edited or deleted) record file into `dataset`; the problems found in
    them. None when a change needs the whole folder read again."""
    report = Report()
    root = dataset.root.resolve()
    for path in paths:
        try:
            parts = path.resolve().relative_to(root).parts if path.exists() else path.relative_to(root).parts
        except ValueError:
            return None
        if len(parts) < 2 or parts[0] not in KINDS or path.suffix != ".yml" or path.is_symlink():
            return None
        kind, record_id = parts[0], path.stem
        dataset.table(kind).pop(record_id, None)
        dataset.files.pop((kind, record_id), None)
        dataset.nodes.pop((kind, record_id), None)
        if not path.is_file():
            continue  # deleted
        shown = layout.display(path, base)
        others = {rid.lower(): (rid, dataset.files[(k, rid)]) for (k, rid) in dataset.files if k == kind}
        privacy.check_name("/".join(parts), shown, report)
        if usable_id(record_id, path, shown, others, report):
            add_file(dataset, report, kind, record_id, path, shown, keep_nodes=True)
    return report
