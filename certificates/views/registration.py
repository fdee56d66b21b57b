"""The public page of a batch with open registration: an adult creates an account and applies."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from certificates.exceptions import CertificationError
from certificates.forms import RegistrationForm
from certificates.models import Batch, Candidate, CandidateStatus
from certificates.services.registration import candidate_register
from lms.http import HtmxRequest, client_ip

RATE_WINDOW_SECONDS = 3600


def _refusal(batch: Batch) -> str:
    """Why the batch takes no one now ('' when it does)."""
    if not batch.open_for_applications:
        return _("Pendaftaran angkatan ini sudah ditutup.")
    seats = Candidate.objects.filter(batch=batch).exclude(status=CandidateStatus.REJECTED)
    if seats.count() >= batch.quota:
        return _("Kuota angkatan ini (%(n)s peserta) sudah penuh.") % {"n": batch.quota}
    return ""


def _over_rate(request: HtmxRequest) -> bool:
    """Count this POST against the client's address; True once over the hourly limit."""
    key = f"cert-register:{client_ip(request) or 'unknown'}"
    cache.add(key, 0, RATE_WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, RATE_WINDOW_SECONDS)
        count = 1
    return count > settings.CERT_REGISTRATION_PER_HOUR


@require_http_methods(["GET", "POST"])
def register_view(request: HtmxRequest, pk: int) -> HttpResponse:
    batch = get_object_or_404(
        Batch.objects.select_related("scheme", "region"), pk=pk, scheme__status="published"
    )
    if request.user.is_authenticated:
        return redirect("certificates:batch-apply", batch.pk)  # an account already: apply
    refusal = _refusal(batch)
    form = RegistrationForm(request.POST or None, batch=batch)
    if request.method == "POST" and not refusal:
        if _over_rate(request):
            form.add_error(
                None,
                _(
                    "Terlalu banyak percobaan pendaftaran dari jaringan ini. "
                    "Coba lagi satu jam lagi."
                ),
            )
        elif form.is_valid():
            data = dict(form.cleaned_data)
            password = data.pop("password1")
            for key in ("password2", "website", "track"):
                data.pop(key, None)
            try:
                candidate = candidate_register(batch=batch, password=password, **data)
            except CertificationError as exc:
                form.add_error(None, str(exc))
            else:
                login(request, candidate.user, backend="django.contrib.auth.backends.ModelBackend")
                messages.success(
                    request,
                    _("Akun dibuat dan pendaftaran terkirim. Lanjutkan dengan asesmen mandiri."),
                )
                return redirect("certificates:application", candidate.pk)
    context = {"batch": batch, "form": form, "refusal": refusal}
    return render(request, "certificates/register.html", context, status=200)
