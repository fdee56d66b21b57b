"""The dinas' list behind "Penyelesaian kursus": per course and school, counts only."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from courses.district import course_progress, course_school_progress, percent
from lms.http import HtmxRequest
from lms.schools.district_views import render_district_table, scope_or_404


@login_required
@require_GET
def district_completion_view(request: HtmxRequest) -> HttpResponse:
    scope = scope_or_404(request)
    rows = [
        [
            title,
            school,
            region,
            assigned,
            completed,
            str(percent(completed, assigned)).replace(".", ",") + "%",
        ]
        for title, school, region, assigned, completed in course_school_progress(scope)
    ]
    totals = course_progress(scope)
    assigned = sum(r[1] for r in totals)
    completed = sum(r[2] for r in totals)
    columns = [_("Kursus"), _("Sekolah"), _("Kabupaten/kota"), _("Siswa"), _("Selesai"), "%"]
    summary = [(_("Siswa yang ditugasi kursus"), assigned), (_("Selesai"), completed)]
    note = _("Hanya jumlah: nama dan nilai siswa tidak ditampilkan untuk dinas.")
    return render_district_table(
        request,
        scope=scope,
        title=_("Penyelesaian kursus"),
        columns=columns,
        rows=rows,
        summary=summary,
        note=note,
    )
