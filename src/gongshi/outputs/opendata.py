"""Open data: issues and petitions as JSON and CSV, a JSON twin of every issue
page, and the JSON Schemas of both the published records and the data files."""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import json
from typing import Optional

from pydantic import BaseModel, ConfigDict

from gongshi.model import records as R
from gongshi.outputs.attachments import published as published_attachments
from gongshi.site.load import Site
from gongshi.model.field_docs import describe
from gongshi.outputs.sink import MemorySink


class UnitRef(BaseModel):
    id: str
    name: str


class MeasureOut(BaseModel):
    text: str
    lead: list[UnitRef]


class ProgressOut(BaseModel):
    date: Optional[dt.date]
    text: str
    document: Optional[str]


class AttachmentOut(BaseModel):
    title: str
    url: str
    type: str
    size: int
    sha256: str


class NoticeOut(BaseModel):
    title: str
    date: dt.date
    office: str
    office_name: str
    start: dt.date
    end: dt.date
    working_days_published: Optional[int]
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
    number: Optional[str]
    kind: str
    section: Optional[str]
    region: str
    category: list[str]
    problem: str
    target: Optional[str]
    deadline: Optional[str]
    deadline_due: Optional[dt.date]
    measures: list[MeasureOut]
    responsible_units: list[UnitRef]
    leader: Optional[str]
    status: str
    status_display: str
    overdue: bool
    progress: list[ProgressOut]
    notice: Optional[NoticeOut]
    attachments: list[AttachmentOut]
    note: Optional[str]


class PetitionOut(BaseModel):
    model_config = ConfigDict(extra="forbid", title="信访件（公开数据）")
    id: str
    url: str
    data_file: str
    source: str
    source_name: str
    batch: Optional[str]
    region: Optional[str]
    pollution: list[str]
    important: Optional[bool]
    channel: Optional[str]
    summary: Optional[str]
    finding: Optional[str]
    finding_text: Optional[str]
    handling: Optional[str]
    handling_units: list[UnitRef]
    status: Optional[str]
    reported: Optional[dt.date]
    document: Optional[str]


def _absolute(site_url: str | None, path: str) -> str:
    if not site_url:
        return path
    return site_url.rstrip("/") + "/" + path


def _units(site: Site, ids) -> list[UnitRef]:
    return [UnitRef(id=u, name=site.data.units[u].name if u in site.data.units else u) for u in ids]


def issue_out(site: Site, issue_id: str, site_url: str | None) -> IssueOut:
    data = site.data
    issue = data.issues[issue_id]
    window = site.windows.get(issue_id)
    notice = None
    if window is not None:
        channel = data.units[issue.signoff.contact or issue.signoff.office]
        notice = NoticeOut(
            title=issue.signoff.title, date=issue.signoff.date, office=issue.signoff.office,
            office_name=data.units[issue.signoff.office].name, start=window.start, end=window.end,
            working_days_published=window.published_days, working_days_actual=window.actual_days,
            state=window.state(site.today), url=_absolute(site_url, f"issues/{issue_id}/notice/"),
            objection_phones=[p.number for p in channel.phones], objection_emails=list(channel.emails),
        )
    return IssueOut(
        id=issue_id, url=_absolute(site_url, f"issues/{issue_id}/"),
        json_url=_absolute(site_url, f"issues/{issue_id}/index.json"),
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
        attachments=[AttachmentOut(title=a.title, url=_absolute(site_url, a.path), type=a.kind, size=a.size, sha256=a.sha256)
                     for a in published_attachments(site, "issues", issue_id)],
    )


def petition_out(site: Site, petition_id: str, site_url: str | None) -> PetitionOut:
    data = site.data
    p = data.petitions[petition_id]
    return PetitionOut(
        id=petition_id, url=_absolute(site_url, f"petitions/{petition_id}/"),
        data_file=data.file_of("petitions", petition_id), source=p.source, source_name=data.sources[p.source].name,
        batch=p.batch, region=p.region, pollution=list(p.pollution), important=p.important, channel=p.channel,
        summary=p.summary, finding=p.finding, finding_text=p.finding_text, handling=p.handling,
        handling_units=_units(site, p.handling_units), status=p.status, reported=p.reported, document=p.document,
    )


ISSUE_COLUMNS = [
    "id", "title", "source", "source_name", "number", "kind", "region", "category", "status", "status_display",
    "overdue", "deadline", "deadline_due", "responsible_units", "notice_start", "notice_end",
    "notice_working_days_published", "notice_working_days_actual", "url",
]
PETITION_COLUMNS = ["id", "source", "source_name", "region", "pollution", "important", "channel", "finding", "status", "reported", "url"]


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return "、".join(v.name if isinstance(v, UnitRef) else str(v) for v in value)
    return str(value)


