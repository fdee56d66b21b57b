"""The demo holders see their certificates on "Sertifikat saya" (README names the logins)."""

from __future__ import annotations

import pytest
from django.test import Client

from lms.accounts.models import User

pytestmark = pytest.mark.django_db


def _page(username: str) -> str:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client.get("/sertifikat/saya/").content.decode()


def test_demo_holders_see_revoked_superseded_and_course_certificates():
    from certificates import demo
    from courses import demo as courses_demo
    from lms.accounts import demo as core_demo

    core_demo.seed()
    courses_demo.seed()
    demo.seed()
    demo.seed()  # idempotent: still one course certificate
    from certificates.models import IssuedCertificate

    assert IssuedCertificate.objects.filter(holder__username="siswa01").count() == 1
    # The classmates' first login asks for a new password (ForcePasswordChangeMiddleware).
    User.objects.filter(username__in=["siswa01", "siswa02"]).update(must_change_password=False)
    renamed = _page("jurubuku11")
    assert 'data-cert-state="diganti"' in renamed and 'data-cert-state="berlaku"' in renamed
    assert 'data-cert-state="dicabut"' in _page("jurubuku13")
    holder = _page("siswa01")
    assert 'data-cert-state="berlaku"' in holder and "Minta sertifikat" not in holder
    assert "Minta sertifikat" in _page("siswa02")
    assert 'data-testid="pupil-certificates"' in _page("guru")
    assert "Anda belum memiliki sertifikat" in _page("siswa")
