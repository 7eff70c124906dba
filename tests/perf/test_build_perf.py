"""The build's speed-ups leave the site as it was, and the build benchmark runs."""

from __future__ import annotations

import contextlib
import io
import itertools
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from gongshi.runtime.settings import SETTINGS
from sitebuild import build

BUILD_DATE = "2026-09-30"


def _files(site: Path) -> dict[str, bytes]:
    # pagefind's own files vary from run to run; everything else must be identical.
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*")
            if p.is_file() and not p.relative_to(site).parts[0].startswith("pagefind") and p.suffix != ".gz"}


def _index_files(site: Path) -> dict[str, bytes]:
    """The search index's files (pagefind*/), by path."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*")
            if p.is_file() and p.relative_to(site).parts[0].startswith("pagefind")}


@pytest.fixture(scope="module")
def generated_data(tmp_path_factory) -> Path:
    data = tmp_path_factory.mktemp("gen") / "data"
    subprocess.run([sys.executable, "-m", "gongshi", "gen", "60", "--out", str(data)],
                   check=True, stdout=subprocess.DEVNULL)
    return data


@pytest.fixture(scope="module")
def generated_site(tmp_path_factory, generated_data) -> Path:
    """generated_data built once, with every speed-up as it is: the site the other ways are compared with."""
    code, site = build(tmp_path_factory.mktemp("gen-site"), generated_data, today=BUILD_DATE)
    assert code == 0
    return site


def test_shared_navigation_changes_no_page(tmp_path, generated_data, generated_site, monkeypatch):
    from gongshi.adapters.mkdocs import navcache
    from gongshi.render import charts

    cached = generated_site
    monkeypatch.setattr(navcache, "install", lambda env, cacheable: None)
    # Chart ids count up across builds in one process: start both builds alike.
    monkeypatch.setattr(charts, "_ids", itertools.count(1), raising=False)
    code, fresh = build(tmp_path / "fresh", generated_data, today=BUILD_DATE)
    assert code == 0
    a, b = _files(cached), _files(fresh)
    assert a.keys() == b.keys()
    assert [path for path in a if a[path] != b[path]] == []
    assert sum(path.endswith("index.html") for path in a) > 100


def test_navigation_kinds():
    from gongshi.adapters.mkdocs.navcache import page_kind

    assert page_kind("") == ("", 0)
    assert page_kind("issues/x/") == ("issues", 2)
    assert page_kind("issues/x/notice/") == ("issues", 3)


def test_streamed_open_data_is_the_pretty_printed_list(generated_site):
    site = generated_site
    issues = json.loads((site / "data" / "issues.json").read_text(encoding="utf-8"))
    assert len(issues) == 60
    # Byte for byte what json.dumps writes for the whole list, and each twin is its item.
    expected = json.dumps(issues, ensure_ascii=False, indent=1) + "\n"
    assert (site / "data" / "issues.json").read_text(encoding="utf-8") == expected
    for issue in issues:
        twin = (site / "issues" / issue["id"] / "index.json").read_text(encoding="utf-8")
        assert twin == json.dumps(issue, ensure_ascii=False, indent=1) + "\n"


def test_index_stream_plans_shards_from_every_page(tmp_path, generated_data, monkeypatch):

    monkeypatch.setattr(SETTINGS, "shard_size", 25)
    code, site = build(tmp_path, generated_data, today=BUILD_DATE)
    assert code == 0
    shards = json.loads((site / "pagefind" / "shards.json").read_text())
    searchable = 60 + sum(1 for p in (generated_data / "petitions").glob("*.yml"))
    assert len(shards) >= -(-searchable // 25)
    for shard in shards:
        assert (site / shard / "pagefind-entry.json").exists()
        pages = json.loads((site / shard / "pagefind-entry.json").read_text())["languages"]["zh"]["page_count"]
        assert 0 < pages <= 25


@pytest.fixture(scope="module")
def bench_run(tmp_path_factory):
    """scripts/bench-build on 20 issues, three runs each: (exit code, what it printed, its work folder)."""
    from gongshi.dev import bench_build

    work = tmp_path_factory.mktemp("bench")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = bench_build.main(["--issues", "20", "--work", str(work), "--repeat", "3"])
    return code, out.getvalue(), work


def test_bench_build_prints_every_number(bench_run):
    from gongshi.dev import bench_build

    code, out, work = bench_run
    for expected in ("gongshi build:", "peak memory", "pages/s", "phases", "bare mkdocs-material:",
                     "ratio gongshi/bare: wall", ", CPU "):
        assert expected in out
    ours = bench_build.html_pages(work / "20" / "project" / "site")
    bare_docs = list((work / "20" / "bare" / "docs").rglob("*.md"))
    assert len(bare_docs) == len(ours) > 50
    assert code in (0, 1)  # small sites miss the ratio: pagefind's start-up dominates
    assert re.search(r"gongshi build: [0-9.]+ s \(\d+ CPU s, \d+ system\)", out)
    # The sites replaced between runs were moved aside, and deleted once every build was timed.
    assert not (work / ".trash").exists()


def test_bench_build_repeats_and_takes_the_median(bench_run):
    _, out, _ = bench_run
    runs = re.search(r"gongshi build, 3 runs: (.*); the median run:", out).group(1)
    seconds = sorted(float(s) for s in re.findall(r"([0-9.]+) s \(\d+ CPU s, \d+ system\)", runs))
    assert len(seconds) == 3
    assert f"gongshi build: {seconds[1]:.1f} s" in out  # the median of the three
    assert re.search(r"bare mkdocs-material, 3 runs: .*; the median run:", out)
    assert len(re.search(r"each run's ratio: ([0-9., ]+);", out).group(1).split(", ")) == 3


def test_relative_urls_are_those_of_posixpath():
    import itertools as it
    import posixpath

    from gongshi.render.engine import _relpath

    paths = ["", ".", "issues/", "issues/a/", "issues/a/notice/", "issues/b/", "units/u/page/2/", "feeds/notices.xml",
             "sources/s/feed.xml", "feeds/regions/湖南省.xml", "calendar/2026-09/", "a//b/", "./issues/a/"]
    for target, start in it.product(paths, repeat=2):
        t, s = target.rstrip("/") or ".", start.rstrip("/") or "."
        assert _relpath(t, s) == posixpath.relpath(t, s), (target, start)


def test_large_data_sets_validated_in_workers_build_the_same_site(tmp_path, generated_data, generated_site,
                                                                   monkeypatch):
    """From settings.build_validate_parallel_from files the build validates in worker processes and loads the data
    again without YAML node trees (memory at 100,000 issues): the site is the same."""
    from gongshi.rules import parallel

    usual = generated_site
    calls = []
    validate = parallel.validate
    monkeypatch.setattr(SETTINGS, "build_validate_parallel_from", 0)
    monkeypatch.setattr(parallel, "validate", lambda *a, **k: calls.append(r := validate(*a, **k)) or r)
    code, lean = build(tmp_path / "lean", generated_data, today=BUILD_DATE)
    assert code == 0 and calls and calls[0] is not None  # validated in the workers
    assert _files(lean) == _files(usual)


def test_large_data_set_errors_name_file_and_line(tmp_path, generated_data, monkeypatch, capsys):
    import shutil


    data = tmp_path / "data"
    shutil.copytree(generated_data, data)
    issue = sorted((data / "issues").rglob("*.yml"))[3]
    lines = issue.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if line.startswith("source:"))
    lines[number] = "source: 没有这个来源"
    issue.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setattr(SETTINGS, "build_validate_parallel_from", 0)
    code, _ = build(tmp_path / "site", data, today=BUILD_DATE)
    err = capsys.readouterr().err
    assert code == 1
    assert f"{issue.name}:{number + 1}: source:" in err, err[-2000:]
    assert "Traceback" not in err


def test_pages_prepared_by_the_build_process_give_the_same_index(tmp_path, generated_data, generated_site, monkeypatch):
    """When the index worker falls behind, the build process prepares documents itself: same index bytes."""
    from gongshi.build.index import IndexStream

    by_worker = _index_files(generated_site)
    prepared = []
    original = IndexStream.finish
    monkeypatch.setattr(IndexStream, "behind", lambda self: True)
    monkeypatch.setattr(IndexStream, "finish", lambda self: (prepared.append(self.prepared_here), original(self))[1])
    code, site = build(tmp_path / "here", generated_data, today=BUILD_DATE)
    assert code == 0
    assert prepared and prepared[0] > 60
    by_build = _index_files(site)
    assert by_build.keys() == by_worker.keys() and len(by_build) > 20
    assert [path for path in by_build if by_build[path] != by_worker[path]] == []


def test_shards_are_cut_by_weight():
    """A listing page weighs more than a record page: shards stay within settings.shard_size issue pages."""
    from gongshi.search.contract import GROUP_LISTING, GROUP_RECORD
    from gongshi.search.facets import order_key
    from gongshi.search.pagefind import index as indexer

    paths = [f"issues/{i:04d}/" for i in range(10)] + [f"units/u{i}/" for i in range(4)]
    weights = {f"units/u{i}/": 2.5 for i in range(4)}
    saved = SETTINGS.shard_size
    try:
        SETTINGS.shard_size = 5
        plan = indexer.shard_plan({p: order_key(GROUP_LISTING if p.startswith("units/") else GROUP_RECORD, None)
                                   for p in paths}, weights)
    finally:
        SETTINGS.shard_size = saved
    assert [len(shard) for shard in plan] == [5, 5, 2, 2]
    assert [path for shard in plan for path in shard] == sorted(paths)
    assert indexer.shard_plan({}, {}) == []


def test_listing_pages_weigh_by_what_they_list(generated_data):
    import datetime as dt

    from gongshi.search.facets import search_pages
    from gongshi.site.load import load_site

    site = load_site(generated_data, dt.date.fromisoformat(BUILD_DATE))
    pages = {page.path: page for page in search_pages(site)}
    assert all(page.weight == 1.0 for path, page in pages.items() if path.startswith(("issues/", "petitions/")))
    units = [page.weight for path, page in pages.items() if path.startswith("units/")]
    assert min(units) >= 1.0 and max(units) > 1.0 and max(units) <= 1 + 100 / 55


def test_fragments_carry_the_page_text_not_the_indexed_words(generated_site):
    """The index holds tokens only; each fragment holds its page's visible text instead."""
    import gzip

    from gongshi.search.extract import visible_text

    site = generated_site
    fragments = sorted(site.glob("pagefind*/fragment/*.pf_fragment"))
    assert len(fragments) > 60
    for path in fragments:
        raw = gzip.decompress(path.read_bytes())
        assert raw.startswith(b"pagefind_dcd")
        fragment = json.loads(raw[len(b"pagefind_dcd"):])
        assert fragment["content"] == ""  # the tokens (ϙ...) are not sent to browsers
        text = fragment["meta"]["text"]
        assert "\u03d9" not in text and fragment["meta"]["title"]
        if fragment["url"].startswith("/issues/"):
            page = (site / fragment["url"].strip("/") / "index.html").read_text(encoding="utf-8")
            body = visible_text("<div" + page.split("<main", 1)[1].split("</main>", 1)[0] + "</div>")
            # Every line of the indexed text is on the page as the reader sees it.
            assert all(line in body for line in text.splitlines()), fragment["url"]




