"""Writes of the learning half: quiz attempts and answers, lesson progress, assignments.

Every write about a student checks the guardian's consent for learning first: students are
minors, and their scores may only be recorded with consent (UU PDP Pasal 25).
"""

from __future__ import annotations

import random
import secrets
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.exceptions import AttemptClosedError, ConsentMissingError, CourseRuleError
from courses.grading import is_correct, parse_response, question_view
from courses.models import (
    AttemptStatus,
    CompletedVia,
    CompletionRule,
    CourseAssignment,
    CourseCompletion,
    CoursePage,
    LessonPage,
    LessonProgress,
    Question,
    QuestionKind,
    Quiz,
    QuizAnswer,
    QuizAttempt,
)
from courses.selectors import course_lessons, course_of_lesson
from lms.accounts.models import ConsentPurpose, User
from lms.accounts.selectors import consent_granted
from lms.schools.models import Classroom


def require_learning_consent(student: User) -> None:
    if not consent_granted(student=student, purpose=ConsentPurpose.LEARNING):
        raise ConsentMissingError(
            _(
                "Persetujuan orang tua/wali untuk pembelajaran belum tercatat, jadi kemajuan dan "
                "kuismu belum bisa disimpan. Minta guru pembina mencatat persetujuan wali."
            )
        )


def _shuffled(ids: list[int], rng: random.Random, *, avoid: list[int] | None = None) -> list[int]:
    """A random order of `ids`; never equal to `avoid` (an order that shows the answer).

    Reshuffling until it differs keeps every other order equally likely. Editors must give
    matching and ordering questions three items or more (courses/admin_forms.py): with two,
    the one order left over would give the answer away just the same.
    """
    order = ids[:]
    rng.shuffle(order)
    while avoid is not None and len(order) > 1 and order == avoid:
        rng.shuffle(order)
    return order


def _attempt_orders(quiz: Quiz, questions: list[Question]) -> dict[str, Any]:
    rng = random.Random(secrets.randbits(64))  # noqa: S311 - shuffling, not security
    question_ids = [q.pk for q in questions]
    if quiz.shuffle_questions:
        rng.shuffle(question_ids)
    items: dict[str, list[int]] = {}
    matches: dict[str, list[int]] = {}
    for question in questions:
        choice_ids = [c.pk for c in question.choices.all()]
        if question.kind == QuestionKind.ORDERING:
            # The editor's order is the answer: never show the steps in it.
            items[str(question.pk)] = _shuffled(choice_ids, rng, avoid=choice_ids)
        elif question.kind == QuestionKind.MATCHING or quiz.shuffle_options:
            items[str(question.pk)] = _shuffled(choice_ids, rng)
        else:
            items[str(question.pk)] = choice_ids
        if question.kind == QuestionKind.MATCHING:
            # A pair's two sides are one Choice row: the right column in the left column's
            # order would put every partner next to its left side.
            left = items[str(question.pk)]
            matches[str(question.pk)] = _shuffled(left, rng, avoid=left)
    return {"question_order": question_ids, "item_orders": items, "match_orders": matches}


def quiz_attempt_start(*, student: User, lesson: LessonPage) -> QuizAttempt:
    """Resume the open attempt or start a new one; CourseRuleError past the attempt limit."""
    require_learning_consent(student)
    quiz = _lesson_quiz(lesson)
    now = timezone.now()
    open_attempt = _open_attempt_resumable(student, quiz, now)
    if open_attempt is not None:
        return open_attempt
    number = _next_attempt_number(student, quiz)
    questions = [
        qq.question
        for qq in quiz.quiz_questions.select_related("question").prefetch_related(
            "question__choices"
        )
    ]
    if not questions:
        raise CourseRuleError(_("Kuis ini belum memiliki soal."))
    deadline = now + timedelta(minutes=quiz.time_limit_minutes) if quiz.time_limit_minutes else None
    try:
        with transaction.atomic():
            return QuizAttempt.objects.create(
                student=student,
                quiz=quiz,
                lesson=lesson,
                number=number,
                started_at=now,
                deadline=deadline,
                question_count=len(questions),
                **_attempt_orders(quiz, questions),
            )
    except IntegrityError:
        # attempt_one_open / attempt_number_unique: a double click started the same attempt
        # in parallel and won the race; resume that one.
        attempt = QuizAttempt.objects.filter(
            student=student, quiz=quiz, status=AttemptStatus.IN_PROGRESS
        ).first()
        if attempt is None:
            raise CourseRuleError(_("Coba lagi.")) from None
        return attempt


