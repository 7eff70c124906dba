"""Where the build's generated files (feeds, calendars, open data, attachments) go.

They are written straight into the site folder as they are made, one at a
time, rather than held in memory as mkdocs files: for a large data set they
would take much of the memory.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from threading import Event


class Stopped(Exception):
    """The build was abandoned while files were being written."""


class DirectorySink:
    def __init__(self, root: Path, stop: Event | None = None):
        self.root = Path(root)
        self.paths: list[str] = []  # site paths written, in order
        self.stop = stop  # set: write nothing more

    def _target(self, path: str) -> Path:
        if self.stop is not None and self.stop.is_set():
            raise Stopped(path)
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        self.paths.append(path)
        return target

    def write(self, path: str, content: bytes) -> None:
        self._target(path).write_bytes(content)

    @contextmanager
    def open(self, path: str):
        """A binary file to write a large output in pieces."""
        with open(self._target(path), "wb") as handle:
            yield handle
