"""Self-registration on a batch's public page: account + APL-01 together, refused cleanly."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse

from certificates.models import Candidate, CandidateStatus, Origin
from lms.accounts.models import User
from tests.certificates.conftest import apply, make_batch
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

FORM = {
    "username": "dewi.juru",
    "password1": "Pembukuan-2026!",
    "password2": "Pembukuan-2026!",
    "full_name": "Dewi Juru Buku",
    "birth_date": "1990-01-05",
    "nik": "3201014501900001",
    "phone": "081234567890",
    "email": "",
    "education": "SMA",
    "cooperative": "",
    "cooperative_name": "Koperasi Desa Merah Putih Sukamaju",
    "cooperative_legal_number": "AHU-0012345",
    "cooperative_role": "Bendahara",
}


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()


def url(batch):
    return reverse("certificates:register", args=[batch.pk])


def test_an_adult_creates_an_account_applies_and_sees_where_they_stand(batch, client):
    response = client.get(url(batch))
    assert response.status_code == 200 and b"registration-form" in response.content
    response = client.post(url(batch), FORM)
    candidate = Candidate.objects.get(batch=batch, user__username="dewi.juru")
    assert response.status_code == 302
    assert response["Location"] == reverse("certificates:application", args=[candidate.pk])
    assert candidate.origin == Origin.SELF_REGISTERED
    assert candidate.status == CandidateStatus.SUBMITTED
    assert candidate.nik == "3201014501900001"
    assert candidate.user.check_password(FORM["password1"])
    page = client.get(response["Location"])  # signed in: the application with its status
    assert page.status_code == 200
    assert "Diajukan" in page.content.decode()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"nik": "3201014501900"}, "NIK harus tepat 16 angka"),
        ({"nik": "9901014501900001"}, "kode wilayah"),
        ({"nik": "3201019913900001"}, "tanggal lahir"),
        ({"birth_date": "2015-01-01"}, "hanya untuk peserta dewasa"),
        ({"password2": "lain-sekali-99"}, "Kedua kata sandi tidak sama"),
        ({"password1": "12345678", "password2": "12345678"}, "terlalu umum"),
        ({"username": "Dewi Juru!"}, "Username hanya boleh"),
        ({"phone": "", "email": ""}, "nomor HP atau surel"),
        ({"cooperative_role": ""}, "harus diisi"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_creates_nothing(batch, client, change, message):
    users = User.objects.count()
    response = client.post(url(batch), {**FORM, **change})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert User.objects.count() == users
    assert not batch.candidates.exists()


def test_a_taken_username_is_refused(batch, client):
    UserFactory(username="dewi.juru")
    response = client.post(url(batch), FORM)
    assert "sudah dipakai" in response.content.decode()
    assert not batch.candidates.exists()


def test_a_closed_or_full_batch_refuses_with_a_clear_message(
    region, scheme, trainer, assessor, client
):
    closed = make_batch(region, scheme, trainer, [assessor], name="Tutup")
    closed.open_for_applications = False
    closed.save(update_fields=["open_for_applications"])
    full = make_batch(region, scheme, trainer, [assessor], quota=1, name="Penuh")
    apply(full, UserFactory())
    for batch, message in ((closed, "sudah ditutup"), (full, "sudah penuh")):
        response = client.get(url(batch))
        assert message in response.content.decode()
        assert b"registration-form" not in response.content
        users = User.objects.count()
        response = client.post(url(batch), FORM)
        assert message in response.content.decode()
        assert User.objects.count() == users


def test_registering_twice_creates_one_account(batch, client):
    client.post(url(batch), FORM)
    client.logout()
    response = client.post(url(batch), FORM)
    assert "sudah dipakai" in response.content.decode()
    assert User.objects.filter(username="dewi.juru").count() == 1
    assert batch.candidates.count() == 1


def test_registration_is_rate_limited_per_address(batch, client, settings):
    settings.CERT_REGISTRATION_PER_HOUR = 2
    for _ in range(2):
        client.post(url(batch), {**FORM, "password2": "x"})
    response = client.post(url(batch), FORM)
    assert "Terlalu banyak percobaan" in response.content.decode()
    assert not User.objects.filter(username="dewi.juru").exists()


def test_a_kopsis_cooperative_of_another_region_cannot_be_chosen(batch, client, other_region):
    from school_coops.services.cooperative import cooperative_create
    from tests.factories import SchoolFactory, make_teacher

    school = SchoolFactory(region=other_region)
    coop = cooperative_create(school=school, name="Kopsis Seberang", by=make_teacher(school))
    assert "Kopsis Seberang" not in client.get(url(batch)).content.decode()
    response = client.post(url(batch), {**FORM, "cooperative": coop.pk})
    assert response.status_code == 200
    assert not batch.candidates.exists()


def test_a_signed_in_user_is_sent_to_the_apply_form(batch, client, applicant):
    client.force_login(applicant)
    response = client.get(url(batch))
    assert response["Location"] == reverse("certificates:batch-apply", args=[batch.pk])
