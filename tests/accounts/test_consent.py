import pytest
from django.test import override_settings
from django.urls import reverse

from lms.accounts.models import ConsentPurpose, ConsentRecord
from lms.accounts.selectors import consent_granted
from tests.factories import make_student

pytestmark = pytest.mark.django_db


def test_student_without_consent_is_not_processed(classroom):
    student = make_student(classroom, consent=False)
    assert not consent_granted(student=student, purpose=ConsentPurpose.LEARNING)


def test_withdrawal_is_a_new_record_and_wins(client, teacher, student):
    client.force_login(teacher)
    url = reverse("schools:student-consent", args=[student.pk])
    response = client.post(
        url,
        {
            "action": "withdraw",
            "purposes": ["cooperative"],
            "guardian_name": "Ibu Sari",
            "guardian_relation": "ibu",
            "method": "paper",
            "evidence": "Surat 12",
        },
    )
    assert response.status_code == 302
    assert not consent_granted(student=student, purpose=ConsentPurpose.COOPERATIVE)
    assert consent_granted(student=student, purpose=ConsentPurpose.LEARNING)
    assert ConsentRecord.objects.filter(student=student).count() == 3  # 2 grants + 1 withdrawal


def test_new_notice_version_requires_consent_again(student):
    with override_settings(CONSENT_NOTICE_VERSION="2027-01"):
        assert not consent_granted(student=student, purpose=ConsentPurpose.LEARNING)


def test_consent_form_rejects_junk_and_changes_nothing(client, teacher, student):
    client.force_login(teacher)
    before = ConsentRecord.objects.count()
    response = client.post(
        reverse("schools:student-consent", args=[student.pk]),
        {
            "action": "grant",
            "purposes": ["marketing"],
            "guardian_name": "",
            "guardian_relation": "",
            "method": "fax",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "bukan salah satu dari pilihan yang tersedia" in html
    assert ConsentRecord.objects.count() == before


def test_teacher_of_another_school_cannot_record_consent(client, outsider, student):
    client.force_login(outsider)
    response = client.get(reverse("schools:student-consent", args=[student.pk]))
    assert response.status_code == 404
