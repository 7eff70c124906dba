"""Benchmark: the time one record takes (read, validate, render its Markdown) as a hostile
field grows from 1 KB to the length limit. Fails when any kind of input grows superlinearly."""

from __future__ import annotations

import argparse
import contextlib
import time

from pydantic import ValidationError

from gongshi.data import strict_yaml
from gongshi.model.fields import MAX_TEXT
from gongshi.model.records import Issue
from gongshi.render.markdown import MarkdownRenderer

# Each kind of hostile text, made `n` characters long.
HOSTILE = {
    "反引号连串": lambda n: "`" * n,
    "反引号成对": lambda n: "`文" * (n // 2),
    "未闭合方括号": lambda n: "[" * n,
    "方括号嵌套": lambda n: "[" * (n // 2) + "]" * (n // 2),
    "未闭合链接": lambda n: "[文](" * (n // 4),
    "图片": lambda n: "![文" * (n // 3),
    "强调": lambda n: "*文" * (n // 2),
    "下划线": lambda n: "_文" * (n // 2),
    "尖括号": lambda n: "<文" * (n // 2),
    "引用嵌套": lambda n: ">" * (n - 2) + " 文",
    "列表嵌套": lambda n: "".join("  " * (i % 40) + "- 文\n" for i in range(n // 40)),
    "空行": lambda n: "文" + " \n" * (n // 2) + "文",
    "实体": lambda n: "&#" * (n // 2),
    "正常链接": lambda n: "[文](https://example.org/)" * (n // 24),
}
# Written into the YAML as it is (not as a quoted string): flow collections nested n deep.
YAML_HOSTILE = {
    "YAML 嵌套": lambda n: "[" * (n // 2) + "]" * (n // 2),
    "YAML 花括号": lambda n: "{a: " * (n // 4) + "}" * (n // 4),
}
HEAD = ("source: s\nkind: 督察反馈问题\ntitle: 测试\nregion: 湖南省\ncategory: [水]\nstatus: 整改中\n"
        "problem: ")


def one_record(text: str, renderer: MarkdownRenderer, raw: bool = False) -> None:
    """What the build does with one record whose problem field is `text`."""
    quoted = '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
    source = HEAD + (text if raw else quoted) + "\n"
    with contextlib.suppress(strict_yaml.YamlProblem):
        strict_yaml.parse(source)
    with contextlib.suppress(ValidationError):
        Issue.model_validate({"source": "s", "kind": "督察反馈问题", "title": "测试", "region": "湖南省",
                              "category": ["水"], "status": "整改中", "problem": text})
    renderer.html(text)
    renderer.plain(text)


def timed(text: str, runs: int, raw: bool) -> float:
    best = float("inf")
    for _ in range(runs):
        renderer = MarkdownRenderer()  # no cache between runs
        started = time.perf_counter()
        one_record(text, renderer, raw)
        best = min(best, time.perf_counter() - started)
    return best


def _pad(label: str, width: int = 14) -> str:
    # A CJK character takes two columns in a terminal.
    return label + " " * max(width - sum(2 if ord(c) > 0x2E80 else 1 for c in label), 1)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/bench-hostile", description="恶意输入性能测试")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--max-ratio", type=float, default=3.0,
                        help="(time at the limit / time at 1 KB) / (size ratio) above this: superlinear")
    args = parser.parse_args(argv)
    sizes = [1_000, 2_000, 5_000, 10_000, MAX_TEXT]
    print(_pad("输入") + "".join(f"{n // 1000:>7} KB" for n in sizes) + "   比值")
    slow = []
    cases = [(name, make, False) for name, make in HOSTILE.items()]
    cases += [(name, make, True) for name, make in YAML_HOSTILE.items()]
    for name, make, raw in cases:
        times = [timed(make(n), args.runs, raw) for n in sizes]
        # Below a millisecond timer noise dominates: measure growth from there.
        ratio = (max(times[-1], 1e-3) / max(times[0], 1e-3)) / (sizes[-1] / sizes[0])
        flag = "  超线性" if ratio > args.max_ratio else ""
        print(_pad(name) + "".join(f"{t * 1000:>8.1f}ms" for t in times) + f"{ratio:>7.2f}{flag}")
        if flag:
            slow.append(name)
    print(f"比值 = (上限处用时 / 1 KB 用时) / 长度倍数，大于 {args.max_ratio} 为超线性")
    if slow:
        print("超线性：" + "、".join(slow))
        return 1
    return 0
