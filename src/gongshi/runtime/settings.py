"""Every threshold of the build in one object.

Each value trades memory against time or start-up cost against parallel work on a
2-core machine; the measurements behind them are in the README and printed by
scripts/bench-build and scripts/bench-validate. Tests may change a field of
SETTINGS (forked children inherit it; the search index worker gets what it needs
in its start message).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Settings:
    # Search index: pages per shard (one pagefind instance each in the browser), by weight in issue pages.
    shard_size: int = 5_000
    large_site: int = 20_000  # searchable pages from which large_shard_size applies
    large_shard_size: int = 2_000
    # Pages queued on each side of the pipe to the index worker: beyond that, the build
    # process prepares pages itself instead of waiting.
    index_backlog: int = 64
    # Issues and petitions from which feeds, calendars and open data are written by a thread of the build
    # process rather than a forked child (both while pages render): the child copies most of the parent's memory.
    fork_writer_below: int = 20_000
    # Bytes of a forked child's failure message (less than a pipe's buffer).
    message_limit: int = 4_000
    # Record files from which scripts/validate fans out to worker processes.
    validate_parallel_from: int = 2_000
    # The same for the build, which then reads the data twice (with line numbers in the workers, without
    # them in the build process, for memory): below this, one read with line numbers costs less CPU time
    # and its node trees fit in memory.
    build_validate_parallel_from: int = 20_000
    # HTML pages from which scripts/check-safety fans out to worker processes.
    scan_parallel_from: int = 2_000


SETTINGS = Settings()
