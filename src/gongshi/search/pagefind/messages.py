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
    """A page whose text and tokens the build process prepared itself (the worker was behind)."""

    page: Any  # SearchPage (a dict on the wire)
    text: str
    prose: str
    tokens: list[str]

    def __post_init__(self) -> None:
        if isinstance(self.page, dict):
            self.page = SearchPage(**self.page)


@dataclass
class Finished:
    """The worker's last line (on stderr): its CPU seconds and pagefind's (which writes its program files)."""

    worker: float
    pagefind: float


TYPES: dict[str, type] = {cls.__name__: cls for cls in (Start, Page, PreparedPage)}
