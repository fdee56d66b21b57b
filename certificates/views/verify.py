"""The public verification page /v/<token>/ (masked name, every field, status)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse


def verify_view(request: HttpRequest, token: str) -> HttpResponse:
    raise Http404
