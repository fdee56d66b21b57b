"""Pages stay cheap as classes grow: query counts do not depend on the number of students."""

import gzip

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import make_student

pytestmark = pytest.mark.django_db


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response


def test_classroom_page_queries_do_not_grow_with_students(client, teacher, classroom):
    url = reverse("schools:classroom-detail", args=[classroom.pk])
    client.force_login(teacher)
    make_student(classroom)
    few, _ = _queries(client, url)
    for _ in range(24):
        make_student(classroom)
    many, _ = _queries(client, url)
    assert many == few
    assert many <= 12


def test_student_dashboard_is_small_and_cheap(client, student):
    client.force_login(student)
    count, response = _queries(client, reverse("accounts:dashboard"))
    assert count <= 20  # core: 8 queries; each dashboard panel should add at most a few
    assert len(gzip.compress(response.content)) < 20_000
