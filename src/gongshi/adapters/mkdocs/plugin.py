"""The mkdocs adapter: mkdocs' events, in lifecycle order, as calls on one Build.

This package is the only code that knows mkdocs and mkdocs-material: their
config, files, pages, table of contents, nav, errors, and the theme's scripts.
"""

from __future__ import annotations

import json
import logging
import re
from functools import lru_cache
from html import escape
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents, get_toc

from gongshi.adapters.mkdocs import navcache
from gongshi.build.pipeline import Build, BuildConfig, BuildFailed
from gongshi.checks.csp import ScriptAllowList
from gongshi.pages import PageEntry

log = logging.getLogger("mkdocs.gongshi")  # a child of mkdocs' logger: printed as mkdocs' own lines


class GeneratedPage(Page):
    """A generated page: its Markdown is only its front matter, and its body is rendered by the build
    (page_context). mkdocs would set up a Markdown converter with every extension for each page."""

    def render(self, config, files) -> None:
        self.content = ""
        self.toc = get_toc([])
        self._title_from_render = None
        self.present_anchor_ids = set()
        self.links_to_anchors = {}


@lru_cache(maxsize=1)
def theme_scripts() -> ScriptAllowList:
    """mkdocs-material's inline scripts (read from the installed theme's templates, so an
    upgrade updates the list) and its script bundle."""
    import material

    folder = Path(material.__file__).parent / "templates" / "partials" / "javascripts"
    inline = [script for template in sorted(folder.glob("*.html"))
              for script in re.findall(r"<script>(.*?)</script>", template.read_text(encoding="utf-8"), re.S)]
    return ScriptAllowList(inline, r"assets/javascripts/bundle\.[0-9a-f]+\.min\.js")


def _config(config) -> BuildConfig:
    project = Path(config.config_file_path).parent
    extra = config.extra
    return BuildConfig(
        project=project, data_dir=project / extra.get("gongshi_data", "data"), site_dir=Path(config.site_dir),
        site_url=config.site_url, repo_url=extra.get("gongshi_repo_url"),
        repo_branch=extra.get("gongshi_repo_branch") or "main", docs_dir=Path(config.docs_dir).name,
        scripts=theme_scripts(),
    )


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


class MkDocsAdapter:
    def __init__(self) -> None:
        self.build: Build | None = None
        self.generated: dict[str, PageEntry] = {}  # src_uri → the generated page
        # mkdocs' own objects of the last build, which the staff preview renders pages with again.
        self.mkdocs_config: Any = None
        self.mkdocs_files: Files | None = None
        self.mkdocs_nav: Any = None
        self.jinja: Any = None

    def _call(self, step, *args):
        try:
            return step(*args)
        except BuildFailed as e:
            raise PluginError(str(e)) from None

    def pre_build(self, config) -> None:
        # Runs before mkdocs cleans site_dir: invalid data leaves the old site as it was.
        self.build = Build(_config(config), log)
        self.generated = {}
        self._call(self.build.load)

    def files(self, files: Files, config) -> Files:
        # site_dir is clean now: the other outputs are written straight into it.
        assert self.build is not None
        entries = self._call(self.build.plan)
        self.generated = {entry.src_uri: entry for entry in entries}
        listed = set(_nav_paths(config.nav or []))
        for entry in entries:
            # Generated pages never go in the nav: a nav of thousands of pages makes
            # mkdocs-material's output grow with the square of the data.
            inclusion = InclusionLevel.INCLUDED if entry.src_uri in listed else InclusionLevel.NOT_IN_NAV
            file = File.generated(config, entry.src_uri, content=self.front_matter(entry), inclusion=inclusion)
            existing = files.get_file_from_path(entry.src_uri)
            if existing is not None:
                files.remove(existing)
            files.append(file)
            if inclusion.is_not_in_nav():
                GeneratedPage(None, file, config)  # sets file.page: mkdocs uses it instead of a Page of its own
        handwritten = ["" if f.url in (".", "./") else f.url  # page.url of the home page is ""
                       for f in files.documentation_pages(inclusion=InclusionLevel.is_included)
                       if f.src_uri not in self.generated]
        self._call(self.build.start_index, handwritten)
        self.mkdocs_config, self.mkdocs_files = config, files
        return files

    def nav(self, nav):
        self.mkdocs_nav = nav
        return nav

    @staticmethod
    def front_matter(entry: PageEntry) -> str:
        # JSON is valid YAML: titles with colons or quotes survive the front matter; the theme
        # prints the title without escaping, so it is escaped here.
        return f"---\n{json.dumps({'title': escape(entry.title)}, ensure_ascii=False)}\n---\n"

    def env(self, env):
        # A fresh environment each build (mkdocs serve too): no need to stat every template per page.
        env.auto_reload = False
        # Generated pages are never in the nav: they share the theme's rendered navigation.
        navcache.install(env, lambda page: page.file.src_uri in self.generated and page.file.inclusion.is_not_in_nav())
        self.jinja = env
        return env

    def pre_page(self, page):
        # The sitemap's <lastmod> (and the sitemap.xml.gz header time) is the build date,
        # not mkdocs' clock: the same data and build date give the same bytes.
        if self.build is not None and self.build.site is not None:
            page.update_date = self.build.site.today.isoformat()
        return page

    def page_content(self, html: str, page) -> str:
        # Generated pages are rendered as they are written (page_context), not here.
        if page.file.src_uri in self.generated:
            return ""
        if self.build is None:
            return html
        return self._call(self.build.handwritten, page.url, page.title or "", html, page.is_homepage)

    def page_context(self, context, page):
        if self.build is None or self.build.renderer is None:
            return context
        entry = self.generated.get(page.file.src_uri)
        parts = self._call(self.build.render, page.url or "", page.title, entry, page.file.src_uri)
        context["gongshi_footer"] = parts.footer
        if parts.description is not None:
            page.meta["description"] = parts.description
        if parts.body is not None:
            page.content = parts.body
            page.toc = TableOfContents([AnchorLink(title, anchor, 2) for anchor, title in parts.toc])
        context["gongshi_head"] = parts.head
        if parts.canonical_url:
            # The canonical address of a moved page is the new one.
            page.canonical_url = parts.canonical_url
        if self.build.config.repo_url:
            page.edit_url = parts.edit_url
        return context

    def post_page(self, output: str, page) -> str:
        if page.file.src_uri in self.generated:
            page.content, page.toc = None, TableOfContents([])  # written: free them
        if self.build is None:
            return output
        return self._call(self.build.written, output, page.file.src_uri, page.file.dest_uri)

    def post_template(self, output: str, template_name: str) -> str:
        if not template_name.endswith(".html") or self.build is None:
            return output
        return self._call(self.build.written, output, template_name, template_name)

    def post_build(self) -> None:
        assert self.build is not None
        self._call(self.build.finish)

    def build_error(self) -> None:
        if self.build is not None:
            self.build.abort()
