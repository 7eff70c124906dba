"""What may be under data/: every data file and attachment a regular file inside data/ (a symlink out of it
is an error, never read); misspelt folders and extensions reported, not skipped; ids whole and unique
regardless of case; attachments of one page never published under one name; no file name can forge a
line of the validator's output (a GitHub annotation)."""

import textwrap

import pytest

from conftest import SMALL, TODAY, write_data
from gongshi.cli.validate import validate
from gongshi.data.problems import Problem
from gongshi.site.load import check_data

SECRET = "name: 构建机上的秘密文件\nphones: [\"0731-88888888\"]\n"
PDF = b"%PDF-1.4\n% gongshi test\n%%EOF\n"


def errors(data):
    site = check_data(data, TODAY, base=data.parent)
    return [p.text() for p in site.report.errors], site


def outside(tmp_path, name="secret.yml", text=SECRET):
    """A file of the build machine, outside the data (and the repository)."""
    path = tmp_path / "machine" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_data_file_symlinked_outside_is_refused_and_not_read(tmp_path):
    data = write_data(tmp_path / "repo")
    (data / "units" / "mimi.yml").symlink_to(outside(tmp_path))
    texts, site = errors(data)
    assert any(t.startswith("data/units/mimi.yml: 数据文件是指向 data/ 以外的符号链接") for t in texts), texts
    assert "mimi" not in site.data.units


def test_kind_folder_symlinked_outside_is_refused(tmp_path):
    data = write_data(tmp_path / "repo")
    outside(tmp_path, "other.yml", SMALL["issues/dc-test-02.yml"])
    (data / "petitions").rename(tmp_path / "gone")
    (data / "petitions").symlink_to(tmp_path / "machine", target_is_directory=True)
    texts, site = errors(data)
    assert any(t.startswith("data/petitions: 文件夹是指向 data/ 以外的符号链接") for t in texts), texts
    assert not site.data.petitions


def test_settings_symlinked_outside_is_refused(tmp_path):
    data = write_data(tmp_path / "repo")
    (data / "settings.yml").unlink()
    (data / "settings.yml").symlink_to(outside(tmp_path, "settings.yml", "site_name: 别处的网站\n"))
    texts, site = errors(data)
    assert any(t.startswith("data/settings.yml: 数据文件是指向 data/ 以外的符号链接") for t in texts), texts
    assert site.data.settings.site_name != "别处的网站"


def test_symlinked_subfolder_is_reported_not_skipped(tmp_path):
    data = write_data(tmp_path / "repo")
    outside(tmp_path, "dc-test-09.yml", SMALL["issues/dc-test-02.yml"])
    (data / "issues" / "more").symlink_to(tmp_path / "machine", target_is_directory=True)
    texts, _ = errors(data)
    assert any(t.startswith("data/issues/more: 文件夹是符号链接") for t in texts), texts


def test_broken_symlink_is_an_error(tmp_path):
    data = write_data(tmp_path / "repo")
    (data / "issues" / "dc-test-03.yml").symlink_to(data / "issues" / "nowhere.yml")
    texts, _ = errors(data)
    assert any(t.startswith("data/issues/dc-test-03.yml: 这不是普通文件") for t in texts), texts


def with_attachments(tmp_path, *files):
    text = textwrap.dedent(SMALL["issues/dc-test-01.yml"]) + "attachments:\n" + "".join(
        f"  - file: {file}\n    title: 原件{i}\n" for i, file in enumerate(files))
    data = write_data(tmp_path / "repo", {**SMALL, "issues/dc-test-01.yml": text})
    for i, file in enumerate(files):
        path = data / "attachments" / file
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(PDF + str(i).encode())
    return data


def test_attachments_folder_symlinked_outside_is_refused(tmp_path):
    data = write_data(tmp_path / "repo", {**SMALL, "issues/dc-test-01.yml": textwrap.dedent(
        SMALL["issues/dc-test-01.yml"]) + "attachments:\n  - file: etc/notice.pdf\n    title: 原件\n"})
    (tmp_path / "machine" / "etc").mkdir(parents=True)
    (tmp_path / "machine" / "etc" / "notice.pdf").write_bytes(PDF)
    (data / "attachments").symlink_to(tmp_path / "machine", target_is_directory=True)
    texts, _ = errors(data)
    assert any(t.startswith("data/attachments: 文件夹是指向 data/ 以外的符号链接") for t in texts), texts
    assert any("attachments[1].file: 附件必须放在 data/attachments/ 下" in t for t in texts), texts


@pytest.mark.parametrize("names", [("dc-test/a/notice.pdf", "dc-test/b/notice.pdf"),
                                   ("dc-test/notice.pdf", "dc-test/old/NOTICE.pdf")])
def test_two_attachments_of_one_page_with_one_name_are_refused(tmp_path, names):
    texts, _ = errors(with_attachments(tmp_path, *names))
    assert any(t.startswith("data/issues/dc-test-01.yml:") and "attachments[2].file: 与第 1 个附件同名" in t
               for t in texts), texts


def test_attachments_with_one_name_on_two_pages_are_fine(tmp_path):
    data = with_attachments(tmp_path, "dc-test/a/notice.pdf", "dc-test/b/other.pdf")
    texts, _ = errors(data)
    assert texts == []


