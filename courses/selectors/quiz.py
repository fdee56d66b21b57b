"""Reads about quizzes: a student's standing, an attempt's questions and feedback."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Aggregate, Count, Exists, Max, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from courses import models as m
from courses.grading import correct_text, question_view, response_text
from lms.accounts.models import User


@dataclass
class QuizState:
    """A student's standing in one quiz, read in one query."""

    quiz: m.Quiz
    used: int
    open_attempt_id: int | None
    last_attempt_id: int | None
    last_score: Decimal | None
    best_score: Decimal | None
    passed: bool
    lesson_completed_at: Any = None

    @property
    def attempts_left(self) -> int | None:
        if not self.quiz.max_attempts:
            return None
        return max(self.quiz.max_attempts - self.used, 0)

    @property
    def can_start(self) -> bool:
        """A passed quiz is not retaken: its key has been shown (see key_revealed())."""
        return not self.passed and self.attempts_left != 0


def quiz_state(*, user: User, quiz_id: int, lesson_id: int | None = None) -> QuizState | None:
    """One query: the quiz row with the student's attempts summed up in subqueries, and the
    lesson's completion (the lesson page has a budget of 12 queries)."""
    quiz = _quiz_with_attempt_totals(user, quiz_id, lesson_id)
    if quiz is None:
        return None
    return QuizState(
        quiz=quiz,
        used=quiz.used,
        open_attempt_id=quiz.open_attempt_id,
        last_attempt_id=quiz.last_attempt_id,
        last_score=quiz.last_score,
        best_score=quiz.best_score,
        passed=quiz.any_passed,
        lesson_completed_at=quiz.completed_at,
    )


def _quiz_with_attempt_totals(user: User, quiz_id: int, lesson_id: int | None) -> Any:
    """The quiz annotated with the student's totals; `Any`, as the annotations are not typed."""
    attempts = m.QuizAttempt.objects.filter(student=user, quiz=OuterRef("pk"))
    finished = attempts.exclude(status=m.AttemptStatus.IN_PROGRESS)
    latest = finished.order_by("-number")

    def total(queryset: QuerySet[m.QuizAttempt], aggregate: Aggregate) -> Subquery:
        # order_by() drops the default ordering, which would split the GROUP BY per row.
        return Subquery(queryset.order_by().values("quiz").annotate(x=aggregate).values("x"))

    return (
        m.Quiz.objects.filter(pk=quiz_id)
        .annotate(
            completed_at=Subquery(
                m.LessonProgress.objects.filter(student=user, lesson_id=lesson_id).values(
                    "completed_at"
                )[:1]
            ),
            used=Coalesce(total(attempts, Count("pk")), 0),
            open_attempt_id=Subquery(
                attempts.filter(status=m.AttemptStatus.IN_PROGRESS).values("pk")[:1]
            ),
            last_attempt_id=Subquery(latest.values("pk")[:1]),
            last_score=Subquery(latest.values("score_percent")[:1]),
            best_score=total(finished, Max("score_percent")),
            any_passed=Exists(attempts.filter(passed=True)),
        )
        .first()
    )


@dataclass(frozen=True)
class Row:
    """One input of a question as shown: its position, the item, what the student picked.

    `picked` is True/False for a choice, or the chosen partner / rank position (matching,
    ordering), None when not answered yet.
    """

    position: int
    obj: Any
    picked: Any


def _rows(kind: str, view_items: list[Any], matches: list[Any], response: dict) -> list[Row]:
    if kind in (m.QuestionKind.SINGLE, m.QuestionKind.MULTIPLE):
        chosen = set(response.get("choices", []))
        return [Row(i, c, c.pk in chosen) for i, c in enumerate(view_items)]
    if kind == m.QuestionKind.MATCHING:
        pairs = response.get("pairs", {})
        right = [match.pk for match in matches]
        return [
            Row(i, c, right.index(pairs[str(c.pk)]) if pairs.get(str(c.pk)) in right else None)
            for i, c in enumerate(view_items)
        ]
    if kind == m.QuestionKind.ORDERING:
        order = response.get("order", [])
        return [
            Row(i, c, order.index(c.pk) if c.pk in order else None)
            for i, c in enumerate(view_items)
        ]
    return [Row(i, c, None) for i, c in enumerate(view_items)]


def _value(kind: str, response: dict) -> str:
    """The saved value of a one-field question, as its input shows it."""
    if kind == m.QuestionKind.TRUE_FALSE and "value" in response:
        return "true" if response["value"] else "false"
    if kind == m.QuestionKind.NUMERIC:
        return str(response.get("raw", ""))
    if kind == m.QuestionKind.SHORT_TEXT:
        return str(response.get("value", ""))
    return ""


@dataclass
class QuestionItem:
    """One question of an attempt, ready for the template (no answer key unless finished)."""

    number: int
    question: m.Question
    items: list[Any]
    matches: list[Any]
    answer: m.QuizAnswer | None
    ranks: list[int] = field(default_factory=list)
    saved_text: str = ""
    # The student's saved answer as the inputs show it, so it can be changed until submitting.
    rows: list[Row] = field(default_factory=list)
    value: str = ""
    # Filled only for finished attempts, and only when the key may show (key_revealed()):
    # the page never carries the key before submission.
    correct_answer: str = ""
    explanation: str = ""


def key_revealed(state: QuizState | None) -> bool:
    """Whether a student may see the correct answers of their finished attempts.

    Only once they passed or used their last attempt, and never while an attempt is open:
    with tries left, the key would turn the next attempt into copying.
    """
    if state is None or state.open_attempt_id is not None:
        return False
    return state.passed or state.attempts_left == 0


def attempt_questions(
    *, attempt: m.QuizAttempt, for_teacher: bool = False, reveal_key: bool = False
) -> list[QuestionItem]:
    """The attempt's questions in its stored order with its answers (three queries).

    A finished attempt shows right/wrong per question (if the quiz gives feedback); the
    correct answers only with `reveal_key` (see key_revealed()) or for the teacher. An
    explanation usually works the answer out, so without the key it is shown only for
    questions the student got right.
    """
    feedback = not attempt.is_open and (attempt.quiz.show_feedback or for_teacher)
    show_key = feedback and (reveal_key or for_teacher)
    questions = m.Question.objects.filter(pk__in=attempt.question_order).prefetch_related("choices")
    by_id = {q.pk: q for q in questions}
    answers = {a.question_id: a for a in attempt.answers.all()}
    return [
        _question_item(
            number, attempt, by_id[qid], answers.get(qid), feedback=feedback, show_key=show_key
        )
        # A question deleted after the attempt started is skipped (its number stays taken).
        for number, qid in enumerate(attempt.question_order, start=1)
        if qid in by_id
    ]


def _question_item(
    number: int,
    attempt: m.QuizAttempt,
    question: m.Question,
    answer: m.QuizAnswer | None,
    *,
    feedback: bool,
    show_key: bool,
) -> QuestionItem:
    view = question_view(attempt, question)
    choices = list(question.choices.all())
    response = answer.response if answer is not None and attempt.is_open else {}
    explain = feedback and (show_key or (answer is not None and answer.is_correct))
    return QuestionItem(
        number,
        question,
        list(view.items),
        list(view.matches),
        answer,
        ranks=list(range(1, len(view.items) + 1)),
        saved_text=response_text(question, choices, answer.response) if answer else "",
        rows=_rows(question.kind, list(view.items), list(view.matches), response),
        value=_value(question.kind, response),
        correct_answer=correct_text(question, choices) if show_key else "",
        explanation=question.explanation if explain else "",
    )
