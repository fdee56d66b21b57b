"""Reads of assignments: a student's own work, a class's submission list, approved plans."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet

from courses.models import (
    Assignment,
    Grade,
    GradeOverride,
    Submission,
    SubmissionStatus,
    SubmissionVersion,
    Team,
    TeamMember,
)
from lms.accounts.models import Role, User
from lms.schools.models import Classroom


def assignment_of_lesson(*, lesson_id: int) -> Assignment | None:
    return (
        Assignment.objects.filter(lesson_id=lesson_id).prefetch_related("criteria__levels").first()
    )


def _submission_qs() -> QuerySet[Submission]:
    return Submission.objects.select_related("grade", "team").prefetch_related(
        "versions", "grade__scores__level", "grade__overrides"
    )


def own_submission(*, assignment: Assignment, student: User) -> Submission | None:
    """The student's submission: their own, or their team's for a group assignment."""
    if assignment.is_group:
        member = TeamMember.objects.filter(assignment=assignment, student=student).first()
        if member is None:
            return None
        return _submission_qs().filter(team_id=member.team_id).first()
    return _submission_qs().filter(assignment=assignment, student=student).first()


def student_points(submission: Submission | None, student_id: int) -> int | None:
    """The points a student got: the grade, or their override of a team's grade."""
    grade: Grade | None = getattr(submission, "grade", None) if submission else None
    if grade is None:
        return None
    override = next((o for o in grade.overrides.all() if o.student_id == student_id), None)
    return override.points if override else grade.points


@dataclass
class SubmissionRow:
    student: User
    team: Team | None = None
    submission: Submission | None = None
    points: int | None = None
    state: str = "missing"  # missing / handed_in / late / returned / graded
    extra: dict[str, Any] = field(default_factory=dict)


def _state(submission: Submission | None) -> str:
    if submission is None:
        return "missing"
    if submission.status == SubmissionStatus.GRADED:
        return "graded"
    if submission.status == SubmissionStatus.RETURNED:
        return "returned"
    return "late" if submission.is_late else "handed_in"


def class_students(classroom: Classroom) -> QuerySet[User]:
    return (
        User.objects.filter(enrolments__classroom=classroom, role_assignments__role=Role.STUDENT)
        .distinct()
        .order_by("full_name", "pk")
    )


def class_submissions(*, assignment: Assignment, classroom: Classroom) -> list[SubmissionRow]:
    """One row per student of the class (handed in / late / missing / returned / graded);
    a constant number of queries."""
    students = list(class_students(classroom))
    subs = list(_submission_qs().filter(assignment=assignment, classroom=classroom))
    by_student = {s.student_id: s for s in subs if s.student_id}
    by_team = {s.team_id: s for s in subs if s.team_id}
    members = {
        m.student_id: m.team
        for m in TeamMember.objects.filter(
            assignment=assignment, team__classroom=classroom
        ).select_related("team")
    }
    rows = []
    for student in students:
        team = members.get(student.pk)
        sub = by_team.get(team.pk) if team else by_student.get(student.pk)
        rows.append(SubmissionRow(student, team, sub, student_points(sub, student.pk), _state(sub)))
    return rows


def grade_cells(*, lessons: list[Any], students: list[User]) -> dict[tuple[int, int], Any]:
    """(student id, lesson id) -> (points, max points, state) of the lessons' assignments;
    three queries whatever the size (for the progress grid and the exports)."""
    subs = list(
        Submission.objects.filter(assignment__lesson__in=lessons)
        .select_related("grade", "assignment")
        .prefetch_related(
            Prefetch("grade__overrides", queryset=GradeOverride.objects.all()),
        )
    )
    members = {
        (m.team_id, m.student_id)
        for m in TeamMember.objects.filter(student__in=students, assignment__lesson__in=lessons)
    }
    cells: dict[tuple[int, int], Any] = {}
    student_ids = {s.pk for s in students}
    for sub in subs:
        lesson_id = sub.assignment.lesson_id
        owners = (
            [sub.student_id]
            if sub.student_id
            else [sid for (tid, sid) in members if tid == sub.team_id]
        )
        grade = getattr(sub, "grade", None)
        for sid in owners:
            if sid in student_ids:
                points = student_points(sub, sid)
                cells[(sid, lesson_id)] = (points, grade.max_points if grade else None, _state(sub))
    return cells


def submission_versions(*, submission: Submission) -> QuerySet[SubmissionVersion]:
    return submission.versions.select_related("submitted_by").order_by("-number")


def approved_plans(*, classroom_ids: list[int]) -> QuerySet[Submission]:
    """Team (or individual) business plans the teacher graded and approved: read-only."""
    return (
        Submission.objects.filter(
            classroom_id__in=classroom_ids,
            assignment__is_business_plan=True,
            grade__approved=True,
        )
        .select_related("assignment", "team", "student", "grade", "classroom")
        .prefetch_related("versions", "team__members__student")
        .order_by("-grade__graded_at")
    )
