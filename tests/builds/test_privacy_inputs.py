"""Personal data where one data file is not enough: in file and folder names (they become ids and
URLs), and in git history (commit messages, author names and e-mails, old versions of a record)."""

from __future__ import annotations

import os
import subprocess

import pytest

from conftest import write_data
from sitebuild import build, published_texts

MOBILE = "含有手机号码“138****5678”：请删除；公开的联系电话请填在单位文件 data/units/*.yml 的 phones 中"
ID = "含有居民身份证号码“110105…”：身份证号请删除或只保留前6位"


@pytest.mark.parametrize("name, message", [
    ("issues/dc-13812345678.yml", MOBILE),
    ("issues/138-1234-5678.yml", MOBILE),
    ("issues/110105491231002/dc-test-09.yml", ID),  # a folder named by an old ID number
])
def test_personal_data_in_a_file_or_folder_name_is_refused(tmp_path, capsys, name, message):
    data = write_data(tmp_path)
    (data / name).parent.mkdir(parents=True, exist_ok=True)
    (data / "issues" / "dc-test-02.yml").rename(data / name)
    code, site = build(tmp_path, data)
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert f"data/{name}: 文件名或文件夹名{message}（文件名会成为网址，请改名）" in err.splitlines()
    assert not site.exists()


def git(repo, *args, date="2024-03-01"):
    who = {"GIT_AUTHOR_NAME": "窦铁柱13812345678", "GIT_AUTHOR_EMAIL": "13812345678@example.test",
           "GIT_COMMITTER_NAME": "蔺石锁110105491231002", "GIT_COMMITTER_EMAIL": "110105491231002@example.test",
           "GIT_AUTHOR_DATE": f"{date}T10:00:00+08:00", "GIT_COMMITTER_DATE": f"{date}T10:00:00+08:00"}
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=dict(os.environ, **who))


NEEDLES = ("13812345678", "138.1234.5678", "138****5678", "110105491231002", "窦铁柱", "蔺石锁")


def test_personal_data_in_git_history_reaches_no_built_file(tmp_path):
    """Commit messages, authors and an old version's status and deadline with a mobile and an ID number:
    the current data is clean, so the site builds, and none of it is in any file of the site."""
    repo = tmp_path / "repo"
    data = write_data(repo)
    issue = data / "issues" / "dc-test-02.yml"
    clean = issue.read_text(encoding="utf-8")
    assert "status: 整改中" in clean and "deadline: 立行立改、2025年6月底" in clean
    issue.write_text(clean.replace("status: 整改中", "status: 已电话告知窦铁柱（举报人）138.1234.5678")
                     .replace("deadline: 立行立改、2025年6月底", "deadline: 联系人身份证110105491231002"),
                     encoding="utf-8")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "录入：举报人窦铁柱，手机13812345678，身份证110105491231002")
    issue.write_text(clean, encoding="utf-8")
    git(repo, "commit", "-q", "-am", "删去窦铁柱的手机138.1234.5678", date="2024-03-05")
    code, site = build(tmp_path / "out", data)
    assert code == 0
    checked = 0
    for path, raw in published_texts(site):
        checked += 1
        for needle in NEEDLES:
            assert needle.encode() not in raw, (path, needle)
    assert checked > 50
    page = (site / "issues" / "dc-test-02" / "index.html").read_text(encoding="utf-8")
    assert "含个人信息，不予显示" in page  # the change is listed, the old values are not
