"""mkdocs hooks: each mkdocs event, in lifecycle order, handed to the gongshi adapter.

The build itself (gongshi.build.pipeline) knows nothing of mkdocs; the adapter
(gongshi.adapters.mkdocs) translates. mkdocs imports this file by path; the
gongshi package is installed (pyproject.toml), so it is imported as any package.
"""

from __future__ import annotations

from gongshi.adapters.mkdocs.plugin import MkDocsAdapter

adapter = MkDocsAdapter()


def on_pre_build(config) -> None:
    adapter.pre_build(config)


def on_files(files, config):
    return adapter.files(files, config)


def on_nav(nav, config, files):
    return adapter.nav(nav)


def on_env(env, config, files):
    return adapter.env(env)


def on_pre_page(page, config, files):
    return adapter.pre_page(page)


def on_page_content(html: str, page, config, files) -> str:
    return adapter.page_content(html, page)


def on_page_context(context, page, config, nav):
    return adapter.page_context(context, page)


def on_post_page(output: str, page, config) -> str:
    return adapter.post_page(output, page)


def on_post_template(output: str, template_name: str, config) -> str:
    return adapter.post_template(output, template_name)


def on_post_build(config) -> None:
    adapter.post_build()


def on_build_error(error) -> None:
    adapter.build_error()
