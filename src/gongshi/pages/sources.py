"""Inspection sources: the list, and a page per source with its issues."""

from __future__ import annotations

from gongshi.pages.entry import PageEntry, Plan, record_pages
from gongshi.site import urls


def index(plan: Plan) -> list[PageEntry]:
    return [PageEntry(urls.SOURCES, "sources_index.html", "督察来源", {
        "sources": sorted(plan.site.data.sources), "issues_by_source": plan.issues_by_source,
        "petitions_by_source": plan.petitions_by_source,
    }, description="中央和省生态环境保护督察、回头看、巡察、警示片")]


def records(plan: Plan) -> list[PageEntry]:
    site, data = plan.site, plan.site.data
    pages: list[PageEntry] = []
    for source_id, source in data.sources.items():
        pages.extend(record_pages(site, urls.source(source_id), "source.html", source.name,
                                  plan.issues_by_source.get(source_id, []), data.file_of("sources", source_id),
                                  source.summary or source.name, source_id=source_id,
                                  petitions=plan.petitions_by_source.get(source_id, [])))
    return pages
