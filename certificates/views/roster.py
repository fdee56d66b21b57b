"""The trainer imports a roster of candidates into a batch (CSV/XLSX), with a confirmation
step when rows look like candidates the batch already has (as class rosters do)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from certificates.exceptions import CertificationError
from certificates.forms import CandidateImportConfirmForm, CandidateImportForm
from certificates.services.roster import candidates_import
from certificates.views.common import managed_batch
from lms.http import HtmxRequest
from lms.schools.services import Duplicates
from lms.storage import KeptUpload

CANDIDATE_UPLOAD = KeptUpload(
    session_key="cert_candidate_import", folder="certificates/roster-uploads", owner="batch"
)


def _upload(request: HtmxRequest, batch_id: int, context: dict) -> tuple[bytes, str, str] | None:
    """(data, filename, duplicates) from the first or the confirming POST, or None."""
    if "upload" in request.POST:
        confirm = CandidateImportConfirmForm(request.POST)
        kept = confirm.is_valid() and CANDIDATE_UPLOAD.read(
            request, confirm.cleaned_data["upload"], batch_id
        )
        if not kept:
            context["file_error"] = _("Unggahan sudah kedaluwarsa. Unggah berkasnya lagi.")
            return None
        return kept[0], kept[1], confirm.cleaned_data["duplicates"]
    form = context["form"]
    if not form.is_valid():
        return None
    upload = form.cleaned_data["file"]
    if upload.size > settings.ROSTER_MAX_UPLOAD_BYTES:
        context["file_error"] = _("Berkas terlalu besar (maksimal %(mb)s MB).") % {
            "mb": settings.ROSTER_MAX_UPLOAD_BYTES // (1024 * 1024)
        }
        return None
    return upload.read(), upload.name, Duplicates.ASK


@login_required
@require_http_methods(["GET", "POST"])
def candidate_import_view(request: HtmxRequest, pk: int) -> HttpResponse:
    batch = managed_batch(request, pk)
    form = CandidateImportForm(
        request.POST if "upload" not in request.POST else None, request.FILES or None
    )
    context: dict = {"batch": batch, "form": form}
    got = _upload(request, batch.pk, context) if request.method == "POST" else None
    if got is not None:
        data, filename, duplicates = got
        try:
            result = candidates_import(
                batch=batch, data=data, filename=filename, by=request.user, duplicates=duplicates
            )
        except CertificationError as exc:
            context["file_error"] = str(exc)
        else:
            context["result"] = result
            if result.needs_confirmation:
                token = CANDIDATE_UPLOAD.keep(request, data, filename, batch.pk)
                context["confirm_form"] = CandidateImportConfirmForm(initial={"upload": token})
            else:
                CANDIDATE_UPLOAD.discard(request)
    return render(request, "certificates/candidate_import.html", context)
