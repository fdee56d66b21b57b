"""The public verification page /v/<token>/ (masked name, every field, status)."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from certificates.issuance.selectors import certificate_by_token, verification_view_data
from lms.http import client_ip


def _over_limit(request: HttpRequest) -> bool:
    """A fixed one-minute window per client address (Django cache)."""
    key = f"cert-verify:{client_ip(request) or 'unknown'}"
    if cache.add(key, 1, timeout=60):
        return False
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=60)
        return False
    return count > settings.CERT_VERIFY_RATE_PER_MINUTE


def verify_view(request: HttpRequest, token: str) -> HttpResponse:
    if _over_limit(request):
        return HttpResponse(
            _("Terlalu banyak pemeriksaan dalam satu menit. Coba lagi sebentar lagi."),
            status=429,
            content_type="text/plain; charset=utf-8",
        )
    cert = certificate_by_token(token=token)
    if cert is None:
        raise Http404
    response = render(request, "certificates/verify.html", verification_view_data(cert))
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
