"""The district office's (dinas) overview: what lms/district.py's contributions registered.

The page reads the snapshot only (never aggregates per request); "Perbarui" runs the refresh
job for the user's scope. A user who serves no scope gets 404.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any
from urllib.parse import parse_qs, urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lms import district
from lms.charts import render_chart
from lms.http import HtmxRequest
from lms.jobs import job_file_response, job_status_response
from lms.schools.forms import DistrictSchoolFilterForm
from lms.schools.models import DistrictReport
from lms.schools.selectors import (
    district_kecamatan_names,
    district_school_list,
    school_student_counts,
)

TABLE_PAGE_SIZE = 25


def scope_or_404(request: HtmxRequest) -> district.Scope:
    key = request.GET.get("scope") or request.POST.get("scope") or None
    scope = district.scope_for(request.user, key)
    if scope is None:
        raise Http404
    return scope


def display(item: district.Indicator) -> str:
    """A number as the district reads it: 1.234 · Rp 1.234.567 · 45,5%."""
    if item.fmt == "percent":
        return f"{Decimal(item.value):.1f}%".replace(".", ",")
    text = f"{int(item.value):,}".replace(",", ".")
    return f"Rp {text}" if item.fmt == "rupiah" else text


def overview_context(scope: district.Scope) -> dict[str, Any]:
    snap = district.snapshot(scope)
    groups = [
        (group, [{"item": i, "display": display(i)} for i in items])
        for group, items in snap.groups()
    ]
    return {
        "scope": scope,
        "groups": groups,
        "charts": [render_chart(c) for c in snap.charts],
        "refreshed_at": snap.refreshed_at,
    }


def rollup(scope: district.Scope) -> list[dict[str, Any]]:
    """A province's kabupaten, each with its own snapshot's headline numbers (one query)."""
    subs = [district.Scope.for_region(region) for region in scope.regions()]
    stored = district.snapshots(subs, kind="indicator")
    rows = []
    for sub in subs:
        values = {i.key: display(i) for i in stored[sub.key].indicators}
        rows.append({"scope": sub, "values": [values.get(k, "–") for k in ROLLUP_KEYS]})
    return rows


ROLLUP_KEYS = ("schools", "coops", "coops_aktif", "rat_on_time", "members")


@login_required
@require_GET
def district_overview_view(request: HtmxRequest) -> HttpResponse:
    scope = scope_or_404(request)
    context = overview_context(scope)
    context["scopes"] = district.scopes_for(request.user)
    if scope.is_province:
        context["rollup"] = rollup(scope)
    return render(request, "schools/district_overview.html", context)


@login_required
@require_POST
def district_refresh_view(request: HtmxRequest) -> HttpResponse:
    from lms.schools.tasks import district_refresh_task

    scope = scope_or_404(request)
    district_refresh_task.delay(scope.key)
    messages.success(request, _("Angka sedang diperbarui. Muat ulang halaman sebentar lagi."))
    return redirect(f"{reverse('schools:district-overview')}?scope={scope.key}")


def _own_report(request: HtmxRequest, pk: int) -> DistrictReport:
    report = get_object_or_404(DistrictReport, pk=pk, requested_by=request.user)
    if district.scope_for(request.user, report.scope_key) is None:
        raise Http404  # the user no longer serves that region
    return report


def _progress(request: HtmxRequest, report: DistrictReport) -> HttpResponse:
    return job_status_response(
        request, "schools/partials/district-report-progress.html", {"batch": report}
    )


@login_required
@require_POST
def district_report_request_view(request: HtmxRequest) -> HttpResponse:
    from lms.schools.district_report import district_report_request

    report = district_report_request(scope=scope_or_404(request), by=request.user)
    report.refresh_from_db()  # eager in tests: the job may have finished already
    return _progress(request, report)


@login_required
@require_GET
def district_report_status_view(request: HtmxRequest, pk: int) -> HttpResponse:
    return _progress(request, _own_report(request, pk))


@login_required
@require_GET
def district_report_download_view(request: HtmxRequest, pk: int) -> FileResponse:
    report = _own_report(request, pk)
    return job_file_response(report, filename=f"laporan-dinas-{report.pk}.pdf")


# --- The lists behind the overview's numbers (a shared table page) -------------------------


def render_district_table(
    request: HtmxRequest, *, scope: district.Scope, title: str, columns: list[str], **extra: Any
) -> HttpResponse:
    """One list behind an overview number: `rows` (lists of cells, paginated here) or a `page`
    already paginated with its `cells`; `summary` [(label, value)] above it, an optional filter
    `form` and `note`. An htmx request (the filter form) gets the table fragment only."""
    if "page" not in extra:
        rows = extra.pop("rows")
        extra["page"] = Paginator(rows, TABLE_PAGE_SIZE).get_page(request.GET.get("page"))
        extra["cells"] = extra["page"].object_list
    context = {"scope": scope, "title": title, "columns": columns, "summary": [], **extra}
    # Each cell with its column's name: on a phone a row is a card with labelled cells.
    context["labelled"] = [list(zip(columns, row, strict=False)) for row in context["cells"]]
    template = "schools/district_table.html"
    return render(request, f"{template}#district-table" if request.htmx else template, context)


def linked_figures(scope: district.Scope, path: str) -> list[tuple[str, str]]:
    """(label, number) of the scope's stored indicators whose link is this unfiltered list."""
    stored = district.snapshots([scope], kind="indicator")[scope.key]
    figures = []
    for item in stored.indicators:
        url = urlsplit(item.url or "")
        if url.path == path and set(parse_qs(url.query)) <= {"scope"}:
            figures.append((item.label, display(item)))
    return figures


@login_required
@require_GET
def district_school_list_view(request: HtmxRequest) -> HttpResponse:
    """The schools of the scope: level, kecamatan, students enrolled and what the capabilities
    add (district.school_columns(), e.g. the cooperative's status)."""
    scope = scope_or_404(request)
    region_ids = list(scope.region_ids)
    form = DistrictSchoolFilterForm(
        request.GET, kecamatan=district_kecamatan_names(region_ids=region_ids)
    )
    schools = district_school_list(region_ids=region_ids, **form.filters())
    page = Paginator(schools, TABLE_PAGE_SIZE).get_page(request.GET.get("page"))
    ids = [school.pk for school in page.object_list]
    students = school_student_counts(ids)
    extra = [(column, column.values(ids)) for column in district.school_columns()]
    cells = [
        [s.name, s.npsn, s.level, s.kecamatan or "–", s.region.name, students.get(s.pk, 0)]
        + [values.get(s.pk, "–") for _column, values in extra]
        for s in page.object_list
    ]
    columns = [_("Sekolah"), _("NPSN"), _("Jenjang"), _("Kecamatan"), _("Kabupaten/kota")]
    columns += [_("Siswa terdaftar")] + [str(column.label) for column, _values in extra]
    # The overview's numbers that link here (schools, students enrolled), as last refreshed:
    # counting 400,000 students of a province per request would blow the page's budget.
    summary = linked_figures(scope, request.path)
    return render_district_table(
        request,
        scope=scope,
        title=_("Sekolah"),
        columns=columns,
        page=page,
        cells=cells,
        form=form,
        summary=summary,
    )
