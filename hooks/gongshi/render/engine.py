"""Render page entries to body HTML with an autoescaping Jinja environment.

mkdocs' own Jinja environment does not autoescape; ours does, so every value
from data is escaped unless it went through the Markdown sanitiser.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from ..model.status import STATUS_HELP
from ..site import Site
from . import pages as P
from .charts import bar_chart
from .markdown import MarkdownRenderer

TEMPLATES = Path(__file__).parent / "templates"

# ASCII class names for statuses (CSS adds a shape as well as a colour).
STATUS_CLASS = {
    "未公布": "unknown", "整改中": "ongoing", "反弹": "relapse", "已完成": "done",
    "即将公示": "upcoming", "公示中": "open", "公示期满": "ended", "已销号": "closed",
}

_H2 = re.compile(r'<h2 id="([^"]+)"[^>]*>(.*?)</h2>', re.S)
_TAG = re.compile(r"<[^>]+>")


def cn_date(value: dt.date | None) -> str:
    if value is None:
        return ""
    return f"{value.year}年{value.month}月{value.day}日"


def relative_url(from_path: str, to_path: str) -> str:
    """Relative link between two directory-style paths ("" is the home page)."""
    target, _, anchor = to_path.partition("#")
    rel = posixpath.relpath(target or ".", from_path.rstrip("/") or ".")
    is_file = "." in target.rstrip("/").rsplit("/", 1)[-1]  # feeds, .ics, .json: no trailing slash
    url = "./" if rel == "." else rel if is_file else rel + "/"
    return url + (f"#{anchor}" if anchor else "")


class Renderer:
    def __init__(self, site: Site, feeds: set[str] = frozenset(), repo_url: str | None = None):
        self.site = site
        self.md = MarkdownRenderer()
        env = Environment(
            loader=FileSystemLoader(str(TEMPLATES)),
            autoescape=select_autoescape(default=True, default_for_string=True),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        env.filters.update(md=self.md.html, md_inline=self.md.inline, cn_date=cn_date)
        env.globals["bar_chart"] = bar_chart
        env.globals.update(
            site=site, data=site.data, today=site.today, status_help=STATUS_HELP, status_class=STATUS_CLASS,
            issue_path=P.issue_path, notice_path=P.notice_path, source_path=P.source_path,
            unit_path=P.unit_path, petition_path=P.petition_path, calendar=site.data.calendar,
            feeds=feeds, repo_url=(repo_url or "").rstrip("/") or None,
        )
        self.env = env
        self._footers: dict[int, str] = {}

    def render(self, entry: P.PageEntry) -> str:
        template = self.env.get_template(entry.template)
        return template.render(page=entry, url=lambda to: relative_url(entry.path, to), **entry.locals)

    def render_home(self, path: str = "") -> str:
        template = self.env.get_template("home.html")
        return template.render(url=lambda to: relative_url(path, to), **P.home_locals(self.site))

    def render_footer(self, path: str) -> str:
        """The site owner's channel for the footer (empty when no owner is set)."""
        depth = path.count("/")  # the footer's relative links depend on nothing else
        if depth not in self._footers:
            owner = self.site.data.units.get(self.site.data.settings.owner or "")
            template = self.env.get_template("footer.html")
            self._footers[depth] = template.render(owner=owner, url=lambda to: relative_url("x/" * depth, to))
        return self._footers[depth]

    def render_head(self, path: str, links: list[tuple[str, str]]) -> str:
        """<link rel="alternate"> for the feeds that concern a page."""
        template = self.env.get_template("head.html")
        return template.render(links=links, url=lambda to: relative_url(path, to))

    @staticmethod
    def toc(html: str) -> list[tuple[str, str]]:
        """(anchor, title) of every <h2 id> in rendered HTML, for the page's table of contents."""
        return [(m.group(1), Markup(_TAG.sub("", m.group(2))).unescape().strip()) for m in _H2.finditer(html)]
