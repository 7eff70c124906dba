"""Benchmark: the site build at scale, against a bare mkdocs-material build.

For each --issues N: generate data (gen_data.py), build it with the real build
command (python -m gongshi build), then build a bare mkdocs-material site with
the same pages and the same text (each page's visible article text, taken from
our built HTML, as Markdown; default material config with its search plugin;
a nav of the home page only, every other page `not_in_nav`). Both builds are
timed the same way. The peak memory of the whole process tree (the build and
every child, e.g. pagefind) is the largest sum of their PSS (proportional set
size: a page shared by forked processes counts once, split among them), sampled
every 0.2 s from /proc/<pid>/smaps_rollup; the largest RSS sum (which counts
shared pages once per process) and each role's own peak are printed beside it.

Targets (2-core machine): 10,000 issues in under 120 s, at most 1.2 times the
bare build's wall time and 1.5 times its CPU time (user + system of the whole
process tree: the wall ratio rides on two cores, the CPU ratio is the cost; the
bare build is made up to 10,000 issues unless --bare-max says otherwise);
peak memory at most 1 GB up to 10,000 issues and under 3 GB up to 100,000; the
time at most 12 times the 10,000-issue time at 100,000.

Sites and data the benchmark replaces are moved aside and deleted once every
build is timed (Trash): deleting many files just before a build made it pay for
them in system time. For the same reason, measure when nothing else has deleted
many files in the last few minutes (a test run's temporary sites, say).
"""

from __future__ import annotations

import argparse
import html
import itertools
import os
import re
import resource
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil

from gongshi.adapters.mkdocs.project import make_project
from gongshi.dev import PROJECT as ROOT

BUILD_DATE = "2026-09-30"
TARGET_SECONDS_10K = 120
TARGET_RATIO_BARE = 1.2  # wall time
TARGET_CPU_RATIO = 1.5  # CPU time
RATIO_MAX_ISSUES = 10_000  # the two ratios are targets up to this size (larger: printed only)
TARGET_MEMORY = [(10_000, 1024 ** 3), (100_000, 3 * 1024 ** 3)]  # (up to this many issues, peak memory under)
TARGET_GROWTH = 12  # 10k → 100k
SAMPLE_EVERY = 0.2


@dataclass
class Run:
    seconds: float
    peak_rss: int  # the largest PSS sum of the process tree (RSS where PSS cannot be read)
    cpu: float = 0.0  # user + system seconds of the whole process tree
    log: list[tuple[float, str]] = field(default_factory=list)  # (seconds since start, line)
    returncode: int = 0
    peak_rss_sum: int = 0  # the largest RSS sum (shared pages counted once per process)
    roles: dict[str, int] = field(default_factory=dict)  # role → its largest RSS (summed over its processes)
    role_cpu: dict[str, float] = field(default_factory=dict)  # role → CPU seconds of its processes (last sample)
    system: float = 0.0  # the system (kernel) part of cpu


def measure(command: list[str], env: dict, cwd: Path | None = None) -> Run:
    """Run a command; time it, sample the RSS sum of its process tree, keep its stderr lines with their times."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               text=True, encoding="utf-8", errors="replace")
    log: list[tuple[float, str]] = []
    stderr = process.stderr
    assert stderr is not None  # stderr=PIPE

    def read_log():
        for line in stderr:
            log.append((time.perf_counter() - started, line.rstrip("\n")))

    reader = threading.Thread(target=read_log, daemon=True)
    reader.start()
    root = psutil.Process(process.pid)
    peak = peak_rss = 0
    roles: dict[str, int] = {}
    cpu_seen: dict[int, tuple[str, float]] = {}  # pid → (role, its CPU seconds when last sampled)
    while process.poll() is None:
        try:
            tree = [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            break
        total = total_rss = 0
        by_role: dict[str, int] = {}
        for p in tree:
            try:
                rss = p.memory_info().rss
                role = _role(p, root)
                times = p.cpu_times()
            except psutil.NoSuchProcess:
                continue
            cpu_seen[p.pid] = (role, times.user + times.system)
            total += _pss(p.pid) or rss
            total_rss += rss
            by_role[role] = by_role.get(role, 0) + rss
        peak, peak_rss = max(peak, total), max(peak_rss, total_rss)
        for role, size in by_role.items():
            roles[role] = max(roles.get(role, 0), size)
        time.sleep(SAMPLE_EVERY)
    process.wait()
    seconds = time.perf_counter() - started
    reader.join(timeout=5)
    # Children's CPU time counts every descendant that was waited for (pagefind runs too).
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    system = after.ru_stime - before.ru_stime
    cpu = after.ru_utime - before.ru_utime + system
    role_cpu: dict[str, float] = {}
    for role, seconds_used in cpu_seen.values():
        role_cpu[role] = role_cpu.get(role, 0.0) + seconds_used
    return Run(seconds, peak, cpu, log, process.returncode, peak_rss, roles, role_cpu, system)


def _pss(pid: int) -> int | None:
    """Proportional set size in bytes (Linux), or None."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as f:
            for line in f:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def _role(p: psutil.Process, root: psutil.Process) -> str:
    if p.pid == root.pid:
        return "build"
    command = " ".join(p.cmdline())
    if "pagefind" in p.name() or "-m pagefind" in command:
        return "pagefind"
    if "gongshi.search.pagefind.worker" in command:
        return "index worker"
    return "other workers"


