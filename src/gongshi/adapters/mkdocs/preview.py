"""The staff preview's engine: one full build, then single pages rendered again with mkdocs' own objects.

After the first build the mkdocs configuration, files, navigation and template environment stay alive. A
change to data files updates the build's data (Build.update), and each page is rendered again only when it
is asked for, so an edit to one record costs that record's re-reading and the pages a staff member opens.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from mkdocs.commands.build import _build_page, _populate_page
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.pages import Page

from gongshi.adapters.mkdocs import engine
from gongshi.adapters.mkdocs.plugin import GeneratedPage, MkDocsAdapter
from gongshi.data.problems import Report


class PreviewError(Exception):
    """The first build failed; the message is for staff."""


class Preview:
    def __init__(self, config_file: str, site_dir: Path):
        os.environ.pop("GONGSHI_SITE_URL", None)  # served from the root of a local address
        self.config = engine.load(config_file, strict=False)
        self.site_dir = Path(site_dir)
        self.project = Path(self.config.config_file_path).parent
        adapters = [getattr(hook, "adapter", None) for hook in self.config.plugins.values()]
        found = [a for a in adapters if isinstance(a, MkDocsAdapter)]
        if not found:
            raise PreviewError("配置文件中没有 gongshi 的 hooks（hooks/gongshi_hooks.py）")
        self.adapter = found[0]
        self.lock = threading.Lock()  # one render or update at a time: the engine's objects are shared
        self.generation = 0  # counts the changes since the first build
        self.rendered: dict[str, int] = {}  # a page's src_uri → the generation it was last rendered in
        self.by_url: dict[str, File] = {}

    @property
    def data_dir(self) -> Path:
        assert self.adapter.build is not None
        return self.adapter.build.config.data_dir

    @property
    def docs_dir(self) -> Path:
        return Path(self.config.docs_dir)

    def build(self) -> None:
        """The whole site, as scripts/build makes it (with the search index of this moment)."""
        try:
            engine.build(self.config, self.site_dir)
        except engine.EngineError as e:
            raise PreviewError(str(e) or "生成失败（原因见上面的日志）") from None
        self._index_urls()

    def _index_urls(self) -> None:
        files = self.adapter.mkdocs_files
        assert files is not None
        self.by_url = {("" if f.url in (".", "./") else f.url): f
                       for f in files.documentation_pages(inclusion=InclusionLevel.is_included)}

    def page_file(self, url: str) -> Path | None:
        """The written file of the page at `url` (e.g. "issues/x/"), rendered again first when the data or
        its source changed since it was; None when there is no such page."""
        with self.lock:
            file = self.by_url.get(url.removesuffix("index.html"))
            if file is None:
                return None
            if self.rendered.get(file.src_uri, 0) < self.generation:
                self._render(file)
                self.rendered[file.src_uri] = self.generation
            return Path(file.abs_dest_path)

    def _render(self, file: File) -> None:
        adapter = self.adapter
        assert adapter.mkdocs_config is not None and adapter.mkdocs_files is not None
        if file.page is None:  # a page added since the build
            (GeneratedPage if file.src_uri in adapter.generated else Page)(None, file, adapter.mkdocs_config)
        assert file.page is not None
        _populate_page(file.page, adapter.mkdocs_config, adapter.mkdocs_files)
        doc_files = adapter.mkdocs_files.documentation_pages(inclusion=InclusionLevel.is_included)
        _build_page(file.page, adapter.mkdocs_config, doc_files, adapter.mkdocs_nav, adapter.jinja)

    def touched_docs(self) -> None:
        """A hand-written page changed: pages are rendered again when next asked for."""
        with self.lock:
            self.generation += 1

    def update(self, changed: list[Path]) -> Report:
        """Data files changed: their problems; without errors the pages show the new data when next asked for."""
        with self.lock:
            build, adapter = self.adapter.build, self.adapter
            assert build is not None and adapter.mkdocs_config is not None and adapter.mkdocs_files is not None
            report, entries = build.update(changed)
            if entries is None:
                return report
            files = adapter.mkdocs_files
            new = {entry.src_uri: entry for entry in entries}
            for src_uri in set(adapter.generated) - set(new):  # a record deleted: its pages go
                gone = files.get_file_from_path(src_uri)
                if gone is not None:
                    files.remove(gone)
                    Path(gone.abs_dest_path).unlink(missing_ok=True)
            for src_uri, entry in new.items():
                file = files.get_file_from_path(src_uri)
                content = adapter.front_matter(entry)  # the title may have changed
                if file is None:
                    files.append(File.generated(adapter.mkdocs_config, src_uri, content=content,
                                                inclusion=InclusionLevel.NOT_IN_NAV))
                elif file.content_string != content:
                    file.content_string = content
            adapter.generated = new
            self._index_urls()
            self.generation += 1
            return report
