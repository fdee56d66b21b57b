"""Reads about quizzes: a student's standing, an attempt's questions and feedback."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Subquery

from courses.models import AttemptStatus, LessonProgress, Question, Quiz, QuizAnswer, QuizAttempt
from lms.accounts.models import User


@dataclass
class QuizState:
    """A student's standing in one quiz, read in one query."""

    quiz: Quiz
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


def quiz_state(*, user: User, quiz_id: int, lesson_id: int | None = None) -> QuizState | None:
    """Two plain queries; the lesson's completion rides along with the quiz row."""
    quiz = (
        Quiz.objects.filter(pk=quiz_id)
        .annotate(
            completed_at=Subquery(
                LessonProgress.objects.filter(student=user, lesson_id=lesson_id).values(
                    "completed_at"
                )[:1]
            )
        )
        .first()
    )
    if quiz is None:
        return None
    attempts = list(
        QuizAttempt.objects.filter(student=user, quiz=quiz)
        .order_by("-number")
        .values_list("pk", "status", "score_percent", "passed")
    )
    finished = [a for a in attempts if a[1] != AttemptStatus.IN_PROGRESS]
    scores = [a[2] for a in finished if a[2] is not None]
    return QuizState(
        quiz=quiz,
        used=len(attempts),
        open_attempt_id=next((a[0] for a in attempts if a[1] == AttemptStatus.IN_PROGRESS), None),
        last_attempt_id=finished[0][0] if finished else None,
        last_score=finished[0][2] if finished else None,
        best_score=max(scores) if scores else None,
        passed=any(a[3] for a in attempts),
        lesson_completed_at=quiz.completed_at,
    )


@dataclass
class QuestionItem:
    """One question of an attempt, ready for the template (no answer key unless finished)."""

    number: int
    question: Question
    items: list[Any]
    matches: list[Any]
    answer: QuizAnswer | None
    ranks: list[int] = field(default_factory=list)
    saved_text: str = ""
    # Filled only for finished attempts: the page never carries the key before submission.
    correct_answer: str = ""
    explanation: str = ""


def attempt_questions(*, attempt: QuizAttempt, for_teacher: bool = False) -> list[QuestionItem]:
    """The attempt's questions in its stored order with its answers (three queries)."""
    from courses.grading import correct_text, response_text
    from courses.services import question_view

    reveal = not attempt.is_open and (attempt.quiz.show_feedback or for_teacher)
    questions = Question.objects.filter(pk__in=attempt.question_order).prefetch_related("choices")
    by_id = {q.pk: q for q in questions}
    answers = {a.question_id: a for a in attempt.answers.all()}
    items = []
    for number, question_id in enumerate(attempt.question_order, start=1):
        question = by_id.get(question_id)
        if question is None:
            continue
        view = question_view(attempt, question)
        answer = answers.get(question_id)
        choices = list(question.choices.all())
        items.append(
            QuestionItem(
                number,
                question,
                list(view.items),
                list(view.matches),
                answer,
                ranks=list(range(1, len(view.items) + 1)),
                saved_text=response_text(question, choices, answer.response) if answer else "",
                correct_answer=correct_text(question, choices) if reveal else "",
                explanation=question.explanation if reveal else "",
            )
        )
    return items
