"""Which date a feed entry carries: undated progress takes its document's date, or stays out."""

from conftest import SMALL, TODAY, write_data
from gongshi.site.load import check_data
from gongshi.site.updates import updates

UNDATED = SMALL["issues/dc-test-02.yml"] + """
        documents:
          - title: 测试区秸秆禁烧整改情况报告
            date: 2025-04-02
        progress:
          - text: 已建成秸秆收储点12个。
            document: 测试区秸秆禁烧整改情况报告
          - text: 开展禁烧宣传。
            document: 一份未注明日期的材料
        """


def test_undated_progress_dated_by_its_document_or_left_out(tmp_path):
    site = check_data(write_data(tmp_path, {**SMALL, "issues/dc-test-02.yml": UNDATED}), TODAY)
    assert site.report.ok, site.report
    progress = [u for u in updates(site) if u.kind == "progress" and u.path.startswith("issues/dc-test-02")]
    assert [(u.date.isoformat(), u.summary) for u in progress] == [
        ("2025-04-02", "（出处文件日期2025年4月2日，原文日期）已建成秸秆收储点12个。")]
    assert progress[0].id == "tag:gongshi,2026:progress/dc-test-02/2025-04-02/1"
