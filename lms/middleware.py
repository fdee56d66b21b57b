"""Project-wide middleware that belongs to no app."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
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
