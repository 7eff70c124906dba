"""The generated files (calendars, open data, feeds, attachments), written by a
forked process while the build renders pages.

No page depends on their bytes, only on which of them exist (a unit's page
links its calendar when it has one). So their paths are planned first, which is
cheap; a child process writes the files while pages are rendered; the build
waits for it before finishing, and the child checks that it wrote exactly the
planned files.

Systems without fork write the files in a thread of the build process instead; so do large
data sets (settings.fork_writer_below records): a child walking every record copies most of
the parent's memory (reference counts change on every object it reads). The thread's Python
work takes turns with the pages' (one interpreter lock); its file system calls do not.
"""

from __future__ import annotations

import time
from pathlib import Path
from threading import Event

from gongshi.outputs import atom, attachments, ics, opendata
from gongshi.outputs.sink import DirectorySink
from gongshi.runtime.processes import ChildFailed, ForkedTask, ThreadTask, can_fork
from gongshi.runtime.settings import SETTINGS
from gongshi.search import publish as search_contract


class AssetError(RuntimeError):
    pass


class AssetWriter:
    def __init__(self, site, calendar, site_url: str | None, site_dir: Path):
        self.site, self.calendar, self.site_url, self.site_dir = site, calendar, site_url, Path(site_dir)
        self.calendars = ics.grouped(site, calendar)
        self.feed_groups = atom.grouped(site)
        self.paths: list[str] = [*self.calendars, *opendata.paths(site), *self.feed_groups, *attachments.paths(site),
                                 *search_contract.paths()]
        self.feeds = {path: title for path, (title, _) in self.feed_groups.items()}  # Atom feed path → title
        self.child: ForkedTask | ThreadTask | None = None
        self.seconds = 0.0  # the writer's own time

    @property
    def forks(self) -> bool:
        data = self.site.data
        return can_fork() and len(data.issues) + len(data.petitions) < SETTINGS.fork_writer_below

    def start(self) -> None:
        """Write the files in a forked child or a thread (see the module docstring) while pages render."""
        if self.forks:
            self.child = ForkedTask(lambda: f"{self._write():.1f}")
        else:
            self.child = ThreadTask(lambda stop: f"{self._write(stop):.1f}")
        self.child.start()

    def _write(self, stop: Event | None = None) -> float:
        started = time.perf_counter()
        sink = DirectorySink(self.site_dir, stop)
        ics.write(self.site, self.calendar, self.site_url, sink, self.calendars)
        opendata.write(self.site, self.site_url, sink)
        atom.write(self.site, self.site_url, sink, self.feed_groups)
        attachments.write(self.site, sink)
        search_contract.write(sink)
        if sink.paths != self.paths:
            extra, missing = sorted(set(sink.paths) - set(self.paths)), sorted(set(self.paths) - set(sink.paths))
            raise AssetError(f"写出的文件与计划不符：多出 {extra[:5]}，缺少 {missing[:5]}")
        return time.perf_counter() - started

    def finish(self) -> None:
        """Wait for the child or thread; raise AssetError if it failed."""
        child, self.child = self.child, None
        if child is None:
            return
        try:
            self.seconds = float(child.finish())
        except ChildFailed as e:
            raise AssetError(str(e)) from None

    def abort(self) -> None:
        child, self.child = self.child, None
        if child is not None:
            child.abort()
