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
        reverse("courses:attempt-submit", args=[attempt.pk]), headers={"HX-Request": "true"}
    ).content.decode()
    assert "Nilai: 57" in html and "4 dari 7 benar" in html
    for detail in ("Jawaban benar", "Tidak dijawab", "JUA 1.000.000", "1.240.000", 'class="ok"'):
        assert detail not in html, detail
    review = client.get(
        reverse("courses:attempt-detail", args=[attempt.pk]), headers={"HX-Request": "true"}
    ).content.decode()
    assert "Nilai: 57" in review and "Jawaban benar" not in review and "JUA" not in review
