"""The holder's Open Badges 3.0 download and LinkedIn "add to profile" link.

Who may use them is the one rule of issuance/selectors.may_view_certificate (the holder, a
competency certificate's organisers, a minor's guardian and class teacher); anyone else gets
404 (the certificate's existence is not confirmed).
"""

from __future__ import annotations

from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.views.decorators.http import require_GET

from certificates.credentials import openbadges, status_list
from certificates.issuance.selectors import certificate_for_viewer
from certificates.models import IssuedCertificate
from lms.http import HtmxRequest


def _certificate_for(request: HtmxRequest, pk: int) -> IssuedCertificate:
    cert = certificate_for_viewer(user=request.user, pk=pk)
    if cert is None:
        raise Http404
    return cert


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
