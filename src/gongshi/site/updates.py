"""What changed, newest first: sign-off notices, dated progress and status changes. One list for the
feeds (outputs/atom.py) and the home page's 最近更新.

A notice's and a progress entry's date is the source document's; a status change's is this site's (when
the change entered the data)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from gongshi.model.regions import region_levels
from gongshi.site import urls
from gongshi.site.site import Site

TAG = "tag:gongshi,2026"

# kind → (label on the home page, whose date it is)
KINDS = {
    "notice": ("整改销号公示", "原文日期"),
    "progress": ("整改进展", "原文日期"),
    "status": ("状态变化", "本站记录日期"),
}


@dataclass(frozen=True)
class Update:
    id: str  # a tag URI built from record ids: it never changes
    kind: str  # a key of KINDS
    title: str  # the feed entry's title
    record_title: str  # the record's own title (the home page says the kind beside it)
    path: str
    date: dt.date
    summary: str
    source: str
    regions: tuple[str, ...]
    is_new_record: bool = False  # a status "change" that is the record's first version

    @property
    def label(self) -> str:
        return KINDS[self.kind][0]

    @property
    def whose_date(self) -> str:
        return KINDS[self.kind][1]


def updates(site: Site) -> list[Update]:
    data = site.data
    out: list[Update] = []
    for issue_id, window in site.windows.items():
        issue = data.issues[issue_id]
        signoff = issue.signoff
        assert signoff is not None  # a notice window exists only for an issue with a sign-off notice
        out.append(Update(
            id=f"{TAG}:notice/{issue_id}", kind="notice", title=f"整改销号公示：{signoff.title}",
            record_title=signoff.title, path=urls.notice(issue_id), date=signoff.date,
            summary=f"{data.units[signoff.office].name}发布。公示时间：{window.start}至{window.end}，"
                    f"共{window.days_as_published}个工作日。",
            source=issue.source, regions=tuple(region_levels(issue.region)),
        ))
    for issue_id, issue in data.issues.items():
        for change in site.history_of("issues", issue_id).status_changes:
            out.append(Update(
                id=f"{TAG}:status/{issue_id}/{change.commit[:12]}", kind="status",
                title=f"状态变化：{issue.title}：{change.status_from or '（新建）'} → {change.status_to}",
                record_title=f"{issue.title}：{change.status_from or '（新建）'} → {change.status_to}",
                path=urls.issue_history(issue_id, change.commit[:12]), date=change.date, summary=change.subject,
                source=issue.source, regions=tuple(region_levels(issue.region)),
                is_new_record=change.status_from is None,
            ))
        for index, entry in enumerate(issue.progress):
            if entry.date is None:
                continue
            out.append(Update(
                id=f"{TAG}:progress/{issue_id}/{entry.date.isoformat()}/{index + 1}", kind="progress",
                title=f"整改进展：{issue.title}", record_title=issue.title,
                path=urls.issue(issue_id), date=entry.date, summary=entry.text[:200],
                source=issue.source, regions=tuple(region_levels(issue.region)),
            ))
    out.sort(key=lambda e: (e.date, e.id), reverse=True)
    return out
