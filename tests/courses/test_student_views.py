import gzip
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses.models import LessonProgress, QuizAnswer, QuizAttempt
from courses.services import quiz_attempt_start
from tests.courses.test_quiz_services import key_for
from tests.factories import make_student

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


def _static_gzip_size(html: str) -> int:
    total = 0
    for url in re.findall(r'(?:href|src)="(/static/[^"]+\.(?:css|js))"', html):
        path = finders.find(url.removeprefix(settings.STATIC_URL))
        total += len(gzip.compress(Path(path).read_bytes()))
    return total


def test_lesson_page_is_light_for_a_student_on_a_phone(client, student, lesson):
    client.force_login(student)
    url = lesson.url
    # Cold: the first request of a fresh worker (empty cache, no content types known yet).
    cache.clear()
    ContentType.objects.clear_cache()
    with CaptureQueriesContext(connection) as cold:
        first = client.get(url, headers={"Accept-Encoding": "gzip"})
    with CaptureQueriesContext(connection) as warm:
        response = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert first.status_code == response.status_code == 200
    assert len(cold) <= 12, [q["sql"][:80] for q in cold.captured_queries]
    assert len(warm) <= len(cold) and len(warm) <= 10
    html = gzip.decompress(response.content).decode()
    assert "Mulai kuis" in html
    # HTML (gzip-compressed by the middleware) + linked CSS and JS, compressed.
    assert len(response.content) + _static_gzip_size(html) <= 60 * 1024


def test_quiz_html_before_submission_never_carries_the_answers(client, student, lesson):
    client.force_login(student)
    html = client.post(
        reverse("courses:attempt-start", args=[lesson.pk]), headers=HTMX
    ).content.decode()
    assert 'data-kind="numeric"' in html
    for secret in (
        "1240000",
        "1.240.000",
        "JUA 1.000.000",
        "Rapat Anggota Tahunan",
        "is_correct",
        "Jawaban benar",
    ):
        assert secret not in html
    attempt = QuizAttempt.objects.get(student=student)
    # Options are numbered by position, never by choice id.
    choice_ids = {str(pk) for ids in attempt.item_orders.values() for pk in ids}
    values = set(re.findall(r'name="answer" value="(\d+)"', html))
    assert values <= {"0", "1", "2", "3"} and not (values & choice_ids - {"0", "1", "2", "3"})


def test_answering_over_htmx_returns_the_question_and_the_counter(client, student, lesson):
    client.force_login(student)
    attempt = quiz_attempt_start(student=student, lesson=lesson)
    question = attempt.quiz.quiz_questions.first().question
    url = reverse("courses:answer-save", args=[attempt.pk, question.pk])
    html = client.post(url, key_for(attempt, question), headers=HTMX).content.decode()
    assert "Jawaban tersimpan" in html and "<html" not in html
    assert 'id="quiz-count" hx-swap-oob="true"' in html and "1 dari 7" in html
    assert f'id="s-{question.pk}" class="save-state saved"' in html
    assert QuizAnswer.objects.filter(attempt=attempt).count() == 1


def test_the_student_changes_an_answer_before_submitting(client, student, lesson):
    client.force_login(student)
    attempt = quiz_attempt_start(student=student, lesson=lesson)
    question = next(
        qq.question for qq in attempt.quiz.quiz_questions.all() if qq.question.kind == "true_false"
    )
    url = reverse("courses:answer-save", args=[attempt.pk, question.pk])
    for value, text in (("true", "Benar"), ("false", "Salah")):
        html = client.post(url, {"answer": [value]}, headers=HTMX).content.decode()
        assert f"Jawaban tersimpan: <strong>{text}</strong>" in html
    answer = QuizAnswer.objects.get(attempt=attempt)
    assert answer.response == {"value": False}
    # The reopened attempt shows the saved choice checked.
    page = client.get(reverse("courses:attempt-detail", args=[attempt.pk]), headers=HTMX)
    assert 'value="false" checked' in page.content.decode()


