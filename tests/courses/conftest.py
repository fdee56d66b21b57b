"""Fixtures for the learning half: a course with a quiz of every question kind."""

from __future__ import annotations

import pytest

from courses.models import CoursePage, LessonPage, Quiz
from tests.courses.factories import make_course, make_quiz


@pytest.fixture
def quiz(db) -> Quiz:
    return make_quiz(pass_mark=70, max_attempts=3)


@pytest.fixture
def course_and_lessons(quiz: Quiz) -> tuple[CoursePage, list[LessonPage]]:
    return make_course(lessons=2, quiz=quiz)


@pytest.fixture
def course(course_and_lessons) -> CoursePage:
    return course_and_lessons[0]


@pytest.fixture
def lesson(course_and_lessons) -> LessonPage:
    return course_and_lessons[1][0]