class Trash:
    """Folders the benchmark replaces are moved here and deleted after the timed builds. On a file
    system without a journal (ext4 here), a file created within minutes of many deletions makes the
    kernel look at each recently freed inode (ext4 find_inode_bit, recently_deleted): a build right
    after `rm -rf site` paid for the deletion in system time, more the more files it writes."""

    def __init__(self, work: Path):
        self.folder = Path(work) / ".trash"
        self.count = 0

    def discard(self, path: Path) -> None:
        if path.exists():
            self.folder.mkdir(parents=True, exist_ok=True)
            self.count += 1
            path.rename(self.folder / f"{os.getpid()}-{self.count}")

    def empty(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def generate(issues: int, work: Path, trash: Trash, reuse: bool = False) -> Path:
    data = work / "data"
    if reuse and (data / ".complete").exists():
        return data  # generated earlier with the same size (gen_data.py is deterministic)
    trash.discard(data)
    subprocess.run([sys.executable, "-m", "gongshi", "gen", str(issues), "--out", str(data)], check=True,
                   stdout=subprocess.DEVNULL)
    (data / ".complete").touch()
    return data


def build_ours(work: Path, data: Path, trash: Trash) -> tuple[Run, Path]:
    config = make_project(ROOT, work / "project", data)
    site = work / "project" / "site"
    trash.discard(site)
    env = dict(os.environ, GONGSHI_BUILD_DATE=BUILD_DATE, NO_MKDOCS_2_WARNING="1")
    run = measure([sys.executable, "-m", "gongshi", "build", "--config", str(config)], env)
    return run, site


def html_pages(site: Path) -> list[Path]:
    """The site's pages (not pagefind's files, not the 404 page)."""
    return sorted(p for p in site.rglob("index.html") if not p.relative_to(site).parts[0].startswith("pagefind"))


def article_text(page: Path) -> str:
    import lxml.html

    root = lxml.html.fromstring(page.read_bytes())
    articles = root.xpath("//article")
    if not articles:
        return ""
    article = articles[0]
    for element in list(article.iter("script", "style", "template", "svg")):
        element.drop_tree()
    for element in article.iter("p", "div", "li", "dt", "dd", "h1", "h2", "h3", "h4", "tr", "td", "th", "br"):
        element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in article.text_content().splitlines())
    return "\n".join(line for line in lines if line)


_MARKDOWN_START = re.compile(r"^([#>*+\-=|]|\d+[.)])")


