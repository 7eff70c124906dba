"""When each data file was published and changed, from git (one `git log` for all).

Status changes are read from the diffs (a `status:` line removed and added);
every commit touching a file is an edit. Without git, or outside a git
checkout (a tarball), history is simply unavailable: the site says so.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

_STATUS = re.compile(r"^([+-])status:\s*(\S+)")
_SEP = "\x1e"  # record separator between commits in our log format


@dataclass(frozen=True)
class Change:
    commit: str
    date: dt.date
    subject: str
    status_from: str | None = None
    status_to: str | None = None


@dataclass
class FileHistory:
    changes: list[Change] = field(default_factory=list)  # oldest first

    @property
    def first(self) -> dt.date | None:
        return self.changes[0].date if self.changes else None

    @property
    def last(self) -> dt.date | None:
        return self.changes[-1].date if self.changes else None

    @property
    def status_changes(self) -> list[Change]:
        return [c for c in self.changes if c.status_to]


@dataclass
class History:
    available: bool
    root: Path | None = None  # the repository's top folder
    files: dict[str, FileHistory] = field(default_factory=dict)  # path relative to the repository root

    def of(self, path: Path) -> FileHistory:
        """History of a data file given by its absolute path."""
        if self.root is None:
            return FileHistory()
        try:
            key = Path(path).resolve().relative_to(self.root).as_posix()
        except ValueError:
            return FileHistory()
        return self.files.get(key, FileHistory())


def read_history(data_dir: Path) -> History:
    data_dir = Path(data_dir).resolve()
    try:
        top = subprocess.run(["git", "-C", str(data_dir), "rev-parse", "--show-toplevel"],
                             capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return History(False)
    if top.returncode != 0:
        return History(False)
    root = Path(top.stdout.strip())
    log = subprocess.run(
        ["git", "-C", str(root), "-c", "core.quotepath=off", "log", "--reverse", "--no-renames", "--unified=0",
         f"--format={_SEP}%H%x09%ad%x09%s", "--date=short", "-p", "--", str(data_dir.relative_to(root))],
        capture_output=True, text=True, timeout=600,
    )
    if log.returncode != 0:
        return History(False)
    history = History(True, root.resolve())
    for block in log.stdout.split(_SEP)[1:]:
        header, _, diff = block.partition("\n")
        commit, date, subject = [*header.split("\t", 2), "", ""][:3]
        day = dt.date.fromisoformat(date)
        for file_diff in re.split(r"^diff --git ", diff, flags=re.M)[1:]:
            match = re.search(r"^\+\+\+ b/(.+)$", file_diff, re.M) or re.search(r"^--- a/(.+)$", file_diff, re.M)
            if not match:
                continue
            path = match.group(1)
            removed = added = None
            for line in file_diff.splitlines():
                m = _STATUS.match(line)
                if m:
                    if m.group(1) == "-":
                        removed = m.group(2)
                    else:
                        added = m.group(2)
            change = Change(commit, day, subject, removed if added else None, added if added != removed else None)
            history.files.setdefault(path, FileHistory()).changes.append(change)
    return history
