"""Every process, thread and fork the build starts, behind one small interface.

- fork_map: a pool of forked workers over a list of jobs (validation, the safety scan);
- ForkedTask: one forked child working while the parent goes on (the generated files);
- WorkerProcess / read_messages: a Python worker fed typed messages down a pipe by a
  writer thread (the search index), and the worker's read-ahead end;
- start_program: an external program in the background (pagefind).

Messages are dataclasses, sent as JSON lines tagged with their class name.
"""

from __future__ import annotations

import contextlib
import gc
import json
import multiprocessing
import os
import queue
import resource
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import IO, Any, TypeVar

from gongshi.runtime.settings import SETTINGS

J = TypeVar("J")
R = TypeVar("R")


# --- a pool of forked workers ---------------------------------------------------

_task: tuple[Callable[[Any, Any], Any], Any] | None = None  # set in each forked worker


def _install(work: Callable[[Any, Any], Any], context: Any) -> None:
    global _task
    _task = (work, context)


def _run(job: Any) -> Any:
    assert _task is not None
    work, context = _task
    return work(context, job)


def can_fork() -> bool:
    return hasattr(os, "fork")


def fork_map(work: Callable[[Any, J], R], context: Any, jobs: list[J], *, workers: int, chunksize: int = 1,
             meanwhile: Callable[[], None] | None = None) -> list[R] | None:
    """work(context, job) for every job, in `workers` forked processes, in order; None where the
    system cannot fork. `context` is inherited by the forked workers, never pickled; `meanwhile`
    runs in this process while the workers work."""
    try:
        fork = multiprocessing.get_context("fork")
    except ValueError:
        return None
    with ProcessPoolExecutor(max_workers=workers, mp_context=fork, initializer=_install,
                             initargs=(work, context)) as pool:
        results = pool.map(_run, jobs, chunksize=chunksize)  # the workers start now
        if meanwhile is not None:
            meanwhile()
        return list(results)


# --- one forked child -----------------------------------------------------------

class ChildFailed(RuntimeError):
    """The forked child failed; the message is its report."""


class ForkedTask:
    """`work()` in a forked child while the parent goes on; the child reports a short text."""

    def __init__(self, work: Callable[[], str]):
        self.work = work
        self.pid: int | None = None
        self.pipe: int | None = None  # the child's report

    def start(self) -> None:
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: work, report, and leave without running the parent's exit handlers
            os.close(read)
            code = 0
            try:
                gc.disable()  # no collector passes over the parent's objects: fewer pages copied
                message = self.work()
            except BaseException as e:
                message, code = f"{type(e).__name__}: {e}", 1
            try:
                os.write(write, message.encode("utf-8")[:SETTINGS.message_limit])
            finally:
                os._exit(code)
        os.close(write)
        self.pid, self.pipe = pid, read

    def finish(self) -> str:
        """Wait for the child; its report, or ChildFailed."""
        assert self.pid is not None and self.pipe is not None
        chunks = []
        while chunk := os.read(self.pipe, 65536):
            chunks.append(chunk)
        os.close(self.pipe)
        _, status = os.waitpid(self.pid, 0)
        self.pid = self.pipe = None
        message = b"".join(chunks).decode("utf-8", "replace")
        if os.waitstatus_to_exitcode(status) != 0:
            raise ChildFailed(message or f"子进程退出码 {os.waitstatus_to_exitcode(status)}")
        return message

    def abort(self) -> None:
        if self.pid is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        if self.pipe is not None:
            os.close(self.pipe)
        self.pid = self.pipe = None


# --- one thread ----------------------------------------------------------------

