"""Petitions handed over by the inspectors: the list and a page per petition."""

from __future__ import annotations

from gongshi.pages.entry import PageEntry, Plan, natural, paginate
from gongshi.site import urls


def index(plan: Plan) -> list[PageEntry]:
    petition_ids = sorted(plan.site.data.petitions, key=natural)
    return [PageEntry(path, "petitions_index.html", "信访件办理", {"petitions": items, "pager": pager},
                      description="督察组交办的群众信访件及办理情况")
            for path, items, pager in paginate(urls.PETITIONS, petition_ids)]


def records(plan: Plan) -> list[PageEntry]:
    data = plan.site.data
    return [PageEntry(urls.petition(petition_id), "petition.html", f"信访件 {petition_id}",
                      {"petition_id": petition_id}, data.file_of("petitions", petition_id),
                      petition.finding_text or petition.handling or "")
            for petition_id, petition in data.petitions.items()]
