"""Original documents: published beside the page with size, type and checksum; bad paths refused."""

import hashlib
import json
import textwrap

import pytest

from conftest import SMALL, TODAY, write_data
from gongshi.site.load import check_data
from sitebuild import build, page

PDF = b"%PDF-1.4\n% gongshi test\n" + b"0" * 3000 + b"\n%%EOF\n"


def with_attachment(tmp_path, file: str, content: bytes | None = PDF):
    files = dict(SMALL)
    files["issues/dc-test-01.yml"] = textwrap.dedent(files["issues/dc-test-01.yml"]) + \
        f"attachments:\n  - file: {file}\n    title: 整改销号公示原件\n"
    data = write_data(tmp_path / "d", files)
    if content is not None:
        target = data / "attachments" / "dc-test" / "notice-2023.pdf"
        target.parent.mkdir(parents=True)
        target.write_bytes(content)
    return data


def test_attachment_published_with_checksum(tmp_path):
    data = with_attachment(tmp_path, "dc-test/notice-2023.pdf")
    code, site = build(tmp_path, data)
    assert code == 0
    assert (site / "issues" / "dc-test-01" / "files" / "notice-2023.pdf").read_bytes() == PDF
    html = page(site, "issues/dc-test-01")
    assert 'href="../../issues/dc-test-01/files/notice-2023.pdf"' in html and "PDF 文档，3 KB" in html
    twin = json.loads((site / "issues" / "dc-test-01" / "index.json").read_text(encoding="utf-8"))
    [attachment] = twin["attachments"]
    assert attachment["sha256"] == hashlib.sha256(PDF).hexdigest() and attachment["size"] == len(PDF)


@pytest.mark.parametrize("file, content, message", [
    ("../settings.yml", PDF, "不能含“..”"),
    ("dc-test/missing.pdf", PDF, "找不到附件 data/attachments/dc-test/missing.pdf"),
    ("dc-test/run.exe", PDF, "附件类型“.exe”不在允许之列"),
    ("/etc/passwd.pdf", PDF, "不能含“..”或以“/”开头"),
])
def test_bad_attachment_paths(tmp_path, file, content, message):
    data = with_attachment(tmp_path, file, content)
    site = check_data(data, TODAY, base=data.parent)
    texts = [p.text() for p in site.report.errors]
    assert any("dc-test-01.yml" in t and "attachments[1].file" in t and message in t for t in texts), texts
