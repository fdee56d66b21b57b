"""Wagtail view restrictions still hold on lesson pages routed by the fast lesson route."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

pytestmark = pytest.mark.django_db


def test_a_password_on_the_course_guards_its_lessons(client, student, course, lesson):
    PageViewRestriction.objects.create(
        page=course, restriction_type=PageViewRestriction.PASSWORD, password="rahasia"
    )
    client.force_login(student)
    html = client.get(lesson.url).content.decode()
    assert 'name="password"' in html and "Isi pelajaran 1" not in html


def test_a_group_restriction_on_the_lesson_sends_others_to_log_in(client, student, lesson):
    restriction = PageViewRestriction.objects.create(
        page=lesson, restriction_type=PageViewRestriction.GROUPS
    )
    group = Group.objects.create(name="Kelas khusus")
    restriction.groups.add(group)
    client.force_login(student)
    assert client.get(lesson.url).status_code == 302
    student.groups.add(group)
    response = client.get(lesson.url)
    assert response.status_code == 200 and "Isi pelajaran 1" in response.content.decode()


def test_an_open_lesson_checks_restrictions_while_routing(client, student, lesson):
    client.force_login(student)
    url = lesson.url
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    separate = [
        q for q in queries if q["sql"].startswith('SELECT "wagtailcore_pageviewrestriction"')
    ]
    assert separate == []  # one query less on every lesson page (budget: 12)
