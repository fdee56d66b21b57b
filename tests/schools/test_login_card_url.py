"""The login card prints where the site really runs, never 127.0.0.1:8000."""

from __future__ import annotations

import subprocess

import pytest
from django.urls import reverse

from lms.schools.models import LoginCardBatch
from lms.storage import private_storage

pytestmark = pytest.mark.django_db


def _card_text(batch: LoginCardBatch) -> str:
    # pdftotext (poppler-utils) is part of the test packages; no skip when it is missing.
    with private_storage.open(batch.pdf_path, "rb") as pdf:
        result = subprocess.run(
            ["pdftotext", "-", "-"], input=pdf.read(), capture_output=True, check=True
        )
    return "".join(result.stdout.decode().split())  # a long URL wraps onto the next line


def _ask_for_cards(client, teacher, classroom, capture, **headers) -> LoginCardBatch:
    from lms.accounts.services import student_password_reset
    from lms.schools.selectors import classroom_students

    for student in classroom_students(classroom=classroom):
        student_password_reset(student=student)  # cards that carry a one-time password
    client.force_login(teacher)
    url = reverse("schools:login-cards-request", args=[classroom.pk])
    with capture(execute=True):  # the task is sent (and, eagerly, run) after COMMIT
        response = client.post(url, headers={"HX-Request": "true"}, **headers)
    assert response.status_code == 200
    batch = LoginCardBatch.objects.get()
    assert batch.status == LoginCardBatch.Status.DONE, batch.error
    return batch


def test_without_a_setting_the_card_prints_the_address_the_teacher_used(
    client, teacher, classroom, student, settings, django_capture_on_commit_callbacks
):
    settings.SITE_BASE_URL = ""
    settings.ALLOWED_HOSTS = ["kopsis.smpn1.sch.id"]
    batch = _ask_for_cards(
        client,
        teacher,
        classroom,
        django_capture_on_commit_callbacks,
        HTTP_HOST="kopsis.smpn1.sch.id",
    )
    text = _card_text(batch)
    assert "http://kopsis.smpn1.sch.id" + reverse("accounts:login") in text
    assert "127.0.0.1" not in text


def test_the_configured_site_address_wins_over_the_request(
    client, teacher, classroom, student, settings, django_capture_on_commit_callbacks
):
    settings.SITE_BASE_URL = "https://kopsis.dinas.example.go.id"
    batch = _ask_for_cards(client, teacher, classroom, django_capture_on_commit_callbacks)
    text = _card_text(batch)
    assert "https://kopsis.dinas.example.go.id" + reverse("accounts:login") in text
    assert "testserver" not in text
