"""Template context shared by every page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from lms.navigation import navigation_for


def csp_nonce(request: HttpRequest) -> dict[str, Any]:
    # django-htmx's {% htmx_script %} reads `csp_nonce`; django-csp 4 names it CSP_NONCE.
    return {"csp_nonce": getattr(request, "csp_nonce", "")}


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    return {"nav_items": navigation_for(user)}
