"""Grade a practical case against its answer key, with partial credit per transaction.

Each transaction is worth four points, one each for: the date, the accounts (the multiset
of account codes), the sides (every account present in both has the expected side, and the
numbers of debit and credit lines match) and the amounts (the multiset of line amounts).
So a swapped debit/credit, a wrong account, a wrong amount and a wrong date each cost one
point; a missing entry costs all four; an unbalanced entry scores nothing and is flagged.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

POINTS = ("date", "accounts", "sides", "amounts")


@dataclass
class Answer:
    """What the candidate recorded for one transaction reference (lines may span entries)."""

    ref: str
    dates: list[str]
    lines: list[tuple[str, str, int]]  # (account, side, amount)


@dataclass
class Graded:
    ref: str
    text: str
    points: dict[str, bool]
    expected: list[tuple[str, str, int]]
    given: list[tuple[str, str, int]]
    dates: list[str]
    expected_date: str
    flags: list[str] = field(default_factory=list)

    @property
    def score(self) -> int:
        return sum(self.points.values())


def _balanced(lines: list[tuple[str, str, int]]) -> bool:
    debit = sum(a for _c, s, a in lines if s == "D")
    credit = sum(a for _c, s, a in lines if s == "K")
    return debit == credit > 0


def grade_transaction(tx: dict[str, Any], answer: Answer | None) -> Graded:
    expected = [(x["account"], x["side"], int(x["amount"])) for x in tx["lines"]]
    graded = Graded(
        tx["ref"], tx["text"], dict.fromkeys(POINTS, False), expected, [], [], tx["date"]
    )
    if answer is None or not answer.lines:
        graded.flags.append("tidak dicatat")
        return graded
    given = answer.lines
    graded.given, graded.dates = given, answer.dates
    if not _balanced(given):
        graded.flags.append("tidak seimbang")
        return graded
    if len(set(answer.dates)) > 1:
        graded.flags.append("dicatat di beberapa tanggal")
    graded.points["date"] = answer.dates == [tx["date"]] * len(answer.dates)
    graded.points["accounts"] = Counter(c for c, _s, _a in given) == Counter(
        c for c, _s, _a in expected
    )
    expected_sides = {c: s for c, s, _a in expected}
    given_sides: dict[str, set[str]] = {}
    for c, s, _a in given:
        given_sides.setdefault(c, set()).add(s)
    sides_ok = all(
        given_sides[c] == {s} for c, s in expected_sides.items() if c in given_sides
    ) and Counter(s for _c, s, _a in given) == Counter(s for _c, s, _a in expected)
    graded.points["sides"] = sides_ok
    graded.points["amounts"] = Counter(a for _c, _s, a in given) == Counter(
        a for _c, _s, a in expected
    )
    return graded


def grade_case(case: dict[str, Any], answers: dict[str, Answer], extra: int = 0) -> dict[str, Any]:
    """The whole case: per-transaction results, total points and a percentage (Decimal)."""
    rows = [grade_transaction(tx, answers.get(tx["ref"])) for tx in case["transactions"]]
    total = len(rows) * len(POINTS)
    earned = sum(r.score for r in rows)
    percent = (Decimal(100) * earned / total).quantize(Decimal("0.01"), ROUND_HALF_UP)
    return {
        "earned": earned,
        "total": total,
        "percent": str(percent),
        "unlinked_entries": extra,
        "rows": [
            {
                "ref": r.ref,
                "text": r.text,
                "points": r.points,
                "score": r.score,
                "expected": r.expected,
                "given": r.given,
                "dates": r.dates,
                "expected_date": r.expected_date,
                "flags": r.flags,
            }
            for r in rows
        ],
    }
