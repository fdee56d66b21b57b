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


def test_stop_stack_leaves_no_process_of_either_group():
    """gunicorn's and celery's children go too (their own process groups, SIGKILL leftovers)."""
    import os
    import time

    # Each "server" forks a child that ignores SIGTERM, as a stuck worker would.
    script = "trap '' TERM; sleep 120 & echo $!; wait"
    spawn = [run_all._spawn(["sh", "-c", script], dict(os.environ), stdout=-1) for _ in (0, 1)]
    children = [int(p.stdout.readline()) for p in spawn]
    stack = run_all.Stack(0, spawn[0], spawn[1], 1)
    started = time.monotonic()
    run_all.stop_stack(stack, grace=0.5)
    run_all.stop_stack(stack, grace=0.5)  # idempotent: atexit calls it again after `finally`
    assert time.monotonic() - started < 10
    for pid in [p.pid for p in spawn] + children:
        assert _gone_within(pid, seconds=3)


def _gone_within(pid: int, *, seconds: float) -> bool:
    """A SIGKILLed process may still be in /proc for a moment before it is a zombie."""
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if "zombie" in _state(pid) or "dead" in _state(pid):
                return True
        except (FileNotFoundError, IndexError, ProcessLookupError):
            return True
        time.sleep(0.05)
    return False


def _state(pid: int) -> str:
    return Path(f"/proc/{pid}/status").read_text().split("State:")[1].split("\n")[0].lower()


def test_quiz_regexes_read_the_real_question_partial():
    """The harness finds the answer URL and fields in what the answer template renders."""
    from types import SimpleNamespace

    from django.template.loader import render_to_string
    from django.urls import reverse

    question = SimpleNamespace(pk=41, kind="single", prompt="Apa itu koperasi?", unit="")
    rows = [SimpleNamespace(position=n, obj=SimpleNamespace(text=f"Pilihan {n}")) for n in (2, 0)]
    item = SimpleNamespace(question=question, rows=rows, answer=None, value="")
    html = render_to_string(
        "courses/partials/quiz.html#question", {"item": item, "attempt": SimpleNamespace(pk=7)}
    )
    _qid, kind, body = run_all.QUESTION.search(html).groups()
    assert (_qid, kind) == ("41", "single")
    assert run_all.ANSWER_URL.search(body).group(1) == reverse("courses:answer-save", args=[7, 41])
    assert run_all.answer_form(kind, body) == "answer=2"
