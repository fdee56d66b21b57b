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

import base64
import gzip
import hashlib
import hmac
import os
import re
import struct
import time
import zlib
from collections.abc import Callable, Iterable
from importlib import import_module
from typing import Any

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.core.cache import cache
from django.core.exceptions import MiddlewareNotUsed
from django.core.handlers.wsgi import WSGIRequest
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import (  # type: ignore[attr-defined]
    CSRF_ALLOWED_CHARS,
    _unmask_cipher_token,
)
from django.middleware.security import SecurityMiddleware
from django.utils import timezone
from django.utils.translation import get_language_from_request

from lms.cache import get_many_follow

CONTENT_KEY = "fp:content"
ENTRY_SECONDS = 6 * 3600  # at most a student's session (SESSION_AGE_BY_ROLE)
CSRF_MARK = "\x00kopsis-csrf\x00"
NONCE_MARK = "\x00kopsis-nonce\x00"
_ALLOWED = "_fastpage_allowed"
_MISS = "_fastpage_miss"
_LOOKED_UP = "kopsis.fastpage.looked_up"  # environ: FastPageApp's miss, for the middleware
# What the middleware inside this one set (SecurityMiddleware, outside, sets its own again).
_REPLAYED_HEADERS = {
    "cache-control",
    "content-language",
    "content-security-policy",
    "content-security-policy-report-only",
    "content-type",
    "vary",
    "x-frame-options",
}
_TOKEN_CHARS = frozenset(CSRF_ALLOWED_CHARS)
_TOKEN_INDEX = {char: number for number, char in enumerate(CSRF_ALLOWED_CHARS)}
_UNIFORM_BELOW = 256 - 256 % len(CSRF_ALLOWED_CHARS)  # 248: bytes below it map evenly


def _mask_secret(secret: str) -> str:
    """Django's `_mask_cipher_secret` (a fresh mask, the secret shifted by it: the token
    `_unmask_cipher_token` reads), with the mask from one `os.urandom` call instead of 32
    `secrets.choice` calls of one system call each (most of a hit's own cost)."""
    size = len(CSRF_ALLOWED_CHARS)
    shifts: list[int] = []
    while len(shifts) < len(secret):
        shifts += [byte % size for byte in os.urandom(48) if byte < _UNIFORM_BELOW]
    shifts = shifts[: len(secret)]
    mask = "".join(CSRF_ALLOWED_CHARS[shift] for shift in shifts)
    cipher = "".join(
        CSRF_ALLOWED_CHARS[(_TOKEN_INDEX[char] + shift) % size]
        for char, shift in zip(secret, shifts, strict=True)
    )
    return mask + cipher


# Versions -------------------------------------------------------------------------------


_PERSON = "fp:v:"
NOT_STORED = 0  # the pointer of a session whose pages are never stored (not a student's)


def _person_key(user_id: int) -> str:
    return f"{_PERSON}{user_id}"


def _pointer_key(session_key: str) -> str:
    """Which user a session's stored pages are for (lets a hit read the person's version in
    the same round trip); a digest, so the key names no session."""
    return "fp:u:" + hashlib.blake2b(session_key.encode(), digest_size=16).hexdigest()


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
    if request.method == "GET" and _a_student(getattr(request, "user", None)):
        setattr(request, _ALLOWED, True)


def _a_student(user: Any) -> bool:
    """Whose pages may be stored at all: a signed-in student who is not staff."""
    return bool(
        user is not None
        and user.is_authenticated
        and not user.is_staff
        and user.has_role("student")
    )


# Middleware -----------------------------------------------------------------------------

_ACCEPTS_GZIP = re.compile(r"\bgzip\b")
_SESSION_PREFIX = "django.contrib.sessions.cached_db"  # cached_db's cache key prefix


def _entry_key(session_key: str, request: HttpRequest) -> str:
    """Derived from the cookie and the URL alone: found in the first round trip. The host is
    validated (ALLOWED_HOSTS) as on the full path; the day is in it for due dates."""
    parts = (
        session_key,
        request.get_host(),
        get_language_from_request(request),
        timezone.localdate().isoformat(),
        request.get_full_path(),
    )
    digest = hashlib.blake2b("\x00".join(parts).encode(), digest_size=20).hexdigest()
    return f"fp:e:{digest}"


