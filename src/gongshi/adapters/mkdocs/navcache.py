"""Render mkdocs-material's site navigation once per kind of page, not once per page.

The theme renders the whole navigation (partials/nav.html) into every page: on
a large site a large share of the build. A page that is not in
the nav gets the same navigation as any other such page in the same folder
at the same depth: nothing is active, and the links to the nav's pages
(all one folder deep) differ only by the path up to the site root. So the
navigation is rendered for the first such page of a kind and reused; the
second page of each kind is still rendered in full and compared, and a kind
whose navigation differs is never cached.
"""

from __future__ import annotations

from collections.abc import Callable

from mkdocs.structure.pages import Page

TEMPLATE = "partials/nav.html"


def page_kind(url: str) -> tuple[str, int]:
    """("issues", 3) for issues/x/notice/: the first folder and the depth."""
    parts = url.strip("/").split("/") if url.strip("/") else []
    return (parts[0] if parts else "", len(parts))


def install(env, cacheable: Callable[[Page], bool]) -> None:
    """Wrap the theme's nav template in env; `cacheable(page)` says which pages may share it."""
    template = env.get_template(TEMPLATE)
    render = getattr(template.root_render_func, "gongshi_original", template.root_render_func)
    cache: dict[tuple[str, int], str] = {}
    checked: set[tuple[str, int]] = set()
    refused: set[tuple[str, int]] = set()

    def cached(context):
        page = context.get("page")
        if page is None or not cacheable(page):
            yield from render(context)
            return
        key = page_kind(page.url)
        if key in refused:
            yield from render(context)
        elif key not in cache:
            cache[key] = "".join(render(context))
            yield cache[key]
        elif key not in checked:
            fresh = "".join(render(context))
            checked.add(key)
            if fresh != cache[key]:
                refused.add(key)
            yield fresh
        else:
            yield cache[key]

    cached.gongshi_original = render  # type: ignore[attr-defined]  # mypy does not model attributes set on functions
    template.root_render_func = cached
