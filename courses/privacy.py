"""Personal data of the courses app (a minor's grades), for the privacy registry.

Learning records have no retention duty, so erasure deletes them (UU PDP Pasal 16(2):
minimisation) instead of keeping them under a pseudonym.

Rows look alike by design: one `register(...)` (export, erase, retention) a model, each
naming its own fields and its own rule; `duplicates` pairs them by shape (docs/architecture.md §7).
"""

from __future__ import annotations

from typing import Any

from courses.models.assignments import (
    Grade,
    GradeOverride,
    RubricCriterion,
    Submission,
    SubmissionVersion,
    Team,
    TeamMember,
)
from courses.models.progress import CourseAssignment, CourseCompletion, LessonProgress
from courses.models.quiz import QuizAnswer, QuizAttempt
from courses.models.worksheets import Worksheet, WorksheetRevision
from lms.privacy.helpers import rows_of
from lms.privacy.registry import Erasure, not_personal, register, register_actor


def _progress_export(person: Any) -> list[dict[str, Any]]:
    return rows_of(
        LessonProgress.objects.filter(student=person).order_by("course_id", "lesson_id"),
        "course__title",
        "lesson__title",
        "completed_at",
        "completed_via",
        "quiz_passed_at",
        "best_score",
    )


def _completion_export(person: Any) -> list[dict[str, Any]]:
    return rows_of(
        CourseCompletion.objects.filter(student=person), "course__title", "rule", "completed_at"
    )


def _attempt_export(person: Any) -> list[dict[str, Any]]:
    return rows_of(
        QuizAttempt.objects.filter(student=person).order_by("started_at", "pk"),
        "id",
        "quiz__title",
        "number",
        "status",
        "started_at",
        "finished_at",
        "correct_count",
        "question_count",
        "score_percent",
        "passed",
    )


def _answer_export(person: Any) -> list[dict[str, Any]]:
    return rows_of(
        QuizAnswer.objects.filter(attempt__student=person).order_by("attempt_id", "pk"),
        "attempt_id",
        "question__prompt",
        "response",
        "is_correct",
        "answered_at",
    )


def _delete(queryset: Any) -> int:
    return queryset.delete()[1].get(queryset.model._meta.label, 0)


register(
    LessonProgress,
    export=_progress_export,
    erase=lambda erasure: _delete(LessonProgress.objects.filter(student=erasure.person)),
)
register(
    CourseCompletion,
    export=_completion_export,
    erase=lambda erasure: _delete(CourseCompletion.objects.filter(student=erasure.person)),
)
# Answers first (order 90): they belong to the attempts deleted next.
register(
    QuizAnswer,
    export=_answer_export,
    erase=lambda erasure: _delete(QuizAnswer.objects.filter(attempt__student=erasure.person)),
    order=90,
)


def _attempt_erase(erasure: Erasure) -> int:
    return _delete(QuizAttempt.objects.filter(student=erasure.person))


register(QuizAttempt, export=_attempt_export, erase=_attempt_erase, identifies_person=True)
register_actor(CourseAssignment, fields=["assigned_by"])


# Assignments (courses/models/assignments.py): a student's own work, team memberships and
# per-member grades are exported and erased with the person; teachers' and team-mates' rows
# name the person only as the one who acted.
def _rows(queryset: Any, *fields: str) -> list[dict[str, Any]]:
    return [
        {k: str(v) if v is not None else "" for k, v in row.items()}
        for row in queryset.values(*fields)
    ]


register(
    TeamMember,
    export=lambda person: _rows(
        TeamMember.objects.filter(student=person), "team__name", "team__assignment__title"
    ),
    erase=lambda erasure: _delete(TeamMember.objects.filter(student=erasure.person)),
)
register(
    GradeOverride,
    export=lambda person: _rows(GradeOverride.objects.filter(student=person), "points", "comment"),
    erase=lambda erasure: _delete(GradeOverride.objects.filter(student=erasure.person)),
    order=80,
)
register(
    Submission,
    export=lambda person: _rows(
        Submission.objects.filter(student=person), "assignment__title", "status", "return_comment"
    ),
    erase=lambda erasure: _delete(Submission.objects.filter(student=erasure.person)),
    order=90,
)
register_actor(Team, fields=["created_by"])
register_actor(SubmissionVersion, fields=["submitted_by"])
register_actor(Grade, fields=["graded_by"])
not_personal(
    RubricCriterion, reason="Rubric content written by editors and teachers, names no one."
)
# Worksheets (courses/models/worksheets.py): a student's own worksheet (with its revisions) is
# exported and erased with them; a team's worksheet belongs to the team, and its revisions
# name the person only as the one who saved.
register(
    Worksheet,
    export=lambda person: _rows(
        Worksheet.objects.filter(student=person), "assignment__title", "kind", "version", "data"
    ),
    erase=lambda erasure: _delete(Worksheet.objects.filter(student=erasure.person)),
    order=85,
)
register_actor(WorksheetRevision, fields=["saved_by"])
