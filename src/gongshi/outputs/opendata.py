"""Open data: issues and petitions as JSON and CSV, a JSON twin of every issue
page, and the JSON Schemas of both the published records and the data files."""

from __future__ import annotations

import copy
import csv
import io
import json

from pydantic import BaseModel

from gongshi.model import records as R
from gongshi.model.field_docs import describe, describe_field
from gongshi.runtime.cells import neutralised
from gongshi.site import urls
from gongshi.site.published import (
    ISSUE_COLUMNS,
    ISSUE_CSV,
    PETITION_CSV,
    IssueOut,
    PetitionOut,
    UnitRef,
    issue_out,
    petition_out,
)
from gongshi.site.site import Site


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return neutralised("、".join(v.name if isinstance(v, UnitRef) else str(v) for v in value))
    return neutralised(str(value))  # text such as "=…" or "-…" opens as text in a spreadsheet, never a formula


def _csv(rows: list[dict], columns: list[tuple[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([header for _, header in columns])
    for row in rows:
        writer.writerow([_cell(row.get(key)) for key, _ in columns])
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # BOM: Excel then reads UTF-8 Chinese correctly


def _json(value) -> bytes:
    return (_dumps(value) + "\n").encode("utf-8")


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=False)


def describe_schema(schema: dict, kind: str) -> dict:
    """Add Chinese descriptions throughout the schema: a nested model's fields (in $defs) by
    that model (field_docs.MODELS), the others by field name for the kind."""
    schema = copy.deepcopy(schema)

    def walk(node, model: str | None):
        if isinstance(node, dict):
            for name, prop in (node.get("properties") or {}).items():
                text = describe_field(model, name) if model else None
                if text is None:
                    text = describe(kind, name) or describe("notice", name)
                if text and isinstance(prop, dict):
                    prop.setdefault("description", text)
            for key, value in node.items():
                if key == "$defs" and isinstance(value, dict):
                    for def_name, definition in value.items():
                        walk(definition, def_name)
                else:
                    walk(value, model)
        elif isinstance(node, list):
            for value in node:
                walk(value, model)

    walk(schema, None)
    return schema


def data_file_schema(kind: str) -> dict:
    """Schema of a data file under data/<kind>/: the record model without `id` (the file name)."""
    model = R.KINDS[kind]
    schema = model.model_json_schema(mode="validation")
    schema["properties"].pop("id", None)
    schema["required"] = [r for r in schema.get("required", []) if r != "id"]
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = {"issues": "问题", "sources": "督察来源", "units": "单位", "petitions": "信访件",
                       "duties": "定期报送要求"}[kind]
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


def paths(site: Site) -> list[str]:
    """The files write() makes, in the order it makes them."""
    return ([urls.ISSUES_JSON, urls.ISSUES_CSV] + [urls.issue_json(issue_id) for issue_id in sorted(site.data.issues)]
            + [urls.petition_json(p) for p in sorted(site.data.petitions)]
            + [urls.PETITIONS_JSON, urls.PETITIONS_CSV, urls.ISSUE_RECORD_SCHEMA,
               urls.PETITION_RECORD_SCHEMA] + [urls.data_file_schema(kind) for kind in R.KINDS])


def write(site: Site, site_url: str | None, sink) -> None:
    """Write every open-data file to sink, one issue at a time (issues.json and issues.csv are streamed:
    for a large data set each would be hundreds of MB in memory)."""
    with sink.open(urls.ISSUES_JSON) as issues_json, sink.open(urls.ISSUES_CSV) as issues_csv:
        csv_text = io.TextIOWrapper(issues_csv, encoding="utf-8", newline="")
        csv_text.write("\ufeff")  # BOM: Excel then reads UTF-8 Chinese correctly
        table = csv.writer(csv_text, lineterminator="\r\n")
        table.writerow([header for _, header in ISSUE_CSV])
        number = -1
        for number, issue_id in enumerate(sorted(site.data.issues)):
            issue = issue_out(site, issue_id, site_url)
            # The pretty-printing encoder is pure Python: each issue is encoded once,
            # for its own index.json and (one level deeper) for issues.json.
            text = _dumps(issue.model_dump(mode="json"))
            sink.write(urls.issue_json(issue.id), (text + "\n").encode("utf-8"))
            issues_json.write((("[\n " if number == 0 else ",\n ") + text.replace("\n", "\n ")).encode("utf-8"))
            row = _issue_row(issue)
            table.writerow([_cell(row.get(key)) for key, _ in ISSUE_CSV])
        issues_json.write(b"\n]\n" if number >= 0 else _json([]))
        csv_text.flush()
        csv_text.detach()  # the sink closes the file
    petitions = [petition_out(site, p, site_url) for p in sorted(site.data.petitions)]
    for petition in petitions:
        sink.write(urls.petition_json(petition.id), _json(petition.model_dump(mode="json")))
    sink.write(urls.PETITIONS_JSON, _json([p.model_dump(mode="json") for p in petitions]))
    sink.write(urls.PETITIONS_CSV, _csv([{**p.model_dump(), "handling_units": p.handling_units} for p in petitions],
                                          PETITION_CSV))
    sink.write(urls.ISSUE_RECORD_SCHEMA, _json(export_schema(IssueOut, "issues")))
    sink.write(urls.PETITION_RECORD_SCHEMA, _json(export_schema(PetitionOut, "petitions")))
    for kind in R.KINDS:
        sink.write(urls.data_file_schema(kind), _json(data_file_schema(kind)))


def _issue_row(issue: IssueOut) -> dict:
    """The CSV columns of an issue."""
    row = issue.model_dump()
    if issue.notice:
        row.update(notice_start=issue.notice.start, notice_end=issue.notice.end,
                   notice_working_days_published=issue.notice.working_days_published,
                   notice_working_days_actual=issue.notice.working_days_actual)
    row["responsible_units"] = issue.responsible_units
    row["measures"] = "\n".join(f"{n}. {m.text.strip()}" for n, m in enumerate(issue.measures, 1))
    row["progress"] = "\n".join(f"{e.date.isoformat() if e.date else '日期未注明'}：{e.text.strip()}"
                                for e in issue.progress)
    return {c: _cell(row.get(c)) for c in ISSUE_COLUMNS}
