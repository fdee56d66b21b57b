"""Original Kopsis curriculum, kept as data and loaded by courses/demo.py.

Each course is a dict; lessons carry a body (StreamField blocks) and a quiz. The helpers
below keep the question lists short to read. Facts follow docs/domain.md (UU 25/1992 as
amended by UU 6/2023, Permenkop 2/2024, ICA 1995).

Rows look alike by design: lessons are dicts of the same keys (slug, title, summary, body,
quiz) with other content; the course modules call the helpers as `c.single(...)` etc. through
`from courses import curriculum as c` (docs/architecture.md §7).
"""

from __future__ import annotations

from typing import Any


def single(prompt: str, choices: list[tuple[str, bool]], explanation: str = "") -> dict[str, Any]:
    return {"kind": "single", "prompt": prompt, "choices": choices, "explanation": explanation}


def multiple(prompt: str, choices: list[tuple[str, bool]], explanation: str = "") -> dict[str, Any]:
    return {"kind": "multiple", "prompt": prompt, "choices": choices, "explanation": explanation}


def true_false(prompt: str, answer: bool, explanation: str = "") -> dict[str, Any]:
    return {"kind": "true_false", "prompt": prompt, "answer": answer, "explanation": explanation}


def numeric(
    prompt: str,
    answer: int | str,
    explanation: str = "",
    *,
    unit: str = "Rp",
    tolerance: int | str = 0,
) -> dict[str, Any]:
    return {
        "kind": "numeric",
        "prompt": prompt,
        "answer": answer,
        "unit": unit,
        "tolerance": tolerance,
        "explanation": explanation,
    }


def short_text(prompt: str, accepted: list[str], explanation: str = "") -> dict[str, Any]:
    return {
        "kind": "short_text",
        "prompt": prompt,
        "accepted": accepted,
        "explanation": explanation,
    }


def matching(prompt: str, pairs: list[tuple[str, str]], explanation: str = "") -> dict[str, Any]:
    return {"kind": "matching", "prompt": prompt, "pairs": pairs, "explanation": explanation}


def ordering(prompt: str, items: list[str], explanation: str = "") -> dict[str, Any]:
    return {"kind": "ordering", "prompt": prompt, "items": items, "explanation": explanation}


def callout(kind: str, title: str, text: str) -> tuple[str, dict[str, str]]:
    return ("callout", {"kind": kind, "title": title, "text": text})


def example(title: str, problem: str, steps: list[str], answer: str) -> tuple[str, dict[str, Any]]:
    return (
        "worked_example",
        {"title": title, "problem": problem, "steps": steps, "answer": answer},
    )
