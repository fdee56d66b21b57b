"""Shared fixtures: a school with a teacher and students, and an outsider at another school."""

from __future__ import annotations

import os

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


@pytest.fixture
def redis_cache(settings):
    """The default cache on a real Redis (lms.cache.RedisCache), as production with CACHE_URL:
    the fast path's one-round-trip read runs as a Lua script there. Redis must be running
    (services tier); the database is emptied before and after."""
    url = os.environ.get("KOPSIS_TEST_CACHE_URL", "redis://127.0.0.1:6379/15")
    settings.CACHES = {"default": {"BACKEND": "lms.cache.RedisCache", "LOCATION": url}}
    from django.core.cache import cache

    cache.clear()
    yield cache
    cache.clear()
