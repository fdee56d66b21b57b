"""Session length by role: a student's session lasts a school day, not Django's two weeks.

Students sign in on shared phones and lab computers. At login the session gets the shortest
age among the person's roles (SESSION_AGE_BY_ROLE, else SESSION_COOKIE_AGE); roles listed in
SESSION_EXPIRE_AT_BROWSER_CLOSE_ROLES get a cookie that ends with the browser, while the
server still ends the session after the same age (our SessionStore reads it back).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.sessions.backends.cached_db import SessionStore as CachedDbSessionStore
from django.http import HttpRequest

MAX_AGE_KEY = "_kopsis_max_age"


class SessionStore(CachedDbSessionStore):
    """The database store behind the cache (Redis in production: lms.fastpage reads a
    session without SQL), with the age chosen at login as the server-side limit."""

    def get_session_cookie_age(self) -> int:
        # Used when the cookie ends with the browser (expiry 0): the row still expires.
        return int(self.get(MAX_AGE_KEY, settings.SESSION_COOKIE_AGE))


def session_policy_for(user: Any) -> tuple[int, bool]:
    """(seconds, ends with the browser) for this person: the strictest of their roles."""
    ages = [age for role, age in settings.SESSION_AGE_BY_ROLE.items() if user.has_role(role)]
    age = min(ages, default=settings.SESSION_COOKIE_AGE)
    at_close = any(user.has_role(r) for r in settings.SESSION_EXPIRE_AT_BROWSER_CLOSE_ROLES)
    return age, at_close


def apply_session_policy(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    """user_logged_in receiver (site login, Wagtail admin login and force_login alike)."""
    if request is None or not hasattr(request, "session"):
        return
    age, at_close = session_policy_for(user)
    request.session[MAX_AGE_KEY] = age
    request.session.set_expiry(0 if at_close else age)
