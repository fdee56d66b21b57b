"""The teacher's progress grid is cached row by row (courses.grid, issue 13): it must never
show a student's state older than their last write, and stay a constant number of queries."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses.assignments import grade_override, grade_submission, hand_in, team_create
from courses.models import WorkMode
from courses.services import (
    course_assign,
    lesson_mark_done,
    quiz_answer_save,
    quiz_attempt_start,
    quiz_attempt_submit,
)
from lms.accounts.models import ConsentRecord
from tests.courses.test_assignments import make_assignment, top_levels
from tests.courses.test_quiz_services import key_for
from tests.courses.test_teacher_views import _class_with_progress
from tests.factories import ClassroomFactory, make_student

pytestmark = pytest.mark.django_db


@pytest.fixture
def assigned(teacher, classroom, course):
    return course_assign(course=course, classroom=classroom, due_date=None, by=teacher)


def _row(html: str, name: str) -> str:
    """The <tr> of the student called `name`."""
    return next(r for r in html.split("<tr")[1:] if f">{name}</a>" in r.split("</th>")[0])


def _body(html: str) -> str:
    """The grid, assignments and lesson list (the page around them has per-request tokens)."""
    return html[html.index('<div class="table-wrap">') : html.index("</ol>")]


def _grid(client, classroom, course) -> str:
    response = client.get(reverse("courses:progress-grid", args=[classroom.pk, course.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_an_answer_a_submit_and_a_completion_show_on_the_cached_grid_at_once(
    client, teacher, classroom, course, lesson, student, other_student, assigned
):
    client.force_login(teacher)
    _grid(client, classroom, course)
    before = _row(_grid(client, classroom, course), student.full_name)  # a cache hit
    assert "(1x)" not in before and "&#10003;" not in before
    attempt = quiz_attempt_start(student=student, lesson=lesson)
    question = attempt.quiz.quiz_questions.first().question
    quiz_answer_save(
        attempt_id=attempt.pk,
        student=student,
        question_id=question.pk,
        data=key_for(attempt, question),
    )
    # an open attempt is not a result yet: the row is rebuilt and still shows none
    assert "(1x)" not in _row(_grid(client, classroom, course), student.full_name)
    for qq in attempt.quiz.quiz_questions.exclude(question=question):
        quiz_answer_save(
            attempt_id=attempt.pk,
            student=student,
            question_id=qq.question_id,
            data=key_for(attempt, qq.question),
        )
    quiz_attempt_submit(attempt_id=attempt.pk, student=student)
    after = _row(_grid(client, classroom, course), student.full_name)
    assert "(1x)" in after and " 100 " in after and "&#10003;" in after
    assert '<td class="num">1/2</td>' in after
    lesson_mark_done(student=student, lesson=course.get_children().specific()[1])
    assert '<td class="num">2/2</td>' in _row(_grid(client, classroom, course), student.full_name)
    # the other student's row was never touched
    assert "(1x)" not in _row(_grid(client, classroom, course), other_student.full_name)


def test_a_hit_reads_no_progress_and_equals_a_fresh_render(
    client, teacher, classroom, course, lesson, student, other_student, assigned
):
    lesson_mark_done(student=other_student, lesson=lesson)
    client.force_login(teacher)
    first = _grid(client, classroom, course)
    with CaptureQueriesContext(connection) as hit:
        cached = _grid(client, classroom, course)
    assert not [q for q in hit.captured_queries if "lessonprogress" in q["sql"]]
    assert _body(cached) == _body(first) and "&#10003;" in _body(first)
    cache.clear()
    assert _body(_grid(client, classroom, course)) == _body(first)


def test_team_grade_and_override_show_for_each_member(
    client, teacher, classroom, course, lesson, student, other_student, assigned
):
    assignment = make_assignment(lesson, mode=WorkMode.GROUP)
    team_create(
        assignment=assignment,
        classroom=classroom,
        name="Tim Jaya",
        students=[student, other_student],
        by=teacher,
    )
    client.force_login(teacher)
    _grid(client, classroom, course)
    version = hand_in(assignment=assignment, student=other_student, data={"text": "rencana"})
    html = _grid(client, classroom, course)
    assert "Tugas dikumpulkan" in _row(html, student.full_name)  # a team hand-in
    grade = grade_submission(
        submission_id=version.submission_id,
        level_ids=top_levels(assignment),
        comment="",
        by=teacher,
    )
    html = _grid(client, classroom, course)
    assert "Tugas 10/10" in _row(html, student.full_name)
    grade_override(grade=grade, student=other_student, points=7, comment="Aktif")
    html = _grid(client, classroom, course)
    assert "Tugas 7/10" in _row(html, other_student.full_name)
    assert "Tugas 10/10" in _row(html, student.full_name)


def test_consent_roster_and_lesson_title_changes_show_at_once(
    client, teacher, classroom, course, lesson, student, assigned
):
    client.force_login(teacher)
    _grid(client, classroom, course)
    ConsentRecord.objects.create(
        student=student,
        purpose="learning",
        action=ConsentRecord.Action.WITHDRAW,
        guardian_name="Wali",
        guardian_relation="ayah",
        method=ConsentRecord.Method.PAPER,
        notice_version="2026-11",
        recorded_by=teacher,
    )
    html = _grid(client, classroom, course)
    assert 'data-testid="consent-missing"' in _row(html, student.full_name)
    assert "1 siswa belum bisa mulai" in html
    newcomer = make_student(classroom, username="baru", full_name="Dedi Baru")
    assert ">Dedi Baru</a>" in _grid(client, classroom, course)
    newcomer.full_name = "Dedi Pindahan"
    newcomer.save()
    html = _grid(client, classroom, course)
    assert ">Dedi Pindahan</a>" in html and "Dedi Baru" not in html
    lesson.title = "Judul Baru Pelajaran"
    lesson.save_revision().publish()
    assert 'title="Judul Baru Pelajaran"' in _grid(client, classroom, course)


def test_cold_and_warm_grid_of_40_by_30_costs_the_queries_of_a_small_one(
    client, teacher, school, classroom, quiz
):
    small_class = ClassroomFactory(school=school, name="8C")
    small_class.teachers.add(teacher)
    small = _class_with_progress(teacher, small_class, quiz, students=2, lessons=2, slug="kecil")
    large = _class_with_progress(teacher, classroom, quiz, students=40, lessons=30, slug="besar")
    client.force_login(teacher)
    counts = {}
    for name, room, course in (("small", small_class, small), ("large", classroom, large)):
        _grid(client, room, course)  # content types and sessions as a running worker has them
        cache.clear()
        with CaptureQueriesContext(connection) as cold:
            _grid(client, room, course)
        with CaptureQueriesContext(connection) as warm:
            _grid(client, room, course)
        counts[name] = (len(cold), len(warm))
    assert counts["small"] == counts["large"]
    assert counts["large"][0] <= 15 and counts["large"][1] < counts["large"][0]


def test_the_cached_page_around_the_rows_carries_each_requests_own_token_nonce_and_class_name(
    client, teacher, school, classroom, course, student, assigned
):
    """The page around the rows is kept per teacher (courses.grid._shell): a hit must still
    carry this request's CSRF token (valid for its cookie), this response's CSP nonce, the
    class's current name and the teacher's own navigation."""
    from django.middleware.csrf import _unmask_cipher_token

    from lms.accounts.models import Role
    from tests.factories import make_teacher, with_role

    url = reverse("courses:progress-grid", args=[classroom.pk, course.pk])
    client.force_login(teacher)
    client.get(url)
    for _ in range(2):  # the second is a hit of the page around the rows
        response = client.get(url)
        html = response.content.decode()
        assert "\x00" not in html and f">{student.full_name}</a>" in html
        secret = response.cookies.get("csrftoken") or client.cookies["csrftoken"]
        tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        assert tokens and {_unmask_cipher_token(t) for t in tokens} == {secret.value}
        nonce = re.search(r'<script[^>]* nonce="([^"]+)"', html).group(1)
        assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
    classroom.name = "8A Baru"
    classroom.save()
    assert "8A Baru" in _grid(client, classroom, course)
    mine = reverse("courses:my-learning")
    assert f'href="{mine}"' not in _grid(client, classroom, course)
    with_role(teacher, Role.STUDENT, school=school)  # the teacher's version: the navigation
    html = _grid(client, classroom, course)
    assert f'href="{mine}"' in html
    other = make_teacher(school, username="guru2")
    classroom.teachers.add(other)
    client.force_login(other)
    theirs = _grid(client, classroom, course)
    assert f'href="{mine}"' not in theirs and _body(theirs) == _body(html)
