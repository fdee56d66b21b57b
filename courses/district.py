"""The courses' contribution to the district dashboard (lms/district.py)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from urllib.parse import urlencode

from django.db.models import Count, F
from django.urls import reverse
from django.utils.translation import gettext as _

from courses.models import CourseCompletion, CoursePage
from lms.district import Chart, Indicator, Scope, register
from lms.schools.models import Enrolment, School
from lms.schools.selectors import district_students_enrolled


def percent(part: int, whole: int) -> Decimal:
    if not whole:
        return Decimal("0.0")
    return (Decimal(100 * part) / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def course_progress(scope: Scope) -> list[tuple[str, int, int]]:
    """(course title, students of the scope's classrooms it is assigned to, who completed it)."""
    enrolled = (
        Enrolment.objects.filter(classroom__school__region_id__in=scope.region_ids)
        .values("classroom__course_assignments__course")
        .exclude(classroom__course_assignments__course=None)
        .annotate(n=Count("student", distinct=True))
    )
    completed = (
        CourseCompletion.objects.filter(
            student__enrolments__classroom__school__region_id__in=scope.region_ids,
            student__enrolments__classroom__course_assignments__course=F("course"),
        )
        .values("course")
        .annotate(n=Count("student", distinct=True))
    )
    done = {row["course"]: row["n"] for row in completed}
    titles = dict(CoursePage.objects.values_list("pk", "title"))
    rows = []
    for row in enrolled:
        course = row["classroom__course_assignments__course"]
        rows.append((titles.get(course, "?"), row["n"], done.get(course, 0)))
    return sorted(rows)


def course_school_progress(scope: Scope) -> list[tuple[str, str, str, int, int]]:
    """(course title, school, kabupaten, students of the school's classrooms the course is
    assigned to, who of them completed it): the list behind "Penyelesaian kursus". Counts
    only: the dinas never sees a student's name or grade (docs/privacy.md)."""
    enrolled = (
        Enrolment.objects.filter(classroom__school__region_id__in=scope.region_ids)
        .exclude(classroom__course_assignments__course=None)
        .values("classroom__course_assignments__course", "classroom__school")
        .annotate(n=Count("student", distinct=True))
    )
    completed = (
        CourseCompletion.objects.filter(
            student__enrolments__classroom__school__region_id__in=scope.region_ids,
            student__enrolments__classroom__course_assignments__course=F("course"),
        )
        .values("course", "student__enrolments__classroom__school")
        .annotate(n=Count("student", distinct=True))
    )
    done = {(r["course"], r["student__enrolments__classroom__school"]): r["n"] for r in completed}
    titles = dict(CoursePage.objects.values_list("pk", "title"))
    school_ids = {r["classroom__school"] for r in enrolled}
    schools = {s.pk: s for s in School.objects.filter(pk__in=school_ids).select_related("region")}
    rows = []
    for row in enrolled:
        course, school = row["classroom__course_assignments__course"], row["classroom__school"]
        place = schools[school]
        rows.append(
            (
                titles.get(course, "?"),
                place.name,
                place.region.name,
                row["n"],
                done.get((course, school), 0),
            )
        )
    return sorted(rows)


def completion_url(scope: Scope) -> str:
    return f"{reverse('courses:district-completion')}?{urlencode({'scope': scope.key})}"


def schools_url(scope: Scope) -> str:
    return f"{reverse('schools:district-schools')}?{urlencode({'scope': scope.key})}"


class CourseContribution:
    key = "courses"
    order = 20

    def indicators(self, scope: Scope) -> list[Indicator]:
        group = _("Kursus")
        students = district_students_enrolled(region_ids=list(scope.region_ids))
        rows = course_progress(scope)
        assigned = sum(r[1] for r in rows)
        completed = sum(r[2] for r in rows)
        return [
            Indicator(
                "students",
                _("Siswa terdaftar di kelas"),
                students,
                "count",
                schools_url(scope),
                group,
            ),
            Indicator(
                "course_completion",
                _("Penyelesaian kursus"),
                percent(completed, assigned),
                "percent",
                completion_url(scope),
                group,
                completed,
                assigned,
            ),
        ]

    def charts(self, scope: Scope) -> list[Chart]:
        rows = course_progress(scope)
        return [
            Chart(
                "completion_by_course",
                _("Penyelesaian per kursus (%)"),
                "bar",
                [r[0] for r in rows],
                [(_("Selesai (%)"), [percent(r[2], r[1]) for r in rows])],
            )
        ]


register(CourseContribution())
