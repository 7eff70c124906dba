"""The site: validated data plus what follows from it on the build date (statuses, notice windows)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from gongshi.data.dataset import Dataset
from gongshi.data.history import FileHistory, History
from gongshi.data.problems import Report
from gongshi.model.status import NoticeWindow, display_status, is_overdue


@dataclass
class Site:
    """Validated data plus what follows from it on the build date."""

    data: Dataset
    today: dt.date
    windows: dict[str, NoticeWindow] = field(default_factory=dict)
    report: Report = field(default_factory=Report)
    history: History = field(default_factory=lambda: History(False))
    base: Path | None = None  # the folder data file paths are shown relative to

    def history_of(self, kind: str, record_id: str) -> FileHistory:
        shown = Path(self.data.file_of(kind, record_id))
        return self.history.of(shown if shown.is_absolute() else (self.base or Path.cwd()) / shown)

    def status(self, issue_id: str) -> str:
        return display_status(self.data.issues[issue_id], self.windows.get(issue_id), self.today)

    def overdue(self, issue_id: str) -> bool:
        return is_overdue(self.data.issues[issue_id], self.today)
