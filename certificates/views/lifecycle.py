"""Revoke and re-issue one certificate: the batch's organisers (trainers of the batch, the
region's dinas staff), the same people as the issuance page. Anyone else gets 404."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from certificates.exceptions import CertificationError
from certificates.forms import ReissueForm, RevokeForm
from certificates.issuance.lifecycle import certificate_reissue, certificate_revoke
from certificates.issuance.selectors import DOWNLOADABLE, certificate_history
from certificates.models import IssuedCertificate
from certificates.selectors import can_manage_batch, staff_region_ids
from lms.accounts.models import Role
from lms.http import HtmxRequest

PAGE = "certificates/issued_detail.html"


def managed_certificate(request: HtmxRequest, pk: int) -> IssuedCertificate:
    """A batch's certificate the user organises; 404 for another region's or batch's."""
    cert = get_object_or_404(
        IssuedCertificate.objects.select_related(
            "batch__region", "batch__scheme", "scheme", "region", "superseded_by"
        ),
        pk=pk,
        batch__isnull=False,
        region_id__in=staff_region_ids(user=request.user, roles=(Role.TRAINER, Role.DINAS)),
    )
    if cert.batch is None or not can_manage_batch(user=request.user, batch=cert.batch):
        raise Http404
    return cert


def _render(request: HtmxRequest, cert: IssuedCertificate, **forms: Any) -> HttpResponse:
    context = {
        "cert": cert,
        "batch": cert.batch,
        "downloadable": cert.status in DOWNLOADABLE and bool(cert.pdf),
        "revoke_form": forms.get("revoke_form") or RevokeForm(),
        "reissue_form": forms.get("reissue_form")
        or ReissueForm(initial={"holder_name": cert.holder_name}),
        **certificate_history(cert=cert),
    }
    return render(request, PAGE, context)


@login_required
@require_GET
def issued_detail_view(request: HtmxRequest, pk: int) -> HttpResponse:
    return _render(request, managed_certificate(request, pk))


@login_required
@require_POST
def issued_revoke_view(request: HtmxRequest, pk: int) -> HttpResponse:
    cert = managed_certificate(request, pk)
    form = RevokeForm(request.POST)
    if not form.is_valid():
        return _render(request, cert, revoke_form=form)
    try:
        certificate_revoke(cert=cert, by=request.user, reason=form.cleaned_data["reason"])
    except CertificationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Sertifikat %(number)s dicabut.") % {"number": cert.number})
    return redirect("certificates:issued-detail", cert.pk)


@login_required
@require_POST
def issued_reissue_view(request: HtmxRequest, pk: int) -> HttpResponse:
    cert = managed_certificate(request, pk)
    form = ReissueForm(request.POST)
    if not form.is_valid():
        return _render(request, cert, reissue_form=form)
    try:
        new = certificate_reissue(
            cert=cert, by=request.user, holder_name=form.cleaned_data["holder_name"]
        )
    except CertificationError as exc:
        messages.error(request, str(exc))
        return redirect("certificates:issued-detail", cert.pk)
    messages.success(
        request,
        _("Sertifikat pengganti %(number)s dibuat; PDF-nya sedang dirender.")
        % {"number": new.number},
    )
    return redirect("certificates:issued-detail", new.pk)
