"""mkdocs hooks: wire mkdocs events to the gongshi package. No logic lives here.

mkdocs imports this file by path with hooks/ on sys.path only while the module
body runs, so everything from gongshi is imported at the top level.
"""

from __future__ import annotations

import gc
import html
import json
import time
import logging
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.toc import AnchorLink, TableOfContents

from gongshi.build.builddate import BuildDateError, build_date
from gongshi.checks import csp, safety
from gongshi.site.events import build_events
from gongshi.outputs import robots
from gongshi.build.assets import AssetError, AssetWriter
from gongshi.outputs.sink import DirectorySink
from gongshi.model.regions import region_levels
from gongshi.adapters.mkdocs import navcache
from gongshi.render.engine import Renderer
from gongshi.pages import PageEntry, build_pages
from gongshi.search.facets import SearchPage, search_pages
from gongshi.search.pagefind.index import SearchIndexError
from gongshi.search.pagefind.worker import IndexStream
from gongshi.site.load import load_site
from gongshi.site.site import Site
from gongshi.data.problems import DataError
from gongshi.rules.check import missing_next_year

log = logging.getLogger("mkdocs.gongshi")
reminders = logging.getLogger("gongshi.reminders")


class _State:
    site: Site | None = None
    renderer: Renderer | None = None
    pages: dict[str, PageEntry] = {}
    calendar = None  # the events of the publication calendar
    assets: list[str] = []  # paths of the generated files (feeds, calendars, open data, attachments)
    searchable: dict[str, SearchPage] = {}  # path → page, for generated record pages
    index: IndexStream | None = None  # the search index, built by a worker as pages are rendered
    feeds: dict[str, str] = {}  # Atom feed path → title
    scan: safety.WrittenScan | None = None  # the safety scan of every page, as it is written
    writer: AssetWriter | None = None  # writes the generated files, in a child process while pages render


state = _State()


def on_pre_build(config) -> None:
    # Runs before mkdocs cleans site_dir: invalid data leaves the old site as it was.
    gc.unfreeze()  # the previous build's objects (mkdocs serve) may go now
    started = time.perf_counter()
    data_dir = Path(config.config_file_path).parent / config.extra.get("gongshi_data", "data")
    try:
        today = build_date()
        site = load_site(data_dir, today, base=Path(config.config_file_path).parent)
    except (DataError, BuildDateError) as e:
        raise PluginError(str(e)) from None
    for problem in site.report.warnings:
        # Known, published discrepancies: reported, and shown on the page.
        log.info("数据提示 %s", problem.text())
    if (message := missing_next_year(site.data, today)) is not None:
        # A reminder for staff, not a defect of the build: shown as a warning, but on a
        # logger outside "mkdocs", so `--strict` (which counts mkdocs warnings) still passes.
        reminders.warning(message)
    # The YAML node trees only serve line numbers in validation messages: validation is
    # done, and at 100,000 issues they are a large share of the build's memory.
    site.data.nodes.clear()
    state.calendar = build_events(site)
    state.searchable = {page.path: page for page in search_pages(site)}
    state.site = site
    _freeze()
    log.info("gongshi: %d 个问题，生成日期 %s（读取和检查数据 %.1f 秒）",
             len(site.data.issues), today, time.perf_counter() - started)


