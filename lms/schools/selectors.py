"""Reads about schools and classrooms, always scoped to what the user may see."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from lms.accounts.models import Role, User
from lms.accounts.rules import teacher_school_ids
from lms.schools.models import Classroom, School


def school_list_for_teacher(*, user: User) -> QuerySet[School]:
    return School.objects.filter(pk__in=teacher_school_ids(user)).select_related("region")


def classroom_list_for_user(*, user: User) -> QuerySet[Classroom]:
    """Teachers see every classroom of their schools; others see none."""
    return (
        Classroom.objects.filter(school_id__in=teacher_school_ids(user))
        .select_related("school")
        .annotate(student_count=Count("enrolments"))
        .order_by("-academic_year", "grade", "name")
    )


def classroom_students(*, classroom: Classroom, search: str = "") -> QuerySet[User]:
    students = (
        User.objects.filter(enrolments__classroom=classroom)
        .select_related("initial_password")
        .order_by("full_name")
    )
    if search:
        students = students.filter(
            Q(full_name__icontains=search)
            | Q(username__icontains=search)
            | Q(nisn=search)
            | Q(nisn_claim__nisn=search)  # a NISN this school entered that waits for review
        )
    return students


def student_school_ids(*, student: User) -> set[int]:
    return set(
        student.role_assignments.filter(role=Role.STUDENT).values_list("school_id", flat=True)
    )
