"""History from git: dated status changes on the page and in the feed; no git, no history."""

import os
import subprocess

import feedparser

from conftest import write_data
from sitebuild import build, content_of, page, text_of


def git(repo, *args, date=None):
    env = dict(os.environ, GIT_AUTHOR_NAME="员工", GIT_AUTHOR_EMAIL="staff@example.test",
               GIT_COMMITTER_NAME="员工", GIT_COMMITTER_EMAIL="staff@example.test")
    if date:
        env.update(GIT_AUTHOR_DATE=f"{date}T10:00:00+08:00", GIT_COMMITTER_DATE=f"{date}T10:00:00+08:00")
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


def test_three_status_changes_listed_in_order(tmp_path):
    repo = tmp_path / "repo"
    data = write_data(repo)
    issue = data / "issues" / "dc-test-02.yml"
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "录入秸秆禁烧问题", date="2024-03-01")
    for status, date, message in (("已完成", "2024-06-10", "整改完成"), ("反弹", "2024-09-05", "回头看发现反弹"),
                                  ("整改中", "2024-09-20", "重新整改")):
        text = issue.read_text(encoding="utf-8")
        old_status = text[text.index("status: "):text.index("\n", text.index("status: "))]
        issue.write_text(text.replace(old_status, f"status: {status}"), encoding="utf-8")
        git(repo, "commit", "-q", "-am", message, date=date)
    code, site = build(tmp_path / "out", data)
    assert code == 0
    text = text_of(content_of(page(site, "issues/dc-test-02")))
    history = text[text.index("修改记录"):].replace(" ", "")
    assert "首次发布：2024年3月1日；最近修改：2024年9月20日" in history
    lines = [history.index(s) for s in ("2024年9月20日：状态：反弹→整改中重新整改", "2024年9月5日：状态：已完成→反弹",
                                         "2024年6月10日：状态：整改中→已完成", "2024年3月1日：状态：（新建）→整改中")]
    assert lines == sorted(lines)  # newest first, in order
    feed = feedparser.parse((site / "feeds" / "notices.xml").read_bytes())
    titles = [e.title for e in feed.entries if e.title.startswith("状态变化")]
    assert titles[:3] == ["状态变化：秸秆禁烧管控不力：反弹 → 整改中", "状态变化：秸秆禁烧管控不力：已完成 → 反弹",
                          "状态变化：秸秆禁烧管控不力：整改中 → 已完成"]


def test_without_git_history_is_unavailable(tmp_path, monkeypatch, caplog):
    data = write_data(tmp_path / "plain")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))  # no repository above
    code, site = build(tmp_path / "out", data)
    assert code == 0
    text = text_of(page(site, "issues/dc-test-02"))
    assert "本页暂无修改记录。" in text and "git" not in text  # why is for staff: in the build output
    assert any("数据目录不在 git 仓库中" in r.getMessage() for r in caplog.records)
