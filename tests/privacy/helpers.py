"""A student with savings, grades and consent records: the subject of the privacy tests."""

from __future__ import annotations

import datetime
from typing import Any

from courses.models import QuestionKind
from courses.services import quiz_answer_save, quiz_attempt_start, quiz_attempt_submit
from school_coops.models import JournalEntry, JournalLine, Membership
from school_coops.services.members import membership_end, membership_payout
from school_coops.services.savings import savings_deposit, savings_wajib_pay
from tests.courses.factories import make_course, make_question, make_quiz

FULL_NAME = "Kirana Wulandari Prameswari"
DAY = datetime.date(2026, 8, 3)


def give_grades(student: Any, *, slug: str = "privasi") -> None:
    """A submitted quiz whose short answer names the student (free text about a person)."""
    question = make_question(
        QuestionKind.SHORT_TEXT, "Siapa namamu?", accepted_answers="Kirana\nKirana Wulandari"
    )
    _, lessons = make_course(lessons=1, quiz=make_quiz([question]), slug=slug)
    attempt = quiz_attempt_start(student=student, lesson=lessons[0])
    quiz_answer_save(
        attempt_id=attempt.pk,
        student=student,
        question_id=question.pk,
        data={"answer": [f"Saya {FULL_NAME}"]},
    )
    quiz_attempt_submit(attempt_id=attempt.pk, student=student)


def give_savings(member: Membership, treasurer: Any) -> None:
    savings_deposit(membership=member, amount=50000, by=treasurer, date=DAY)
    savings_wajib_pay(membership=member, period=DAY.replace(day=1), by=treasurer, date=DAY)


def graduate_and_pay_out(member: Membership, treasurer: Any) -> None:
    membership_end(membership=member, reason=Membership.EndReason.GRADUATED, by=treasurer, date=DAY)
    membership_payout(membership=member, by=treasurer)


def posted_ledger_snapshot() -> tuple[list[Any], list[Any]]:
    entries = list(
        JournalEntry.objects.order_by("pk").values_list(
            "pk", "coop_id", "number", "date", "memo", "receipt_number", "posted_at", "created_by"
        )
    )
    lines = list(
        JournalLine.objects.order_by("pk").values_list(
            "pk", "entry_id", "account_id", "side", "amount", "savings_account_id", "membership_id"
        )
    )
    return entries, lines