def _lesson_quiz(lesson: LessonPage) -> Quiz:
    quiz_id = lesson.quiz_id
    if quiz_id is None:
        raise CourseRuleError(_("Pelajaran ini tidak memiliki kuis."))
    quiz = Quiz.objects.filter(pk=quiz_id).first()
    if quiz is None:  # the snippet was deleted after the lesson was published
        raise CourseRuleError(_("Kuis ini belum tersedia."))
    return quiz


def _open_attempt_resumable(student: User, quiz: Quiz, now: datetime) -> QuizAttempt | None:
    """The open attempt while time is left; an overdue one is closed (and graded) here."""
    # Its own short transaction: an overdue attempt is closed (and graded) even when starting
    # the next one is refused afterwards.
    with transaction.atomic():
        open_attempt = (
            QuizAttempt.objects.select_for_update()
            .filter(student=student, quiz=quiz, status=AttemptStatus.IN_PROGRESS)
            .first()
        )
        if open_attempt is not None:
            if not _is_overdue(open_attempt, now):
                return open_attempt
            _attempt_finish(open_attempt, status=AttemptStatus.EXPIRED, now=now)
    return None


def _next_attempt_number(student: User, quiz: Quiz) -> int:
    """Refused once passed or past the quiz's attempt limit."""
    attempts = QuizAttempt.objects.filter(student=student, quiz=quiz)
    if attempts.filter(passed=True).exists():
        raise CourseRuleError(_("Kamu sudah lulus kuis ini. Kuis yang sudah lulus tidak diulang."))
    used = attempts.count()
    if quiz.max_attempts and used >= quiz.max_attempts:
        raise CourseRuleError(
            _("Batas %(n)s percobaan untuk kuis ini sudah tercapai.") % {"n": quiz.max_attempts}
        )
    return used + 1


def _is_overdue(attempt: QuizAttempt, now: datetime) -> bool:
    return attempt.deadline is not None and now > attempt.deadline


def _locked_open_attempt(*, attempt_id: int, student: User) -> QuizAttempt:
    """The student's own attempt, locked; QuizAttempt.DoesNotExist for anyone else's."""
    return (
        QuizAttempt.objects.select_for_update()
        .select_related("quiz")
        .get(pk=attempt_id, student=student)
    )


def quiz_answer_save(
    *, attempt_id: int, student: User, question_id: int, data: Mapping[str, list[str]]
) -> QuizAnswer:
    """Store or change the answer to a question while the attempt is open.

    The attempt row is locked, so parallel saves of one attempt run one after the other. The
    same answer again changes nothing (not even the time it was given); a different one
    replaces it until the attempt is submitted. Refuses unknown ids, late and closed attempts.
    Raises QuizAttempt.DoesNotExist for someone else's attempt (the view answers 404).
    """
    require_learning_consent(student)
    now = timezone.now()
    with transaction.atomic():
        attempt = _locked_open_attempt(attempt_id=attempt_id, student=student)
        if attempt.status == AttemptStatus.SUBMITTED:
            raise AttemptClosedError(_("Kuis ini sudah dikirim; jawaban tidak bisa diubah."))
        # Closed by the clock now, or already (a page closes overdue attempts it shows).
        expired = attempt.status == AttemptStatus.EXPIRED or _is_overdue(attempt, now)
        if not expired:
            answer = _answer_store(attempt, question_id=question_id, data=data, now=now)
        elif attempt.is_open:
            _attempt_finish(attempt, status=AttemptStatus.EXPIRED, now=now)
    if expired:  # raised after the commit so the closed attempt stays closed
        raise AttemptClosedError(
            _(
                "Waktu kuis sudah habis; jawaban ini tidak disimpan. Nilaimu dihitung dari "
                "jawaban yang masuk sebelum waktu habis."
            )
        )
    return answer


