"""The holder's Open Badges 3.0 download and LinkedIn "add to profile" link.

Only the holder, the batch's trainers and the dinas staff of the certificate's region may use
them; anyone else gets 404 (the certificate's existence is not confirmed).
"""

from __future__ import annotations

from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from certificates.credentials import openbadges, status_list
from certificates.models import CertificateStatus, IssuedCertificate
from certificates.selectors import can_manage_batch, staff_region_ids
from lms.accounts.models import Role
from lms.http import HtmxRequest

DOWNLOADABLE = (CertificateStatus.ISSUED, CertificateStatus.REVOKED, CertificateStatus.SUPERSEDED)


def _certificate_for(request: HtmxRequest, pk: int) -> IssuedCertificate:
    cert = get_object_or_404(
        IssuedCertificate.objects.select_related("region", "scheme", "batch", "course"),
        pk=pk,
        status__in=DOWNLOADABLE,
    )
    user = request.user
    if cert.holder_id == user.pk:
        return cert
    if cert.batch is not None and can_manage_batch(user=user, batch=cert.batch):
        return cert
    if cert.batch is None and cert.region_id in staff_region_ids(user=user, roles=(Role.DINAS,)):
        return cert
    raise Http404


@require_GET
def openbadge_download_view(request: HtmxRequest, pk: int) -> HttpResponse:
    cert = _certificate_for(request, pk)
    response = HttpResponse(
        openbadges.secured_open_badge(cert), content_type=status_list.MEDIA_TYPE
    )
    filename = "open-badge-" + "".join(c if c.isalnum() else "-" for c in cert.number) + ".jwt"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def openbadge_linkedin_view(request: HtmxRequest, pk: int) -> HttpResponseRedirect:
    return HttpResponseRedirect(openbadges.linkedin_add_url(_certificate_for(request, pk)))
