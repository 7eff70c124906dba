"""The search contract (search/contract.py) as the ES module the search page's
scripts import: assets/search/contract.js, beside those copied from docs/."""

from __future__ import annotations

from gongshi.search import contract


def paths() -> list[str]:
    return [contract.MODULE]


def write(sink) -> None:
    sink.write(contract.MODULE, contract.module_text().encode("utf-8"))
