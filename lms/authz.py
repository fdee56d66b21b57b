"""Runtime side of lms/policy.py: default deny and the role part of every row.

`PolicyMiddleware.process_view` runs for every resolved URL before its view. A URL name with
no row (and outside every prefix group) is refused; otherwise anonymous visitors are sent to
sign in, undeclared methods answer 405 and a signed-in user without one of the row's roles is
refused (404 when the path names an object, so its existence is not confirmed; else 403).
Which object a role may reach (own school, own cooperative, own child ...) is the views' and
selectors' job; the row declares it and tests/test_policy.py checks both together.

Role tokens are evaluated lazily, one at a time, and cached on the request's user. Feature
apps register the tokens they own (school_coops: pembina, ketua, ..., member) with
`register_token` in their AppConfig.ready(); the core never imports them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import resolve_url

from lms import policy
from lms.policy import Rule

logger = logging.getLogger(__name__)

TokenCheck = Callable[[Any], bool]
_checks: dict[str, TokenCheck] = {}


def register_token(token: str, check: TokenCheck) -> None:
    """`check(user)` says whether a signed-in user holds `token` anywhere (any object)."""
    if token not in policy.TOKENS:
        raise ValueError(f"{token!r} is not a role token of lms/policy.py")
    _checks[token] = check


def _has_platform_role(role: str) -> TokenCheck:
    return lambda user: user.has_role(role)


def _is_teacher(user: Any) -> bool:
    from lms.accounts.rules import teacher_school_ids  # shares the views' per-user cache

    return bool(teacher_school_ids(user))


def _is_guardian(user: Any) -> bool:
    from lms.accounts.models import Guardianship

    return user.has_role(policy.GUARDIAN) or Guardianship.objects.filter(guardian=user).exists()


for _token in (policy.STUDENT, policy.TRAINER, policy.ASSESSOR, policy.DINAS, policy.EDITOR):
    register_token(_token, _has_platform_role(_token))
register_token(policy.TEACHER, _is_teacher)
register_token(policy.GUARDIAN, _is_guardian)
register_token(policy.STAFF, lambda user: user.is_staff or user.is_superuser)
register_token(policy.ADMIN_ACCESS, lambda user: user.has_perm("wagtailadmin.access_admin"))


def user_holds(user: Any, token: str) -> bool:
    if token == policy.ANYONE:
        return True
    if not user.is_authenticated:
        return False
    if token == policy.AUTHENTICATED:
        return True
    cache = user.__dict__.setdefault("_policy_tokens", {})
    if token not in cache:
        check = _checks.get(token)
        cache[token] = bool(check and check(user))
    return cache[token]


def allowed_roles(user: Any, rule: Rule, method: str) -> bool:
    return any(user_holds(user, token) for token in rule.roles_for(method))


def refusal(rule: Rule, kwargs: dict[str, Any]) -> int:
    if rule.deny is not None:
        return rule.deny
    return 404 if kwargs else 403


class PolicyMiddleware:
    """Default deny: every resolved URL must have a row in lms/policy.py."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponse | None:
        match = request.resolver_match
        url_name = match.view_name if match is not None else None
        rule = policy.rule_for(url_name, request.path_info)
        if rule is None:
            logger.error("No row in lms/policy.py for URL name %r (%s)", url_name, request.path)
            raise PermissionDenied
        if rule.public:
            if not rule.allows_method(request.method or ""):
                return HttpResponseNotAllowed(rule.methods)
            return None
        user = request.user
        if not user.is_authenticated:
            login_url = resolve_url(rule.login_url or settings.LOGIN_URL)
            return redirect_to_login(request.get_full_path(), login_url)
        if not rule.allows_method(request.method or ""):
            return HttpResponseNotAllowed(rule.methods)
        if allowed_roles(user, rule, request.method or "GET"):
            return None
        status = refusal(rule, view_kwargs)
        if status == 302:  # e.g. Django admin: "signed in, but not as staff" on its login page
            return redirect_to_login(request.get_full_path(), resolve_url(rule.login_url or ""))
        if status == 404:
            raise Http404
        raise PermissionDenied
