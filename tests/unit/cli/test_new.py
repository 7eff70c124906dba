"""scripts/new scaffolds a file that the validator reads and points at every blank required field."""

import subprocess
import sys

from conftest import TODAY
from gongshi.site.load import check_data

NEW = [sys.executable, "-m", "gongshi", "new"]


def test_new_issue_gets_the_next_free_id_and_lists_every_field(sample_copy):
    result = subprocess.run([*NEW, "issue", "--source", "xuncha-yiyang-2024", "--data", str(sample_copy)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    path = sample_copy / "issues" / "xuncha-yiyang-2024" / "yj-xc-20.yml"
    assert result.stdout.strip() == str(path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../../schemas/issues.schema.json")
    for field in ("kind:", "title:", "# measures:", "# progress:", "# signoff:", "status:"):
        assert field in text
    site = check_data(sample_copy, TODAY, base=sample_copy.parent)
    blanks = sorted(p.field for p in site.report.errors if p.file.endswith("yj-xc-20.yml"))
    assert blanks == ["category", "kind", "problem", "region", "status", "title"]
    assert all(p.message == "尚未填写：此项必填" or "列表" in p.message
               for p in site.report.errors if p.file.endswith("yj-xc-20.yml"))


def test_new_never_overwrites(sample_copy):
    result = subprocess.run([*NEW, "unit", "yylq-gov", "--data", str(sample_copy)], capture_output=True, text=True)
    assert result.returncode == 1 and "已存在，不会覆盖" in result.stderr
    result = subprocess.run([*NEW, "petition", "D1YZ202000999", "--data", str(sample_copy)],
                            capture_output=True, text=True)
    assert result.returncode == 2 and "--source" in result.stderr
