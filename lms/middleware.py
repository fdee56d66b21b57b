"""Project-wide middleware that belongs to no app."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import get_resolver, get_urlconf
from django.utils.cache import patch_cache_control


class PrivateCacheMiddleware:
    """Pages for a signed-in person say `Cache-Control: private, no-store`.

    Shared phones and school proxies must not keep a student's grades or savings card in a
    cache the next user can open with "back". Anonymous requests are left alone: the user
    is only looked at when a session cookie came with the request, so public pages get no
    `Vary: Cookie` from us and stay cacheable.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return response
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response


class ProjectErrorPagesMiddleware:
    """With DEBUG on (the demo), 404 and 500 still show our Indonesian pages.

    Django answers its English technical pages whenever DEBUG is on; the demo is shown to
    teachers, so it uses the project's handlers instead (DEBUG_PROJECT_ERROR_PAGES, on in
    dev settings). A 500 still writes its traceback to the console through django.request.
    PermissionDenied already reaches handler403 in every mode; the other exceptions Django
    turns into 400s are left to it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    @staticmethod
    def _active() -> bool:
        return settings.DEBUG and settings.DEBUG_PROJECT_ERROR_PAGES

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # No URL pattern matched: Django built the technical 404 before any view ran.
        if self._active() and response.status_code == 404 and request.resolver_match is None:
            return _error_page(request, 404, Http404())
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not self._active():
            return None
        if isinstance(exception, Http404):
            return _error_page(request, 404, exception)
        if isinstance(exception, (PermissionDenied, BadRequest, SuspiciousOperation)):
            return None  # Django answers these with handler403/400 in every mode
        logging.getLogger("django.request").error(
            "Internal Server Error: %s", request.path, exc_info=exception
        )
        return _error_page(request, 500, exception)


def _error_page(request: HttpRequest, status: int, exception: Exception) -> HttpResponse:
    handler: Any = get_resolver(get_urlconf()).resolve_error_handler(status)  # 500 takes no exc
    return handler(request) if status == 500 else handler(request, exception)