def _answer_store(
    attempt: QuizAttempt, *, question_id: int, data: Mapping[str, list[str]], now: datetime
) -> QuizAnswer:
    """Called with the attempt row locked (see quiz_answer_save)."""
    if question_id not in attempt.question_order:
        raise CourseRuleError(_("Soal ini tidak ada dalam kuis yang sedang kamu kerjakan."))
    question = Question.objects.prefetch_related("choices").get(pk=question_id)
    response = parse_response(question_view(attempt, question), data)
    correct = is_correct(question, list(question.choices.all()), response)
    existing = QuizAnswer.objects.filter(attempt=attempt, question=question).first()
    # same shape as the create in quiz_attempt_start on purpose: a unique constraint decides the
    # race in both, but the loser resumes the open attempt there and updates the answer here.
    if existing is None:
        try:
            with transaction.atomic():
                return QuizAnswer.objects.create(
                    attempt=attempt,
                    question=question,
                    response=response,
                    is_correct=correct,
                    answered_at=now,
                )
        except IntegrityError:  # answer_once: a second tab saved it between the check and here
            existing = QuizAnswer.objects.get(attempt=attempt, question=question)
    if existing.response != response:  # changed before submitting: the new answer counts
        existing.response, existing.is_correct, existing.answered_at = response, correct, now
        existing.save(update_fields=["response", "is_correct", "answered_at"])
    return existing


def quiz_attempt_submit(*, attempt_id: int, student: User) -> QuizAttempt:
    """Finish the attempt and grade it; late or repeated submissions change nothing."""
    require_learning_consent(student)
    now = timezone.now()
    with transaction.atomic():
        attempt = _locked_open_attempt(attempt_id=attempt_id, student=student)
        if attempt.status == AttemptStatus.SUBMITTED:
            raise AttemptClosedError(_("Kuis ini sudah dikirim sebelumnya."))
        # The submit view closes an overdue attempt before it gets here: same reason.
        expired = attempt.status == AttemptStatus.EXPIRED or _is_overdue(attempt, now)
        if attempt.is_open:
            status = AttemptStatus.EXPIRED if expired else AttemptStatus.SUBMITTED
            _attempt_finish(attempt, status=status, now=now)
    if expired:
        raise AttemptClosedError(
            _(
                "Waktu kuis sudah habis sebelum dikirim. Nilaimu dihitung dari jawaban yang masuk "
                "sebelum waktu habis."
            )
        )
    return attempt


def attempt_close_if_overdue(attempt: QuizAttempt) -> QuizAttempt:
    """Close an open attempt whose time is up (pages call this before showing it)."""
    now = timezone.now()
    if not (attempt.is_open and _is_overdue(attempt, now)):
        return attempt
    with transaction.atomic():
        attempt = QuizAttempt.objects.select_for_update().select_related("quiz").get(pk=attempt.pk)
        if attempt.is_open:
            _attempt_finish(attempt, status=AttemptStatus.EXPIRED, now=now)
    return attempt


