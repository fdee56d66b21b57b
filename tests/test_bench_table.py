"""bench/run_all.py's verdicts: ratios to the floor and PASS/FAIL per target."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("run_all", ROOT / "bench" / "run_all.py")
run_all = importlib.util.module_from_spec(spec)
sys.modules["run_all"] = run_all  # dataclasses look their module up
spec.loader.exec_module(run_all)


def test_ratio_and_verdicts_follow_the_targets():
    lesson = run_all.Row(page="lesson", rps=350.0)
    slow = run_all.Row(page="slow", rps=250.0)
    grid = run_all.Row(page="grid", rps=80.0, cpu_ms=12.0)
    target = run_all.Target(floor=0.30, wagtail=10.0)
    run_all.judge(lesson, target, floor_rps=1000.0, wagtail_rps=30.0)
    run_all.judge(slow, target, floor_rps=1000.0, wagtail_rps=20.0)
    run_all.judge(grid, run_all.Target(cpu_ms=12.0), floor_rps=1000.0, wagtail_rps=20.0)
    assert (lesson.ratio, lesson.ok) == (0.35, True)
    assert (slow.ratio, slow.ok) == (0.25, False)  # 12.5x Wagtail but under 0.30 of the floor
    assert grid.ok is False  # 12 CPU ms is not under 12
    errors = run_all.Row(page="e", rps=500.0, errors=1)
    assert run_all.judge(errors, target, 1000.0, 10.0).ok is False
    table = run_all.format_table([lesson, slow, grid])
    assert "| lesson | 350.0 |" in table and "| 0.350 |" in table
    assert table.count("PASS") == 1 and table.count("FAIL") == 2
