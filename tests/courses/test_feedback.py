"""What a student sees after a quiz: score, per-question feedback, and when the key shows."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_quiz_without_feedback_shows_the_score_only(client, classroom):
    from courses.services import quiz_attempt_start
    from tests.courses.factories import make_course, make_quiz
    from tests.courses.test_quiz_services import answer_all
    from tests.factories import make_student

    quiz = make_quiz(show_feedback=False, title="Tanpa pembahasan")
    _course, (lesson,) = make_course(lessons=1, quiz=quiz, slug="tanpa-pembahasan")
    student = make_student(classroom, username="tanpa-umpan")
    attempt = quiz_attempt_start(student=student, lesson=lesson)
    answer_all(attempt, student, skip=3)  # 4 of 7 right, the first three unanswered
    client.force_login(student)
    html = client.post(
        reverse("courses:attempt-submit", args=[attempt.pk]),
        {"confirm": "1"},  # three left unanswered: the student confirmed the warning
        headers={"HX-Request": "true"},
    ).content.decode()
    assert "Nilai: 57" in html and "4 dari 7 benar" in html
    for detail in ("Jawaban benar", "Tidak dijawab", "JUA 1.000.000", "1.240.000", 'class="ok"'):
        assert detail not in html, detail
    review = client.get(
        reverse("courses:attempt-detail", args=[attempt.pk]), headers={"HX-Request": "true"}
    ).content.decode()
    assert "Nilai: 57" in review and "Jawaban benar" not in review and "JUA" not in review


HTMX = {"HX-Request": "true"}
KEY_NOTE = "Jawaban yang benar ditampilkan setelah kamu lulus"
NUMERIC_KEY = "Rp 1.240.000"  # the numeric question's key as the result page writes it
NUMERIC_EXPLANATION = "JUA 1.000.000"  # its explanation works the answer out
TF_EXPLANATION = "Simpanan pokok baru kembali saat anggota keluar."


def _take(client, student, lesson, *, wrong: set[str]):
    """Start an attempt on the page, answer every question (kinds in `wrong` wrongly) and
    submit; returns the attempt and the result fragment."""
    from courses.models import QuizAttempt
    from tests.courses.test_quiz_services import key_for

    client.post(reverse("courses:attempt-start", args=[lesson.pk]), headers=HTMX)
    attempt = QuizAttempt.objects.get(student=student, status="in_progress")
    for qq in attempt.quiz.quiz_questions.select_related("question"):
        question = qq.question
        data = key_for(attempt, question)
        if question.kind in wrong:
            data = {
                "numeric": {"answer": ["5"]},
                "true_false": {"answer": ["true" if not question.correct_bool else "false"]},
            }[question.kind]
        url = reverse("courses:answer-save", args=[attempt.pk, question.pk])
        client.post(url, data, headers=HTMX)
    submit = reverse("courses:attempt-submit", args=[attempt.pk])
    return attempt, client.post(submit, headers=HTMX).content.decode()


@pytest.fixture
def timid(client, classroom):
    """A student on a lesson whose quiz allows two attempts (pass mark 90: 6 of 7 fails)."""
    from courses.models import Question
    from tests.courses.factories import make_course, make_quiz
    from tests.factories import make_student

    quiz = make_quiz(max_attempts=2, pass_mark=90, title="Dua kesempatan")
    Question.objects.filter(kind="true_false").update(explanation=TF_EXPLANATION)
    _course, (lesson,) = make_course(lessons=1, quiz=quiz, slug="dua-kesempatan")
    student = make_student(classroom, username="hati-hati")
    client.force_login(student)
    return student, lesson


def _assert_key_hidden(html: str) -> None:
    assert "&#10003; Benar" in html and "&#10007; Salah" in html  # right/wrong per question
    assert TF_EXPLANATION in html  # explained where the student was right
    assert "Jawaban benar" not in html and NUMERIC_KEY not in html
    assert NUMERIC_EXPLANATION not in html  # it would give the key away
    assert KEY_NOTE in html


def test_unpassed_attempt_with_tries_left_shows_right_and_wrong_but_not_the_key(client, timid):
    # given / when: the first of two attempts fails (numeric answered wrong, 6/7 < 90)
    student, lesson = timid
    first, html = _take(client, student, lesson, wrong={"numeric"})
    # then
    assert "Belum lulus" in html
    _assert_key_hidden(html)
    # "Lihat pembahasan" later shows the same, and so it does while the next try is open
    review = reverse("courses:attempt-detail", args=[first.pk])
    _assert_key_hidden(client.get(review, headers=HTMX).content.decode())
    client.post(reverse("courses:attempt-start", args=[lesson.pk]), headers=HTMX)
    _assert_key_hidden(client.get(review, headers=HTMX).content.decode())


def test_the_key_shows_after_the_last_attempt(client, timid):
    student, lesson = timid
    _take(client, student, lesson, wrong={"numeric"})
    # when: the second and last attempt fails too
    _last, html = _take(client, student, lesson, wrong={"numeric", "true_false"})
    # then: the correct answers and every explanation show
    assert "Belum lulus" in html
    assert f"Jawaban benar: <strong>{NUMERIC_KEY}</strong>" in html
    assert NUMERIC_EXPLANATION in html and TF_EXPLANATION in html and KEY_NOTE not in html


def test_the_key_shows_once_the_student_passed(client, timid):
    from courses.models import Quiz

    student, lesson = timid
    Quiz.objects.filter(pk=lesson.quiz_id).update(pass_mark=70)
    # when: the first attempt passes with the numeric question wrong (6/7 >= 70)
    _attempt, html = _take(client, student, lesson, wrong={"numeric"})
    # then
    assert "Lulus" in html and f"Jawaban benar: <strong>{NUMERIC_KEY}</strong>" in html
    assert NUMERIC_EXPLANATION in html and KEY_NOTE not in html
