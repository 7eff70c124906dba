"""Reproducible builds: the same data and build date give a byte-identical site.

The sample data is built twice, each time in its own git repository (the same
commits, so the same history) under a different absolute path, from a
different working directory, in a separate Python process with a different
hash seed (set and dict-of-set order) and time zone. Every file's name and
bytes must match: pages, sitemap.xml(.gz), Atom, .ics, open data, the pagefind
index.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT
from sitebuild import SITE_URL, _make_project

BUILD_DATE = "2026-09-30"
CHANGED = Path("issues/xuncha-yiyang-2024/yj-xc-12.yml")  # its status changes in the second commit


def git(repo: Path, *args: str, date: str) -> None:
    """git with a fixed author, committer and date: the same commits (and ids) in both repositories."""
    stamp = f"{date}T10:00:00+08:00"
    env = dict(os.environ, GIT_AUTHOR_NAME="员工", GIT_AUTHOR_EMAIL="staff@example.test", GIT_AUTHOR_DATE=stamp,
               GIT_COMMITTER_NAME="员工", GIT_COMMITTER_EMAIL="staff@example.test", GIT_COMMITTER_DATE=stamp)
    subprocess.run(["git", "-C", str(repo), "-c", "commit.gpgsign=false", *args],
                   check=True, capture_output=True, env=env)


def _repository(where: Path) -> Path:
    """The sample data in a fresh git repository: a first commit, then a status change."""
    data = where / "data"
    shutil.copytree(ROOT / "data", data)
    issue = data / CHANGED
    final = issue.read_text(encoding="utf-8")
    assert "\nstatus: 已完成\n" in final
    issue.write_text(final.replace("\nstatus: 已完成\n", "\nstatus: 整改中\n"), encoding="utf-8")
    git(where, "init", "-q", date="2024-05-06")
    git(where, "add", ".", date="2024-05-06")
    git(where, "commit", "-q", "-m", "录入示例数据", date="2024-05-06")
    issue.write_text(final, encoding="utf-8")
    git(where, "commit", "-q", "-am", "整改完成", date="2024-08-20")
    return data


def _build(where: Path, cwd: Path, hash_seed: str, tz: str) -> Path:
    config = _make_project(where, _repository(where), SITE_URL)
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "GONGSHI_SITE_URL")}
    env.update(GONGSHI_BUILD_DATE=BUILD_DATE, PYTHONHASHSEED=hash_seed, TZ=tz)
    result = subprocess.run([sys.executable, "-m", "gongshi", "build", "--config", str(config)],
                            cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return where / "site"


def _digests(site: Path) -> dict[str, str]:
    return {path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(site.rglob("*")) if path.is_file()}


def _first_difference(a: Path, b: Path) -> str:
    left, right = a.read_bytes(), b.read_bytes()
    at = next((i for i, (x, y) in enumerate(zip(left, right, strict=False)) if x != y), min(len(left), len(right)))
    return f"{len(left)} / {len(right)} 字节，第 {at} 字节起：{left[at:at + 80]!r} / {right[at:at + 80]!r}"


def test_two_builds_are_byte_identical(tmp_path):
    first = _build(tmp_path / "a", cwd=tmp_path / "a", hash_seed="1", tz="Asia/Shanghai")
    # A longer, different path; run from elsewhere; another hash seed and time zone.
    (tmp_path / "elsewhere").mkdir()
    second = _build(tmp_path / "ci" / "runner" / "work" / "gongshi", cwd=tmp_path / "elsewhere",
                    hash_seed="2", tz="America/Los_Angeles")

    one, two = _digests(first), _digests(second)
    only = sorted(set(one) ^ set(two))
    differing = [p for p in sorted(set(one) & set(two)) if one[p] != two[p]]
    report = [f"仅一次构建中有：{p}" for p in only[:10]]
    report += [f"内容不同：{p}：{_first_difference(first / p, second / p)}" for p in differing[:10]]
    assert not only and not differing, (f"{len(only)} 个文件名不同，{len(differing)} 个文件内容不同：\n"
                                        + "\n".join(report))

    # The comparison covers every kind of output, and the clock is nowhere in it.
    names = set(one)
    for wanted in ("index.html", "issues/yj-xc-12/index.html", "sitemap.xml", "sitemap.xml.gz",
                   "feeds/notices.xml", "calendar.ics", "data/issues.json", "data/issues.csv",
                   "pagefind/pagefind-entry.json", "pagefind/shards.json"):
        assert wanted in names, wanted
    assert any(n.startswith("pagefind/filter/") for n in names)
    assert any(n.startswith("pagefind/pagefind.zh_") and n.endswith(".pf_meta") for n in names)
    sitemap = (first / "sitemap.xml").read_text(encoding="utf-8")
    assert sitemap.count(f"<lastmod>{BUILD_DATE}</lastmod>") == sitemap.count("<loc>") > 50
    assert gzip.decompress((first / "sitemap.xml.gz").read_bytes()).decode("utf-8") == sitemap
    # git history was read (the same commits in both repositories): the status change is in the feed.
    assert "状态变化：" in (first / "feeds" / "notices.xml").read_text(encoding="utf-8")
