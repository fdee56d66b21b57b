"""Cooperative fixtures: a coop at the shared `school`, its officers, members and an outsider."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection

from school_coops.models import Membership, PositionRole
from school_coops.services.cooperative import cooperative_create
from school_coops.services.members import membership_register, position_assign
from tests.factories import ClassroomFactory, SchoolFactory, make_student, make_teacher


def pytest_configure(config):
    config.addinivalue_line("markers", "postgres: needs PostgreSQL (row locks, deferred triggers)")


def pytest_collection_modifyitems(config, items):
    # PostgreSQL-only tests are deselected on SQLite even without -m "not postgres"
    # (scripts/test.sh passes it; a plain `pytest tests/school_coops` does not).
    if connection.vendor == "postgresql":
        return
    keep = [
        i for i in items if not (i.get_closest_marker("postgres") and "school_coops" in i.nodeid)
    ]
    deselected = [i for i in items if i not in keep]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = keep


FOUNDED = datetime.date(2026, 7, 15)


@pytest.fixture
def coop(school, teacher):
    return cooperative_create(school=school, name="Kopsis Uji", by=teacher, founded_on=FOUNDED)


@pytest.fixture
def member(coop, student, teacher):
    return membership_register(
        coop=coop, member=student, category=Membership.Category.STUDENT, by=teacher, date=FOUNDED
    )


@pytest.fixture
def treasurer(coop, classroom, teacher):
    user = make_student(classroom, username="bendahara1")
    membership = membership_register(
        coop=coop, member=user, category=Membership.Category.STUDENT, by=teacher, date=FOUNDED
    )
    position_assign(
        membership=membership, role=PositionRole.BENDAHARA, by=teacher, started_on=FOUNDED
    )
    return user


@pytest.fixture
def other_coop(db):
    school = SchoolFactory()
    teacher = make_teacher(school, username="guru-lain-koperasi")
    coop = cooperative_create(school=school, name="Kopsis Lain", by=teacher, founded_on=FOUNDED)
    student = make_student(ClassroomFactory(school=school), username="siswa-lain")
    membership_register(
        coop=coop, member=student, category=Membership.Category.STUDENT, by=teacher, date=FOUNDED
    )
    return coop