def write_bare_project(site: Path, where: Path, trash: Trash) -> int:
    """A mkdocs-material project with one Markdown page per built page, holding its visible text."""
    trash.discard(where)
    docs = where / "docs"
    count = 0
    for page in html_pages(site):
        relative = page.relative_to(site).parent
        target = docs / relative / "index.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        lines = article_text(page).splitlines() or ["（空）"]
        title, body = lines[0], lines[1:]
        paragraphs = [_MARKDOWN_START.sub(r"\\\1", html.escape(line, quote=False)) for line in body]
        target.write_text(f"# {html.escape(title, quote=False)}\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
        count += 1
    (where / "mkdocs.yml").write_text(
        "site_name: bare\n"
        "theme:\n  name: material\n  language: zh\n"
        "nav:\n  - index.md\n"
        "not_in_nav: |\n  *\n",
        encoding="utf-8",
    )
    return count


def build_bare(where: Path, trash: Trash) -> Run:
    trash.discard(where / "site")  # as for ours: no old site to clean in the timed build
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return measure([sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(where / "mkdocs.yml")], env)


def _median(runs: list[Run]) -> Run:
    """The run with the median time (the lower middle one of an even number)."""
    return sorted(runs, key=lambda run: run.seconds)[(len(runs) - 1) // 2]


def _times(runs: list[Run]) -> str:
    return ", ".join(f"{r.seconds:.1f} s ({r.cpu:.0f} CPU s, {r.system:.0f} system)" for r in runs)


def _fastest(runs: list[Run]) -> float:
    return min(r.seconds for r in runs)


def mb(size: int) -> str:
    return f"{size / 1024 ** 2:,.0f} MB"


def phases(run: Run) -> list[str]:
    """Our build's own log lines (gongshi's phase timings and mkdocs' milestones), with their times."""
    wanted = re.compile(r"gongshi: |Building documentation|Documentation built")
    return [f"  {at:7.1f} s  {line.split(' -  ', 1)[-1]}" for at, line in run.log
            if wanted.search(line) and "数据提示" not in line]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="scripts/bench-build",
        description="构建性能测试：生成 N 个问题的合成数据，用正式构建命令生成网站，再用同样页数、同样文字的 "
                    "mkdocs-material 空白站点（默认配置）在同一次运行中构建作对照；打印用时、整个进程树的内存峰值、"
                    "页数、每秒页数和比值。目标：1 万个问题 120 秒内，用时不超过空白站点的 1.2 倍、"
                    "CPU 时间不超过 1.5 倍，内存峰值不超过 1 GB；10 万个问题内存峰值低于 3 GB，"
                    "用时不超过 1 万个问题的 12 倍。未达标时退出码为 1。",
        epilog="例：scripts/bench-build --issues 10000 100000",
    )
    parser.add_argument("--issues", type=int, nargs="+", default=[10_000], help="问题数量，可给多个（默认 10000）")
    parser.add_argument("--work", default="/tmp/gongshi-bench-build", help="工作目录（数据和网站写在这里）")
    parser.add_argument("--reuse-data", action="store_true", help="沿用工作目录中已生成的同规模数据（生成是确定的）")
    parser.add_argument("--no-bare", action="store_true", help="不构建对照用的空白站点")
    parser.add_argument("--repeat", type=int, default=1,
                        help="有空白站点对照的规模：本站和空白站点交替各构建 N 次，"
                             "用时取中位数（同一台机器前后两次的用时也有差别）")
    parser.add_argument("--bare-max", type=int, default=RATIO_MAX_ISSUES,
                        help=f"只对不超过这个问题数的规模构建空白站点（默认 {RATIO_MAX_ISSUES}：与空白站点的比值"
                             "只在 1 万个问题时有目标，10 万规模只测本站构建）")
    args = parser.parse_args(argv)
    trash = Trash(Path(args.work))
    try:
        return _bench(args, trash)
    finally:
        trash.empty()  # after the timed builds (see Trash)


def _bench(args: argparse.Namespace, trash: Trash) -> int:
    missed: list[str] = []
    times: dict[int, float] = {}
    for issues in args.issues:
        work = Path(args.work) / str(issues)
        print(f"== {issues:,} 个问题（issues）==", flush=True)
        data = generate(issues, work, trash, args.reuse_data)
        with_bare = not args.no_bare and (args.bare_max is None or issues <= args.bare_max)
        # Ours and the bare build alternate, so a slower spell of the machine falls on both.
        ours_runs: list[Run] = []
        bare_runs: list[Run] = []
        for attempt in range(max(1, args.repeat) if with_bare else 1):
            ours, site = build_ours(work, data, trash)
            if ours.returncode != 0:
                print("\n".join(line for _, line in ours.log[-30:]))
                print(f"构建失败（退出码 {ours.returncode}）")
                return 1
            ours_runs.append(ours)
            if with_bare:
                if attempt == 0:
                    count = write_bare_project(site, work / "bare", trash)
                bare = build_bare(work / "bare", trash)
                if bare.returncode != 0:
                    print("\n".join(line for _, line in bare.log[-30:]))
                    print("空白站点构建失败")
                    return 1
                bare_runs.append(bare)
        ours = _median(ours_runs)
        pages = len(html_pages(site))
        times[issues] = ours.seconds
        if len(ours_runs) > 1:
            print(f"gongshi build, {len(ours_runs)} runs: {_times(ours_runs)}; the median run:")
        print(f"gongshi build: {ours.seconds:.1f} s ({ours.cpu:.0f} CPU s, {ours.system:.0f} system), "
              f"peak memory {mb(ours.peak_rss)} "
              f"(process tree, PSS), {pages:,} pages, {pages / ours.seconds:.0f} pages/s")
        print(f"  peak RSS sum {mb(ours.peak_rss_sum)}; each role's peak RSS: "
              + ", ".join(f"{role} {mb(size)}" for role, size in sorted(ours.roles.items())))
        print("  each role's CPU (sampled every 0.2 s, so a little short): "
              + ", ".join(f"{role} {seconds:.1f} s" for role, seconds in sorted(ours.role_cpu.items())))
        print("phases (from the build log):")
        print("\n".join(phases(ours)))
        if issues == 10_000 and ours.seconds >= TARGET_SECONDS_10K:
            missed.append(f"{issues} issues: {ours.seconds:.1f} s ≥ {TARGET_SECONDS_10K} s")
        peak = max(r.peak_rss for r in ours_runs)
        limit = next((size for most, size in TARGET_MEMORY if issues <= most), None)
        if limit is not None and peak >= limit:
            missed.append(f"{issues} issues: peak memory {mb(peak)} ≥ {mb(limit)}")
        if with_bare:
            bare = _median(bare_runs)
            ratio = ours.seconds / bare.seconds
            if len(bare_runs) > 1:
                print(f"bare mkdocs-material, {len(bare_runs)} runs: {_times(bare_runs)}; the median run:")
            print(f"bare mkdocs-material: {bare.seconds:.1f} s ({bare.cpu:.0f} CPU s, {bare.system:.0f} system), "
                  f"peak memory {mb(bare.peak_rss)}, {count:,} pages, {count / bare.seconds:.0f} pages/s")
            cpu_ratio = ours.cpu / bare.cpu
            print(f"ratio gongshi/bare: wall {ratio:.2f} (target ≤ {TARGET_RATIO_BARE}), "
                  f"CPU {cpu_ratio:.2f} (target ≤ {TARGET_CPU_RATIO})")
            if cpu_ratio > TARGET_CPU_RATIO and issues <= RATIO_MAX_ISSUES:
                missed.append(f"{issues} issues: CPU {cpu_ratio:.2f} × the bare build > {TARGET_CPU_RATIO}")
            if len(ours_runs) > 1:
                pairs = [o.seconds / b.seconds for o, b in zip(ours_runs, bare_runs, strict=True)]
                print("  each run's ratio: " + ", ".join(f"{r:.2f}" for r in pairs)
                      + f"; of the fastest runs {_fastest(ours_runs) / _fastest(bare_runs):.2f}")
            if ratio > TARGET_RATIO_BARE and issues <= RATIO_MAX_ISSUES:
                missed.append(f"{issues} issues: {ratio:.2f} × the bare build > {TARGET_RATIO_BARE}")
            trash.discard(work / "bare" / "site")
        print(flush=True)
    sizes = sorted(times)
    for small, large in itertools.pairwise(sizes):
        growth = times[large] / times[small]
        allowed = TARGET_GROWTH * large / small / 10
        print(f"time {small:,} → {large:,} issues: × {growth:.2f} (target ≤ {allowed:g}, linear = {large / small:g})")
        if growth > allowed:
            missed.append(f"{small} → {large}: × {growth:.2f} > {allowed:g}")
    if missed:
        print("未达标：\n  " + "\n  ".join(missed))
        return 1
    print("全部达标。")
    return 0

