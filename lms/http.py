"""A typed request for views: django-htmx adds `htmx`, auth adds our `User`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from django_htmx.middleware import HtmxDetails

    from lms.accounts.models import User


class HtmxRequest(HttpRequest):
    htmx: HtmxDetails
    user: User
