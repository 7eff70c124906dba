"""History from git: dated changes worded in Chinese from the data, on the page and in the feeds; commit
messages published nowhere; no git or a shallow clone, no history (and in CI a shallow clone fails)."""

import os
import subprocess

import feedparser

from conftest import write_data
from sitebuild import build, content_of, page, published_texts, text_of


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
    lines = [history.index(s) for s in ("2024年9月20日（本站更新）：状态：反弹→整改中",
                                         "2024年9月5日（本站更新）：状态：已完成→反弹",
                                         "2024年6月10日（本站更新）：状态：整改中→已完成",
                                         "2024年3月1日（本站更新）：新增本条记录（状态：整改中）")]
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


SUBJECTS = ("Zorblax fixture import for the tracker", "Quuxify deadline and progress rows",
            "Frobnicate closure with signoff notice")
SIGNOFF = """\
signoff:
  title: 关于秸秆禁烧问题整改销号情况的公示
  date: 2025-03-10
  office: office
  window:
    start: 2025-03-10
    end: 2025-03-21
    working_days: 12
"""


def three_commits(repo):
    """Commit 1 adds the issue (整改中); commit 2 moves its deadline and adds progress; commit 3 closes it
    (已完成) with a sign-off notice. Each commit message is a distinctive English sentence."""
    data = write_data(repo)
    issue = data / "issues" / "dc-test-02.yml"
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", SUBJECTS[0], date="2024-03-01")
    text = issue.read_text(encoding="utf-8").replace("deadline: 立行立改、2025年6月底", "deadline: 2025年12月底")
    issue.write_text(text + "progress:\n  - date: 2024-11-15\n    text: 完成秸秆综合利用点建设。\n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", SUBJECTS[1], date="2024-11-20")
    text = issue.read_text(encoding="utf-8").replace("status: 整改中", "status: 已完成")
    issue.write_text(text + SIGNOFF, encoding="utf-8")
    git(repo, "commit", "-q", "-am", SUBJECTS[2], date="2025-03-12")
    return data


def test_changes_worded_from_the_data_and_no_commit_message_published(tmp_path):
    data = three_commits(tmp_path / "repo")
    code, site = build(tmp_path / "out", data)
    assert code == 0
    text = text_of(content_of(page(site, "issues/dc-test-02")))
    history = text[text.index("修改记录"):].replace(" ", "")
    assert "以下日期是本站记录的日期" in history
    lines = [history.index(s) for s in (
        "2025年3月12日（本站更新）：状态：整改中→已完成；发布整改销号公示",
        "2024年11月20日（本站更新）：整改时限：立行立改、2025年6月底→2025年12月底；新增一条整改进展（2024年11月15日）",
        "2024年3月1日（本站更新）：新增本条记录（状态：整改中）")]
    assert lines == sorted(lines)  # newest first
    # Not one commit message in any file of the site: pages, feeds, calendars, open data, search index.
    checked = 0
    for path, raw in published_texts(site):
        checked += 1
        for subject in SUBJECTS:
            for word in (subject, subject.split()[0]):  # "Zorblax", "Quuxify", "Frobnicate": in no other text
                assert word.encode() not in raw, (path, word)
    assert checked > 50
    feed = feedparser.parse((site / "feeds" / "notices.xml").read_bytes())
    assert not feed.bozo and feed.feed.author == "测试公示站"
    entries = {e.id: e for e in feed.entries}
    status = [e for e in feed.entries if e.title.startswith("状态变化：秸秆")]
    assert [e.title for e in status] == ["状态变化：秸秆禁烧管控不力：整改中 → 已完成",
                                         "状态变化：秸秆禁烧管控不力：（新建） → 整改中"]
    # This site's date, said so (a notice's and a progress entry's are the source's).
    assert status[0].summary == "状态：整改中 → 已完成；发布整改销号公示（2025年3月12日，本站记录的修改日期）"
    change = [e for e in feed.entries if e.id.startswith("tag:gongshi,2026:change/dc-test-02/")]
    assert [e.summary for e in change] == [
        "整改时限：立行立改、2025年6月底 → 2025年12月底；新增一条整改进展（2024年11月15日）"
        "（2024年11月20日，本站记录的修改日期）"]
    assert change[0].updated.startswith("2024-11-20")
    # The notice printed "12 working days" for 2025-03-10 to 03-21, which has 10: the entry says both.
    notice = entries["tag:gongshi,2026:notice/dc-test-02"]
    assert "公示原文写“共12个工作日”，按国务院节假日安排实际为10个工作日。" in notice.summary


def test_feed_ids_stay_the_same_on_a_later_build(tmp_path):
    data = three_commits(tmp_path / "repo")
    ids = []
    for out in ("a", "b"):
        code, site = build(tmp_path / out, data)
        assert code == 0
        ids.append([e.id for e in feedparser.parse((site / "feeds" / "notices.xml").read_bytes()).entries])
    assert ids[0] == ids[1] and len(ids[0]) > 4


def shallow_clone(tmp_path):
    three_commits(tmp_path / "repo")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{tmp_path / 'repo'}", str(clone)],
                   check=True, capture_output=True)
    return clone / "data"


def test_shallow_clone_fails_in_ci_and_writes_nothing(tmp_path, monkeypatch, caplog):
    data = shallow_clone(tmp_path)
    monkeypatch.setenv("CI", "true")
    code, site = build(tmp_path / "out", data)
    assert code != 0
    assert not site.exists()  # nothing half-written
    message = "\n".join(r.getMessage() for r in caplog.records)
    assert "浅克隆" in message and "fetch-depth: 0" in message


def test_shallow_clone_builds_locally_with_a_warning_and_no_history(tmp_path, monkeypatch, caplog):
    data = shallow_clone(tmp_path)
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    code, site = build(tmp_path / "out", data)  # --strict: a reminder does not fail it
    assert code == 0
    assert any("浅克隆" in r.getMessage() and r.name == "gongshi.reminders" for r in caplog.records)
    text = text_of(page(site, "issues/dc-test-02"))
    assert "本页暂无修改记录。" in text and "2025年3月12日" not in text