def test_resume_after_a_lost_connection_shows_saved_answers(client, student, lesson):
    client.force_login(student)
    attempt = quiz_attempt_start(student=student, lesson=lesson)
    question = attempt.quiz.quiz_questions.first().question
    client.post(
        reverse("courses:answer-save", args=[attempt.pk, question.pk]),
        key_for(attempt, question),
        headers=HTMX,
    )
    page = client.get(lesson.url).content.decode()  # the student reloads the lesson
    assert "Lanjutkan kuis" in page
    html = client.get(
        reverse("courses:attempt-detail", args=[attempt.pk]), headers=HTMX
    ).content.decode()
    assert html.count("Jawaban tersimpan") == 1 and html.count("Belum dijawab") == 6


def test_submission_shows_feedback_and_marks_the_lesson(client, student, lesson):
    client.force_login(student)
    attempt = quiz_attempt_start(student=student, lesson=lesson)
    for qq in attempt.quiz.quiz_questions.all():
        client.post(
            reverse("courses:answer-save", args=[attempt.pk, qq.question_id]),
            key_for(attempt, qq.question),
            headers=HTMX,
        )
    html = client.post(
        reverse("courses:attempt-submit", args=[attempt.pk]), headers=HTMX
    ).content.decode()
    assert "Nilai: 100" in html and "Lulus" in html and "JUA 1.000.000" in html
    assert 'id="lesson-done" class="card" hx-swap-oob="true"' in html
    assert "Pelajaran selesai" in html
    assert "Coba lagi" not in html  # a passed quiz is not retaken
    again = client.post(reverse("courses:attempt-submit", args=[attempt.pk]), headers=HTMX)
    assert "sudah dikirim sebelumnya" in again.content.decode()
    retake = client.post(reverse("courses:attempt-start", args=[lesson.pk]), headers=HTMX)
    assert "sudah lulus" in retake.content.decode()


def test_submitting_with_unanswered_questions_lists_them_and_waits_for_confirmation(
    client, student, lesson
):
    client.force_login(student)
    attempt = quiz_attempt_start(student=student, lesson=lesson)
    first = attempt.quiz.quiz_questions.get(question_id=attempt.question_order[0]).question
    client.post(
        reverse("courses:answer-save", args=[attempt.pk, first.pk]),
        key_for(attempt, first),
        headers=HTMX,
    )
    url = reverse("courses:attempt-submit", args=[attempt.pk])
    response = client.post(url, headers=HTMX)
    html = response.content.decode()
    assert response["HX-Retarget"] == "#quiz-confirm" and response["HX-Reswap"] == "outerHTML"
    assert "6 soal belum dijawab" in html and html.count('<li><a href="#q-') == 6
    assert f'href="#q-{first.pk}"' not in html and "Soal 2" in html
    assert 'name="confirm" value="1"' in html
    attempt.refresh_from_db()
    assert attempt.is_open  # nothing graded yet
    result = client.post(url, {"confirm": "1"}, headers=HTMX).content.decode()
    attempt.refresh_from_db()
    assert attempt.status == "submitted" and "· Hasil" in result
    late = client.post(
        reverse("courses:answer-save", args=[attempt.pk, first.pk]), {"answer": ["0"]}, headers=HTMX
    ).content.decode()
    assert "sudah dikirim" in late


@pytest.mark.parametrize("view", ["answer", "submit", "detail"])
def test_other_students_attempt_answers_404(client, student, other_student, lesson, view):
    attempt = quiz_attempt_start(student=student, lesson=lesson)
    client.force_login(other_student)
    question_id = attempt.question_order[0]
    if view == "answer":
        response = client.post(
            reverse("courses:answer-save", args=[attempt.pk, question_id]),
            {"answer": ["0"]},
            headers=HTMX,
        )
    elif view == "submit":
        response = client.post(reverse("courses:attempt-submit", args=[attempt.pk]), headers=HTMX)
    else:
        response = client.get(reverse("courses:attempt-detail", args=[attempt.pk]), headers=HTMX)
    assert response.status_code == 404
    assert not QuizAnswer.objects.filter(attempt=attempt).exists()


