"""Build a real site under tmp_path (mkdocstrings-style end-to-end tests), and read its pages."""

from __future__ import annotations

import gzip
import os
import re
from pathlib import Path

from conftest import ROOT
from gongshi.adapters.mkdocs.project import make_project

SITE_URL = "https://gongshi.test/zhenggai/"


def _make_project(where: Path, data_dir: Path, site_url: str | None = None) -> Path:
    """A mkdocs project in `where` that builds `data_dir` with this repository's hooks and theme."""
    return make_project(ROOT, where, data_dir, site_url)


def build(tmp_path: Path, data_dir: Path, today: str = "2026-09-30", strict: bool = True) -> tuple[int, Path]:
    from gongshi.cli import build as cli

    config = _make_project(tmp_path, data_dir, SITE_URL)
    os.environ["GONGSHI_BUILD_DATE"] = today
    try:
        code = cli.build(["--config", str(config)] + (["--strict"] if strict else []))
    finally:
        os.environ.pop("GONGSHI_BUILD_DATE", None)
    return code, tmp_path / "site"


PUBLISHED_TEXT = (".html", ".xml", ".json", ".ics", ".csv", ".txt", ".js", ".webmanifest")


def published_texts(site: Path):
    """(path, bytes) of every text file of a built site, gzip-compressed ones unpacked: pages, feeds, calendars,
    open data, the search index."""
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        raw = path.read_bytes()
        if path.suffix == ".gz" or raw[:2] == b"\x1f\x8b":
            yield path, gzip.decompress(raw)
        elif path.suffix in PUBLISHED_TEXT:
            yield path, raw


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def content_of(html: str) -> str:
    """The page's article, without header, navigation, table of contents and footer."""
    return html[html.index("<article"):html.index("</article>")]


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def event_handler_attributes(html: str) -> list[tuple[str, str]]:
    """Every on*= attribute on any element, as a browser's parser would see it."""
    from html.parser import HTMLParser

    found = []

    class Parser(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.extend((tag, name) for name, _ in attrs if name.lower().startswith("on"))

    Parser().feed(html)
    return found


def wrap(body: str, head: str = "") -> str:
    """A minimal page around body, for the safety scan and the Content-Security-Policy."""
    return (f"<!doctype html><html lang=zh><head><meta charset=utf-8>{head}<title>t</title></head>"
            f"<body>{body}</body></html>")
