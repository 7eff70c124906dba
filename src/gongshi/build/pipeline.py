"""One build of the site, independent of the engine that writes the pages.

The steps, in order (an engine adapter calls them from its events):
  load     read and validate data/ (invalid data: nothing is written)
  plan     start writing feeds, calendars and open data in a forked child (or a thread); list every page
  index    start the search index worker with every searchable path
  render   each page's body, head and footer, as the engine writes it; searchable pages go
           to the index as they are rendered
  page     each written page gets its Content-Security-Policy and is safety-scanned
  finish   wait for the other outputs, sweep the pages not scanned, complete the index
  abort    on any failure: stop the child and the worker; the old site stays as it was
  update   (the staff preview, after finish) re-read changed data files; pages render again on request
"""

from __future__ import annotations

import gc
import html
import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from gongshi.build.assets import AssetError, AssetWriter
from gongshi.build.builddate import BuildDateError, build_date
from gongshi.build.index import IndexStream
from gongshi.checks import csp, safety
from gongshi.checks.csp import ScriptAllowList
from gongshi.data.problems import DataError, Report
from gongshi.data.reload import copied, reload_files
from gongshi.model.regions import region_levels
from gongshi.outputs import robots
from gongshi.outputs.sink import DirectorySink
from gongshi.pages import PageEntry, build_pages
from gongshi.render.anchors import ANCHORED_TEMPLATES, heading_anchors
from gongshi.render.engine import Renderer
from gongshi.rules import check as rules
from gongshi.rules.check import missing_next_year
from gongshi.search.contract import GROUP_HANDWRITTEN, STAFF_TYPE
from gongshi.search.facets import SearchPage, order_key, search_pages
from gongshi.search.pagefind.index import SearchIndexError
from gongshi.site import urls
from gongshi.site.events import Calendar, build_events
from gongshi.site.load import check_data, load_site
from gongshi.site.site import Site

reminders = logging.getLogger("gongshi.reminders")


def _in_ci() -> bool:
    """A continuous-integration run (GitHub Actions sets both)."""
    return any(os.environ.get(name, "").strip().lower() not in ("", "0", "false", "no")
               for name in ("CI", "GITHUB_ACTIONS"))


class BuildFailed(Exception):
    """The build cannot go on; the message says why, in Chinese, for staff."""


@dataclass
class BuildConfig:
    """What the engine's configuration tells the build."""

    project: Path  # the folder data file paths are shown relative to
    data_dir: Path
    site_dir: Path
    site_url: str | None
    repo_url: str | None  # "edit this page" links, when set
    repo_branch: str
    docs_dir: str  # the folder of the hand-written pages, relative to the project
    scripts: ScriptAllowList  # the theme's scripts (the engine's adapter knows them)


@dataclass
class PageParts:
    """What the build adds to one page: its body (generated pages), the head and footer
    fragments, and the values the engine puts in its own template."""

    body: str | None  # None for a hand-written page: the engine renders its Markdown
    toc: list[tuple[str, str]]  # (anchor, title) of the body's sections
    head: str
    footer: str
    description: str | None  # None: the engine's own (a hand-written page's front matter)
    edit_url: str | None
    canonical_url: str | None  # None: the engine's own


