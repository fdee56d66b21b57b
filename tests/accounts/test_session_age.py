"""A student's session lasts a school day (shared phones); other roles keep the longer one."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db

SCHOOL_DAY = 8 * 3600


def _login(client, user):
    response = client.post(
        reverse("accounts:login"), {"username": user.username, "password": "kopsis-test"}
    )
    assert response.status_code == 302
    return response.cookies["sessionid"]


def _stored_expiry(client):
    return Session.objects.get(session_key=client.session.session_key).expire_date


def test_a_student_session_ends_after_a_school_day(client, student):
    cookie = _login(client, student)
    assert cookie["max-age"] == SCHOOL_DAY
    expires_in = _stored_expiry(client) - timezone.now()
    assert timedelta(hours=7, minutes=59) < expires_in <= timedelta(hours=8)


def test_a_teacher_keeps_the_default_session_age(client, teacher, settings):
    cookie = _login(client, teacher)
    assert cookie["max-age"] == settings.SESSION_COOKIE_AGE > SCHOOL_DAY


def test_the_age_per_role_is_a_setting(client, teacher, settings):
    settings.SESSION_AGE_BY_ROLE = {"student": SCHOOL_DAY, "teacher": 3600}
    assert _login(client, teacher)["max-age"] == 3600


def test_shared_phones_can_end_the_session_with_the_browser_but_the_server_still_ends_it(
    client, student, settings
):
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE_ROLES = ["student"]
    cookie = _login(client, student)
    assert cookie["max-age"] == "" and cookie["expires"] == ""  # a browser-session cookie
    expires_in = _stored_expiry(client) - timezone.now()
    assert expires_in <= timedelta(hours=8)
