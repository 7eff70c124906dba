"""Published addresses never vanish: a record file or a sign-off notice that git history shows was
published cannot be dropped without a word (the build and validate name the address and the fix:
withdrawn, or old_ids); and a data file symlinked out of the repository is never published."""

import os
import subprocess
import textwrap

from conftest import SMALL, write_data
from gongshi.cli.validate import validate
from sitebuild import build, page

EXTRA_UNIT = "name: 测试区林业局\nphones: [\"0731-12345678\"]\n"


def git(repo, *args):
    env = dict(os.environ, GIT_AUTHOR_NAME="员工", GIT_AUTHOR_EMAIL="staff@example.test",
               GIT_COMMITTER_NAME="员工", GIT_COMMITTER_EMAIL="staff@example.test")
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


def published(tmp_path, files=SMALL):
    """The data, committed (published) once."""
    repo = tmp_path / "repo"
    data = write_data(repo, files)
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "Publish the data")
    return repo, data


def commit(repo, message="Change the data"):
    git(repo, "add", "-A", ".")
    git(repo, "commit", "-q", "-m", message)


def failed_build(tmp_path, data, capsys):
    code, site = build(tmp_path / "out", data)
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert not (site / "index.html").exists()
    return err


def test_deleted_issue_fails_the_build_naming_its_address_and_the_fix(tmp_path, capsys):
    repo, data = published(tmp_path)
    (data / "issues" / "dc-test-02.yml").unlink()
    commit(repo)
    err = failed_build(tmp_path, data, capsys)
    [line] = [line for line in err.splitlines() if "/issues/dc-test-02/" in line]
    assert "data/issues/dc-test-02.yml: 问题 dc-test-02 的网址 /issues/dc-test-02/ 已经公布过" in line
    assert "withdrawn" in line and "old_ids 中写上 dc-test-02" in line


def test_deleted_issue_with_a_notice_names_the_notice_address(tmp_path, capsys):
    repo, data = published(tmp_path)
    (data / "issues" / "dc-test-01.yml").unlink()
    commit(repo)
    err = failed_build(tmp_path, data, capsys)
    assert "/issues/dc-test-01/ 和公示页 /issues/dc-test-01/notice/ 已经公布过" in err


def test_deleted_but_uncommitted_issue_is_caught_too(tmp_path, capsys):
    _, data = published(tmp_path)
    (data / "issues" / "dc-test-02.yml").unlink()  # a local build before the commit
    err = failed_build(tmp_path, data, capsys)
    assert "/issues/dc-test-02/ 已经公布过" in err


def test_removed_notice_fails_the_build(tmp_path, capsys):
    repo, data = published(tmp_path)
    path = data / "issues" / "dc-test-01.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[:text.index("signoff:")].replace("status: 已完成", "status: 整改中"), encoding="utf-8")
    commit(repo)
    err = failed_build(tmp_path, data, capsys)
    assert "dc-test-01.yml: signoff: 整改销号公示页 /issues/dc-test-01/notice/ 已经公布过" in err


def test_deleted_unit_fails_the_build(tmp_path, capsys):
    repo, data = published(tmp_path, {**SMALL, "units/linyeju.yml": EXTRA_UNIT})
    (data / "units" / "linyeju.yml").unlink()
    commit(repo)
    err = failed_build(tmp_path, data, capsys)
    assert "data/units/linyeju.yml: 单位 linyeju 的网址 /units/linyeju/ 已经公布过" in err


def test_id_changed_only_in_case_is_refused(tmp_path, capsys):
    repo, data = published(tmp_path)
    (data / "issues" / "dc-test-02.yml").rename(data / "issues" / "DC-test-02.yml")
    commit(repo)
    err = failed_build(tmp_path, data, capsys)
    assert "/issues/dc-test-02/ 已经公布过" in err and "编号不能只改大小写，请把 DC-test-02 改回 dc-test-02" in err


def test_validate_names_the_deleted_address(tmp_path, monkeypatch, capsys):
    repo, data = published(tmp_path)
    (data / "issues" / "dc-test-02.yml").unlink()
    commit(repo)
    monkeypatch.chdir(repo)
    monkeypatch.setenv("GONGSHI_BUILD_DATE", "2026-09-30")
    assert validate(["--data", str(data)]) == 1
    out = capsys.readouterr().out
    assert "data/issues/dc-test-02.yml: 问题 dc-test-02 的网址 /issues/dc-test-02/ 已经公布过" in out


def test_renamed_issue_keeps_its_addresses_through_old_ids(tmp_path):
    repo, data = published(tmp_path)
    old = data / "issues" / "dc-test-01.yml"
    (data / "issues" / "dc-test-01b.yml").write_text("old_ids: [dc-test-01]\n" + old.read_text(encoding="utf-8"),
                                                     encoding="utf-8")
    old.unlink()
    commit(repo)
    code, site = build(tmp_path / "out", data)
    assert code == 0
    assert "url=../dc-test-01b/" in page(site, "issues/dc-test-01")
    assert "url=../../dc-test-01b/notice/" in page(site, "issues/dc-test-01/notice")


def test_moved_or_withdrawn_records_build(tmp_path):
    repo, data = published(tmp_path)
    (data / "issues" / "group").mkdir()
    (data / "issues" / "dc-test-02.yml").rename(data / "issues" / "group" / "dc-test-02.yml")
    path = data / "issues" / "dc-test-01.yml"
    path.write_text(path.read_text(encoding="utf-8") + "withdrawn:\n  date: 2026-09-01\n  reason: 重复录入。\n",
                    encoding="utf-8")
    commit(repo)
    code, site = build(tmp_path / "out", data)
    assert code == 0
    assert (site / "issues" / "dc-test-02" / "index.html").exists()


def test_symlinked_data_file_is_not_published(tmp_path, capsys):
    data = write_data(tmp_path / "repo")
    secret = tmp_path / "machine" / "dc-test-07.yml"
    secret.parent.mkdir()
    secret.write_text(textwrap.dedent(SMALL["issues/dc-test-02.yml"]).replace("秸秆焚烧现象普遍。", "构建机上的秘密"),
                      encoding="utf-8")
    (data / "issues" / "dc-test-07.yml").symlink_to(secret)
    err = failed_build(tmp_path, data, capsys)
    assert "dc-test-07.yml: 数据文件是指向 data/ 以外的符号链接" in err
    assert not list((tmp_path / "out").rglob("*dc-test-07*"))
