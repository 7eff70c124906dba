"""Load + validate in one call: what the build, the validator and tests share."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from gongshi.data.dataset import Dataset, load_dataset
from gongshi.data.history import read_history
from gongshi.data.problems import DataError, Report
from gongshi.rules import check as rules
from gongshi.rules import parallel
from gongshi.runtime.settings import SETTINGS
from gongshi.site.kept import check_kept
from gongshi.site.site import Site


def check_data(data_dir: Path, today: dt.date, base: Path | None = None) -> Site:
    """Return the site model, never None: site.report lists the problems (check site.report.ok)."""
    dataset, report = load_dataset(Path(data_dir), base)
    site = Site(dataset, today, report=report)
    rule_report, windows = rules.check(dataset, today)
    report.extend(rule_report)
    site.windows = windows
    return site


def load_site(data_dir: Path, today: dt.date, base: Path | None = None) -> Site:
    """Like check_data but raises DataError when there is any error; reads git history too."""
    site = _check_large(Path(data_dir), today, base) or check_data(data_dir, today, base)
    if not site.report.ok:
        raise DataError(site.report)
    site.history = read_history(Path(data_dir))
    site.base = Path(base) if base else Path(data_dir).parent
    check_kept(site.data, site.history, site.base, site.report)
    if not site.report.ok:
        raise DataError(site.report)
    return site


def _check_large(data_dir: Path, today: dt.date, base: Path | None) -> Site | None:
    """A large data set is validated in worker processes (the validator's way, messages with
    line numbers), then loaded once more without the YAML node trees, which the build
    does not need and which take much of the memory of a large data set. None when small."""
    loaded: list[tuple[Dataset, Report]] = []
    # The build's own copy is read while the workers check (three processes on the
    # cores instead of two, then one).
    checked = parallel.validate(data_dir, today, Path(base) if base else data_dir.parent,
                                meanwhile=lambda: loaded.append(load_dataset(data_dir, base, keep_nodes=False)),
                                parallel_from=SETTINGS.build_validate_parallel_from)
    if checked is None:
        return None
    report = checked[0]
    if not report.ok:
        return Site(checked[1], today, report=report)
    dataset, load_report = loaded[0]
    rule_report, windows = rules.check(dataset, today)
    load_report.extend(rule_report)
    if not load_report.ok:
        # Only rules across records the workers did not see together can fail here.
        return Site(dataset, today, report=load_report)
    return Site(dataset, today, windows=windows, report=report)