class FastPageMiddleware:
    """Answer a stored page before CSP, gzip, session, auth and Wagtail; store allowed pages
    on a miss (it sits after SecurityMiddleware and WhiteNoise, before CSPMiddleware)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        if not settings.FASTPAGE_ENABLED:
            # A per-process cache (LocMem) would let one worker serve a page another worker's
            # write has outdated: the fast path needs the shared cache (settings.base).
            raise MiddlewareNotUsed
        self.get_response = get_response
        self.session_store = import_module(settings.SESSION_ENGINE).SessionStore

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "GET" and "HTTP_HX_REQUEST" not in request.META:
            looked = request.META.pop(_LOOKED_UP, None)  # FastPageApp looked it up already
            if looked is None:
                hit = self._hit(request)
                if hit is not None:
                    return hit
            elif looked != ():
                setattr(request, _MISS, looked)
        response = self.get_response(request)
        if getattr(request, _ALLOWED, False) and hasattr(request, _MISS):
            self._store(request, response)
        elif hasattr(request, _MISS) and not _a_student(getattr(request, "user", None)):
            # A teacher's or staff session: nothing of it is ever stored, so its next GETs
            # skip the version reads (a session never gains a role: login makes a new one).
            session_key = request.COOKIES[settings.SESSION_COOKIE_NAME]
            cache.set(_pointer_key(session_key), NOT_STORED, ENTRY_SECONDS)
        return response

    def _hit(self, request: HttpRequest) -> HttpResponse | None:
        session_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
        if not session_key or "messages" in request.COOKIES:
            return None
        key = _entry_key(session_key, request)
        session_cache_key = _SESSION_PREFIX + session_key
        pointer = _pointer_key(session_key)
        # One round trip on Redis: the session, the content version, the page and, through
        # the pointer the page's store left (session -> user id), the person's version.
        found = get_many_follow(cache, [session_cache_key, CONTENT_KEY, key], pointer, _PERSON)
        if found.get(pointer) == NOT_STORED:
            return None
        data = found.get(session_cache_key)
        if data is None:  # not in the cache (evicted, or a fresh worker's cleared cache)
            data = self.session_store(session_key).load()  # a miss: SQL is allowed
            found.pop(key, None)
        user_id = data.get(SESSION_KEY)
        if user_id is None or "_messages" in data or not data.get(BACKEND_SESSION_KEY):
            return None  # not signed in, a flash message to show, or not in the cache
        session_hash = data.get(HASH_SESSION_KEY, "")
        entry = found.get(key)
        if entry is not None and entry["content"] == found.get(CONTENT_KEY):
            person_key = _person_key(int(user_id))
            # The pointer names the session's own user, or the version is read on its own.
            same = found.get(pointer) == int(user_id)
            version = found.get(person_key) if same else cache.get(person_key)
            fresh = _serve(request, entry, int(user_id), session_hash, version)
            if fresh is not None:
                return fresh
        person, content = _versions(int(user_id))
        setattr(request, _MISS, (int(user_id), key, session_hash, person, content))
        return None

    def _store(self, request: HttpRequest, response: HttpResponse) -> None:
        user_id, key, session_hash, person, content = getattr(request, _MISS)
        user = getattr(request, "user", None)
        storage = getattr(request, "_messages", None)
        if (
            response.status_code != 200
            or response.streaming
            or user is None
            or user.pk != user_id
            or not session_hash
            or response.cookies.get(settings.SESSION_COOKIE_NAME) is not None
            or (storage is not None and getattr(storage, "_queued_messages", None))
            or not response.get("Content-Type", "").startswith("text/html")
            or response.get("Content-Encoding", "gzip") != "gzip"
        ):
            return
        content_bytes = response.content
        if response.get("Content-Encoding") == "gzip":
            content_bytes = gzip.decompress(content_bytes)
        body = content_bytes.decode(response.charset)
        secret = request.META.get("CSRF_COOKIE")
        if secret:
            body = _mark_tokens(body, secret)
        nonce = getattr(request, "_csp_nonce", None)
        headers = [(n, v) for n, v in response.items() if n.lower() in _REPLAYED_HEADERS]
        if isinstance(nonce, str):
            body = body.replace(nonce, NONCE_MARK)
            headers = [(n, v.replace(nonce, NONCE_MARK)) for n, v in headers]
        entry = {
            "user": user_id,
            "hash": session_hash,
            "person": person,
            "content": content,
            "headers": headers,
            **_segments(body, response.charset),
        }
        session_key = request.COOKIES[settings.SESSION_COOKIE_NAME]
        cache.set_many({key: entry, _pointer_key(session_key): user_id}, ENTRY_SECONDS)


def _serve(
    request: HttpRequest,
    entry: dict[str, Any],
    user_id: int,
    session_hash: str,
    person_version: int | None,
) -> HttpResponse | None:
    """The stored page for this request, or None when it may not be served (another
    person's, another login, an outdated version, no proper CSRF cookie)."""
    if entry["user"] != user_id or not hmac.compare_digest(entry["hash"], session_hash):
        return None
    if person_version != entry["person"]:
        return None
    fills = {}
    if "c" in entry["marks"]:
        secret = request.COOKIES.get(settings.CSRF_COOKIE_NAME, "")
        if len(secret) != 32 or not set(secret) <= _TOKEN_CHARS:
            return None  # the full path sets a proper cookie
        fills["c"] = _mask_secret(secret).encode()
    nonce = base64.b64encode(os.urandom(16)).decode("ascii")  # as django-csp makes one
    fills["n"] = nonce.encode()
    pieces = [fills[mark] for mark in entry["marks"]]
    if _ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
        body = _gzip_join(entry["plain"], entry["gz"], pieces)
        response = HttpResponse(body)
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(_plain_join(entry["plain"], pieces))
    for name, value in entry["headers"]:
        response[name] = value.replace(NONCE_MARK, nonce) if NONCE_MARK in value else value
    response["Content-Length"] = str(len(response.content))
    return response


def _no_inner(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("FastPageApp uses the middleware's lookup only")


# In front of Django --------------------------------------------------------------------


class FastPageApp:
    """The WSGI application (`lms/wsgi.py`): a hit answered before Django's handler and the
    outer middleware, with the same lookup (`FastPageMiddleware._hit`) and the headers
    SecurityMiddleware adds to every response; everything else goes to Django.

    Only what could be a stored page is looked up (a GET with a session cookie, not htmx, not
    a static or media file). A miss hands its lookup to the middleware through the environ,
    so a student's first GET reads the cache once, not twice; a failure here (the cache
    down) falls back to Django, which answers it with its own error handling."""

    def __init__(self, django: Callable[..., Any]) -> None:
        self.django = django
        try:
            self.fast: FastPageMiddleware | None = FastPageMiddleware(_no_inner)
        except MiddlewareNotUsed:
            self.fast = None
        self.security = SecurityMiddleware(_no_inner)
        self.skip = (settings.STATIC_URL or "/static/", settings.MEDIA_URL or "/media/")

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        if (
            self.fast is not None
            and environ.get("REQUEST_METHOD") == "GET"
            and "HTTP_HX_REQUEST" not in environ
            and settings.SESSION_COOKIE_NAME in environ.get("HTTP_COOKIE", "")
            and not environ.get("PATH_INFO", "").startswith(self.skip)
        ):
            response = self._answer(self.fast, environ)
            if response is not None:
                status = f"{response.status_code} {response.reason_phrase}"
                start_response(status, list(response.items()))
                return [response.content]
        return self.django(environ, start_response)

    def _answer(self, fast: FastPageMiddleware, environ: dict[str, Any]) -> HttpResponse | None:
        try:
            request = WSGIRequest(environ)
            if self.security.process_request(request) is not None:
                return None  # an HTTPS redirect: Django's
            response = fast._hit(request)
        except Exception:  # Django's path answers it (and logs it)
            environ.pop(_LOOKED_UP, None)
            return None
        if response is None:
            environ[_LOOKED_UP] = getattr(request, _MISS, ())
            return None
        return self.security.process_response(request, response)


# Pre-compressed pages -------------------------------------------------------------------
#
# A stored page is split at its per-request parts (the masked CSRF token, the CSP nonce).
# Each fixed part is deflated on its own once, at store time, ending in a sync flush (a
# byte-aligned, non-final block, no reference to earlier bytes); a hit sends one standard
# gzip member: header, the fixed parts with each per-request part between them as a deflate
# *stored* block (uncompressed, so it takes no part in compression either: no BREACH oracle
# on the token), the last part ending in the final block, CRC-32 and length of the whole.
# Any gzip reader accepts it (tests: Python's gzip, Chromium e2e).

_SPLIT = re.compile(f"({re.escape(CSRF_MARK)}|{re.escape(NONCE_MARK)})")
_MARKS = {CSRF_MARK: "c", NONCE_MARK: "n"}


def _segments(body: str, charset: str) -> dict[str, list[Any]]:
    parts = _SPLIT.split(body)
    plain = [part.encode(charset) for part in parts[0::2]]
    marks = [_MARKS[part] for part in parts[1::2]]
    gz = []
    for number, part in enumerate(plain):
        deflate = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
        last = number == len(plain) - 1
        gz.append(
            deflate.compress(part) + deflate.flush(zlib.Z_FINISH if last else zlib.Z_SYNC_FLUSH)
        )
    return {"plain": plain, "marks": marks, "gz": gz}


def _plain_join(plain: list[bytes], pieces: list[bytes]) -> bytes:
    out = [plain[0]]
    for piece, part in zip(pieces, plain[1:], strict=True):
        out += (piece, part)
    return b"".join(out)


def _gzip_join(plain: list[bytes], gz: list[bytes], pieces: list[bytes]) -> bytes:
    # Header with a random-length file name, as Django's GZipMiddleware (BREACH mitigation).
    noise = os.urandom(51)  # one system call: the length and the name
    name = noise[1:].hex()[: noise[0] % 100 + 1].encode() + b"\x00"
    out = [b"\x1f\x8b\x08\x08\x00\x00\x00\x00\x00\xff", name, gz[0]]
    crc = zlib.crc32(plain[0])
    size = len(plain[0])
    for piece, part, deflated in zip(pieces, plain[1:], gz[1:], strict=True):
        out += (b"\x00", struct.pack("<HH", len(piece), len(piece) ^ 0xFFFF), piece, deflated)
        crc = zlib.crc32(part, zlib.crc32(piece, crc))
        size += len(piece) + len(part)
    out.append(struct.pack("<II", crc & 0xFFFFFFFF, size & 0xFFFFFFFF))
    return b"".join(out)


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
