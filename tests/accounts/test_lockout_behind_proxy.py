"""Behind nginx every request comes from 127.0.0.1: the lockout must key on the client's
address from X-Forwarded-For, so one school's NAT locking one account leaves everyone else free."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.urls import reverse

from lms.http import client_ip

pytestmark = pytest.mark.django_db

SCHOOL_NAT = "36.85.10.1"
HOME = "114.122.7.20"


def _login(client, username: str, password: str, via: str):
    # REMOTE_ADDR stays the proxy's (127.0.0.1), as gunicorn sees it behind nginx.
    return client.post(
        reverse("accounts:login"),
        {"username": username, "password": password},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR=via,
    )


def test_a_lockout_from_one_school_nat_leaves_classmates_and_other_addresses_free(
    client, student, other_student, settings
):
    settings.AXES_FAILURE_LIMIT = 3
    # given: someone at the school tries siswa1's password three times
    for _ in range(3):
        _login(client, student.username, "wrong", via=SCHOOL_NAT)

    # then: siswa1 is locked from the school's address...
    assert _login(client, student.username, "kopsis-test", via=SCHOOL_NAT).status_code == 429
    # ...a classmate behind the same NAT still logs in...
    client.logout()
    assert _login(client, other_student.username, "kopsis-test", via=SCHOOL_NAT).status_code == 302
    # ...and siswa1 still logs in from home.
    client.logout()
    assert _login(client, student.username, "kopsis-test", via=HOME).status_code == 302


def test_a_client_that_forges_the_header_is_still_locked(client, student, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        # nginx appends the real address: the forged entry is on the left.
        _login(client, student.username, "wrong", via=f"10.9.9.{_}, {SCHOOL_NAT}")
    forged = _login(client, student.username, "kopsis-test", via=f"1.2.3.4, {SCHOOL_NAT}")
    assert forged.status_code == 429


def test_the_header_is_ignored_when_the_request_does_not_come_from_a_trusted_proxy(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    direct = RequestFactory().get("/", REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR="1.1.1.1")
    assert client_ip(direct) == "203.0.113.5"


def test_x_real_ip_is_used_when_there_is_no_forwarded_for_and_garbage_is_not(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.0/8", "::1"]
    factory = RequestFactory()
    assert client_ip(factory.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP=HOME)) == HOME
    garbage = factory.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="<script>")
    assert client_ip(garbage) == "127.0.0.1"
    chained = factory.get("/", REMOTE_ADDR="::1", HTTP_X_FORWARDED_FOR=f"{HOME}, 127.0.0.2")
    assert client_ip(chained) == HOME
