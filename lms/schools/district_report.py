"""The PDF report to the head of the district: the snapshot's indicators and charts (with
the three-year trend) and the contributions' report tables (cooperatives at risk of
dissolution, certification results), rendered by WeasyPrint in Celery (lms/jobs.py)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from lms import district
from lms.charts import render_chart
from lms.jobs import OPEN, FileJob, Progress, Rendered
from lms.schools.models import DistrictReport

STEPS = 3  # snapshot, report tables, PDF


def district_report_request(*, scope: district.Scope, by: Any) -> DistrictReport:
    """Queue one report of `scope`; a report of the same scope still running is reused, so a
    double click renders one PDF."""
    from lms.schools.tasks import district_report_render_task

    running = DistrictReport.objects.filter(
        scope_key=scope.key, requested_by=by, status__in=OPEN
    ).first()
    if running is not None:
        return running
    report = DistrictReport.objects.create(
        scope_key=scope.key, scope_label=scope.label, requested_by=by, total=STEPS
    )
    transaction.on_commit(lambda: district_report_render_task.delay(report.pk))
    return report


def _scope_of(report: DistrictReport) -> district.Scope:
    kind, _sep, value = report.scope_key.partition(":")
    if kind == "province":
        return district.Scope.for_province(value)
    from lms.schools.models import Region

    return district.Scope.for_region(Region.objects.get(pk=int(value)))


def report_html(scope: district.Scope, progress: Progress | None = None) -> str:
    from lms.schools.district_views import display

    snap = district.snapshot(scope)
    groups = [(g, [(i, display(i)) for i in items]) for g, items in snap.groups()]
    if progress:
        progress(1)
    tables = district.report_tables(scope)
    if progress:
        progress(2)
    context = {
        "scope": scope,
        "groups": groups,
        "charts": [render_chart(c) for c in snap.charts],
        "tables": tables,
        "refreshed_at": snap.refreshed_at,
        "printed_at": timezone.now(),
    }
    return render_to_string("schools/district_report_pdf.html", context)


def _render(report: DistrictReport, progress: Progress) -> Rendered:
    from weasyprint import HTML

    html = report_html(_scope_of(report), progress)
    pdf = HTML(string=html).write_pdf()
    progress(STEPS)
    return Rendered(content=pdf, count=STEPS)


# The file job behind the report (lms/jobs.py: claim, render, write, progress, failure).
DISTRICT_REPORT = FileJob(
    model=DistrictReport, path=lambda r: f"district-reports/report-{r.pk}.pdf", render=_render
)
