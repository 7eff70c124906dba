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


def test_the_signoff_block_validates_once_uncommented_and_filled(sample_copy):
    """The scaffold's notice block lists every field: uncommented, with the units filled in, it validates."""
    subprocess.run([*NEW, "issue", "--source", "xuncha-yiyang-2024", "--data", str(sample_copy)], check=True,
                   capture_output=True)
    path = sample_copy / "issues" / "xuncha-yiyang-2024" / "yj-xc-20.yml"
    lines = path.read_text(encoding="utf-8").splitlines()
    start = lines.index("# signoff:  # 整改销号公示")
    block = ["signoff:"] + [line.replace("  # ", "  ", 1) for line in lines[start + 1:]
                            if line.startswith("  # ") and not line.startswith("  # -")]
    block = block[: next(i for i, line in enumerate(block) if line.startswith("  conclusion:")) + 1]
    text = "\n".join(block).replace("请填写发布单位编号", "yylq-sthjbhwyh-office").replace(
        "请填写受理异议的单位编号", "yylq-sthjbhwyh-office")
    fields = {"kind": "巡察反馈问题", "title": "测试问题", "region": "湖南省益阳市沅江市", "category": "[水]",
              "problem": "测试用问题原文。", "status": "已完成"}
    head = "\n".join(line for line in lines[:start] if not any(line.startswith(f"{k}:") for k in fields))
    path.write_text(head + "\n" + "\n".join(f"{k}: {v}" for k, v in fields.items()) + "\n" + text + "\n",
                    encoding="utf-8")
    assert all(f"  {name}:" in text for name in ("title", "date", "office", "window", "implementation", "conclusion"))
    site = check_data(sample_copy, TODAY, base=sample_copy.parent)
    assert [p.text() for p in site.report.errors if p.file.endswith("yj-xc-20.yml")] == []
    assert site.data.issues["yj-xc-20"].signoff is not None
