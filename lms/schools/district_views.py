"""The district office's (dinas) overview: what lms/district.py's contributions registered.

The page reads the snapshot only (never aggregates per request); "Perbarui" runs the refresh
job for the user's scope. A user who serves no scope gets 404.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lms import district
from lms.charts import render_chart
from lms.http import HtmxRequest
from lms.jobs import job_file_response, job_status_response
from lms.schools.models import DistrictReport


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