class Build:
    def __init__(self, config: BuildConfig, log: logging.Logger):
        self.config = config
        self.log = log
        self.site: Site | None = None
        self.calendar: Calendar | None = None
        self.renderer: Renderer | None = None
        self.searchable: dict[str, SearchPage] = {}  # generated searchable pages by path
        self.writer: AssetWriter | None = None  # writes the other outputs, in a child process while pages render
        self.outputs: list[str] = []  # the paths of those outputs
        self.index: IndexStream | None = None  # the search index, built by a worker as pages are rendered
        self.scan: safety.WrittenScan | None = None  # the safety scan of every page, as it is written
        self.feeds: dict[str, str] = {}  # feed path → its title, from the plan

    # --- load -------------------------------------------------------------------

    def load(self) -> None:
        """Read and validate the data; BuildFailed when it has errors."""
        gc.unfreeze()  # the previous build's objects (a preview server's) may go now
        started = time.perf_counter()
        # What loading creates lives until the build ends and holds no garbage cycles: the collector's
        # full passes would walk it again and again as it grows, and find nothing. _freeze collects once.
        gc.disable()
        try:
            today = build_date()
            site = load_site(self.config.data_dir, today, base=self.config.project)
        except (DataError, BuildDateError) as e:
            raise BuildFailed(str(e)) from None
        finally:
            gc.enable()
        for problem in site.report.warnings:
            # Known, published discrepancies: reported, and shown on the page.
            self.log.info("数据提示 %s", problem.text())
        if (message := missing_next_year(site.data, today)) is not None:
            # A reminder for staff, not a defect of the build: a warning, on a logger apart
            # from the engine's, so a strict build (which counts the engine's warnings) passes.
            reminders.warning(message)
        if site.history.shallow:
            # A shallow clone has only the last commits: every record would seem new on the day of the
            # last one. No history rather than wrong history; a published build must not go out like that.
            message = ("数据仓库是浅克隆（shallow clone），git 历史不完整：问题页的修改记录和订阅源会出错，"
                       "本次生成不显示修改记录")
            if _in_ci():
                raise BuildFailed(message + "。请在工作流的 actions/checkout 步骤中设置 fetch-depth: 0"
                                            "（取得完整历史）后重新运行")
            reminders.warning(message + "；正式发布前请用 git fetch --unshallow 取得完整历史")
        elif not site.history.available:
            # Told to staff here; the issue pages only say there is no record of changes.
            reminders.warning("数据目录不在 git 仓库中（或 git 不可用）：问题页和订阅源没有修改记录；"
                              "正式发布请在仓库的完整克隆中生成网站")
        # The YAML node trees only serve line numbers in validation messages: validation is
        # done, and for large data sets they are a large share of the build's memory.
        site.data.nodes.clear()
        self.calendar = build_events(site)
        self.searchable = {page.path: page for page in search_pages(site)}
        self.site = site
        _freeze()
        self.log.info("gongshi: %d 个问题，生成日期 %s（读取和检查数据 %.1f 秒）",
                      len(site.data.issues), today, time.perf_counter() - started)

    # --- plan ---------------------------------------------------------------------

    def plan(self) -> list[PageEntry]:
        """Start writing the other outputs and list every generated page, in the order of the
        search index shards (by path): each shard can be indexed as soon as its pages are written."""
        assert self.site is not None and self.calendar is not None
        started = time.perf_counter()
        config = self.config
        self.writer = AssetWriter(self.site, self.calendar, config.site_url, config.site_dir)
        self.writer.start()  # before any thread or worker of this build exists: it may fork
        self.feeds = dict(self.writer.feeds)
        self.outputs = sorted(self.writer.paths)
        self.renderer = self._renderer()
        entries = build_pages(self.site, self.calendar, self.outputs)
        pages = {entry.path: entry for entry in entries}  # one page per path
        DirectorySink(config.site_dir).write(urls.ROBOTS, robots.text(config.site_url).encode("utf-8"))
        self.log.info("gongshi: %d 个页面待生成（准备用 %.1f 秒）", len(pages), time.perf_counter() - started)
        return sorted(pages.values(), key=lambda entry: entry.src_uri)

    def start_index(self, handwritten: list[str]) -> None:
        """Every searchable page is known now (`handwritten`: the paths of the engine's own
        pages): the worker plans the index shards and indexes each as soon as its pages are rendered."""
        assert self.writer is not None
        order = ({path: order_key(GROUP_HANDWRITTEN, None) for path in handwritten}
                 | {path: page.order for path, page in self.searchable.items()})
        weights = {path: page.weight for path, page in self.searchable.items()}
        self.index = IndexStream(self.config.site_dir, order, weights)
        self.scan = safety.WrittenScan(self.config.scripts, urlsplit(self.config.site_url or "/").path)
        _freeze()

    # --- render -------------------------------------------------------------------

    def render(self, url: str, title: str, entry: PageEntry | None, src_path: str) -> PageParts:
        """The build's parts of the page at `url`: a generated page's (`entry`) body too;
        `title`: the page's title as the engine shows it; `src_path`: a hand-written page's source."""
        assert self.renderer is not None
        body, toc, description = None, [], None
        if entry is not None:
            # Generated pages are rendered one at a time as they are written, and dropped
            # after: the engine would otherwise hold every page's body until the last page.
            body = self.renderer.render(entry)
            toc = Renderer.toc(body)
            if self.index is not None and entry.path in self.searchable:  # no index: a preview's page
                self.index.add(self.searchable[entry.path], body, None if "<h1" in body else title)
            if entry.template in ANCHORED_TEMPLATES:
                body = heading_anchors(body)  # after the contents and the search text were taken
            if entry.description:
                # The theme prints the description without escaping: escaped here.
                description = html.escape(self.renderer.md.plain(entry.description)[:150])
        folder = url if url.endswith("/") or not url else url.rsplit("/", 1)[0] + "/"
        return PageParts(
            body=body, toc=toc,
            head=self.renderer.render_head(folder, self._alternates(entry), entry),
            # Rendered by our autoescaping engine; the theme prints it as is.
            footer=self.renderer.render_footer(folder),
            description=description,
            edit_url=self._edit_url(entry, src_path),
            canonical_url=(urls.absolute(self.config.site_url, entry.locals["target"])
                           if entry is not None and entry.template == "redirect.html" and self.config.site_url
                           else None),
        )

    def handwritten(self, path: str, title: str, body: str, is_home: bool) -> str:
        """A hand-written page's body as rendered by the engine: the home page gets the site's
        figures; every such page goes to the search index."""
        assert self.renderer is not None
        if is_home:
            # What is new comes right after the page's opening paragraph, before the longer introduction.
            home = self.renderer.render_home()
            cut = body.find("</p>", body.find("</h1>")) + len("</p>") if "</p>" in body else len(body)
            body = body[:cut] + home + body[cut:]
        # The article a reader sees: the theme adds the title as <h1> when the body has none.
        kind = STAFF_TYPE if path.startswith(urls.STAFF_GUIDE) else "说明"
        if self.index is not None:
            self.index.add(SearchPage(path, title, {"type": [kind]}, group=GROUP_HANDWRITTEN), body,
                           None if "<h1" in body else title)
        # Sections get a "#" link, except on the home page: a landing page, not one to cite a part of.
        return body if is_home else heading_anchors(body)

    def _alternates(self, entry: PageEntry | None) -> list[tuple[str, str]]:
        """The feeds a page announces: the site's, plus its source's and regions' on record pages
        (and a place's own on its page)."""
        assert self.site is not None
        feeds = self.feeds
        wanted = [urls.NOTICES_FEED]
        if entry is not None:
            issue_id = entry.locals.get("issue_id")
            source_id = entry.locals.get("source_id")
            region = entry.locals.get("region")
            if region is not None:
                wanted.append(urls.region_feed(region.name))
            if issue_id:
                issue = self.site.data.issues[issue_id]
                source_id = issue.source
                wanted += [urls.region_feed(r) for r in region_levels(issue.region)]
            if source_id:
                wanted.insert(1, urls.source_feed(source_id))
        return [(p, feeds[p]) for p in wanted if p in feeds]

    def _edit_url(self, entry: PageEntry | None, src_path: str) -> str | None:
        """"Edit this page" opens the file behind the page: the data file of a generated
        page (listings have none), the Markdown source of a hand-written one."""
        repo = self.config.repo_url
        if not repo:
            return None
        base = f"{repo.rstrip('/')}/edit/{self.config.repo_branch or 'main'}/"
        if entry is not None:
            return base + entry.data_file if entry.data_file else None
        return base + f"{self.config.docs_dir}/{src_path}"

    # --- written pages --------------------------------------------------------------

    def written(self, output: str, where: str, dest: str) -> str:
        """A page's final HTML (`dest`: its file in the site): with its Content-Security-Policy,
        and safety-scanned."""
        try:
            output = csp.add_policy(output, self.config.scripts)
        except csp.UnknownScript as e:
            raise BuildFailed(f"{where}: 页面含有不在允许列表中的内嵌脚本（只允许主题自带的）：{e}") from None
        if self.scan is not None:
            self.scan.page(output, dest)
        return output

    # --- finish or abort --------------------------------------------------------------

    def finish(self) -> None:
        self._finish_assets()
        started = time.perf_counter()
        self._sweep()
        index, self.index = self.index, None
        assert index is not None
        try:
            count = index.finish()
        except SearchIndexError as e:
            raise BuildFailed(str(e)) from None
        self.log.info("gongshi: 搜索索引 %d 个页面（页面写完后又用 %.1f 秒；CPU：索引进程 %s 秒，pagefind %s 秒；"
                      "构建进程代为分词 %d 页）", count, time.perf_counter() - started, index.cpu.get("worker", "?"),
                      index.cpu.get("pagefind", "?"), index.prepared_here)
        gc.unfreeze()

    def _finish_assets(self) -> None:
        writer, self.writer = self.writer, None
        assert writer is not None
        waited = time.perf_counter()
        try:
            writer.finish()
        except AssetError as e:
            raise BuildFailed(f"生成订阅、日历和开放数据文件失败：{e}") from None
        self.log.info("gongshi: 订阅、日历和开放数据 %d 个文件（%s用 %.1f 秒，页面写完后又等 %.1f 秒）",
                      len(writer.paths), "另一进程" if writer.forks else "另一线程", writer.seconds,
                      time.perf_counter() - waited)

    def _sweep(self) -> None:
        # Pages were scanned as they were written; the sweep covers any other HTML file.
        started = time.perf_counter()
        scan, self.scan = self.scan, None
        assert scan is not None
        pages, findings = scan.sweep(self.config.site_dir)
        if findings:
            raise BuildFailed(safety.report(findings))
        self.log.info("gongshi: 安全检查 %d 个页面（页面写完后又用 %.1f 秒）", pages,
                      time.perf_counter() - started)

    # --- the staff preview ----------------------------------------------------------------

    def update(self, changed: list[Path]) -> tuple[Report, list[PageEntry] | None]:
        """After finish: read the changed data files again and recompute what follows from them. Returns the
        problems found and the new page list (None when there are errors: the pages stay as they were).
        Feeds, calendars, open data and the search index are not rewritten: they stay as first built."""
        assert self.site is not None
        old = self.site
        dataset = copied(old.data)
        report = reload_files(dataset, changed, self.config.project)
        if report is None:  # settings or holidays: everything is read and checked again
            checked = check_data(self.config.data_dir, old.today, base=self.config.project)
            report, dataset, windows = checked.report, checked.data, checked.windows
        else:
            rule_report, windows = rules.check(dataset, old.today)
            report.extend(rule_report)
        if not report.ok:
            return report, None
        site = Site(dataset, old.today, windows=windows, report=report, history=old.history, base=old.base)
        self.site = site
        self.calendar = build_events(site)
        self.renderer = self._renderer()
        return report, build_pages(site, self.calendar, self.outputs)

    def _renderer(self) -> Renderer:
        assert self.site is not None
        return Renderer(self.site, feeds=set(self.outputs), repo_url=self.config.repo_url,
                        site_url=self.config.site_url)

    def abort(self) -> None:
        self.scan = None
        writer, self.writer = self.writer, None
        if writer is not None:
            writer.abort()
        gc.unfreeze()
        index, self.index = self.index, None
        if index is not None:
            index.abort()


def _freeze() -> None:
    # The data and the page list live until the build ends: frozen, Python's cycle
    # collector stops walking them again and again while pages are rendered (its
    # full passes grow with everything alive).
    gc.collect()
    gc.freeze()
