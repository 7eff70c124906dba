"""The open-data page: the files to download and the fields of each record."""

from __future__ import annotations

from gongshi.model.field_docs import describe
from gongshi.pages.entry import PageEntry, Plan
from gongshi.site import urls
from gongshi.site.published import ISSUE_CSV, PETITION_CSV, IssueOut, NoticeOut, PetitionOut


def pages(plan: Plan) -> list[PageEntry]:
    site = plan.site

    def fields(model, kind):
        return [(name, describe(kind, name) or describe("notice", name)) for name in model.model_fields]

    return [PageEntry(urls.OPENDATA, "opendata.html", "开放数据", {
        "licence": site.data.settings.licence, "issue_count": len(site.data.issues),
        "petition_count": len(site.data.petitions),
        "data_schemas": [("issues", "问题"), ("sources", "督察来源"), ("units", "单位"), ("petitions", "信访件"),
                         ("duties", "定期报送要求")],
        "field_tables": [
            ("问题的字段（issues.json、index.json）", "issue-fields", fields(IssueOut, "issues")),
            ("整改销号公示的字段（notice）", "notice-fields", fields(NoticeOut, "notice")),
            ("信访件的字段（petitions.json）", "petition-fields", fields(PetitionOut, "petitions")),
        ],
        # The CSV files' Chinese headers and the JSON field each column holds.
        "csv_tables": [("issues.csv 的列", "issue-csv", ISSUE_CSV),
                       ("petitions.csv 的列", "petition-csv", PETITION_CSV)],
    }, description="下载全部整改问题和信访件数据（JSON、CSV）、数据说明和订阅")]
