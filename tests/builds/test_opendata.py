"""Open data, statistics and feeds of the sample site."""

import csv
import datetime as dt
import io
import json

import feedparser
import jsonschema
import pytest
import yaml

from conftest import ROOT
from gongshi.model.records import KINDS
from sitebuild import SITE_URL, content_of, page, text_of


@pytest.fixture
def site(sample_site):
    """The sample site, built once per session (conftest.py)."""
    return sample_site


def test_issues_csv_round_trips(site):
    """Chinese headers (the opendata page maps each to its JSON field) and the records' whole text."""
    from gongshi.site.published import ISSUE_CSV, PETITION_CSV
    raw = (site / "data" / "issues.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads the Chinese correctly
    reader = csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""))
    header = next(reader)
    assert header[:4] == ["编号", "问题", "督察来源编号", "督察来源"] and "问题描述" in header and "整改进展" in header
    key = {h: k for k, h in ISSUE_CSV}
    rows = [{key[h]: v for h, v in zip(header, values, strict=True)} for values in reader]
    issues = json.loads((site / "data" / "issues.json").read_text(encoding="utf-8"))
    assert len(rows) == len(issues) == 34
    by_id = {i["id"]: i for i in issues}
    for row in rows:
        issue = by_id[row["id"]]
        assert (row["title"], row["status"], row["url"]) == (issue["title"], issue["status"], issue["url"])
        assert row["url"] == f"{SITE_URL}issues/{row['id']}/"
        assert row["problem"] == issue["problem"]  # whole, not cut
        assert row["measures"].count("\n") == max(len(issue["measures"]) - 1, 0)
        for entry in issue["progress"]:
            assert entry["text"].strip() in row["progress"]
    yylq = next(r for r in rows if r["id"] == "yylq-2021-01")
    assert (yylq["notice_working_days_published"], yylq["notice_working_days_actual"]) == ("10", "8")
    assert yylq["measures"].startswith("1. 深入学习贯彻习近平生态文明思想。")
    raw = (site / "data" / "petitions.csv").read_bytes().decode("utf-8-sig")
    reader = csv.reader(io.StringIO(raw, newline=""))
    header = next(reader)
    assert header == [h for _, h in PETITION_CSV]
    assert {values[0] for values in reader} == {"D1YZ202000131", "D1YZ202000122", "D1YZ202000142"}


def test_every_json_twin_validates_against_the_published_schema(site):
    schema = json.loads((site / "schema" / "issue-record.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    twins = sorted(site.glob("issues/*/index.json"))
    assert len(twins) == 34
    for twin in twins:
        record = json.loads(twin.read_text(encoding="utf-8"))
        jsonschema.validate(record, schema)
        assert record["id"] == twin.parent.name
    yylq = json.loads((site / "issues" / "yylq-2021-01" / "index.json").read_text(encoding="utf-8"))
    assert yylq["notice"]["working_days_actual"] == 8 and yylq["notice"]["working_days_published"] == 10
    petition_schema = json.loads((site / "schema" / "petition-record.schema.json").read_text(encoding="utf-8"))
    for record in json.loads((site / "data" / "petitions.json").read_text(encoding="utf-8")):
        jsonschema.validate(record, petition_schema)


def as_editor_reads(value):
    if isinstance(value, dict):
        return {k: as_editor_reads(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_editor_reads(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_data_file_validates_against_its_published_schema(site, kind):
    schema = json.loads((site / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8"))
    files = sorted((ROOT / "data" / kind).rglob("*.yml"))
    assert files
    for path in files:
        # Read as an editor's YAML language server does (YAML 1.2: true is a boolean, 10 a number,
        # dates stay strings), not with our all-text reader.
        data = as_editor_reads(yaml.safe_load(path.read_text(encoding="utf-8")))
        jsonschema.validate(data, schema, format_checker=jsonschema.FormatChecker())
    assert "id" not in schema["properties"]
    assert all("description" in prop for name, prop in schema["properties"].items()), kind


def test_atom_feeds_parse(site):
    feed = feedparser.parse((site / "feeds" / "notices.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.title.endswith("整改销号公示与进展")
    [entry] = [e for e in feed.entries if e.id.startswith("tag:gongshi,2026:notice/")]
    assert entry.id == "tag:gongshi,2026:notice/yylq-2021-01"
    assert entry.link == f"{SITE_URL}issues/yylq-2021-01/notice/"
    assert entry.updated.startswith("2023-10-13")
    for path in ["sources/zydc2-hunan-2021/feed.xml", "feeds/regions/岳阳楼区.xml"]:
        assert not feedparser.parse((site / path).read_bytes()).bozo
    html = page(site, "issues/yylq-2021-01")
    assert 'type="application/atom+xml"' in html and 'href="../../feeds/regions/岳阳楼区.xml"' in html


def test_atom_entries_newest_first_with_progress(small_site):
    feed = feedparser.parse((small_site / "feeds" / "notices.xml").read_bytes())
    assert [e.id for e in feed.entries] == [
        "tag:gongshi,2026:notice/dc-test-01", "tag:gongshi,2026:progress/dc-test-01/2023-09-01/1"]


def test_statistics_page(site):
    html = content_of(page(site, "stats"))
    text = text_of(html)
    assert "共 34 个问题" in text
    assert html.count('<div class="gs-chart" id=') >= 10
    # each chart has a text alternative with every number
    # (seed 002: yj-xc-07 整改中, yj-xc-11 and 19 已完成 as the report states them; 未公布 shown as 进展未公布)
    assert 'role="img" aria-label="按状态：整改中 12个，已完成 6个，' in html
    assert "进展未公布 14个" in html and "，未公布" not in html
    # seed 004's bulletin numbers as published, in a table beside the chart
    assert "交办信访件 215 件" in text and "重要件 41 件" in text
    for label, n in [("冷水滩区", 56), ("大气污染", 115), ("来电", 195), ("已办结", 160), ("正在办理", 55)]:
        assert f"<td>{label}</td><td>{n}</td>" in html


def test_opendata_page(site):
    text = text_of(content_of(page(site, "opendata")))
    for name in ("issues.json", "issues.csv", "petitions.csv", "issue-record.schema.json", "status_display",
                 "working_days_actual"):
        assert name in text
    assert "可自由转载和再利用" in text  # licence from data/settings.yml
