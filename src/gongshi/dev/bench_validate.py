"""Benchmark: scripts/validate on N generated issues (target: 10,000 in under 5 s)."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/bench-validate", description="数据检查性能测试（合成数据）")
    parser.add_argument("--issues", type=int, default=10_000)
    parser.add_argument("--work", default="/tmp/gongshi-bench-validate")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    data = Path(args.work) / "data"
    subprocess.run([sys.executable, "-m", "gongshi", "gen", str(args.issues), "--out", str(data)], check=True)
    env = dict(os.environ, GONGSHI_BUILD_DATE="2026-09-30")
    times = []
    for _ in range(args.runs):
        started = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", "gongshi", "validate", "--data", str(data)],
                                env=env, capture_output=True, text=True)
        times.append(time.perf_counter() - started)
        if result.returncode != 0:
            print(result.stdout[-2000:], result.stderr[-2000:])
            return 1
    best = min(times)
    target = 5 * args.issues / 10_000
    print(f"validate {args.issues} issues: best {best:.2f} s of {args.runs} runs "
          f"({args.issues / best:.0f} issues/s); target < 5 s at 10,000 (ratio {best / target:.2f})")
    return 0 if best < target else 1

