"""Shared fixtures: a school with a teacher and students, and an outsider at another school."""

from __future__ import annotations

import pytest

from lms.accounts.models import Role
from tests.factories import (
    ClassroomFactory,
    SchoolFactory,
    UserFactory,
    make_student,
    make_teacher,
    with_role,
)


@pytest.fixture
def school(db):
    return SchoolFactory()


@pytest.fixture
def classroom(school):
    return ClassroomFactory(school=school, name="8A")


@pytest.fixture
def teacher(school, classroom):
    user = make_teacher(school, username="guru1")
    classroom.teachers.add(user)
    return user


@pytest.fixture
def student(classroom):
    return make_student(classroom, username="siswa1")


@pytest.fixture
def other_student(classroom):
    return make_student(classroom, username="siswa2")


@pytest.fixture
def outsider(db):
    """A teacher at another school."""
    return make_teacher(SchoolFactory(), username="guru-lain")


@pytest.fixture
def guardian(student):
    from lms.accounts.models import Guardianship

    user = with_role(UserFactory(username="wali1"), Role.GUARDIAN)
    Guardianship.objects.create(guardian=user, student=student, relation="ibu")
    return user
