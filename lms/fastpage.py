"""A signed-in student's pages at near-static cost: whole pages cached per person and version.

The lesson page, "Belajar saya" and the member portal are read far more often than anything
on them changes. The first GET renders them as usual (Wagtail routing, selectors, templates);
the view says the page may be kept (`allow()`), and `FastPageMiddleware` stores the HTML with
the request's CSRF token and CSP nonce replaced by markers. The next GET of the same URL by the
same person, in the same language, is answered by the middleware before the session, the
user, the URL resolver or Wagtail run: two or three cache round trips, no SQL.

An entry's key carries two version numbers, so nothing is ever invalidated by deleting keys:

* the person's version, bumped by every write to what their pages show (quiz attempts and
  answers, lesson progress, consent, roles, enrolments, the user row, memberships), through
  `bump_person_on_change()` receivers that each app registers for its own models;
* the content version, bumped by what every page shows alike (publish, unpublish, move or
  delete of a page, quizzes, assignments: `bump_content_on_change()`).

A bump happens at once and again when the transaction commits, so a request that read the
old rows while the write was in flight can only have stored its page under the old version.

What makes a hit safe (tests/courses/test_lesson_fast_path.py):

* the session is read from the cache (`lms.sessions` is cache-backed) and must name the same
  user and session auth hash the entry was rendered for; logout deletes the session, so the
  next request takes the full path;
* the key holds the user id: nobody is ever served another person's entry, and only pages
  the view allowed for a student are stored (never for anonymous visitors, guardians or staff);
* the CSRF token is masked fresh from the request's own CSRF cookie and the CSP nonce is the
  request's own: a cached page carries neither;
* flash messages, htmx requests, query strings other than the one stored, missing cookies:
  the full path.

The response still passes the security, CSP and gzip middleware (this one sits after them);
the headers the inner middleware set on the stored response (Cache-Control private, no-store,
X-Frame-Options, Content-Language, Vary) are replayed.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import Callable, Iterable
from importlib import import_module
from typing import Any

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.core.cache import cache
from django.core.exceptions import MiddlewareNotUsed
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import _unmask_cipher_token, get_token  # type: ignore[attr-defined]
from django.utils.translation import get_language_from_request

CONTENT_KEY = "fp:content"
ENTRY_SECONDS = 6 * 3600  # at most a student's session (SESSION_AGE_BY_ROLE)
CSRF_MARK = "\x00kopsis-csrf\x00"
NONCE_MARK = "\x00kopsis-nonce\x00"
_ALLOWED = "_fastpage_allowed"
_MISS = "_fastpage_miss"
_REPLAYED_HEADERS = {"cache-control", "content-language", "content-type", "vary", "x-frame-options"}
_TOKEN_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


# Versions -------------------------------------------------------------------------------


def _person_key(user_id: int) -> str:
    return f"fp:v:{user_id}"


def _bump_now(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:
        # A fresh start is the clock in ms: larger than any number the evicted key reached.
        cache.set(key, int(time.time() * 1000), None)


def _bump_all(keys: list[str]) -> None:
    for key in keys:
        _bump_now(key)


def _bump(keys: Iterable[str]) -> None:
    keys = list(keys)
    _bump_all(keys)
    # Again after the commit: a page rendered from the rows before it was stored under a
    # version number that is already old by then.
    transaction.on_commit(lambda: _bump_all(keys))


def bump_person(*user_ids: int | None) -> None:
    """Forget every cached page of these people (their state changed)."""
    _bump(_person_key(uid) for uid in set(user_ids) if uid is not None)


def bump_content() -> None:
    """Forget every cached page (something all of them show changed)."""
    _bump([CONTENT_KEY])


def _versions(user_id: int) -> tuple[int, int]:
    person_key = _person_key(user_id)
    found = cache.get_many([person_key, CONTENT_KEY])
    now = int(time.time() * 1000)
    for key in (person_key, CONTENT_KEY):
        if key not in found:
            cache.add(key, now, None)
            found[key] = cache.get(key, now)
    return int(found[person_key]), int(found[CONTENT_KEY])


def bump_person_on_change(model: str, user_ids: Callable[[Any], Iterable[int | None]]) -> None:
    """Connect save and delete of `model` ("app_label.Model") to bump_person(user_ids(row))."""

    def receiver(sender: Any, instance: Any, **kwargs: Any) -> None:
        bump_person(*user_ids(instance))

    post_save.connect(receiver, sender=model, weak=False, dispatch_uid=f"fastpage-p-{model}")
    post_delete.connect(receiver, sender=model, weak=False, dispatch_uid=f"fastpage-pd-{model}")


def bump_content_on_change(model: str) -> None:
    def receiver(sender: Any, **kwargs: Any) -> None:
        bump_content()

    post_save.connect(receiver, sender=model, weak=False, dispatch_uid=f"fastpage-c-{model}")
    post_delete.connect(receiver, sender=model, weak=False, dispatch_uid=f"fastpage-cd-{model}")


def connect_lms_models() -> None:
    """The project's own rows that pages show (apps register theirs in their signals)."""
    bump_person_on_change("accounts.User", lambda user: [user.pk])
    bump_person_on_change("accounts.RoleAssignment", lambda row: [row.user_id])
    bump_person_on_change("accounts.ConsentRecord", lambda row: [row.student_id])
    bump_person_on_change("accounts.Guardianship", lambda row: [row.guardian_id, row.student_id])
    bump_person_on_change("schools.Enrolment", lambda row: [row.student_id])
    for model in ("schools.Classroom", "schools.School", "wagtailcore.Site"):
        bump_content_on_change(model)


