"""Reads of assignments: a student's own work, a class's submission list, approved plans."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
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
from lms.accounts.models import Guardianship, Role, User
from lms.accounts.rules import teacher_school_ids
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
    return grade_cells_for(lessons=lessons, student_ids=[s.pk for s in students])


def grade_cells_for(*, lessons: list[Any], student_ids: list[int]) -> dict[tuple[int, int], Any]:
    """grade_cells() for student ids (lessons: pages or ids)."""
    subs = list(
        Submission.objects.filter(assignment__lesson__in=lessons)
        .select_related("grade", "assignment")
        .prefetch_related(
            Prefetch("grade__overrides", queryset=GradeOverride.objects.all()),
        )
    )
    members: set[tuple[int, int]] = set()
    if any(sub.student_id is None for sub in subs):  # team members only for team work
        members = set(
            TeamMember.objects.filter(
                student_id__in=student_ids, assignment__lesson__in=lessons
            ).values_list("team_id", "student_id")
        )
    cells: dict[tuple[int, int], Any] = {}
    wanted = set(student_ids)
    for sub in subs:
        lesson_id = sub.assignment.lesson_id
        owners = (
            [sub.student_id]
            if sub.student_id
            else [sid for (tid, sid) in members if tid == sub.team_id]
        )
        grade = getattr(sub, "grade", None)
        for sid in owners:
            if sid in wanted:
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


def submission_owner_ids(submission: Submission) -> list[int]:
    """The student who handed in, or every member of the team."""
    if submission.student_id:
        return [submission.student_id]
    members = TeamMember.objects.filter(team__submission=submission)
    return list(members.values_list("student_id", flat=True))


def may_grade(user: User, classroom: Classroom) -> bool:
    """Any teacher of the class's school, the rule of the progress grid and of every
    teacher page of a class (`classroom_list_for_user`, docs/authorization.md)."""
    return classroom.school_id in teacher_school_ids(user)


def _visible_version(user: User, versions: QuerySet[SubmissionVersion], version_pk: int) -> Any:
    """The version for its student or team members, the teachers who may grade it, the
    guardian of one of those students; None for everyone else (the view answers 404)."""
    version = versions.select_related("submission__classroom").filter(pk=version_pk).first()
    if version is None or not user.is_authenticated:
        return None
    submission = version.submission
    owners = submission_owner_ids(submission)
    if user.pk in owners or may_grade(user, submission.classroom):
        return version
    if Guardianship.objects.filter(guardian=user, student_id__in=owners).exists():
        return version
    return None


def downloadable_version(*, user: User, version_pk: int) -> SubmissionVersion | None:
    """A handed-in file the user may download (see `_visible_version`)."""
    return _visible_version(user, SubmissionVersion.objects.exclude(file=""), version_pk)


def printable_version(*, user: User, version_pk: int) -> SubmissionVersion | None:
    """A handed-in worksheet snapshot the user may print (see `_visible_version`)."""
    versions = SubmissionVersion.objects.filter(worksheet__isnull=False)
    return _visible_version(user, versions.select_related("submission__assignment"), version_pk)


@dataclass
class PlanRow:
    """An approved business plan as the school cooperative's officers see it: no full names."""

    name: str  # the team's name, or the student's first name
    first_names: list[str]
    title: str  # the assignment
    product: str
    price: Decimal | None  # whole rupiah, from the plan's price worksheet
    graded_at: Any
    submission_id: int = 0
    member_ids: list[int] = field(default_factory=list)  # who sees the team's canteen balance
    approved: bool = True  # graded and approved, not returned for revision since


def first_name(user: User) -> str:
    return (user.full_name or user.username).split()[0]


def _plan_value(worksheet: Any, *keys: str) -> Any:
    """The first of `keys` in the worksheet payload or its "pricing" part (courses/worksheets)."""
    if not isinstance(worksheet, dict):
        return None
    parts = [worksheet, worksheet.get("pricing"), worksheet.get("result")]
    for part in parts:
        for key in keys:
            if isinstance(part, dict) and part.get(key) not in (None, ""):
                return part[key]
    return None


def _whole_rupiah(value: Any) -> Decimal | None:
    if isinstance(value, (bool, float)) or value is None:
        return None
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        return None
    return number if number.is_finite() and number == number.to_integral_value() else None


def _plan_row(submission: Submission) -> PlanRow:
    latest = max(submission.versions.all(), key=lambda v: v.number)
    if submission.team:
        members = [m.student for m in submission.team.members.all()]
        name = submission.team.name
    else:
        members = [submission.student] if submission.student else []
        name = first_name(members[0]) if members else ""
    product = _plan_value(latest.worksheet, "product", "product_name", "produk")
    grade = getattr(submission, "grade", None)
    return PlanRow(
        name=name,
        first_names=sorted(first_name(m) for m in members),
        title=submission.assignment.title,
        product=str(product or ""),
        price=_whole_rupiah(_plan_value(latest.worksheet, "price", "harga")),
        graded_at=grade.graded_at if grade else None,
        submission_id=submission.pk,
        member_ids=sorted(m.pk for m in members),
        approved=bool(grade and grade.approved and submission.status == SubmissionStatus.GRADED),
    )


def school_approved_plans(*, school_id: int) -> list[PlanRow]:
    """The approved business plans of every class of a school (school_coops' officers page)."""
    classroom_ids = list(Classroom.objects.filter(school_id=school_id).values_list("pk", flat=True))
    return [_plan_row(s) for s in approved_plans(classroom_ids=classroom_ids)]


def school_plan(*, school_id: int, submission_id: int) -> PlanRow | None:
    """One handed-in business plan of a class of this school, approved or not (the
    cooperative registers approved ones as consignment); another school's is None."""
    submission = (
        Submission.objects.filter(
            pk=submission_id, classroom__school_id=school_id, assignment__is_business_plan=True
        )
        .select_related("assignment", "team", "student", "grade")
        .prefetch_related("versions", "team__members__student")
        .first()
    )
    if submission is None or not submission.versions.all():
        return None
    return _plan_row(submission)
