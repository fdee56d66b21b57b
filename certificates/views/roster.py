"""The trainer imports a roster of candidates into a batch (CSV/XLSX), with a confirmation
step when rows look like candidates the batch already has (as class rosters do)."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.files.base import ContentFile
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
from lms.storage import private_storage

SESSION_KEY = "cert_candidate_import"


def _keep(request: HtmxRequest, data: bytes, filename: str, batch_id: int) -> str:
    """Keep an upload privately until the trainer answers the duplicates question."""
    _discard(request)
    token = secrets.token_urlsafe(24)
    private_storage.save(f"certificates/roster-uploads/{token}", ContentFile(data))
    request.session[SESSION_KEY] = {"token": token, "name": filename, "batch": batch_id}
    return token


def _discard(request: HtmxRequest) -> None:
    kept = request.session.pop(SESSION_KEY, None)
    if kept:
        private_storage.delete(f"certificates/roster-uploads/{kept['token']}")


def _kept(request: HtmxRequest, token: str, batch_id: int) -> tuple[bytes, str] | None:
    kept = request.session.get(SESSION_KEY)
    if not kept or kept["token"] != token or kept["batch"] != batch_id:
        return None
    path = f"certificates/roster-uploads/{kept['token']}"
    if not private_storage.exists(path):
        return None
    with private_storage.open(path, "rb") as stream:
        return stream.read(), kept["name"]


def _upload(request: HtmxRequest, batch_id: int, context: dict) -> tuple[bytes, str, str] | None:
    """(data, filename, duplicates) from the first or the confirming POST, or None."""
    if "upload" in request.POST:
        confirm = CandidateImportConfirmForm(request.POST)
        kept = confirm.is_valid() and _kept(request, confirm.cleaned_data["upload"], batch_id)
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
                token = _keep(request, data, filename, batch.pk)
                context["confirm_form"] = CandidateImportConfirmForm(initial={"upload": token})
            else:
                _discard(request)
    return render(request, "certificates/candidate_import.html", context)
