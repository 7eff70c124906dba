"""The parallel validator (large data sets) reports exactly what the build's validation does."""

from conftest import TODAY
from gongshi.rules import parallel
from gongshi.runtime.settings import SETTINGS
from gongshi.site.load import check_data


def test_parallel_equals_serial(sample_copy, monkeypatch):
    issue = sample_copy / "issues" / "zydc2-hunan-2021" / "yylq-2021-01.yml"
    text = issue.read_text(encoding="utf-8")
    issue.write_text(text.replace("responsible_units: [yylq-gov]", "responsible_units: [nobody]")
                     .replace("kind: 督察反馈问题\n", ""), encoding="utf-8")
    (sample_copy / "issues" / "dup").mkdir()
    (sample_copy / "issues" / "dup" / "yj-xc-01.yml").write_text("title: 重复\n", encoding="utf-8")
    unit = sample_copy / "units" / "yylq-gov.yml"
    unit.write_text(unit.read_text(encoding="utf-8") + "region: 重复\n", encoding="utf-8")
    base = sample_copy.parent
    serial_site = check_data(sample_copy, TODAY, base=base)
    serial = serial_site.report
    monkeypatch.setattr(SETTINGS, "validate_parallel_from", 5)
    report, _, counts = parallel.validate(sample_copy, TODAY, base)
    assert sorted({p.text() for p in report.problems}) == sorted({p.text() for p in serial.problems})
    assert len(report.errors) >= 4
    assert (counts["issues"], counts["petitions"]) == (len(serial_site.data.issues), len(serial_site.data.petitions))
