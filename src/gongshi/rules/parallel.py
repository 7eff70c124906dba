"""The validator on large data sets: every core at work, as fast as a save.

Parsing YAML dominates. Issues and
petitions are checked in worker processes, each holding the small kinds
(units, sources, duties, settings, holidays) plus its share of the large
ones, and running the same rules as the build; only problems travel back.
Duplicate ids across folders are found from the file names up front.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from gongshi.data.dataset import Dataset, _display, add_file, load_dataset, record_files, usable_id
from gongshi.data.problems import Problem, Report
from gongshi.rules import check as rules
from gongshi.runtime.processes import can_fork, fork_map
from gongshi.runtime.settings import SETTINGS

LARGE_KINDS = ("issues", "petitions")


def _work(context: tuple[Dataset, dt.date, Path], jobs: list[tuple[str, str, str]]) -> tuple[list[Problem], Counter]:
    small, today, base = context
    dataset = replace(small, files=dict(small.files), nodes=dict(small.nodes), issues={}, petitions={})
    report = Report()
    for kind, record_id, path in jobs:
        add_file(dataset, report, kind, record_id, Path(path), _display(Path(path), base))
    rule_report, _ = rules.check(dataset, today)
    report.extend(rule_report)
    return report.problems, Counter({"issues": len(dataset.issues), "petitions": len(dataset.petitions)})


def validate(data: Path, today: dt.date, base: Path, meanwhile: Callable[[], None] | None = None,
             parallel_from: int | None = None) -> tuple[Report, Dataset, Counter] | None:
    """Problems of a large data set, or None when it has fewer record files than `parallel_from`
    (default: settings.validate_parallel_from) and is checked in one process. `meanwhile` runs in
    this process while the workers check (the build loads the data there)."""
    workers = os.cpu_count() or 1
    found = Report()  # what the listing finds (misnamed files and the like), kept if the check goes parallel
    listing = {kind: record_files(data, kind, base, found) for kind in LARGE_KINDS}
    least = SETTINGS.validate_parallel_from if parallel_from is None else parallel_from
    if sum(len(v) for v in listing.values()) < least or workers < 2 or not can_fork():
        return None
    small, report = load_dataset(data, base, kinds=("units", "sources", "duties"))
    report.extend(found)
    jobs = []
    for kind, files in listing.items():
        seen: dict[str, tuple[str, str]] = {}
        for record_id, path, shown in files:
            if usable_id(record_id, path, shown, seen, report):
                jobs.append((kind, record_id, str(path)))
    size = max(1, len(jobs) // (workers * 4))
    chunks = [jobs[i:i + size] for i in range(0, len(jobs), size)]
    results = fork_map(_work, (small, today, base), chunks, workers=workers, meanwhile=meanwhile)
    if results is None:
        return None
    counts: Counter = Counter()
    for problems, chunk_counts in results:
        report.problems.extend(problems)
        counts.update(chunk_counts)
    # Problems of the small kinds are found by every worker: keep one of each.
    report.problems = sorted(set(report.problems))
    counts.update({"units": len(small.units), "sources": len(small.sources)})
    return report, small, counts
