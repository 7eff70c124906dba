"""Render page entries to body HTML with an autoescaping Jinja environment.

mkdocs' own Jinja environment does not autoescape; ours does, so every value
from data is escaped unless it went through the Markdown sanitiser.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections.abc import Set as AbstractSet
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from gongshi.model.regions import region_segments
from gongshi.model.status import STATUS_HELP, status_label
from gongshi.pages.entry import PageEntry
from gongshi.pages.home import home_locals
from gongshi.render.charts import bar_chart
from gongshi.render.markdown import MarkdownRenderer
from gongshi.render.prose import PROSE_CLASS
from gongshi.site import urls
from gongshi.site.attachments import published as published_attachments
from gongshi.site.provenance import Provenance, provenance
from gongshi.site.site import Site

TEMPLATES = Path(__file__).parent / "templates"

# ASCII class names for statuses (CSS adds a shape as well as a colour).
STATUS_CLASS = {
    "进展未公布": "unknown", "整改中": "ongoing", "反弹": "relapse", "已完成": "done",
    "即将公示": "upcoming", "公示中": "open", "公示期满": "ended", "已销号": "closed", "已撤回": "withdrawn",
}

_H2 = re.compile(r'<h2 id="([^"]+)"[^>]*>(.*?)</h2>', re.S)
_TAG = re.compile(r"<[^>]+>")


# The reader's parts of a citation, filled in by docs/assets/gongshi-page.js when the page loads (the
# words shown without JavaScript): the date of citing, in ISO form and in Chinese, and the page's address.
CITE_TODAY = Markup('<span data-cite="today">引用日期</span>')
CITE_TODAY_CN = Markup('<span data-cite="today-cn">引用当日</span>')
CITE_HERE = Markup('<span data-cite="here">本页网址</span>')
_SENTENCE_END = re.compile(r"[。！？；]")


def sentence_cut(text: str, limit: int) -> str:
    """At most `limit` characters, cut after the last full sentence that fits (else at the limit, with …)."""
    if len(text) <= limit:
        return text
    ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, limit)]
    return text[: ends[-1]] if ends else text[: limit - 1] + "…"


def cn_date(value: dt.date | None) -> str:
    if value is None:
        return ""
    return f"{value.year}年{value.month}月{value.day}日"


def relative_url(from_path: str, to_path: str) -> str:
    """Relative link between two directory-style paths ("" is the home page)."""
    target, _, anchor = to_path.partition("#")
    rel = _relpath(target or ".", from_path.rstrip("/") or ".")
    is_file = "." in target.rstrip("/").rsplit("/", 1)[-1]  # feeds, .ics, .json: no trailing slash
    url = "./" if rel == "." else rel if is_file else rel + "/"
    return url + (f"#{anchor}" if anchor else "")


def _relpath(target: str, start: str) -> str:
    """posixpath.relpath for site paths, without its abspath and os.getcwd calls
    (a large site has links by the hundred thousand)."""
    if ".." in target or ".." in start:
        return posixpath.relpath(target, start)
    to = [part for part in target.split("/") if part and part != "."]
    at = [part for part in start.split("/") if part and part != "."]
    common = 0
    while common < len(to) and common < len(at) and to[common] == at[common]:
        common += 1
    return "/".join([".."] * (len(at) - common) + to[common:]) or "."


def human_size(size: int) -> str:
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    return f"{max(1, round(size / 1000))} KB"


class Renderer:
    def __init__(self, site: Site, feeds: AbstractSet[str] = frozenset(), repo_url: str | None = None,
                 site_url: str | None = None):
        self.site = site
        self.md = MarkdownRenderer()
        env = Environment(
            loader=FileSystemLoader(str(TEMPLATES)),
            autoescape=select_autoescape(default=True, default_for_string=True),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            auto_reload=False,  # templates do not change during a build: no stat() per page
        )
        env.filters.update(md=self.md.html, md_inline=self.md.inline, prose=self.prose, cn_date=cn_date,
                           status_label=status_label)
        env.globals["bar_chart"] = bar_chart
        env.globals["region_segments"] = region_segments  # a record's region text, each place a link
        env.globals["attachments_of"] = lambda kind, record_id: published_attachments(site, kind, record_id)
        env.globals["provenance_of"] = self.provenance
        env.filters["size"] = human_size
        env.globals.update(
            site=site, data=site.data, today=site.today, status_help=STATUS_HELP, status_class=STATUS_CLASS,
            urls=urls, calendar=site.data.calendar,
            feeds=feeds, repo_url=(repo_url or "").rstrip("/") or None, citation_of=self.citation,
        )
        self.site_url = site_url
        self.env = env
        self._footers: dict[int, str] = {}
        self._last_provenance: tuple[tuple[str, str] | None, Provenance | None] = (None, None)

    def prose(self, text: str | None) -> Markup:
        """A record's own text (problem, measures, progress, notice text) as Markdown, marked as the
        prose that search excerpts come from (search/extract.py)."""
        html = self.md.html(text)
        return Markup(f'<div class="{PROSE_CLASS}">{html}</div>') if html else html

    def render(self, entry: PageEntry) -> str:
        template = self.env.get_template(entry.template)
        return template.render(page=entry, url=lambda to: relative_url(entry.path, to), **entry.locals)

    def render_home(self, path: str = "") -> str:
        template = self.env.get_template("home.html")
        return template.render(url=lambda to: relative_url(path, to), **home_locals(self.site))

    def render_footer(self, path: str) -> str:
        """The site owner's channel for the footer (empty when no owner is set)."""
        depth = path.count("/")  # the footer's relative links depend on nothing else
        if depth not in self._footers:
            owner = self.site.data.units.get(self.site.data.settings.owner or "")
            template = self.env.get_template("footer.html")
            self._footers[depth] = template.render(owner=owner, url=lambda to: relative_url("x/" * depth, to))
        return self._footers[depth]

    def render_head(self, path: str, links: list[tuple[str, str]], entry: PageEntry | None = None) -> str:
        """Feed links for a page, and Open Graph tags so shared links preview well."""
        template = self.env.get_template("head.html")
        redirect = entry.locals.get("target") if entry is not None and entry.template == "redirect.html" else None
        return template.render(links=links, og=None if redirect else self._open_graph(entry), redirect=redirect,
                               url=lambda to: relative_url(path, to))

    def _open_graph(self, entry: PageEntry | None) -> dict | None:
        if entry is None:
            return None
        og = {"site_name": self.site.data.settings.site_name, "title": entry.title,
              "description": sentence_cut(self.md.plain(entry.description), 150) if entry.description else "",
              "url": urls.absolute(self.site_url, entry.path) if self.site_url else None}
        issue_id, petition_id = entry.locals.get("issue_id"), entry.locals.get("petition_id")
        if issue_id and entry.template == "notice.html":
            signoff = self.site.data.issues[issue_id].signoff
            assert signoff is not None  # a notice page exists only for an issue with a sign-off notice
            og["published"] = signoff.date.isoformat()
        elif issue_id or petition_id:
            # published_time: the source document's date when known; modified_time: this site's last update.
            prov = self.provenance("issues" if issue_id else "petitions", str(issue_id or petition_id))
            if prov.source_date:
                og["published"] = prov.source_date.isoformat()
            if prov.updated:
                og["modified"] = prov.updated.isoformat()
        return og

    def provenance(self, kind: str, record_id: str) -> Provenance:
        """A record's provenance, asked for several times while its page is made (Open Graph, the
        provenance block, the citation): worked out once per record (it reads the file's git history)."""
        key, found = self._last_provenance
        if found is None or key != (kind, record_id):
            found = provenance(self.site, kind, record_id)
            self._last_provenance = ((kind, record_id), found)
        return found

    def citation(self, record_id: str, kind: str) -> dict[str, str]:
        """A GB/T 7714-2015 reference for an electronic resource ([EB/OL]) and a plain line, for an issue,
        a notice or a petition page. 责任者 is the body that issued the source document (a notice: its
        office); the date in () is this site's last update of the page; the [引用日期] and, without a site
        address, the URL are the reader's: the page's script fills them in when it loads (CITE_TODAY,
        CITE_HERE mark where)."""
        data = self.site.data
        path = {"notice": urls.notice, "issue": urls.issue, "petition": urls.petition}[kind](record_id)
        link = urls.absolute(self.site_url, path)
        prov = self.provenance("petitions" if kind == "petition" else "issues", record_id)
        if kind == "notice":
            signoff = data.issues[record_id].signoff
            assert signoff is not None  # a notice page exists only for an issue with a sign-off notice
            author, title = data.units[signoff.office].name, signoff.title
            source_line = f"原文：{author}发布，{cn_date(signoff.date)}"
        else:
            title = data.issues[record_id].title if kind == "issue" else f"信访件 {record_id}"
            # The body that issued the source document; where the data does not name one, the office that
            # published the record's sign-off notice; else the inspection itself.
            signoff = data.issues[record_id].signoff if kind == "issue" else None
            author = prov.issuer or (data.units[signoff.office].name if signoff else prov.source_name)
            doc = prov.documents[0] if prov.documents else None
            source_line = (f"原文：{doc.issuer + '《' if doc.issuer else '《'}{doc.title}》"
                           f"{'（' + doc.number + '）' if doc.number else ''}"
                           f"{'，' + cn_date(doc.date) if doc.date else ''}" if doc else f"原文：{prov.source_name}")
        # In (): a notice's own date of issue; for the site's compiled pages, this site's last update.
        dated = data.issues[record_id].signoff.date if kind == "notice" else prov.updated  # type: ignore[union-attr]
        updated = f"({dated.isoformat()})" if dated else ""
        site_line = f"本站更新于{cn_date(prov.updated)}" if prov.updated else ""
        shown = link if self.site_url else CITE_HERE
        plain = Markup("，").join(x for x in (escape(title), escape(source_line), site_line, shown) if x)
        return {
            "url": link,
            "gbt": escape(f"{author}. {title}[EB/OL]. {updated}[") + CITE_TODAY + "]. " + shown + ".",
            "plain": plain + Markup("，引用于") + CITE_TODAY_CN + "。",
        }

    @staticmethod
    def toc(html: str) -> list[tuple[str, str]]:
        """(anchor, title) of every <h2 id> in rendered HTML, for the page's table of contents."""
        return [(m.group(1), Markup(_TAG.sub("", m.group(2))).unescape().strip()) for m in _H2.finditer(html)]
