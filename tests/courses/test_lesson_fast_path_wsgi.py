"""lms.fastpage.FastPageApp (lms/wsgi.py): a student's stored page answered before Django's
handler, with the headers the full stack sends; everything else reaches Django, a miss
reads the cache once, a broken cache falls back to Django."""

import gzip

import pytest
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections, connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import lms.fastpage
from courses.services import quiz_attempt_start
from lms.fastpage import FastPageApp
from tests.courses.test_quiz_services import key_for

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


@pytest.fixture
def app():
    return FastPageApp(WSGIHandler())


def _call(app, client, path, **headers):
    """One request through the WSGI app with the client's cookies: (status, headers, body)."""
    environ = RequestFactory().get(path, headers=headers).environ
    environ["HTTP_COOKIE"] = "; ".join(f"{k}={v.value}" for k, v in client.cookies.items())
    seen = {}

    def start_response(status, response_headers, exc_info=None):
        seen.update(status=status, headers=response_headers)

    # As the test client does: the test's transaction must survive the request's signal
    # (the body is never closed here, so request_finished is not sent).
    signals.request_started.disconnect(close_old_connections)
    try:
        body = b"".join(app(environ, start_response))
    finally:
        signals.request_started.connect(close_old_connections)
    return seen["status"], dict(seen["headers"]), body


def test_a_hit_skips_django_and_sends_the_full_stacks_headers(app, client, student, lesson):
    client.force_login(student)
    client.get(lesson.url)  # the miss stores the page
    full = client.get(lesson.url, headers={"Accept-Encoding": "gzip"})  # the middleware's hit
    with CaptureQueriesContext(connection) as queries:
        status, headers, body = _call(app, client, lesson.url, **{"Accept-Encoding": "gzip"})
    assert status == "200 OK" and len(queries) == 0
    html = gzip.decompress(body).decode()
    assert "Mulai kuis" in html and "\x00" not in html
    nonce = headers["Content-Security-Policy"].split("'nonce-", 1)[1].split("'", 1)[0]
    assert f'nonce="{nonce}"' in html
    skip = {"Content-Length", "Content-Security-Policy", "Set-Cookie"}
    assert {k: v for k, v in headers.items() if k not in skip} == {
        k: v for k, v in full.items() if k not in skip
    }
    assert headers["X-Content-Type-Options"] == "nosniff"  # SecurityMiddleware's, replayed
    assert headers["Content-Length"] == str(len(body))


def test_a_miss_looks_up_once_and_django_renders_the_fresh_page(
    app, client, student, lesson, monkeypatch
):
    client.force_login(student)
    client.get(lesson.url)
    attempt = quiz_attempt_start(student=student, lesson=lesson)
    question = attempt.quiz.quiz_questions.first().question
    client.post(
        reverse("courses:answer-save", args=[attempt.pk, question.pk]),
        key_for(attempt, question),
        headers=HTMX,
    )
    lookups = []
    real = lms.fastpage.FastPageMiddleware._hit
    monkeypatch.setattr(
        lms.fastpage.FastPageMiddleware,
        "_hit",
        lambda self, request: lookups.append(request.path) or real(self, request),
    )
    status, _, body = _call(app, client, lesson.url)
    assert status == "200 OK" and "Lanjutkan kuis" in body.decode()
    assert lookups == [lesson.url]  # the front looked up; the middleware took its miss over
    status, _, body = _call(app, client, lesson.url)
    assert "Lanjutkan kuis" in body.decode() and len(lookups) == 2  # stored again: a hit


def test_teachers_static_files_and_a_broken_cache_go_to_django(
    app, client, teacher, student, lesson, monkeypatch
):
    client.force_login(teacher)
    client.get(lesson.url)
    with CaptureQueriesContext(connection) as queries:
        status, _, _ = _call(app, client, lesson.url)
    assert status == "200 OK" and len(queries) > 0  # never stored: Django's full path
    answered = []
    real_answer = FastPageApp._answer
    monkeypatch.setattr(
        FastPageApp,
        "_answer",
        lambda self, fast, env: answered.append(1) or real_answer(self, fast, env),
    )
    _call(app, client, "/static/css/kopsis.css")
    assert answered == []  # a static file is not looked up in front of Django
    _call(app, client, lesson.url)
    assert answered == [1]
    real = lms.fastpage.get_many_follow
    client.logout()
    client.force_login(student)
    client.get(lesson.url)
    broken = iter([ConnectionError("redis down")])

    def flaky(*args):
        error = next(broken, None)
        if error is not None:
            raise error
        return real(*args)

    monkeypatch.setattr(lms.fastpage, "get_many_follow", flaky)
    status, _, body = _call(app, client, lesson.url)
    assert status == "200 OK" and "Mulai kuis" in body.decode()  # Django's path answered