def test_student_without_consent_sees_why_and_nothing_is_stored(client, classroom, lesson):
    minor = make_student(classroom, consent=False, username="belum-izin")
    client.force_login(minor)
    page = client.get(lesson.url).content.decode()
    assert "Persetujuan orang tua/wali untuk pembelajaran belum tercatat" in page
    html = client.post(
        reverse("courses:attempt-start", args=[lesson.pk]), headers=HTMX
    ).content.decode()
    assert "Persetujuan orang tua/wali" in html
    html = client.post(
        reverse("courses:lesson-done", args=[lesson.pk]), headers=HTMX
    ).content.decode()
    assert "Persetujuan orang tua/wali" in html
    assert not QuizAttempt.objects.filter(student=minor).exists()
    assert not LessonProgress.objects.filter(student=minor).exists()


def test_mark_as_done_and_my_learning_progress(
    client, student, teacher, classroom, course_and_lessons
):
    from courses.services import course_assign

    course, (first, second) = course_and_lessons
    course_assign(course=course, classroom=classroom, due_date=None, by=teacher)
    client.force_login(student)
    html = client.get(reverse("courses:my-learning")).content.decode()
    assert course.title in html and "0 dari 2 pelajaran" in html and first.url in html
    done = client.post(reverse("courses:lesson-done", args=[first.pk]), headers=HTMX)
    assert "Pelajaran selesai" in done.content.decode()
    html = client.get(reverse("courses:my-learning")).content.decode()
    assert "1 dari 2 pelajaran selesai (50%)" in html and 'value="50"' in html
    assert f'href="{second.url}">Lanjutkan belajar' in html
    course_page = client.get(course.url).content.decode()
    assert "1 dari 2 pelajaran selesai" in course_page


def test_english_titles_show_when_english_is_active(client, student, course):
    course.title_en, course.summary_en = "School Cooperatives", "English summary"
    course.save_revision().publish()
    client.force_login(student)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(course.url).content.decode()
    assert "School Cooperatives" in html and "English summary" in html


def test_search_finds_published_lessons_only(client, student, course_and_lessons):
    from django.core.management import call_command

    _course, (first, second) = course_and_lessons
    second.unpublish()
    call_command("update_index", verbosity=0)
    client.force_login(student)
    html = client.get(reverse("courses:search"), {"q": "Pelajaran"}).content.decode()
    assert first.url in html and second.url not in html
    fragment = client.get(reverse("courses:search"), {"q": "koperasi"}, headers=HTMX)
    assert 'id="search-results"' in fragment.content.decode()


def test_dashboards_show_learning_panels(client, student, teacher, classroom, course):
    from courses.services import course_assign

    course_assign(course=course, classroom=classroom, due_date=None, by=teacher)
    client.force_login(student)
    html = client.get(reverse("accounts:dashboard")).content.decode()
    assert 'data-panel="learning"' in html and course.title in html
    client.force_login(teacher)
    html = client.get(reverse("accounts:dashboard")).content.decode()
    assert 'data-panel="learning-reports"' in html


def test_tampered_answers_get_a_clear_message_over_htmx(client, student, lesson):
    client.force_login(student)
    attempt = quiz_attempt_start(student=student, lesson=lesson)
    unknown = client.post(
        reverse("courses:answer-save", args=[attempt.pk, 999_999]), {"answer": ["0"]}, headers=HTMX
    ).content.decode()
    assert "tidak ada dalam kuis" in unknown
    single = next(
        qq.question for qq in attempt.quiz.quiz_questions.all() if qq.question.kind == "single"
    )
    bad_option = client.post(
        reverse("courses:answer-save", args=[attempt.pk, single.pk]),
        {"answer": ["42"]},
        headers=HTMX,
    ).content.decode()
    assert "Pilihan tidak dikenal" in bad_option and f'id="s-{single.pk}"' in bad_option
    assert not QuizAnswer.objects.filter(attempt=attempt).exists()


