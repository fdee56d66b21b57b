"""The trainer's issuance page: one click issues the batch; a polled progress fragment; the
bulk downloads (ZIP, merged PDF) built in the background with their own polled fragment."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseStopPolling

from certificates.exceptions import CertificationError
from certificates.issuance.bundles import (
    CONTENT_TYPES,
    bundle_download_name,
    certificate_bundle_request,
)
from certificates.issuance.selectors import (
    batch_issued_certificates,
    batch_latest_bundles,
    batch_lifecycle_list,
    run_counts,
)
from certificates.issuance.services import batch_issuance_request
from certificates.models import Batch, BundleKind, CertificateBundle, IssuanceRun, IssuedCertificate
from certificates.views.common import managed_batch, paginate
from lms.http import HtmxRequest
from lms.jobs import FINISHED, job_file_response, job_status_response

BUNDLE_PARTIAL = "certificates/partials/bundle-progress.html"


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
    context["bundles"] = batch_latest_bundles(batch_id=batch.pk)
    context["issued_count"] = batch_issued_certificates(batch_id=batch.pk).count()
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


def _bundle(request: HtmxRequest, pk: int, bundle_pk: int) -> CertificateBundle:
    batch = managed_batch(request, pk)  # another region's or a non-organiser's: 404
    return get_object_or_404(
        CertificateBundle.objects.select_related("batch"), pk=bundle_pk, batch=batch
    )


@login_required
@require_POST
def bundle_request_view(request: HtmxRequest, pk: int) -> HttpResponse:
    """The two download buttons: queue (or find) the bundle, show its progress."""
    batch = managed_batch(request, pk)
    kind = request.POST.get("kind", "")
    try:
        bundle = certificate_bundle_request(batch=batch, kind=kind, by=request.user)
    except CertificationError as exc:
        if not request.htmx:
            messages.error(request, str(exc))
            return redirect("certificates:issuance", batch.pk)
        return render(request, BUNDLE_PARTIAL, {"batch": batch, "error": str(exc)})
    if not request.htmx:
        return redirect("certificates:issuance", batch.pk)
    bundle.refresh_from_db()  # eager in tests: the job may have finished already
    context = {"batch": batch, "bundle": bundle}
    return job_status_response(request, BUNDLE_PARTIAL, context, job=bundle)


@login_required
@require_GET
def bundle_status_view(request: HtmxRequest, pk: int, bundle_pk: int) -> HttpResponse:
    """The polled bundle fragment; 286 once it is built or failed."""
    bundle = _bundle(request, pk, bundle_pk)
    context = {"batch": bundle.batch, "bundle": bundle}
    return job_status_response(request, BUNDLE_PARTIAL, context, job=bundle)


@login_required
@require_GET
def bundle_download_view(request: HtmxRequest, pk: int, bundle_pk: int) -> FileResponse:
    """Stream the finished ZIP or merged PDF (404 while it is still being built)."""
    bundle = _bundle(request, pk, bundle_pk)
    return job_file_response(
        bundle,
        filename=bundle_download_name(bundle),
        content_type=CONTENT_TYPES[BundleKind(bundle.kind)],
    )