def test_generated_files_written_by_a_child_process_are_those_written_by_a_thread(tmp_path, generated_data,
                                                                                  generated_site, monkeypatch):
    """Feeds, calendars and open data are written by a forked child while pages render, or by a thread
    (large data sets, systems without fork); same site."""
    from gongshi.build import assets as background
    from gongshi.runtime import processes

    forked = _files(generated_site)

    def no_fork():
        raise AssertionError("without fork the files must be written by a thread of the build process")

    monkeypatch.setattr(background.AssetWriter, "forks", property(lambda self: False))
    monkeypatch.setattr(processes.os, "fork", no_fork)
    code, site = build(tmp_path / "thread", generated_data, today=BUILD_DATE)
    assert code == 0
    threaded = _files(site)
    assert len(forked) > 300 and any(path.endswith("calendar.ics") for path in forked)
    assert forked.keys() == threaded.keys()
    assert [path for path in forked if forked[path] != threaded[path]] == []






@pytest.mark.parametrize("threaded", [False, True], ids=["forked child", "thread (large data sets)"])
def test_a_failing_file_writer_fails_the_build_and_keeps_the_old_site(tmp_path, generated_data, monkeypatch, capsys,
                                                                      threaded):
    from gongshi.build import assets as background

    if threaded:
        monkeypatch.setattr(SETTINGS, "fork_writer_below", 0)
    code, site = build(tmp_path, generated_data, today=BUILD_DATE)
    assert code == 0
    before = _files(site)

    def full_disk(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(background.attachments, "write", full_disk)  # runs in the child or the thread
    capsys.readouterr()
    code, site = build(tmp_path, generated_data, today=BUILD_DATE)
    err = capsys.readouterr().err
    assert code == 1
    assert "生成订阅、日历和开放数据文件失败：OSError: [Errno 28] No space left on device" in err
    assert "Traceback" not in err
    assert _files(site) == before
    assert not list(tmp_path.glob(".site-*"))  # the staging folder is gone


def test_a_failing_page_stops_the_file_writing_thread_before_the_staging_folder_goes(tmp_path, generated_data,
                                                                                      monkeypatch, capsys):
    import time

    from gongshi.build import assets as background
    from gongshi.build import pipeline

    monkeypatch.setattr(SETTINGS, "fork_writer_below", 0)  # the thread
    code, site = build(tmp_path, generated_data, today=BUILD_DATE)
    assert code == 0
    before = _files(site)
    original_write = background.attachments.write

    def slow_attachments(*args):
        time.sleep(1.0)  # still writing when the page fails
        return original_write(*args)

    rendered = []
    original_render = pipeline.Build.render

    def failing_render(self, url, *args):
        rendered.append(url)
        if len(rendered) == 5:
            raise pipeline.BuildFailed("第 5 个页面出错")
        return original_render(self, url, *args)

    monkeypatch.setattr(background.attachments, "write", slow_attachments)
    monkeypatch.setattr(pipeline.Build, "render", failing_render)
    capsys.readouterr()
    code, site = build(tmp_path, generated_data, today=BUILD_DATE)
    assert code == 1
    assert "第 5 个页面出错" in capsys.readouterr().err
    time.sleep(1.5)  # a thread writing on would bring the staging folder back
    assert not list(tmp_path.glob(".site-*"))
    assert _files(site) == before


def test_the_file_writer_checks_it_wrote_what_was_planned(tmp_path, generated_data, monkeypatch, capsys):
    from gongshi.build import assets as background

    original = background.opendata.paths
    monkeypatch.setattr(background.opendata, "paths", lambda site: [*original(site), "data/extra.json"])
    code, _ = build(tmp_path, generated_data, today=BUILD_DATE)
    assert code == 1
    assert "写出的文件与计划不符：多出 []，缺少 ['data/extra.json']" in capsys.readouterr().err
