"""Externally issued LSP/BNSP certificates: recorded, with expiry, never produced."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from certificates import selectors as sel
from certificates.exceptions import CertificationError
from certificates.forms import ExternalCertificateForm
from certificates.models import ExternalCertificate
from certificates.services.external import external_certificate_record
from certificates.uploads import MAX_EVIDENCE_BYTES
from certificates.views.common import paginate, read_upload, require_organiser, require_staff
from lms.http import HtmxRequest

RENEWAL_DAYS = 90


@login_required
@require_GET
def external_list_view(request: HtmxRequest) -> HttpResponse:
    regions = require_staff(request)
    expiring = request.GET.get("expiring") == "1"
    items = sel.external_certificate_list(
        region_ids=regions, expiring_within=RENEWAL_DAYS if expiring else None
    )
    context = {
        "page": paginate(request, items),
        "expiring": expiring,
        "today": timezone.localdate(),
        "renewal_days": RENEWAL_DAYS,
        "due_count": sel.external_certificate_list(
            region_ids=regions, expiring_within=RENEWAL_DAYS
        ).count(),
    }
    page = "certificates/external_list.html"
    return render(request, f"{page}#external-table" if request.htmx else page, context)


@login_required
@require_http_methods(["GET", "POST"])
def external_create_view(request: HtmxRequest) -> HttpResponse:
    regions = require_organiser(request)
    form = ExternalCertificateForm(request.POST or None, request.FILES or None, region_ids=regions)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        upload = data.pop("scan")
        try:
            scan = read_upload(upload, MAX_EVIDENCE_BYTES) if upload else None
            if upload and scan is None:
                raise CertificationError(_("Pindaian terlalu besar."))
            external_certificate_record(by=request.user, scan=scan, **data)
        except CertificationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Sertifikat eksternal dicatat."))
            return redirect("certificates:external-list")
    return render(
        request,
        "certificates/form_page.html",
        {
            "form": form,
            "title": _("Catat sertifikat LSP/BNSP"),
            "note": _(
                "Kopsis hanya mencatat sertifikat yang diterbitkan LSP; Kopsis tidak "
                "menerbitkan sertifikat atas nama BNSP."
            ),
            "multipart": True,
        },
    )


@login_required
@require_GET
def external_scan_view(request: HtmxRequest, pk: int) -> FileResponse:
    from lms.storage import private_storage

    item = get_object_or_404(
        ExternalCertificate, pk=pk, region_id__in=sel.staff_region_ids(user=request.user)
    )
    if not item.scan_path:
        raise Http404
    response = FileResponse(private_storage.open(item.scan_path, "rb"), as_attachment=True)
    response["Cache-Control"] = "private, no-store"
    return response
