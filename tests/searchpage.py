"""The search page in a browser, for the search and Content-Security-Policy tests: run a query or
filters, page through every result; and the search quality measured, for the end-of-run summary."""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

# Filled by the precision/recall test (tests/browser/test_search_browser.py), printed by conftest.py.
RESULTS: dict[str, float] = {}


def show_all(page) -> None:
    """Wait for the search to settle, then ask for more results until there are none."""
    page.wait_for_selector("#gs-search[data-ready=true]", timeout=20000)
    while page.is_visible(".gs-search__more"):
        page.click(".gs-search__more")
        page.wait_for_selector("#gs-search[data-ready=true]", timeout=20000)


def run_search(page, url: str, params: dict) -> list[str]:
    """Open the search page with params, page through every result, return the result paths."""
    page.goto(url + "search/?" + urlencode(params, doseq=True))
    show_all(page)
    hrefs = page.eval_on_selector_all(".gs-result h3 a", "links => links.map(a => a.href)")
    return [urlsplit(h).path.lstrip("/") for h in hrefs]