def on_files(files: Files, config) -> Files:
    # site_dir is clean now: the generated files are written straight into it, one at a
    # time (as mkdocs files they would all be held in memory until the end), by a child
    # process while pages are rendered (export/background.py).
    started = time.perf_counter()
    site = state.site
    state.writer = AssetWriter(site, state.calendar, config.site_url, Path(config.site_dir))
    state.writer.start()  # before any thread or worker of this build exists: it may fork
    state.feeds = state.writer.feeds
    state.assets = state.writer.paths
    sink = DirectorySink(Path(config.site_dir))
    state.renderer = Renderer(site, feeds=set(state.assets), repo_url=config.extra.get("gongshi_repo_url"),
                              site_url=config.site_url)
    state.pages = {entry.src_uri: entry for entry in build_pages(site, state.calendar, sorted(state.assets))}
    sink.write("robots.txt", robots.text(config.site_url).encode("utf-8"))
    log.info("gongshi: %d 个页面待生成（准备用 %.1f 秒）", len(state.pages), time.perf_counter() - started)
    listed = set(_nav_paths(config.nav or []))
    # Pages are written in path order, the order of the search index shards (indexer.shard_plan):
    # each shard's pagefind run can start as soon as its pages are written, not at the end.
    for src_uri, entry in sorted(state.pages.items()):
        # mkdocs-material prints title and description without escaping: escape here.
        front = {"title": html.escape(entry.title)}  # the description is set as the page is rendered
        # JSON is valid YAML: titles with colons or quotes survive the front matter.
        content = f"---\n{json.dumps(front, ensure_ascii=False)}\n---\n"
        # Generated record pages never go in the nav: a nav of thousands of pages makes
        # mkdocs-material's output grow with the square of the data.
        inclusion = InclusionLevel.INCLUDED if src_uri in listed else InclusionLevel.NOT_IN_NAV
        file = File.generated(config, src_uri, content=content, inclusion=inclusion)
        if src_uri in files:
            files.remove(files.get_file_from_path(src_uri))
        files.append(file)
    # Every searchable page is known now: the worker plans the index shards and
    # indexes each one as soon as its pages are rendered.
    written = ["" if f.url in (".", "./") else f.url  # page.url of the home page is ""
               for f in files.documentation_pages(inclusion=InclusionLevel.is_included)
               if f.src_uri not in state.pages]
    dates = {path: None for path in written} | {path: page.sort_date for path, page in state.searchable.items()}
    state.index = IndexStream(Path(config.site_dir), dates,
                              {path: page.weight for path, page in state.searchable.items()},
                              hold_fd=state.writer.done_fd if state.writer.holds_index else None)
    # Scanning a page takes a sixth of what pagefind takes to index one: this many pages
    # can be scanned at the end while the last shard is indexed, for free.
    state.scan = safety.WrittenScan(urlsplit(config.site_url or "/").path, defer=4 * state.index.last_shard_size)
    _freeze()
    return files


def _freeze() -> None:
    # The data and the page list live until the build ends: frozen, Python's cycle
    # collector stops walking them again and again while pages are rendered (its
    # full passes grow with everything alive: at 100,000 issues, millions of objects).
    gc.collect()
    gc.freeze()


def _alternates(entry) -> list[tuple[str, str]]:
    """The feeds a page announces: the site's, plus its source's and regions' on record pages."""
    wanted = ["feeds/notices.xml"]
    if entry is not None:
        issue_id = entry.locals.get("issue_id")
        source_id = entry.locals.get("source_id")
        if issue_id:
            issue = state.site.data.issues[issue_id]
            source_id = issue.source
            wanted += [f"feeds/regions/{r}.xml" for r in region_levels(issue.region)]
        if source_id:
            wanted.insert(1, f"sources/{source_id}/feed.xml")
    return [(p, state.feeds[p]) for p in wanted if p in state.feeds]


def _page_path(page) -> str:
    url = page.url or ""
    return url if url.endswith("/") or not url else url.rsplit("/", 1)[0] + "/"


def _nav_paths(nav):
    for item in nav:
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            for value in item.values():
                if isinstance(value, str):
                    yield value
                elif isinstance(value, list):
                    yield from _nav_paths(value)


def on_env(env, config, files):
    # A fresh environment each build (mkdocs serve too): no need to stat every template per page.
    env.auto_reload = False
    # Generated pages are never in the nav: they share the theme's rendered navigation.
    navcache.install(env, lambda page: page.file.src_uri in state.pages and page.file.inclusion.is_not_in_nav())
    return env


def on_pre_page(page, config, files):
    # The sitemap's <lastmod> (and the sitemap.xml.gz header time) is the build date,
    # not mkdocs' clock: the same data and build date give the same bytes.
    if state.site is not None:
        page.update_date = state.site.today.isoformat()
    return page


def on_page_content(html: str, page, config, files) -> str:
    if page.file.src_uri in state.pages:
        # Generated pages are rendered in on_page_context, one at a time as they are
        # written, and dropped after (on_post_page): mkdocs would otherwise hold every
        # page's body in memory until the last page is written.
        return ""
    if page.is_homepage and state.renderer is not None:
        html = html + state.renderer.render_home()
    # The article a reader sees: the theme adds the title as <h1> when the body has none.
    state.index.add(SearchPage(page.url, page.title or "", {"type": ["说明"]}), html,
                    None if "<h1" in html else page.title)
    return html


def _render_generated(page, entry: PageEntry) -> None:
    body = state.renderer.render(entry)
    page.content = body
    page.toc = TableOfContents([AnchorLink(title, anchor, 2) for anchor, title in Renderer.toc(body)])
    if entry.path in state.searchable:
        state.index.add(state.searchable[entry.path], body, None if "<h1" in body else page.title)


