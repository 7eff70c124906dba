"""Issues and petitions as published in the open data (JSON, CSV, each issue page's
JSON twin): the record shapes and how a record becomes one."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict

from gongshi.site import urls
from gongshi.site.attachments import published as published_attachments
from gongshi.site.provenance import provenance
from gongshi.site.site import Site

# The CSV files' columns: (JSON field, Chinese header). The header row is Chinese (the opendata page lists
# which JSON field each column is); a record's text is whole: problem, target, every measure and progress.
ISSUE_CSV = [
    ("id", "编号"), ("title", "问题"), ("source", "督察来源编号"), ("source_name", "督察来源"), ("number", "原文编号"),
    ("kind", "问题类型"), ("section", "所属反馈问题"), ("region", "地区"), ("category", "类别"),
    ("status", "状态（数据）"), ("status_display", "状态（页面显示）"), ("overdue", "已逾期"), ("deadline", "整改时限"),
    ("deadline_due", "整改时限（日期）"), ("responsible_units", "责任单位"), ("problem", "问题描述"),
    ("target", "整改目标"), ("measures", "整改措施"), ("progress", "整改进展"), ("notice_start", "公示开始"),
    ("notice_end", "公示结束"), ("notice_working_days_published", "公示工作日数（原文）"),
    ("notice_working_days_actual", "公示工作日数（核对）"), ("url", "网址"),
]
PETITION_CSV = [
    ("id", "信访件编号"), ("source", "督察来源编号"), ("source_name", "督察来源"), ("region", "地区"),
    ("pollution", "污染类型"), ("important", "重点"), ("channel", "来源方式"), ("finding", "核查结论"),
    ("status", "办理状态"), ("reported", "信息日期"), ("summary", "反映问题"), ("finding_text", "调查核实情况"),
    ("handling", "办理情况"), ("url", "网址"),
]
ISSUE_COLUMNS = [key for key, _ in ISSUE_CSV]
PETITION_COLUMNS = [key for key, _ in PETITION_CSV]


class UnitRef(BaseModel):
    id: str
    name: str


class MeasureOut(BaseModel):
    text: str
    lead: list[UnitRef]


class ProgressOut(BaseModel):
    date: dt.date | None
    text: str
    document: str | None


class AttachmentOut(BaseModel):
    title: str
    url: str
    type: str
    size: int
    sha256: str


class DocumentOut(BaseModel):
    """A source document the record comes from: its dates are the source's."""
    title: str
    number: str | None
    issuer: str | None
    date: dt.date | None
    url: str | None


class SiteDatesOut(BaseModel):
    """This site's dates (not the source's): when the record entered the data and when it last changed."""
    collected: dt.date | None
    updated: dt.date | None


class NoticeOut(BaseModel):
    title: str
    date: dt.date
    office: str
    office_name: str
    start: dt.date
    end: dt.date
    working_days_published: int | None
    working_days_actual: int
    state: str
    url: str
    objection_phones: list[str]
    objection_emails: list[str]


class IssueOut(BaseModel):
    model_config = ConfigDict(extra="forbid", title="整改问题（公开数据）")
    id: str
    url: str
    json_url: str
    data_file: str
    title: str
    source: str
    source_name: str
    number: str | None
    kind: str
    section: str | None
    region: str
    category: list[str]
    problem: str
    target: str | None
    deadline: str | None
    deadline_due: dt.date | None
    measures: list[MeasureOut]
    responsible_units: list[UnitRef]
    leader: str | None
    status: str
    status_display: str
    overdue: bool
    progress: list[ProgressOut]
    notice: NoticeOut | None
    attachments: list[AttachmentOut]
    note: str | None
    source_documents: list[DocumentOut]
    site_dates: SiteDatesOut


class PetitionOut(BaseModel):
    model_config = ConfigDict(extra="forbid", title="信访件（公开数据）")
    id: str
    url: str
    json_url: str
    data_file: str
    source: str
    source_name: str
    batch: str | None
    region: str | None
    pollution: list[str]
    important: bool | None
    channel: str | None
    summary: str | None
    finding: str | None
    finding_text: str | None
    handling: str | None
    handling_units: list[UnitRef]
    status: str | None
    reported: dt.date | None
    document: str | None
    source_documents: list[DocumentOut]
    site_dates: SiteDatesOut


def _provenance(site: Site, kind: str, record_id: str) -> dict:
    prov = provenance(site, kind, record_id)
    return {"source_documents": [DocumentOut(title=d.title, number=d.number, issuer=d.issuer, date=d.date, url=d.url)
                          for d in prov.documents],
            "site_dates": SiteDatesOut(collected=prov.collected, updated=prov.updated)}


def _units(site: Site, ids) -> list[UnitRef]:
    return [UnitRef(id=u, name=site.data.units[u].name if u in site.data.units else u) for u in ids]


def issue_out(site: Site, issue_id: str, site_url: str | None) -> IssueOut:
    data = site.data
    issue = data.issues[issue_id]
    window = site.windows.get(issue_id)
    notice = None
    if window is not None:
        signoff = issue.signoff
        assert signoff is not None  # a notice window exists only for an issue with a sign-off notice
        channel = data.units[signoff.contact or signoff.office]
        notice = NoticeOut(
            title=signoff.title, date=signoff.date, office=signoff.office,
            office_name=data.units[signoff.office].name, start=window.start, end=window.end,
            working_days_published=window.published_days, working_days_actual=window.actual_days,
            state=window.state(site.today), url=urls.absolute(site_url, urls.notice(issue_id)),
            objection_phones=[p.display for p in channel.phones], objection_emails=list(channel.emails),
        )
    return IssueOut(
        id=issue_id, url=urls.absolute(site_url, urls.issue(issue_id)),
        json_url=urls.absolute(site_url, urls.issue_json(issue_id)),
        data_file=data.file_of("issues", issue_id), title=issue.title, source=issue.source,
        source_name=data.sources[issue.source].name, number=issue.number, kind=issue.kind,
        section=issue.section, region=issue.region, category=list(issue.category), problem=issue.problem,
        target=issue.target, deadline=issue.deadline.text if issue.deadline else None,
        deadline_due=issue.deadline.due if issue.deadline else None,
        measures=[MeasureOut(text=m.text, lead=_units(site, m.lead)) for m in issue.measures],
        responsible_units=_units(site, issue.responsible_units), leader=issue.leader, status=issue.status,
        status_display=site.status(issue_id), overdue=site.overdue(issue_id),
        progress=[ProgressOut(date=p.date, text=p.text, document=p.document) for p in issue.progress],
        notice=notice, note=issue.note,
        attachments=[AttachmentOut(title=a.title, url=urls.absolute(site_url, a.path), type=a.kind, size=a.size,
                                   sha256=a.sha256)
                     for a in published_attachments(site, "issues", issue_id)],
        **_provenance(site, "issues", issue_id),
    )


def petition_out(site: Site, petition_id: str, site_url: str | None) -> PetitionOut:
    data = site.data
    p = data.petitions[petition_id]
    return PetitionOut(
        id=petition_id, url=urls.absolute(site_url, urls.petition(petition_id)),
        json_url=urls.absolute(site_url, urls.petition_json(petition_id)),
        data_file=data.file_of("petitions", petition_id), source=p.source, source_name=data.sources[p.source].name,
        batch=p.batch, region=p.region, pollution=list(p.pollution), important=p.important, channel=p.channel,
        summary=p.summary, finding=p.finding, finding_text=p.finding_text, handling=p.handling,
        handling_units=_units(site, p.handling_units), status=p.status, reported=p.reported, document=p.document,
        **_provenance(site, "petitions", petition_id),
    )