def _csv(rows: list[dict], columns: list[str]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({c: _cell(row.get(c)) for c in columns})
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # BOM: Excel then reads UTF-8 Chinese correctly


def _json(value) -> bytes:
    return (_dumps(value) + "\n").encode("utf-8")


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=False)


def describe_schema(schema: dict, kind: str) -> dict:
    """Add Chinese descriptions by field name, throughout the schema."""
    schema = copy.deepcopy(schema)

    def walk(node, kind_here):
        if isinstance(node, dict):
            for name, prop in (node.get("properties") or {}).items():
                text = describe(kind_here, name) or describe("notice", name)
                if text and isinstance(prop, dict):
                    prop.setdefault("description", text)
            for value in node.values():
                walk(value, kind_here)
        elif isinstance(node, list):
            for value in node:
                walk(value, kind_here)

    walk(schema, kind)
    return schema


def data_file_schema(kind: str) -> dict:
    """Schema of a data file under data/<kind>/: the record model without `id` (the file name)."""
    model = R.KINDS[kind]
    schema = model.model_json_schema(mode="validation")
    schema["properties"].pop("id", None)
    schema["required"] = [r for r in schema.get("required", []) if r != "id"]
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = {"issues": "问题", "sources": "督察来源", "units": "单位", "petitions": "信访件", "duties": "定期报送要求"}[kind]
    return describe_schema(_string_inputs(schema), kind)


def _string_inputs(schema: dict) -> dict:
    """Deadline is written as text (e.g. 2017年3月底) and parsed: say so in the schema."""
    defs = schema.get("$defs", {})
    defs.pop("Deadline", None)
    text = json.dumps(schema)
    text = text.replace('{"$ref": "#/$defs/Deadline"}', '{"type": "string"}')
    return json.loads(text)


def export_schema(model: type[BaseModel], kind: str) -> dict:
    schema = model.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return describe_schema(schema, kind)


def files(site: Site, site_url: str | None) -> dict[str, bytes]:
    """Path → bytes of every open-data file."""
    sink = MemorySink()
    write(site, site_url, sink)
    return sink.files


def paths(site: Site) -> list[str]:
    """The files write() makes, in the order it makes them."""
    return (["data/issues.json"] + [f"issues/{issue_id}/index.json" for issue_id in sorted(site.data.issues)]
            + ["data/petitions.json", "data/issues.csv", "data/petitions.csv", "schema/issue-record.schema.json",
               "schema/petition-record.schema.json"] + [f"schema/{kind}.schema.json" for kind in R.KINDS])


def write(site: Site, site_url: str | None, sink) -> None:
    """Write every open-data file to sink, one issue at a time (issues.json is streamed)."""
    rows = []
    with sink.open("data/issues.json") as issues_json:
        for number, issue_id in enumerate(sorted(site.data.issues)):
            issue = issue_out(site, issue_id, site_url)
            # The pretty-printing encoder is pure Python: each issue is encoded once,
            # for its own index.json and (one level deeper) for issues.json.
            text = _dumps(issue.model_dump(mode="json"))
            sink.write(f"issues/{issue.id}/index.json", (text + "\n").encode("utf-8"))
            issues_json.write((("[\n " if number == 0 else ",\n ") + text.replace("\n", "\n ")).encode("utf-8"))
            rows.append(_issue_row(issue))
        issues_json.write(b"\n]\n" if rows else _json([]))
    petitions = [petition_out(site, p, site_url) for p in sorted(site.data.petitions)]
    sink.write("data/petitions.json", _json([p.model_dump(mode="json") for p in petitions]))
    sink.write("data/issues.csv", _csv(rows, ISSUE_COLUMNS))
    sink.write("data/petitions.csv", _csv([{**p.model_dump(), "handling_units": p.handling_units} for p in petitions],
                                          PETITION_COLUMNS))
    sink.write("schema/issue-record.schema.json", _json(export_schema(IssueOut, "issues")))
    sink.write("schema/petition-record.schema.json", _json(export_schema(PetitionOut, "petitions")))
    for kind in R.KINDS:
        sink.write(f"schema/{kind}.schema.json", _json(data_file_schema(kind)))


def _issue_row(issue: IssueOut) -> dict:
    """The CSV columns of an issue (only those: rows of all issues are kept until the end)."""
    row = issue.model_dump()
    if issue.notice:
        row.update(notice_start=issue.notice.start, notice_end=issue.notice.end,
                   notice_working_days_published=issue.notice.working_days_published,
                   notice_working_days_actual=issue.notice.working_days_actual)
    row["responsible_units"] = issue.responsible_units
    return {c: _cell(row.get(c)) for c in ISSUE_COLUMNS}
