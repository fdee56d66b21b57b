"""The holder's page "Sertifikat saya": own certificates (and a guardian's wards', a teacher's
pupils'), the PDF from private storage, "Kirim ke email saya" and "Minta sertifikat" for a
completed course. Someone else's certificate answers 404 (docs/privacy.md)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from certificates.exceptions import CertificationError
from certificates.issuance import selectors as issued
from certificates.issuance.lifecycle import certificate_email_request
from certificates.issuance.services import course_issuance_request
from certificates.models import IssuedCertificate
from lms.http import HtmxRequest
from lms.privacy.audit import audited
from lms.privacy.models import AccessKind


@login_required
@require_GET
def my_certificates_view(request: HtmxRequest) -> HttpResponse:
    user = request.user
    context = {
        "certificates": issued.holder_certificate_list(user=user),
        "completions": issued.certifiable_completion_list(user=user),
        # The guardianship and the class, not a role, decide (as may_view_certificate does).
        "ward_certificates": issued.ward_certificate_list(user=user),
        "pupil_certificates": issued.pupil_certificate_list(user=user),
    }
    response = render(request, "certificates/my_certificates.html", context)
    response["Cache-Control"] = "private, no-store"
    return response


def _viewable(request: HtmxRequest, pk: int) -> IssuedCertificate:
    cert = issued.certificate_for_viewer(user=request.user, pk=pk)
    if cert is None:
        raise Http404
    return cert


def _holder_of(request: HtmxRequest, pk: int) -> Any:
    return IssuedCertificate.objects.filter(pk=pk).values_list("holder_id", flat=True)


@login_required
@require_GET
@audited(AccessKind.GRADES, subjects=_holder_of)  # a guardian or teacher opening a pupil's
def issued_pdf_view(request: HtmxRequest, pk: int) -> FileResponse:
    """The PDF, streamed from private storage as an attachment (never a public URL)."""
    from lms.storage import private_storage

    cert = _viewable(request, pk)
    if not cert.pdf:
        raise Http404
    filename = "sertifikat-" + "".join(c if c.isalnum() else "-" for c in cert.number) + ".pdf"
    response = FileResponse(
        private_storage.open(cert.pdf, "rb"),
        as_attachment=True,
        filename=filename,
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def issued_email_view(request: HtmxRequest, pk: int) -> HttpResponse:
    cert = get_object_or_404(IssuedCertificate, pk=pk, holder=request.user)
    try:
        address = certificate_email_request(cert=cert, by=request.user)
    except CertificationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("Sertifikat %(number)s sedang dikirim ke %(email)s.")
            % {"number": cert.number, "email": address},
        )
    return redirect("certificates:my-certificates")


@login_required
@require_POST
def course_certificate_request_view(request: HtmxRequest, course_pk: int) -> HttpResponse:
    from courses.models import CourseCompletion

    completion = get_object_or_404(CourseCompletion, student=request.user, course_id=course_pk)
    try:
        course_issuance_request(completion=completion, by=request.user)
    except CertificationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Sertifikat Anda sedang dibuat. Muat ulang halaman ini."))
    return redirect("certificates:my-certificates")
