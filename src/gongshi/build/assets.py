"""The generated files (calendars, open data, feeds, attachments), written by a
forked process while the build renders pages.

Writing them takes as long as rendering a fifth of the pages (about 7 s at
10,000 issues, 86 s at 100,000), and no page depends on their bytes, only on
which of them exist (a unit's page links its calendar when it has one). So
their paths are planned first, which is cheap; a child process writes the files
while pages are rendered; the build waits for it before finishing, and the
child checks that it wrote exactly the planned files.

The child shares the parent's memory until either writes to it, and walking
every record writes to most of it (reference counts): at 100,000 issues the
child comes to 2 GB, and with a pagefind run beside it the build peaked at
4.4 GB. So for large data sets (HOLD_INDEX_FROM records) the search index
worker starts no pagefind run while the child lives: it is told through a
pipe only the child holds open (`done_fd`: end of file when the child exits),
and catches up afterwards. Systems without fork write the files in place,
before the pages.
"""

from __future__ import annotations

import gc
import os
import signal
import time
from pathlib import Path

from gongshi.outputs import atom, attachments, ics, opendata, search_contract
from gongshi.outputs.sink import DirectorySink

HOLD_INDEX_FROM = 20_000  # issues and petitions: from this many, no pagefind run while the child writes
MESSAGE_LIMIT = 4_000  # bytes of a failure message sent back (less than a pipe's buffer)


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
        self.pid: int | None = None
        self.pipe: int | None = None  # the child's report
        self.done_fd: int | None = None  # end of file once the child has exited (see the module docstring)
        self.seconds = 0.0  # the writer's own time

    @property
    def forks(self) -> bool:
        return hasattr(os, "fork")

    @property
    def holds_index(self) -> bool:
        """True when the search index must wait for the child (see the module docstring)."""
        data = self.site.data
        return self.forks and len(data.issues) + len(data.petitions) >= HOLD_INDEX_FROM

    def start(self) -> None:
        """Write the files: in a child process where the system can fork, else here and now."""
        if not self.forks:
            self.seconds = self._write()
            return
        read, write = os.pipe()
        done_read, done_write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: write, report, and leave without running the parent's exit handlers
            os.close(read)
            os.close(done_read)  # done_write stays open until the child exits
            code = 0
            try:
                gc.disable()  # no collector passes over the parent's objects: fewer pages copied
                message = f"{self._write():.1f}"
            except BaseException as e:  # noqa: BLE001 - every failure is reported to the parent
                message, code = f"{type(e).__name__}: {e}", 1
            try:
                os.write(write, message.encode("utf-8")[:MESSAGE_LIMIT])
            finally:
                os._exit(code)
        os.close(write)
        os.close(done_write)
        self.pid, self.pipe, self.done_fd = pid, read, done_read

    def _write(self) -> float:
        started = time.perf_counter()
        sink = DirectorySink(self.site_dir)
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
        """Wait for the child; raise AssetError if it failed."""
        if self.pid is None:
            return
        chunks = []
        while chunk := os.read(self.pipe, 65536):
            chunks.append(chunk)
        os.close(self.pipe)
        os.close(self.done_fd)
        _, status = os.waitpid(self.pid, 0)
        self.pid = self.pipe = self.done_fd = None
        message = b"".join(chunks).decode("utf-8", "replace")
        if os.waitstatus_to_exitcode(status) != 0:
            raise AssetError(message or f"子进程退出码 {os.waitstatus_to_exitcode(status)}")
        self.seconds = float(message)

    def abort(self) -> None:
        if self.pid is None:
            return
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(self.pid, 0)
        os.close(self.pipe)
        os.close(self.done_fd)
        self.pid = self.pipe = self.done_fd = None
