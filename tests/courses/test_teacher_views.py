import csv
import io
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from courses.models import CourseAssignment, LessonProgress, QuizAttempt
from courses.services import (
    course_assign,
    lesson_mark_done,
    quiz_answer_save,
    quiz_attempt_start,
    quiz_attempt_submit,
)
from tests.courses.factories import make_course
from tests.courses.test_quiz_services import key_for
from tests.factories import ClassroomFactory, make_student

pytestmark = pytest.mark.django_db


@pytest.fixture
def assigned(teacher, classroom, course):
    return course_assign(course=course, classroom=classroom, due_date=None, by=teacher)


def test_teacher_assigns_a_course_with_due_date(client, teacher, classroom, course):
    client.force_login(teacher)
    url = reverse("courses:classroom-courses", args=[classroom.pk])
    html = client.post(
        url, {"course": course.pk, "due_date": "2099-01-31"}, headers={"HX-Request": "true"}
    ).content.decode()
    assert "ditugaskan" in html and "<html" not in html
    assignment = CourseAssignment.objects.get(classroom=classroom, course=course)
    assert str(assignment.due_date) == "2099-01-31" and assignment.assigned_by == teacher
    html = client.post(url, {"course": course.pk, "due_date": "2000-01-01"}).content.decode()
    assert "masa lalu" in html


def test_outsider_and_student_cannot_reach_reports(
    client, outsider, student, classroom, course, assigned
):
    urls = [
        reverse("courses:classroom-courses", args=[classroom.pk]),
        reverse("courses:progress-grid", args=[classroom.pk, course.pk]),
        reverse("courses:progress-export", args=[classroom.pk, course.pk, "csv"]),
        reverse("courses:student-detail", args=[classroom.pk, course.pk, student.pk]),
    ]
    for user in (outsider, student):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 404, url
        assert client.post(urls[0], {"course": course.pk}).status_code == 404
    assert CourseAssignment.objects.count() == 1


def test_unassigned_course_and_foreign_student_are_not_found(
    client, teacher, classroom, course, assigned
):
    other_course, _lessons = make_course(lessons=1, slug="lain")
    stranger = make_student(ClassroomFactory(school=classroom.school), username="kelas-lain")
    client.force_login(teacher)
    assert (
        client.get(
            reverse("courses:progress-grid", args=[classroom.pk, other_course.pk])
        ).status_code
        == 404
    )
    assert (
        client.get(
            reverse("courses:student-detail", args=[classroom.pk, course.pk, stranger.pk])
        ).status_code
        == 404
    )


def _finish_quiz(student, lesson, *, correct=True):
    attempt = quiz_attempt_start(student=student, lesson=lesson)
    for qq in attempt.quiz.quiz_questions.all():
        data = key_for(attempt, qq.question) if correct else {"answer": ["0"]}
        if not correct and qq.question.kind in (
            "matching",
            "ordering",
            "numeric",
            "short_text",
            "true_false",
        ):
            continue
        quiz_answer_save(
            attempt_id=attempt.pk, student=student, question_id=qq.question_id, data=data
        )
    return quiz_attempt_submit(attempt_id=attempt.pk, student=student)


def test_grid_stats_and_detail_show_the_students_work(
    client, teacher, classroom, course, lesson, student, other_student, assigned
):
    _finish_quiz(student, lesson)
    _finish_quiz(other_student, lesson, correct=False)
    client.force_login(teacher)
    html = client.get(
        reverse("courses:progress-grid", args=[classroom.pk, course.pk])
    ).content.decode()
    assert student.full_name in html and "100" in html and "(1x)" in html
    stats = client.get(
        reverse("courses:question-stats", args=[classroom.pk, course.pk, lesson.pk])
    ).content.decode()
    assert "Organ tertinggi koperasi?" in stats and "2 jawaban, 1 benar (50%)" in stats
    detail = client.get(
        reverse("courses:student-detail", args=[classroom.pk, course.pk, student.pk])
    ).content.decode()
    assert "Lulus kuis" in detail and "#1</a>: 100 (7/7)" in detail


