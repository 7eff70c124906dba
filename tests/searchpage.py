"""The search page in a browser, for the search and Content-Security-Policy tests: run a query or
filters, page through every result."""

from __future__ import annotations

from urllib.parse import unquote, urlencode, urlsplit


def show_all(page) -> None:
    """Wait for the search to settle, then ask for more results until there are none."""
    page.wait_for_selector("#gs-search[data-ready=true]", timeout=20000)
    while page.is_visible(".gs-search__more"):
        page.click(".gs-search__more")
        page.wait_for_selector("#gs-search[data-ready=true]", timeout=20000)


def result_paths(page) -> list[str]:
    hrefs = page.eval_on_selector_all(".gs-result h3 a", "links => links.map(a => a.href)")
    # A place's page has Chinese in its path (regions/湖南省/): the browser gives it percent-encoded.
    return [unquote(urlsplit(h).path).lstrip("/") for h in hrefs]


def search_again(page, url: str, query: str) -> list[str]:
    """Search from the search page's own box, as a reader does after the first query: no reload
    (the page keeps its loaded index); page through every result, return the result paths."""
    if not page.url.startswith(url + "search/"):
        page.goto(url + "search/")
        page.wait_for_selector("#gs-search[data-ready=true]", timeout=20000)
    page.fill("#gs-q", query)
    page.press("#gs-q", "Enter")  # the submit handler marks the box not ready before it returns
    show_all(page)
    assert page.input_value("#gs-q") == query.strip()  # the box trims what was typed
    return result_paths(page)


def run_search(page, url: str, params: dict) -> list[str]:
    """Open the search page with params, page through every result, return the result paths."""
    page.goto(url + "search/?" + urlencode(params, doseq=True))
    show_all(page)
    return result_paths(page)