def test_attempt_limit_and_late_answer_messages_over_htmx(client, student):
    from datetime import timedelta

    from django.utils import timezone

    from tests.courses.factories import make_course, make_quiz

    quiz = make_quiz(max_attempts=1, time_limit_minutes=5, title="Sekali")
    _course, (lesson,) = make_course(lessons=1, quiz=quiz, slug="sekali")
    client.force_login(student)
    client.post(reverse("courses:attempt-start", args=[lesson.pk]), headers=HTMX)
    attempt = QuizAttempt.objects.get(student=student, quiz=quiz)
    QuizAttempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(1))
    question = quiz.quiz_questions.first().question
    html = client.post(
        reverse("courses:answer-save", args=[attempt.pk, question.pk]),
        key_for(attempt, question),
        headers=HTMX,
    ).content.decode()
    assert "Waktu kuis sudah habis" in html and "· Hasil" in html
    assert not QuizAnswer.objects.filter(attempt=attempt).exists()
    html = client.post(
        reverse("courses:attempt-start", args=[lesson.pk]), headers=HTMX
    ).content.decode()
    assert "Batas 1 percobaan" in html
    assert QuizAttempt.objects.filter(student=student, quiz=quiz).count() == 1


def test_lessons_of_an_unpublished_course_or_unpublished_lessons_are_not_served(
    client, student, course_and_lessons
):
    course, (first, second) = course_and_lessons
    client.force_login(student)
    assert client.get(first.url).status_code == 200
    url = first.url
    second_url = second.url
    second.unpublish()
    assert client.get(second_url).status_code == 404
    course.unpublish()
    first.refresh_from_db()
    assert first.live  # only the course is unpublished: the lesson is hidden by its ancestor
    assert client.get(url).status_code == 404


def test_submitting_after_the_time_limit_says_time_is_up(client, student):
    from datetime import timedelta

    from django.utils import timezone

    from tests.courses.factories import make_course, make_quiz

    # given: a timed quiz started on the page, one answer saved, then the clock runs out
    quiz = make_quiz(time_limit_minutes=5, title="Berwaktu")
    _course, (lesson,) = make_course(lessons=1, quiz=quiz, slug="berwaktu")
    client.force_login(student)
    client.post(reverse("courses:attempt-start", args=[lesson.pk]), headers=HTMX)
    attempt = QuizAttempt.objects.get(student=student, quiz=quiz)
    question = quiz.quiz_questions.first().question
    client.post(
        reverse("courses:answer-save", args=[attempt.pk, question.pk]),
        key_for(attempt, question),
        headers=HTMX,
    )
    QuizAttempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(1))
    # when: the student presses "Kirim jawaban"
    html = client.post(
        reverse("courses:attempt-submit", args=[attempt.pk]), headers=HTMX
    ).content.decode()
    # then: the page says the time ran out, not that the quiz was sent before
    assert "Waktu kuis sudah habis" in html and "sudah dikirim sebelumnya" not in html
    assert "Nilai: 14" in html  # the one answer in time counts (1 of 7)
    attempt.refresh_from_db()
    assert attempt.status == "expired" and attempt.correct_count == 1
    # a late answer to the closed attempt gets the same reason
    late = quiz.quiz_questions.all()[1].question
    html = client.post(
        reverse("courses:answer-save", args=[attempt.pk, late.pk]),
        key_for(attempt, late),
        headers=HTMX,
    ).content.decode()
    assert "Waktu kuis sudah habis" in html and "sudah dikirim" not in html
    assert QuizAnswer.objects.filter(attempt=attempt).count() == 1


def test_students_see_the_due_date_of_an_assigned_course(client, student, teacher, classroom):
    import datetime

    from courses.services import course_assign
    from tests.courses.factories import make_course

    course, _lessons = make_course(lessons=1, slug="bertenggat")
    due = datetime.date(2099, 1, 31)
    course_assign(course=course, classroom=classroom, due_date=due, by=teacher)
    client.force_login(student)
    html = client.get(reverse("courses:my-learning")).content.decode()
    card = html[html.index(f'data-course="{course.slug}"') :]
    assert "tenggat 31 Januari 2099" in card[: card.index("</section>")]
