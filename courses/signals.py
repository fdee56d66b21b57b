"""Keep cached lesson navigation fresh when editors publish, unpublish, move or delete pages."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from lms.fastpage import bump_content, bump_content_on_change, bump_person_on_change


def _clear(sender: Any, **kwargs: Any) -> None:
    from courses.selectors import nav_cache_clear

    nav_cache_clear()
    bump_content()  # every student's cached lesson page and "Belajar saya" (lms.fastpage)


def _clear_on_page_delete(sender: Any, instance: Any, **kwargs: Any) -> None:
    if isinstance(instance, Page):
        _clear(sender)


page_published.connect(_clear, dispatch_uid="courses-nav-published")
page_unpublished.connect(_clear, dispatch_uid="courses-nav-unpublished")
post_page_move.connect(_clear, dispatch_uid="courses-nav-moved")
post_delete.connect(_clear_on_page_delete, dispatch_uid="courses-nav-deleted")


def _clear_on_assignment_change(sender: Any, **kwargs: Any) -> None:
    _clear(sender)  # the lesson page shows its assignment's title and due date from the cache


post_save.connect(
    _clear_on_assignment_change, sender="courses.Assignment", dispatch_uid="courses-nav-assignment"
)
post_delete.connect(
    _clear_on_assignment_change,
    sender="courses.Assignment",
    dispatch_uid="courses-nav-assignment-deleted",
)


def _attempt_student(answer: Any) -> list[int | None]:
    attempt = answer._state.fields_cache.get("attempt")  # usually loaded by the service
    if attempt is not None:
        return [attempt.student_id]
    from courses.models import QuizAttempt

    return list(
        QuizAttempt.objects.filter(pk=answer.attempt_id).values_list("student_id", flat=True)
    )


def _submission_people(submission: Any) -> list[int | None]:
    """A submission's student, or every member of its team (a team hand-in has no student)."""
    if submission.student_id:
        return [submission.student_id]
    from courses.models import TeamMember

    return list(
        TeamMember.objects.filter(team_id=submission.team_id).values_list("student_id", flat=True)
    )


def _grade_people(grade: Any) -> list[int | None]:
    submission = grade._state.fields_cache.get("submission")
    if submission is None:
        from courses.models import Submission

        # None while a deleted submission cascades: its own delete bumps the same people.
        submission = (
            Submission.objects.only("student_id", "team_id").filter(pk=grade.submission_id).first()
        )
    return _submission_people(submission) if submission is not None else []


# What a student's cached pages show of their own (lms.fastpage): every write bumps them.
bump_person_on_change("courses.QuizAttempt", lambda row: [row.student_id])
bump_person_on_change("courses.QuizAnswer", _attempt_student)
bump_person_on_change("courses.LessonProgress", lambda row: [row.student_id])
bump_person_on_change("courses.CourseCompletion", lambda row: [row.student_id])
bump_person_on_change("courses.Submission", _submission_people)
# The teacher's grid (courses.grid) shows each student's assignment grade.
bump_person_on_change("courses.Grade", _grade_people)
bump_person_on_change("courses.GradeOverride", lambda row: [row.student_id])
bump_person_on_change("courses.TeamMember", lambda row: [row.student_id])
# ... and what they show alike (page publish/unpublish/move/delete: _clear above).
for _model in (
    "courses.Quiz",
    "courses.QuizQuestion",
    "courses.Question",
    "courses.Choice",
    "courses.CourseAssignment",
    "courses.Assignment",
    "wagtailcore.PageViewRestriction",
):
    bump_content_on_change(_model)
