"""The guardian's dashboard shows their own children's learning, and nobody else's."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses.services import (
    course_assign,
    lesson_mark_done,
    quiz_attempt_start,
    quiz_attempt_submit,
)
from lms.accounts.models import Guardianship
from tests.courses.test_quiz_services import answer_all
from tests.factories import make_student

pytestmark = pytest.mark.django_db


def _panel(html: str) -> str:
    return html.split('data-panel="ward-learning"')[1].split("</section>")[0]


def test_guardian_sees_the_childs_courses_completion_and_quiz_results(
    client, guardian, student, other_student, teacher, classroom, course_and_lessons
):
    course, (first, second) = course_and_lessons
    course_assign(course=course, classroom=classroom, due_date=None, by=teacher)
    # given: the child passed the first lesson's quiz; a classmate failed it
    attempt = quiz_attempt_start(student=student, lesson=first)
    answer_all(attempt, student)
    quiz_attempt_submit(attempt_id=attempt.pk, student=student)
    theirs = quiz_attempt_start(student=other_student, lesson=first)
    answer_all(theirs, other_student, correct=False, skip=2)
    quiz_attempt_submit(attempt_id=theirs.pk, student=other_student)
    client.force_login(guardian)
    # when: the guardian opens the dashboard
    panel = _panel(client.get(reverse("accounts:dashboard")).content.decode())
    # then: the child's course, lessons done and the quiz result show
    assert student.full_name in panel and other_student.full_name not in panel
    assert course.title in panel and "1 dari 2 pelajaran selesai" in panel
    assert f"{first.title}: nilai kuis terbaik 100" in panel and "lulus" in panel
    assert "belum lulus" not in panel  # the classmate's failed attempt is not theirs
    # the course completes when the second lesson is done too
    lesson_mark_done(student=student, lesson=second)
    panel = _panel(client.get(reverse("accounts:dashboard")).content.decode())
    assert "2 dari 2 pelajaran selesai" in panel and "Kursus selesai" in panel


def test_guardian_panel_costs_the_same_queries_for_one_or_three_children(
    client, guardian, student, teacher, classroom, course_and_lessons
):
    course, (first, _second) = course_and_lessons
    course_assign(course=course, classroom=classroom, due_date=None, by=teacher)
    lesson_mark_done(student=student, lesson=first)
    client.force_login(guardian)
    url = reverse("accounts:dashboard")
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for name in ("adik", "kakak"):
        child = make_student(classroom, username=name)
        Guardianship.objects.create(guardian=guardian, student=child, relation="ibu")
        lesson_mark_done(student=child, lesson=first)
    with CaptureQueriesContext(connection) as three:
        html = client.get(url).content.decode()
    assert _panel(html).count('class="ward-learning"') == 3
    learning = [q for q in three.captured_queries if "courses_" in q["sql"]]
    assert len(learning) <= 6, [q["sql"][:90] for q in learning]
    # the rest of the dashboard (consent per child) is the guardian panel's own business
    assert len([q for q in one.captured_queries if "courses_" in q["sql"]]) == len(learning)
