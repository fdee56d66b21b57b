import pytest
from django.urls import reverse

from lms.accounts.models import ConsentPurpose, ConsentRecord
from lms.accounts.selectors import consent_granted
from tests.factories import make_student

pytestmark = pytest.mark.django_db


def test_guardian_grants_consent_online_for_their_child(client, guardian, classroom):
    child = make_student(classroom, consent=False)
    guardian.wards.create(student=child, relation="ayah")
    client.force_login(guardian)
    url = reverse("accounts:guardian-consent", args=[child.pk])
    response = client.post(url, {"action": "grant", "purposes": ["learning"], "confirm": "on"})
    assert response.status_code == 302
    assert consent_granted(student=child, purpose=ConsentPurpose.LEARNING)
    assert not consent_granted(student=child, purpose=ConsentPurpose.COOPERATIVE)
    record = ConsentRecord.objects.get(student=child)
    assert record.method == ConsentRecord.Method.ONLINE and record.guardian_relation == "ayah"


def test_guardian_withdraws_and_the_dashboard_shows_it(client, guardian, student):
    client.force_login(guardian)
    url = reverse("accounts:guardian-consent", args=[student.pk])
    client.post(url, {"action": "withdraw", "purposes": ["cooperative"], "confirm": "on"})
    assert not consent_granted(student=student, purpose=ConsentPurpose.COOPERATIVE)
    html = client.get(reverse("accounts:dashboard")).content.decode()
    assert "persetujuan belum lengkap" in html


def test_guardian_cannot_act_for_someone_elses_child(client, guardian, other_student):
    client.force_login(guardian)
    url = reverse("accounts:guardian-consent", args=[other_student.pk])
    assert client.get(url).status_code == 404
    before = ConsentRecord.objects.count()
    response = client.post(url, {"action": "withdraw", "purposes": ["learning"], "confirm": "on"})
    assert response.status_code == 404 and ConsentRecord.objects.count() == before


def test_unconfirmed_or_junk_submission_changes_nothing(client, guardian, student):
    client.force_login(guardian)
    url = reverse("accounts:guardian-consent", args=[student.pk])
    before = ConsentRecord.objects.count()
    html = client.post(url, {"action": "grant", "purposes": ["learning"]}).content.decode()
    assert "Centang pernyataan ini" in html
    client.post(url, {"action": "delete-all", "purposes": ["x"], "confirm": "on"})
    assert ConsentRecord.objects.count() == before