def test_exports_are_formula_injection_safe(client, teacher, classroom, course, lesson, assigned):
    evil = make_student(classroom, username="evil", full_name='=HYPERLINK("http://x")')
    lesson_mark_done(student=evil, lesson=lesson)
    client.force_login(teacher)
    response = client.get(reverse("courses:progress-export", args=[classroom.pk, course.pk, "csv"]))
    assert response["Content-Disposition"].startswith("attachment;")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    row = next(r for r in rows if r[1] == "evil")
    assert row[0] == """'=HYPERLINK("http://x")""" and row[3] == "ya"
    response = client.get(
        reverse("courses:progress-export", args=[classroom.pk, course.pk, "xlsx"])
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    names = [cell.value for cell in sheet["A"]]
    assert """'=HYPERLINK("http://x")""" in names
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert (
        client.get(
            reverse("courses:progress-export", args=[classroom.pk, course.pk, "pdf"])
        ).status_code
        == 404
    )


def _class_with_progress(teacher, classroom, quiz, *, students: int, lessons: int, slug: str):
    """A course of `lessons` lessons assigned to `classroom`, with `students` students who
    finished between one and all lessons and made one quiz attempt each."""
    course, pages = make_course(lessons=lessons, quiz=quiz, slug=slug)
    course_assign(course=course, classroom=classroom, due_date=None, by=teacher)
    people = [make_student(classroom, username=f"{slug}-{i:02d}") for i in range(students)]
    LessonProgress.objects.bulk_create(
        LessonProgress(
            student=s,
            lesson=lesson,
            course=course,
            completed_at="2026-11-01T08:00:00+07:00",
            completed_via="manual",
        )
        for s in people
        for lesson in pages[: 1 + s.pk % lessons]
    )
    QuizAttempt.objects.bulk_create(
        QuizAttempt(
            student=s,
            quiz=quiz,
            lesson=pages[0],
            number=1,
            status="submitted",
            started_at="2026-11-01T08:00:00+07:00",
            score_percent=80,
            passed=True,
        )
        for s in people
    )
    return course


def _grid(client, classroom, course):
    url = reverse("courses:progress-grid", args=[classroom.pk, course.pk])
    client.get(url)  # the same warm-up for both sizes
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response.content.decode(), len(queries), time.perf_counter() - started


def test_grid_of_40_students_by_30_lessons_costs_the_queries_of_a_small_one(
    client, teacher, school, classroom, quiz
):
    # given: a class of 2 students on a 2-lesson course, and one of 40 on 30 lessons
    small_class = ClassroomFactory(school=school, name="8C")
    small_class.teachers.add(teacher)
    small = _class_with_progress(teacher, small_class, quiz, students=2, lessons=2, slug="kecil")
    large = _class_with_progress(teacher, classroom, quiz, students=40, lessons=30, slug="besar")
    client.force_login(teacher)
    # when
    small_html, small_queries, _ = _grid(client, small_class, small)
    html, queries, elapsed = _grid(client, classroom, large)
    # then: no query per student or lesson
    assert small_html.count('<tr><th scope="row"') == 2
    assert html.count('<tr><th scope="row"') == 40 and html.count("(1x)") == 40
    # 12 for the quiz grid + 3 for assignments (their list, submissions, team members)
    assert queries == small_queries and queries <= 15
    assert elapsed < 1.0  # SQLite in tests; bench/lesson_page.py times it on PostgreSQL


def test_teacher_reviews_a_finished_attempt_answer_by_answer(
    client, teacher, outsider, classroom, course, lesson, student, assigned
):
    open_attempt = quiz_attempt_start(student=student, lesson=lesson)
    client.force_login(teacher)
    url = reverse(
        "courses:teacher-attempt", args=[classroom.pk, course.pk, student.pk, open_attempt.pk]
    )
    assert client.get(url).status_code == 404  # answers stay private until submitted
    attempt = _finish_quiz(student, lesson)
    detail = client.get(
        reverse("courses:student-detail", args=[classroom.pk, course.pk, student.pk])
    ).content.decode()
    assert url in detail
    html = client.get(url).content.decode()
    assert "Nilai 100" in html and html.count("&#10003;") == 7
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    assert attempt.pk == open_attempt.pk


def test_grid_shows_who_cannot_start_because_guardian_consent_is_missing(
    client, teacher, classroom, course, assigned, student
):
    from lms.accounts.models import ConsentRecord

    # given: one student without any consent, one whose guardian withdrew it for learning
    waiting = make_student(classroom, consent=False, username="menunggu", full_name="Budi Menunggu")
    withdrawn = make_student(classroom, username="ditarik", full_name="Cici Ditarik")
    ConsentRecord.objects.create(
        student=withdrawn,
        purpose="learning",
        action=ConsentRecord.Action.WITHDRAW,
        guardian_name="Wali",
        guardian_relation="ayah",
        method=ConsentRecord.Method.PAPER,
        notice_version="2026-11",
        recorded_by=teacher,
    )
    client.force_login(teacher)
    # when: the teacher opens the class grid
    html = client.get(reverse("courses:progress-grid", args=[classroom.pk, course.pk])).content
    html = html.decode()
    # then: both rows say why, with the way to fix it; the student with consent does not
    assert "2 siswa belum bisa mulai" in html
    rows = {r.split("</th>")[0]: r for r in html.split("<tr")[1:]}
    flagged = [k for k, r in rows.items() if 'data-testid="consent-missing"' in r]
    assert len(flagged) == 2
    assert all(("Budi Menunggu" in k) or ("Cici Ditarik" in k) for k in flagged)
    assert reverse("schools:student-consent", args=[waiting.pk]) in html
    assert reverse("schools:student-consent", args=[student.pk]) not in html
    export = client.get(reverse("courses:progress-export", args=[classroom.pk, course.pk, "csv"]))
    lines = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    consent = {line[1]: line[-1] for line in lines[1:]}
    assert consent["menunggu"] == consent["ditarik"] == "belum tercatat"
    assert consent[student.username] == "ada"