@pytest.mark.parametrize("name, message", [
    ("issues/dc-test-03.YML", "文件扩展名“.YML”请改为小写的 .yml"),
    ("issues/dc-test-03.Yml", "文件扩展名“.Yml”请改为小写的 .yml"),
    ("issues/dc-test-03.json", "不认识的文件“dc-test-03.json”"),
    ("issues/dc-test-03.yml.bak", "不认识的文件“dc-test-03.yml.bak”"),
    ("Issues/dc-test-03.yml", "data/ 下不认识的文件夹“Issues”"),
    ("issue/dc-test-03.yml", "data/ 下不认识的文件夹“issue”"),
    ("dc-test-03.yml", "data/ 下不认识的文件“dc-test-03.yml”"),
])
def test_misspelt_file_or_folder_is_an_error_not_silence(tmp_path, name, message):
    data = write_data(tmp_path / "repo", {**SMALL, name: SMALL["issues/dc-test-02.yml"]})
    texts, _ = errors(data)
    assert any(message in t for t in texts), texts


def test_notes_for_people_are_not_errors(tmp_path):
    data = write_data(tmp_path / "repo", {**SMALL, "issues/README.md": "# 说明\n", "README.md": "# 数据\n"})
    (data / "issues" / ".gitkeep").write_text("")
    assert errors(data)[0] == []


def test_file_name_ending_in_newline_is_no_id(tmp_path):
    data = write_data(tmp_path / "repo", {**SMALL, "issues/dc-test-03\n.yml": SMALL["issues/dc-test-02.yml"]})
    texts, site = errors(data)
    assert "dc-test-03\n" not in site.data.issues
    assert any(t.startswith("data/issues/dc-test-03\\x0a.yml: 文件名") and "不能作编号" in t for t in texts), texts
    assert all("\n" not in t for t in texts)


@pytest.mark.parametrize("kind, first, second", [("issues", "dc-test-02", "DC-Test-02"),
                                                 ("units", "shuiliju", "ShuiLiJu")])
def test_ids_differing_only_in_case_are_refused(tmp_path, kind, first, second):
    data = write_data(tmp_path / "repo", {**SMALL, f"{kind}/zz/{second}.yml": SMALL[
        "issues/dc-test-02.yml" if kind == "issues" else "units/shuiliju.yml"]})
    texts, site = errors(data)
    assert any(t.startswith(f"data/{kind}/zz/{second}.yml: 编号“{second}”与 data/{kind}/{first}.yml 只有大小写不同")
               for t in texts), texts
    assert second not in site.data.table(kind)


def test_old_id_differing_only_in_case_from_an_id_is_refused(tmp_path):
    text = textwrap.dedent(SMALL["issues/dc-test-02.yml"]) + "old_ids: [DC-TEST-01]\n"
    texts, _ = errors(write_data(tmp_path / "repo", {**SMALL, "issues/dc-test-02.yml": text}))
    assert any("old_ids[1]: 旧编号“DC-TEST-01”仍是一个现有问题的编号（只有大小写不同" in t for t in texts), texts


FORGED = "x\n::error file=data/settings.yml,line=1::forged,y::warning::z.yml"


def test_crafted_file_name_cannot_forge_an_annotation():
    line = Problem(f"data/issues/{FORGED}", 3, "title", "说明").github()
    assert "\n" not in line and line.count("::") == 2
    assert line.startswith("::error file=data/issues/x%0A%3A%3Aerror file=data/settings.yml%2Cline=1%3A%3A")
    assert line.endswith(",line=3::title: 说明")
    assert "\n" not in Problem(f"data/issues/{FORGED}", 3, "", "说明").text()


def test_validate_prints_one_annotation_per_problem(tmp_path, monkeypatch, capsys):
    data = write_data(tmp_path / "repo", {**SMALL, f"issues/{FORGED}": SMALL["issues/dc-test-02.yml"]})
    monkeypatch.chdir(tmp_path / "repo")
    monkeypatch.setenv("GONGSHI_BUILD_DATE", TODAY.isoformat())
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    assert validate(["--data", str(data), "--format", "github"]) == 1
    out = capsys.readouterr().out.splitlines()
    forged = [line for line in out if "forged" in line]
    assert len(forged) == 1 and forged[0].startswith("::error file=data/issues/x%0A%3A%3Aerror"), out
    assert "不能作编号" in forged[0]
    assert [line for line in out if line.startswith("::error")] == forged


def test_no_symlink_support_needed_for_plain_data(tmp_path):
    # The sample layout (files and sub-folders, no symlinks) is untouched by these rules.
    data = write_data(tmp_path / "repo", {**SMALL, "issues/group/dc-test-05.yml": SMALL["issues/dc-test-02.yml"]})
    texts, site = errors(data)
    assert texts == [] and "dc-test-05" in site.data.issues


def test_parallel_validation_reports_the_same_names_and_links(sample_copy, monkeypatch):
    from gongshi.rules import parallel
    from gongshi.runtime.settings import SETTINGS

    issues = sample_copy / "issues" / "zydc-jiangxi"
    (issues / "zydc-jx-99.YML").write_text("title: 大写扩展名\n", encoding="utf-8")
    (issues / "ZYDC-JX-01.yml").write_text((issues / "zydc-jx-01.yml").read_text(encoding="utf-8"), encoding="utf-8")
    (sample_copy / "Issues").mkdir()
    (sample_copy / "petitions" / "mimi.yml").symlink_to(outside(sample_copy.parent))
    serial = check_data(sample_copy, TODAY, base=sample_copy.parent).report
    monkeypatch.setattr(SETTINGS, "validate_parallel_from", 5)
    report, _, _ = parallel.validate(sample_copy, TODAY, sample_copy.parent)
    texts = sorted({p.text() for p in report.errors})
    assert texts == sorted({p.text() for p in serial.errors})
    assert len(texts) == 4 and any("只有大小写不同" in t for t in texts), texts