def on_post_page(output: str, page, config) -> str:
    if page.file.src_uri in state.pages:
        page.content, page.toc = None, TableOfContents([])  # written: free them
    output = _with_policy(output, page.file.src_uri)
    if state.scan is not None:
        state.scan.page(output, page.file.dest_uri)
    return output


def on_post_template(output: str, template_name: str, config) -> str:
    if not template_name.endswith(".html"):
        return output
    output = _with_policy(output, template_name)
    if state.scan is not None:
        state.scan.page(output, template_name)
    return output


def _with_policy(output: str, where: str) -> str:
    try:
        return csp.add_policy(output)
    except csp.UnknownScript as e:
        raise PluginError(f"{where}: 页面含有不在允许列表中的内嵌脚本（只允许 mkdocs-material 自带的）：{e}") from None


def on_post_build(config) -> None:
    _finish_assets()
    started = time.perf_counter()
    # The safety scan's sweep runs while the worker indexes the last shard.
    _scan(config)
    # pagefind indexes the built pages' visible text with our own tokens (search/stream.py).
    index, state.index = state.index, None
    try:
        count = index.finish()
    except SearchIndexError as e:
        raise PluginError(str(e)) from None
    log.info("gongshi: 搜索索引 %d 个页面（页面写完后又用 %.1f 秒；CPU：索引进程 %s 秒，pagefind %s 秒；"
             "构建进程代为分词 %d 页%s）", count, time.perf_counter() - started, index.cpu.get("worker", "?"),
             index.cpu.get("pagefind", "?"), index.prepared_here,
             f"；写文件的子进程结束前（索引进程开始后 {index.cpu['held']} 秒）未运行 pagefind" if index.cpu.get("held") else "")
    gc.unfreeze()


def _finish_assets() -> None:
    writer, state.writer = state.writer, None
    waited = time.perf_counter()
    try:
        writer.finish()
    except AssetError as e:
        raise PluginError(f"生成订阅、日历和开放数据文件失败：{e}") from None
    log.info("gongshi: 订阅、日历和开放数据 %d 个文件（%s用 %.1f 秒，页面写完后又等 %.1f 秒）", len(writer.paths),
             "另一进程" if writer.forks else "", writer.seconds, time.perf_counter() - waited)


def _scan(config) -> None:
    # Pages were scanned as they were written; the sweep covers any other HTML file.
    started = time.perf_counter()
    scan, state.scan = state.scan, None
    pages, findings = scan.sweep(Path(config.site_dir))
    if findings:
        raise PluginError(safety.report(findings))
    log.info("gongshi: 安全检查 %d 个页面（页面写完后又用 %.1f 秒，同时建立最后的搜索索引）", pages, time.perf_counter() - started)


def on_build_error(error) -> None:
    state.scan = None
    if state.writer is not None:
        state.writer.abort()
        state.writer = None
    gc.unfreeze()
    if state.index is not None:
        state.index.abort()
        state.index = None


def on_page_context(context, page, config, nav):
    if state.renderer is not None:
        # Rendered by our autoescaping engine; the theme prints it as is.
        context["gongshi_footer"] = state.renderer.render_footer(_page_path(page))
    entry = state.pages.get(page.file.src_uri)
    if entry is not None:
        if entry.description:
            page.meta["description"] = html.escape(state.renderer.md.plain(entry.description)[:150])
        _render_generated(page, entry)
    if state.renderer is not None:
        context["gongshi_head"] = state.renderer.render_head(_page_path(page), _alternates(entry), entry)
    if entry is not None and entry.template == "redirect.html" and config.site_url:
        # The canonical address of a moved page is the new one.
        page.canonical_url = config.site_url.rstrip("/") + "/" + entry.locals["target"]
    repo = config.extra.get("gongshi_repo_url")
    if repo:
        # "Edit this page" opens the file behind the page: the data file of a generated
        # page (listings have none), the Markdown source of a hand-written one.
        base = f"{repo.rstrip('/')}/edit/{config.extra.get('gongshi_repo_branch') or 'main'}/"
        if entry is not None:
            page.edit_url = base + entry.data_file if entry.data_file else None
        else:
            docs = Path(config.docs_dir).name
            page.edit_url = base + f"{docs}/{page.file.src_uri}"
    return context
