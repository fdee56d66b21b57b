"""Pages a visitor reads in English when English is picked (title_en and friends)."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from courses.services import course_assign
from tests.courses.factories import course_index

pytestmark = pytest.mark.django_db


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    yield client
    # LocaleMiddleware leaves the request's language active in this thread.
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def translated(course_and_lessons):
    course, lessons = course_and_lessons
    course.title_en = "School Cooperatives"
    course.save_revision().publish()
    for number, lesson in enumerate(lessons, start=1):
        lesson.title_en = f"Lesson {number} in English"
        lesson.save_revision().publish()
    index = course_index()
    index.title_en, index.intro_en = "Courses", "Cooperative lessons for students."
    index.save_revision().publish()
    return course, lessons, index


def test_lesson_page_in_english_names_course_and_neighbours_in_english(
    english, student, translated
):
    _course, (first, second), _index = translated
    english.force_login(student)
    html = english.get(second.url).content.decode()
    assert "<h1>Lesson 2 in English</h1>" in html
    assert ">School Cooperatives</a>" in html
    assert f'<a href="{first.url}">&larr; Lesson 1 in English</a>' in html
    assert "Pelajaran 1" not in html and "Koperasi Sekolah" not in html
    html = english.get(first.url).content.decode()
    assert f'<a href="{second.url}">Lesson 2 in English &rarr;</a>' in html


def test_course_index_heading_in_english(english, translated):
    _course, _lessons, index = translated
    html = english.get(index.url).content.decode()
    assert "<h1>Courses</h1>" in html and "Cooperative lessons for students." in html
    assert ">School Cooperatives</a>" in html


def test_teacher_pages_name_courses_and_lessons_in_english(
    english, teacher, student, classroom, translated
):
    course, (first, _second), _index = translated
    course_assign(course=course, classroom=classroom, due_date=None, by=teacher)
    english.force_login(teacher)
    pages = {
        "list": reverse("courses:teacher-classroom-list"),
        "class": reverse("courses:classroom-courses", args=[classroom.pk]),
        "grid": reverse("courses:progress-grid", args=[classroom.pk, course.pk]),
        "stats": reverse("courses:question-stats", args=[classroom.pk, course.pk, first.pk]),
        "student": reverse("courses:student-detail", args=[classroom.pk, course.pk, student.pk]),
    }
    for name, url in pages.items():
        html = english.get(url).content.decode()
        assert "School Cooperatives" in html and "Koperasi Sekolah" not in html, name
    grid = english.get(pages["grid"]).content.decode()
    assert ">Lesson 1 in English</a>" in grid and "Pelajaran 1" not in grid
    stats = english.get(pages["stats"]).content.decode()
    assert "<h1>Lesson 1 in English</h1>" in stats
    export = english.get(
        reverse("courses:progress-export", args=[classroom.pk, course.pk, "csv"])
    ).content.decode("utf-8-sig")
    assert "Lesson 1 in English" in export
