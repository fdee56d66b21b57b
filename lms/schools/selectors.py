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


def district_school_list(
    *, region_ids: list[int], level: str = "", kecamatan: str = ""
) -> QuerySet[School]:
    """The schools of a dinas scope (lms/district.py), by kabupaten and name (the list behind
    the overview's "Sekolah"); a page's students come from `school_student_counts()`."""
    schools = School.objects.filter(region_id__in=region_ids).select_related("region")
    if level:
        schools = schools.filter(level=level)
    if kecamatan:
        schools = schools.filter(kecamatan=kecamatan)
    return schools.order_by("region__name", "name", "pk")


def school_student_counts(school_ids: list[int]) -> dict[int, int]:
    """Students enrolled in each school's classrooms, each counted once per school."""
    from lms.schools.models import Enrolment

    rows = (
        Enrolment.objects.filter(classroom__school_id__in=school_ids)
        .values("classroom__school_id")
        .annotate(n=Count("student", distinct=True))
    )
    return {r["classroom__school_id"]: r["n"] for r in rows}


def district_students_enrolled(*, region_ids: list[int]) -> int:
    """Students enrolled in any classroom of the regions' schools, each counted once (the
    overview's "Siswa terdaftar di kelas" and the total of the school list)."""
    from lms.schools.models import Enrolment

    rows = Enrolment.objects.filter(classroom__school__region_id__in=region_ids)
    return rows.values("student").distinct().count()


def district_kecamatan_names(*, region_ids: list[int]) -> list[str]:
    names = School.objects.filter(region_id__in=region_ids).exclude(kecamatan="")
    return sorted(set(names.values_list("kecamatan", flat=True)))
