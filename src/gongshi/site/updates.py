"""What changed, newest first: sign-off notices, dated progress, status changes and other changes to an
issue. One list for the feeds (outputs/atom.py) and the home page's 最近更新.

A notice's and a progress entry's date is the source document's; a status change's and another change's
is this site's (when the change entered the data). Changes are worded in Chinese from the data
(data/history.py): commit messages are never read."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from gongshi.model.regions import region_levels
from gongshi.model.status import status_label
from gongshi.site import urls
from gongshi.site.site import Site

TAG = "tag:gongshi,2026"

# kind → (label on the home page, whose date it is)
KINDS = {
    "notice": ("整改销号公示", "原文日期"),
    "progress": ("整改进展", "原文日期"),
    "status": ("状态变化", "本站记录日期"),
    "change": ("修改", "本站记录日期"),
}


# A change's date is this site's: said so in the entry (a notice's or a progress entry's is the source's).
SITE_DATED = "（{}，本站记录的修改日期）"


def cn(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


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
            summary=f"{data.units[signoff.office].name}于{cn(signoff.date)}发布（原文日期）。公示时间：{window.start}至{window.end}，"
                    + (f"公示原文写“共{window.published_days}个工作日”，按国务院节假日安排实际为"
                       f"{window.actual_days}个工作日。" if window.count_mismatch
                       else f"共{window.days_as_published}个工作日。"),
            source=issue.source, regions=tuple(region_levels(issue.region)),
        ))
    for issue_id, issue in data.issues.items():
        regions = tuple(region_levels(issue.region))
        for change in site.history_of("issues", issue_id).changes:
            if change.status_to:
                shown_from = status_label(change.status_from) if change.status_from else "（新建）"
                arrow = f"{shown_from} → {status_label(change.status_to)}"
                out.append(Update(
                    id=f"{TAG}:status/{issue_id}/{change.commit[:12]}", kind="status",
                    title=f"状态变化：{issue.title}：{arrow}", record_title=f"{issue.title}：{arrow}",
                    path=urls.issue_history(issue_id, change.commit[:12]), date=change.date,
                    summary="；".join(change.lines) + SITE_DATED.format(cn(change.date)), source=issue.source,
                    regions=regions, is_new_record=change.status_from is None,
                ))
            elif not change.is_first:
                out.append(Update(
                    id=f"{TAG}:change/{issue_id}/{change.commit[:12]}", kind="change",
                    title=f"修改：{issue.title}：{'；'.join(change.lines)}",
                    record_title=f"{issue.title}：{'；'.join(change.lines)}",
                    path=urls.issue_history(issue_id, change.commit[:12]), date=change.date,
                    summary="；".join(change.lines) + SITE_DATED.format(cn(change.date)), source=issue.source,
                    regions=regions,
                ))
        documents = {d.title: d.date for d in (*data.sources[issue.source].documents, *issue.documents) if d.date}
        for index, entry in enumerate(issue.progress):
            # An undated entry takes the date of the document it comes from, when the data dates that
            # document (a document listed with the issue or its source under the same title). Otherwise
            # it stays out of the feeds: a feed entry needs a date, and any other (the build's, the
            # inspection's feedback date) would tell readers something the source does not say.
            date = entry.date or (documents.get(entry.document) if entry.document else None)
            if date is None:
                continue
            out.append(Update(
                id=f"{TAG}:progress/{issue_id}/{date.isoformat()}/{index + 1}", kind="progress",
                title=f"整改进展：{issue.title}", record_title=issue.title,
                path=urls.issue(issue_id), date=date,
                summary=f"（{'进展日期' if entry.date else '出处文件日期'}{cn(date)}，原文日期）{entry.text[:200]}",
                source=issue.source, regions=regions,
            ))
    out.sort(key=lambda e: (e.date, e.id), reverse=True)
    return out