class ThreadTask:
    """`work(stop)` in a thread of this process while it goes on, where a forked child would copy too
    much of its memory; finish and abort as ForkedTask's. `stop` is set by abort: the work checks it."""

    def __init__(self, work: Callable[[threading.Event], str]):
        self.work = work
        self.stop = threading.Event()
        self.thread: threading.Thread | None = None
        self.report: str | None = None
        self.failure: str | None = None

    def start(self) -> None:
        self.thread = threading.Thread(target=self._run, name="gongshi-task", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            self.report = self.work(self.stop)
        except Exception as e:
            self.failure = f"{type(e).__name__}: {e}"

    def finish(self) -> str:
        """Wait for the work; its report, or ChildFailed."""
        assert self.thread is not None
        self.thread.join()
        if self.failure is not None:
            raise ChildFailed(self.failure)
        return self.report or ""

    def abort(self) -> None:
        """Ask the work to stop and wait for it (it must not write on after the build is abandoned)."""
        self.stop.set()
        if self.thread is not None:
            self.thread.join()


# --- typed messages ---------------------------------------------------------------

def encode(message: Any) -> str:
    """A dataclass message as one JSON line, tagged with its class name."""
    return json.dumps({"type": type(message).__name__, **message.__dict__}, ensure_ascii=False, default=vars) + "\n"


def decode(line: str, types: dict[str, type]) -> Any:
    fields = json.loads(line)
    return types[fields.pop("type")](**fields)


# --- a Python worker fed by a pipe ------------------------------------------------

class WorkerProcess:
    """`python -m module`, fed messages on its stdin by a writer thread through a bounded
    queue, so the sender goes on while the worker catches up and never piles messages up."""

    def __init__(self, module: str, backlog: int):
        self.process = subprocess.Popen(
            [sys.executable, "-m", module], stdin=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True, encoding="utf-8",
        )
        assert self.process.stdin is not None
        _widen(self.process.stdin)
        self.outbox: queue.Queue[str | None] = queue.Queue(maxsize=backlog)
        self.writer = threading.Thread(target=self._write, daemon=True)
        self.writer.start()

    def send(self, message: Any) -> None:
        self.outbox.put(encode(message))

    def busy(self) -> bool:
        """True when the worker has a full backlog still to take."""
        return self.outbox.full()

    def _write(self) -> None:
        stdin = self.process.stdin
        assert stdin is not None
        broken = False
        while (line := self.outbox.get()) is not None:
            if broken:
                continue  # the worker failed: finish() reports why
            try:
                stdin.write(line)
                stdin.flush()
            except (BrokenPipeError, OSError):
                broken = True

    def finish(self) -> tuple[int, str]:
        """Close the pipe and wait: (exit code, what the worker wrote on stderr)."""
        self.outbox.put(None)
        self.writer.join()
        try:
            assert self.process.stdin is not None
            self.process.stdin.close()
        except (BrokenPipeError, OSError):
            pass
        assert self.process.stderr is not None
        messages = self.process.stderr.read()
        self.process.wait()
        return self.process.returncode, messages

    def abort(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()  # the worker stops its own children and removes its scratch files
            self.process.wait()
        self.outbox.put(None)  # the writer, meeting a broken pipe, drains the queue up to here
        self.writer.join()


def read_messages(stream: IO[str], types: dict[str, type], backlog: int) -> Iterator[Any]:
    """The worker's end: messages from `stream`, read ahead by a thread, so the sender seldom
    waits on a full pipe while the worker is busy."""
    lines: queue.Queue[str | None] = queue.Queue(maxsize=backlog)

    def read() -> None:
        for line in stream:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=read, daemon=True).start()
    while (line := lines.get()) is not None:
        yield decode(line, types)


def _widen(pipe: IO[str]) -> None:
    """Ask for a 1 MB pipe (Linux; 64 KB otherwise): a page's body is tens of kilobytes."""
    try:
        import fcntl

        fcntl.fcntl(pipe.fileno(), getattr(fcntl, "F_SETPIPE_SZ", 1031), 1 << 20)
    except (ImportError, OSError):
        pass


# --- external programs --------------------------------------------------------------

def start_program(args: list[str], env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    """An external program in the background, its output (stdout and stderr) kept for its caller."""
    return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env=None if env is None else dict(os.environ, **env))


@dataclass
class CpuTimes:
    own: float
    children: float


def cpu_times() -> CpuTimes:
    """CPU seconds of this process and of its finished children."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return CpuTimes(own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime)
