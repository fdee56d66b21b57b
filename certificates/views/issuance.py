"""The trainer's issuance page: one click issues the batch; a polled progress fragment."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods
from django_htmx.http import HttpResponseStopPolling

from certificates.exceptions import CertificationError
from certificates.issuance.selectors import batch_lifecycle_list, run_counts
from certificates.issuance.services import batch_issuance_request
from certificates.models import Batch, IssuanceRun, IssuedCertificate
from certificates.views.common import managed_batch, paginate
from lms.http import HtmxRequest
from lms.jobs import FINISHED


def _context(request: HtmxRequest, batch: Batch) -> dict[str, Any]:
    run = IssuanceRun.objects.filter(batch=batch).first()
    certs = IssuedCertificate.objects.filter(batch=batch).order_by("sequence", "pk")
    return {
        "batch": batch,
        "run": run,
        "counts": run_counts(run) if run else None,
        "page_obj": paginate(request, certs),
    }


@login_required
@require_http_methods(["GET", "POST"])
def issuance_view(request: HtmxRequest, pk: int) -> HttpResponse:
    batch = managed_batch(request, pk)
    if request.method == "POST":
        try:
            batch_issuance_request(batch=batch, by=request.user)
        except CertificationError as exc:
            messages.error(request, str(exc))
        return redirect("certificates:issuance", batch.pk)
    context = {**_context(request, batch), "lifecycle": batch_lifecycle_list(batch=batch)}
    return render(request, "certificates/issuance.html", context)


@login_required
@require_GET
def issuance_status_view(request: HtmxRequest, pk: int) -> HttpResponse:
    """The polled fragment; 286 stops htmx polling once the run finished."""
    batch = managed_batch(request, pk)
    context = _context(request, batch)
    response = render(request, "certificates/partials/issuance_progress.html", context)
    run = context["run"]
    if run is None or getattr(run, "status", "") in FINISHED:
        return HttpResponseStopPolling(response.content)
    return response