# Views ----------------------------------------------------------------------------------


def allow_for_student(request: HttpRequest) -> None:
    """The view says: this GET's page may be kept if the viewer is a student (what it shows
    must be covered by the version bumps above). Staff, guardians and visitors: never."""
    user = getattr(request, "user", None)
    if (
        request.method == "GET"
        and user is not None
        and user.is_authenticated
        and not user.is_staff
        and user.has_role("student")
    ):
        setattr(request, _ALLOWED, True)


# Middleware -----------------------------------------------------------------------------


def _entry_key(user_id: int, person: int, content: int, language: str, path: str) -> str:
    digest = hashlib.blake2b(path.encode(), digest_size=16).hexdigest()
    return f"fp:e:{user_id}:{person}:{content}:{language}:{digest}"


class FastPageMiddleware:
    """Answer a stored page before session, auth and Wagtail; store allowed pages on a miss."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        if not settings.FASTPAGE_ENABLED:
            # A per-process cache (LocMem) would let one worker serve a page another worker's
            # write has outdated: the fast path needs the shared cache (settings.base).
            raise MiddlewareNotUsed
        self.get_response = get_response
        self.session_store = import_module(settings.SESSION_ENGINE).SessionStore

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "GET" and "HTTP_HX_REQUEST" not in request.META:
            hit = self._hit(request)
            if hit is not None:
                return hit
        response = self.get_response(request)
        if getattr(request, _ALLOWED, False) and hasattr(request, _MISS):
            self._store(request, response)
        return response

    def _hit(self, request: HttpRequest) -> HttpResponse | None:
        session_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
        csrf_secret = request.COOKIES.get(settings.CSRF_COOKIE_NAME, "")
        if not session_key or "messages" in request.COOKIES:
            return None
        data = self.session_store(session_key).load()
        user_id = data.get(SESSION_KEY)
        if user_id is None or "_messages" in data or not data.get(BACKEND_SESSION_KEY):
            return None
        person, content = _versions(int(user_id))
        language = get_language_from_request(request)
        key = _entry_key(int(user_id), person, content, language, request.get_full_path())
        entry = cache.get(key)
        if entry is None:
            setattr(request, _MISS, (int(user_id), key, data.get(HASH_SESSION_KEY, "")))
            return None
        if not hmac.compare_digest(entry["hash"], data.get(HASH_SESSION_KEY, "")):
            return None
        if len(csrf_secret) != 32 or not set(csrf_secret) <= _TOKEN_CHARS:
            return None  # the full path sets a proper cookie
        request.META["CSRF_COOKIE"] = csrf_secret
        body = entry["body"].replace(CSRF_MARK, get_token(request))
        if NONCE_MARK in body:
            body = body.replace(NONCE_MARK, str(request.csp_nonce))  # type: ignore[attr-defined]
        response = HttpResponse(body)
        for name, value in entry["headers"]:
            response[name] = value
        return response

    def _store(self, request: HttpRequest, response: HttpResponse) -> None:
        user_id, key, session_hash = getattr(request, _MISS)
        user = getattr(request, "user", None)
        storage = getattr(request, "_messages", None)
        if (
            response.status_code != 200
            or response.streaming
            or user is None
            or user.pk != user_id
            or not session_hash
            or (storage is not None and getattr(storage, "_queued_messages", None))
            or not response.get("Content-Type", "").startswith("text/html")
        ):
            return
        body = response.content.decode(response.charset)
        secret = request.META.get("CSRF_COOKIE")
        if secret:
            body = _mark_tokens(body, secret)
        nonce = getattr(request, "_csp_nonce", None)
        if isinstance(nonce, str):
            body = body.replace(nonce, NONCE_MARK)
        headers = [(n, v) for n, v in response.items() if n.lower() in _REPLAYED_HEADERS]
        cache.set(key, {"hash": session_hash, "body": body, "headers": headers}, ENTRY_SECONDS)


def _mark_tokens(body: str, secret: str) -> str:
    """Replace every masked CSRF token of this request's secret by CSRF_MARK."""
    out = []
    position = 0
    # A masked token is 64 token characters inside quotes (form value or htmx header).
    while (start := body.find('"', position)) != -1:
        end = start + 65
        candidate = body[start + 1 : end]
        if (
            len(candidate) == 64
            and body[end : end + 1] == '"'
            and set(candidate) <= _TOKEN_CHARS
            and _unmask_cipher_token(candidate) == secret
        ):
            out.append(body[position : start + 1])
            out.append(CSRF_MARK)
            position = end
        else:
            out.append(body[position : start + 1])
            position = start + 1
    out.append(body[position:])
    return "".join(out)
