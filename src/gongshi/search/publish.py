"""The search contract (search/contract.py) published as the ES module the search page's
scripts import (urls.SEARCH_CONTRACT), beside those copied from docs/assets/search/."""

from __future__ import annotations

from gongshi.search import contract


def paths() -> list[str]:
    return [contract.MODULE]


def write(sink) -> None:
    sink.write(contract.MODULE, contract.module_text().encode("utf-8"))
