"""Load + validate in one call: what the build, the validator and tests share."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from .load.dataset import Dataset, load_dataset
from .load.history import FileHistory, History, read_history
from .model.status import NoticeWindow, display_status, is_overdue
from .validate import rules
from .validate.problems import DataError, Report


@dataclass
class Site:
    """Validated data plus what follows from it on the build date."""

    data: Dataset
    today: dt.date
    windows: dict[str, NoticeWindow] = field(default_factory=dict)
    report: Report = field(default_factory=Report)
    history: History = field(default_factory=lambda: History(False))
    base: Optional[Path] = None  # the folder data file paths are shown relative to

    def history_of(self, kind: str, record_id: str) -> FileHistory:
        shown = Path(self.data.file_of(kind, record_id))
        return self.history.of(shown if shown.is_absolute() else (self.base or Path.cwd()) / shown)

    def status(self, issue_id: str) -> str:
        return display_status(self.data.issues[issue_id], self.windows.get(issue_id), self.today)

    def overdue(self, issue_id: str) -> bool:
        return is_overdue(self.data.issues[issue_id], self.today)


def check_data(data_dir: Path, today: dt.date, base: Optional[Path] = None) -> Site | None:
    """Return the site model and the report; the model is None when data has errors."""
    dataset, report = load_dataset(Path(data_dir), base)
    site = Site(dataset, today, report=report)
    rule_report, windows = rules.check(dataset, today)
    report.extend(rule_report)
    site.windows = windows
    return site


def load_site(data_dir: Path, today: dt.date, base: Optional[Path] = None) -> Site:
    """Like check_data but raises DataError when there is any error; reads git history too."""
    site = check_data(data_dir, today, base)
    if not site.report.ok:
        raise DataError(site.report)
    site.history = read_history(Path(data_dir))
    site.base = Path(base) if base else Path(data_dir).parent
    return site
