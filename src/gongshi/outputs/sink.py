"""Where the build's generated files (feeds, calendars, open data, attachments) go.

They are written straight into the site folder as they are made, one at a
time, rather than held in memory as mkdocs files: for a large data set they
would take much of the memory.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path


class DirectorySink:
    def __init__(self, root: Path):
        self.root = Path(root)
        self.paths: list[str] = []  # site paths written, in order

    def _target(self, path: str) -> Path:
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
