"""The courses' contribution to the district dashboard (lms/district.py)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, F
from django.utils.translation import gettext as _

from courses.models import CourseCompletion, CoursePage
from lms.district import Chart, Indicator, Scope, register
from lms.schools.models import Enrolment


def _percent(part: int, whole: int) -> Decimal:
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


class CourseContribution:
    key = "courses"
    order = 20

    def indicators(self, scope: Scope) -> list[Indicator]:
        group = _("Kursus")
        students = (
            Enrolment.objects.filter(classroom__school__region_id__in=scope.region_ids)
            .values("student")
            .distinct()
            .count()
        )
        rows = course_progress(scope)
        assigned = sum(r[1] for r in rows)
        completed = sum(r[2] for r in rows)
        return [
            Indicator("students", _("Siswa terdaftar di kelas"), students, "count", None, group),
            Indicator(
                "course_completion",
                _("Penyelesaian kursus"),
                _percent(completed, assigned),
                "percent",
                None,
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
                [(_("Selesai (%)"), [_percent(r[2], r[1]) for r in rows])],
            )
        ]


register(CourseContribution())