def _attempt_finish(attempt: QuizAttempt, *, status: str, now: datetime) -> None:
    correct = QuizAnswer.objects.filter(attempt=attempt, is_correct=True).count()
    total = attempt.question_count or len(attempt.question_order)
    score = (Decimal(100) * correct / total).quantize(Decimal("0.01"), ROUND_HALF_UP)
    attempt.status = status
    # An attempt closed late (the next page view noticed) still ends at its deadline.
    attempt.finished_at = min(now, attempt.deadline) if attempt.deadline else now
    attempt.correct_count = correct
    attempt.score_percent = score
    attempt.passed = score >= attempt.quiz.pass_mark
    attempt.save(
        update_fields=["status", "finished_at", "correct_count", "score_percent", "passed"]
    )
    if attempt.lesson_id is not None:
        lesson = LessonPage.objects.filter(pk=attempt.lesson_id).first()
        if lesson is not None:
            _progress_after_quiz(attempt, lesson, now)


def _progress_for_update(student: User, lesson: LessonPage) -> tuple[LessonProgress, CoursePage]:
    course = course_of_lesson(lesson)
    if course is None:
        raise CourseRuleError(_("Pelajaran ini tidak berada di dalam kursus."))
    # A row must exist before it can be locked: get_or_create rides on lesson_progress_unique
    # when two requests create it at once. Lock order: the attempt (if any), then progress.
    progress, _created = LessonProgress.objects.get_or_create(
        student=student, lesson=lesson, defaults={"course": course}
    )
    progress = LessonProgress.objects.select_for_update().get(pk=progress.pk)
    return progress, course


def _progress_after_quiz(attempt: QuizAttempt, lesson: LessonPage, now: datetime) -> None:
    progress, course = _progress_for_update(attempt.student, lesson)
    fields = []
    score = attempt.score_percent  # set by grading; None only for an attempt never graded
    if score is not None and (progress.best_score is None or score > progress.best_score):
        progress.best_score = score
        fields.append("best_score")
    if attempt.passed:
        if progress.quiz_passed_at is None:
            progress.quiz_passed_at = now
            fields.append("quiz_passed_at")
        if progress.completed_at is None:
            progress.completed_at, progress.completed_via = now, CompletedVia.QUIZ
            fields += ["completed_at", "completed_via"]
    if fields:
        progress.save(update_fields=fields)
        _course_completion_check(attempt.student, course, now)


@transaction.atomic
def lesson_mark_done(*, student: User, lesson: LessonPage) -> LessonProgress:
    """Record that the student finished reading the lesson; a second call changes nothing."""
    require_learning_consent(student)
    now = timezone.now()
    progress, course = _progress_for_update(student, lesson)
    if progress.completed_at is None:
        progress.completed_at, progress.completed_via = now, CompletedVia.MANUAL
        progress.save(update_fields=["completed_at", "completed_via"])
        _course_completion_check(student, course, now)
    return progress


def _course_completion_check(student: User, course: CoursePage, now: datetime) -> None:
    lessons = list(course_lessons(course=course))
    if not lessons:
        return
    rows = {
        p.lesson_id: p for p in LessonProgress.objects.filter(student=student, lesson__in=lessons)
    }
    for lesson in lessons:
        progress = rows.get(lesson.pk)
        if progress is None or progress.completed_at is None:
            return
        needs_quiz = course.completion_rule == CompletionRule.LESSONS_AND_QUIZZES
        if needs_quiz and lesson.quiz_id is not None and progress.quiz_passed_at is None:
            return
    # Recorded once (course_completion_unique); the rule in force then is kept with it.
    CourseCompletion.objects.get_or_create(
        student=student,
        course=course,
        defaults={"completed_at": now, "rule": course.completion_rule},
    )


def course_assign(
    *, course: CoursePage, classroom: Classroom, due_date: date | None, by: User
) -> CourseAssignment:
    """Assign a course to a classroom, or move the due date of an existing assignment."""
    if due_date is not None and due_date < timezone.localdate():
        raise CourseRuleError(_("Tenggat tidak boleh di masa lalu."))
    assignment, created = CourseAssignment.objects.get_or_create(
        course=course, classroom=classroom, defaults={"due_date": due_date, "assigned_by": by}
    )
    if not created and assignment.due_date != due_date:
        assignment.due_date = due_date
        assignment.save(update_fields=["due_date"])
    return assignment
