"""lms.fastpage: a student's lesson page and "Belajar saya" from the cache, never stale or
another person's (answer, submit, publish, unpublish, consent withdrawal, logout)."""

import gzip

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses.services import quiz_attempt_start
from lms.accounts.models import ConsentPurpose, ConsentRecord
from tests.courses.test_quiz_services import key_for

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


def _get(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def _csrf(html):
    return html.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]


def test_a_hit_runs_no_query_and_carries_this_requests_token_and_nonce(client, student, lesson):
    client.force_login(student)
    first, miss_queries = _get(client, lesson.url)
    assert miss_queries <= 12
    second, hit_queries = _get(client, lesson.url)
    assert hit_queries == 0
    assert "Mulai kuis" in second and "\x00" not in second
    # Same page, fresh CSRF mask, and the nonce of the CSP header of this response.
    assert _csrf(first) != _csrf(second)
    response = client.get(lesson.url, headers={"Accept-Encoding": "gzip"})
    html = gzip.decompress(response.content).decode()
    nonce = response["Content-Security-Policy"].split("'nonce-", 1)[1].split("'", 1)[0]
    assert f'nonce="{nonce}"' in html
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert len(response.content) < 60 * 1024
    # The token still works: a POST with the cached page's token passes CSRF.
    client.handler.enforce_csrf_checks = True
    posted = client.post(
        reverse("courses:attempt-start", args=[lesson.pk]),
        {"csrfmiddlewaretoken": _csrf(html)},
        headers=HTMX,
    )
    assert posted.status_code == 200


def test_two_students_never_see_each_others_state(client, student, other_student, lesson):
    client.force_login(student)
    _get(client, lesson.url)
    attempt = quiz_attempt_start(student=student, lesson=lesson)
    question = attempt.quiz.quiz_questions.first().question
    client.post(
        reverse("courses:answer-save", args=[attempt.pk, question.pk]),
        key_for(attempt, question),
        headers=HTMX,
    )
    mine, _ = _get(client, lesson.url)
    assert "Lanjutkan kuis" in mine  # the answer shows at once, not the cached "Mulai"
    client.logout()
    client.force_login(other_student)
    _get(client, lesson.url)
    theirs_again, hits = _get(client, lesson.url)
    assert hits == 0
    assert "Mulai kuis" in theirs_again and "Lanjutkan kuis" not in theirs_again
    assert other_student.username not in mine


def test_submit_shows_at_once(client, student, lesson):
    client.force_login(student)
    attempt = quiz_attempt_start(student=student, lesson=lesson)
    _get(client, lesson.url)
    _get(client, lesson.url)  # stored and served
    for qq in attempt.quiz.quiz_questions.all():
        client.post(
            reverse("courses:answer-save", args=[attempt.pk, qq.question_id]),
            key_for(attempt, qq.question),
            headers=HTMX,
        )
    client.post(reverse("courses:attempt-submit", args=[attempt.pk]), headers=HTMX)
    html, _ = _get(client, lesson.url)
    assert "Pelajaran selesai" in html and "Lanjutkan kuis" not in html


def test_publish_and_unpublish_reach_the_cached_page(client, student, lesson):
    client.force_login(student)
    _get(client, lesson.url)
    _get(client, lesson.url)
    lesson.title = "Judul baru sesudah terbit"
    lesson.save_revision().publish()
    html, queries = _get(client, lesson.url)
    assert "Judul baru sesudah terbit" in html and queries > 0
    lesson.unpublish()
    assert client.get(lesson.url).status_code == 404


def test_consent_withdrawal_shows_at_once(client, student, lesson):
    client.force_login(student)
    _get(client, lesson.url)
    _get(client, lesson.url)
    ConsentRecord.objects.create(
        student=student,
        purpose=ConsentPurpose.LEARNING,
        action=ConsentRecord.Action.WITHDRAW,
        guardian_name="Wali",
        guardian_relation="ibu",
        method=ConsentRecord.Method.PAPER,
        notice_version="2026-11",
        recorded_by=student,
    )
    html, _ = _get(client, lesson.url)
    assert "Persetujuan orang tua/wali untuk pembelajaran belum tercatat" in html


def test_after_logout_the_cached_page_is_gone(client, student, lesson):
    client.force_login(student)
    _get(client, lesson.url)
    _get(client, lesson.url)
    session_cookie = client.cookies["sessionid"].value
    client.post(reverse("accounts:logout"))
    # The old cookie replayed (a shared phone's back button, a stolen cookie): no page.
    client.cookies["sessionid"] = session_cookie
    response = client.get(lesson.url)
    assert response.status_code != 200 or "Keluar" not in response.content.decode()


@pytest.mark.parametrize("who", ["teacher", "guardian"])
def test_staff_and_guardians_are_never_served_from_the_cache(client, request, lesson, who):
    person = request.getfixturevalue(who)
    client.force_login(person)
    client.get(lesson.url)
    with CaptureQueriesContext(connection) as queries:
        client.get(lesson.url)
    assert len(queries) > 0


def test_a_teachers_session_skips_the_version_reads_after_its_first_page(
    client, teacher, student, lesson, monkeypatch
):
    import lms.fastpage

    client.force_login(teacher)
    client.get(lesson.url)
    read = []
    real = lms.fastpage._versions
    monkeypatch.setattr(lms.fastpage, "_versions", lambda uid: read.append(uid) or real(uid))
    assert client.get(lesson.url).status_code == 200
    assert read == []  # marked "never stored": no version reads, no store
    client.logout()
    client.force_login(student)  # a new session: the student's pages are stored again
    client.get(lesson.url)
    assert read == [student.pk]
    _, hits = _get(client, lesson.url)
    assert hits == 0


def test_my_learning_is_cached_and_follows_progress(
    client, student, teacher, classroom, course_and_lessons
):
    from courses.services import course_assign

    course, (first, _second) = course_and_lessons
    client.force_login(student)
    url = reverse("courses:my-learning")
    html, _ = _get(client, url)
    assert course.title not in html
    course_assign(course=course, classroom=classroom, due_date=None, by=teacher)
    html, _ = _get(client, url)
    assert "0 dari 2 pelajaran" in html
    _html, hits = _get(client, url)
    assert hits == 0
    client.post(reverse("courses:lesson-done", args=[first.pk]), headers=HTMX)
    html, _ = _get(client, url)
    assert "1 dari 2 pelajaran selesai (50%)" in html


def test_the_fast_mask_is_a_django_csrf_token_of_the_secret():
    from django.middleware.csrf import _get_new_csrf_string, _unmask_cipher_token

    from lms.fastpage import _mask_secret

    for _ in range(200):
        secret = _get_new_csrf_string()
        tokens = {_mask_secret(secret) for _ in range(3)}
        assert len(tokens) == 3  # a fresh mask every time
        for token in tokens:
            assert len(token) == 64 and _unmask_cipher_token(token) == secret
