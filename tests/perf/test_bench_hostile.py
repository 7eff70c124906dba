"""The hostile-input benchmark runs and finds no input whose cost grows faster than its length."""

from __future__ import annotations

from gongshi.dev import bench_hostile


def test_hostile_fields_cost_time_linear_in_their_length(capsys):
    code = bench_hostile.main(["--runs", "3"])
    out = capsys.readouterr().out
    assert "未闭合方括号" in out and "YAML 嵌套" in out and "比值" in out
    assert code == 0, out
