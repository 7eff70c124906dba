"""What the build and the search index worker say to each other (runtime.processes sends them)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from gongshi.search.facets import SearchPage


@dataclass
class Start:
    """First message: where to write, and the shards planned from every searchable path."""

    site_dir: str
    shards: list[list[str]]
    slices: dict[str, int]
    hold: int | None  # a pipe's read end: no pagefind run before it reaches end of file
    backlog: int


@dataclass
class Page:
    """A rendered page, for the worker to take its text and tokens."""

    page: Any  # SearchPage (a dict on the wire)
    html: str
    heading: str | None  # the title the theme shows above a body without <h1>

    def __post_init__(self) -> None:
        if isinstance(self.page, dict):
            self.page = SearchPage(**self.page)


@dataclass
class PreparedPage:
    """A page whose text and document the build process prepared itself (the worker was behind)."""

    page: Any  # SearchPage (a dict on the wire)
    text: str
    prose: str
    tokens: list[str]
    document: str

    def __post_init__(self) -> None:
        if isinstance(self.page, dict):
            self.page = SearchPage(**self.page)


@dataclass
class Finished:
    """The worker's last line (on stderr): its CPU seconds, pagefind's, and how long it was held."""

    worker: float
    pagefind: float
    held: float


TYPES: dict[str, type] = {cls.__name__: cls for cls in (Start, Page, PreparedPage)}
