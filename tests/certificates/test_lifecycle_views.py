"""The certificate lifecycle through the browser's URLs: revoke and re-issue by the batch's
organisers, the holder's page, the PDF download and "Kirim ke email saya" (real services,
eager Celery)."""

from __future__ import annotations

import pytest
from django.test import Client

from certificates.issuance.services import batch_issuance_request
from certificates.models import CertificateRevocation, CertificateStatus, IssuedCertificate
from lms.accounts.models import Role
from tests.factories import RegionFactory, UserFactory, with_role
from tests.issuance_data import confirmed_batch

pytestmark = pytest.mark.django_db


@pytest.fixture
def region(db):
    return RegionFactory(code="3201", name="Kabupaten Bogor", province="Jawa Barat")


@pytest.fixture
def other_region(db):
    return RegionFactory(code="3202", name="Kabupaten Sukabumi", province="Jawa Barat")


@pytest.fixture
def trainer(db):
    return UserFactory(username="pelatih-siklus", full_name="Agus Pelatih")


@pytest.fixture
def issued(region, trainer, django_capture_on_commit_callbacks):
    batch = confirmed_batch(region=region, trainer=trainer, count=3)
    with django_capture_on_commit_callbacks(execute=True):
        run = batch_issuance_request(batch=batch, by=trainer)
    certs = list(run.certificates.order_by("sequence"))
    assert all(c.status == CertificateStatus.ISSUED for c in certs)
    return certs


def _login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _messages(response) -> str:
    return " ".join(str(m) for m in response.context["messages"]) if response.context else ""


# --- Revoke ---------------------------------------------------------------------------


def test_the_trainer_revokes_with_a_reason_and_the_record_shows_actor_and_date(issued, trainer):
    # given
    cert = issued[0]
    client = _login(trainer)
    page = client.get(f"/sertifikat/terbit/{cert.pk}/")
    assert page.status_code == 200 and 'data-testid="revoke-form"' in page.content.decode()
    # when
    response = client.post(
        f"/sertifikat/terbit/{cert.pk}/cabut/", {"reason": "  Ijazah palsu  "}, follow=True
    )
    # then
    cert.refresh_from_db()
    assert cert.status == CertificateStatus.REVOKED
    [record] = CertificateRevocation.objects.filter(certificate=cert)
    assert record.actor == trainer and record.reason == "Ijazah palsu"
    text = response.content.decode()
    assert "dicabut" in _messages(response)
    assert "Agus Pelatih" in text and "Ijazah palsu" in text and str(record.at.year) in text
    assert 'data-testid="revoke-form"' not in text  # nothing left to revoke
    issuance = client.get(f"/sertifikat/angkatan/{cert.batch_id}/sertifikat/").content.decode()
    assert 'data-testid="issuance-lifecycle"' in issuance and "Ijazah palsu" in issuance
    assert f"/sertifikat/terbit/{cert.pk}/" in issuance  # the number links to the page
    public = Client().get(f"/v/{cert.verify_token}/").content.decode()
    assert 'data-verify-state="dicabut"' in public


def test_revoking_twice_says_so_and_keeps_one_record(issued, trainer):
    cert = issued[0]
    client = _login(trainer)
    client.post(f"/sertifikat/terbit/{cert.pk}/cabut/", {"reason": "Pertama"})
    response = client.post(f"/sertifikat/terbit/{cert.pk}/cabut/", {"reason": "Kedua"}, follow=True)
    assert "Hanya sertifikat yang terbit yang dapat dicabut" in _messages(response)
    assert list(CertificateRevocation.objects.values_list("reason", flat=True)) == ["Pertama"]


@pytest.mark.parametrize("reason", ["", "   ", "x" * 501])
def test_a_missing_or_too_long_reason_changes_nothing(issued, trainer, reason):
    cert = issued[0]
    response = _login(trainer).post(f"/sertifikat/terbit/{cert.pk}/cabut/", {"reason": reason})
    assert response.status_code == 200
    assert 'class="field-error"' in response.content.decode()
    cert.refresh_from_db()
    assert cert.status == CertificateStatus.ISSUED
    assert not CertificateRevocation.objects.exists()


def test_revoke_is_post_only(issued, trainer):
    assert _login(trainer).get(f"/sertifikat/terbit/{issued[0].pk}/cabut/").status_code == 405


def test_the_region_dinas_may_revoke(issued, region):
    dinas = with_role(UserFactory(full_name="Bu Dinas"), Role.DINAS, region=region)
    response = _login(dinas).post(f"/sertifikat/terbit/{issued[1].pk}/cabut/", {"reason": "Salah"})
    assert response.status_code == 302
    assert CertificateRevocation.objects.get().actor == dinas


def test_people_outside_the_batch_get_404_and_change_nothing(issued, region, other_region):
    cert = issued[0]
    refused = [
        UserFactory(),  # no role at all
        with_role(UserFactory(), Role.TRAINER, region=other_region),
        with_role(UserFactory(), Role.DINAS, region=other_region),
        with_role(UserFactory(), Role.TRAINER, region=region),  # not a trainer of this batch
        with_role(UserFactory(), Role.ASSESSOR, region=region),
        cert.holder,
    ]
    for user in refused:
        client = _login(user)
        assert client.get(f"/sertifikat/terbit/{cert.pk}/").status_code == 404, user
        assert (
            client.post(f"/sertifikat/terbit/{cert.pk}/cabut/", {"reason": "x"}).status_code == 404
        )
        response = client.post(f"/sertifikat/terbit/{cert.pk}/ganti-nama/", {"holder_name": "Y"})
        assert response.status_code == 404
    cert.refresh_from_db()
    assert cert.status == CertificateStatus.ISSUED and IssuedCertificate.objects.count() == 3


def test_an_unknown_certificate_is_404(issued, trainer):
    client = _login(trainer)
    assert client.get("/sertifikat/terbit/999999/").status_code == 404
    assert client.post("/sertifikat/terbit/999999/cabut/", {"reason": "x"}).status_code == 404


# --- Re-issue ---------------------------------------------------------------------------


def test_a_name_correction_issues_a_new_number_and_links_old_to_new(
    issued, trainer, django_capture_on_commit_callbacks
):
    # given
    old = issued[2]
    client = _login(trainer)
    # when
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/sertifikat/terbit/{old.pk}/ganti-nama/", {"holder_name": "  Peserta   Benar "}
        )
    # then
    old.refresh_from_db()
    new = old.superseded_by
    assert old.status == CertificateStatus.SUPERSEDED and new is not None
    assert response.status_code == 302 and response["Location"] == f"/sertifikat/terbit/{new.pk}/"
    assert new.status == CertificateStatus.ISSUED and new.pdf  # rendered by the (eager) worker
    assert new.holder_name == "Peserta Benar" and new.number != old.number
    new_page = client.get(f"/sertifikat/terbit/{new.pk}/").content.decode()
    assert 'data-testid="replaces"' in new_page and old.number in new_page
    old_page = client.get(f"/sertifikat/terbit/{old.pk}/").content.decode()
    assert 'data-testid="replaced-by"' in old_page and f"/sertifikat/terbit/{new.pk}/" in old_page
    assert 'data-testid="reissue-form"' not in old_page
    issuance = client.get(f"/sertifikat/angkatan/{old.batch_id}/sertifikat/").content.decode()
    assert new.number in issuance and old.number in issuance


def test_reissue_twice_or_with_the_same_name_changes_nothing(issued, trainer):
    old = issued[2]
    client = _login(trainer)
    same = client.post(
        f"/sertifikat/terbit/{old.pk}/ganti-nama/", {"holder_name": old.holder_name}, follow=True
    )
    assert "tidak ada koreksi" in _messages(same)
    assert IssuedCertificate.objects.count() == 3
    client.post(f"/sertifikat/terbit/{old.pk}/ganti-nama/", {"holder_name": "Nama Baru"})
    again = client.post(
        f"/sertifikat/terbit/{old.pk}/ganti-nama/", {"holder_name": "Nama Lain"}, follow=True
    )
    assert "Hanya sertifikat yang terbit" in _messages(again)
    assert IssuedCertificate.objects.count() == 4


@pytest.mark.parametrize("name", ["", "    ", "n" * 151])
def test_a_blank_or_too_long_name_changes_nothing(issued, trainer, name):
    old = issued[2]
    response = _login(trainer).post(
        f"/sertifikat/terbit/{old.pk}/ganti-nama/", {"holder_name": name}
    )
    assert response.status_code == 200 and 'class="field-error"' in response.content.decode()
    assert IssuedCertificate.objects.count() == 3


def test_a_revoked_certificate_cannot_be_reissued(issued, trainer):
    cert = issued[0]
    client = _login(trainer)
    client.post(f"/sertifikat/terbit/{cert.pk}/cabut/", {"reason": "Dicabut dulu"})
    response = client.post(
        f"/sertifikat/terbit/{cert.pk}/ganti-nama/", {"holder_name": "Nama Baru"}, follow=True
    )
    assert "Hanya sertifikat yang terbit" in _messages(response)
    assert IssuedCertificate.objects.count() == 3


# --- The holder's page, the PDF ---------------------------------------------------------


def test_the_holder_sees_their_certificates_with_their_state(
    issued, trainer, django_capture_on_commit_callbacks
):
    first, second, third = issued
    client = _login(trainer)
    client.post(f"/sertifikat/terbit/{second.pk}/cabut/", {"reason": "Salah orang"})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/sertifikat/terbit/{third.pk}/ganti-nama/", {"holder_name": "Nama Benar"})
    # The third holder has two rows: the superseded one and its replacement.
    holder = _login(third.holder)
    page = holder.get("/sertifikat/saya/")
    assert page.status_code == 200 and page["Cache-Control"] == "private, no-store"
    text = page.content.decode()
    assert 'data-cert-state="diganti"' in text and 'data-cert-state="berlaku"' in text
    assert third.number in text and f"/v/{third.verify_token}/" in text
    new = IssuedCertificate.objects.get(supersedes=third)
    assert f"/sertifikat/terbit/{new.pk}/sertifikat.pdf" in text
    assert f"/sertifikat/terbit/{new.pk}/open-badge.jwt" in text
    assert f"/sertifikat/terbit/{new.pk}/linkedin/" in text
    assert first.number not in text and second.number not in text  # others' certificates
    revoked = _login(second.holder).get("/sertifikat/saya/").content.decode()
    assert 'data-cert-state="dicabut"' in revoked
    assert f"/sertifikat/terbit/{second.pk}/sertifikat.pdf" not in revoked


def test_someone_without_certificates_sees_an_empty_state(db):
    text = _login(UserFactory()).get("/sertifikat/saya/").content.decode()
    assert "Anda belum memiliki sertifikat" in text
    assert 'href="/sertifikat/saya/"' in text  # in the navigation


def test_the_pdf_goes_to_the_holder_and_organisers_only(issued, trainer, region, other_region):
    cert = issued[0]
    url = f"/sertifikat/terbit/{cert.pk}/sertifikat.pdf"
    for user in (cert.holder, trainer, with_role(UserFactory(), Role.DINAS, region=region)):
        response = _login(user).get(url)
        assert response.status_code == 200, user
        assert b"".join(response.streaming_content).startswith(b"%PDF")
        assert response["Cache-Control"] == "private, no-store"
        assert "attachment" in response["Content-Disposition"]
    for user in (
        issued[1].holder,
        UserFactory(),
        with_role(UserFactory(), Role.DINAS, region=other_region),
        with_role(UserFactory(), Role.TRAINER, region=region),  # not this batch's trainer
    ):
        assert _login(user).get(url).status_code == 404, user
    anonymous = Client().get(url)
    assert anonymous.status_code == 302 and "/akun/masuk/" in anonymous["Location"]
    assert _login(cert.holder).get("/sertifikat/terbit/999999/sertifikat.pdf").status_code == 404


def test_a_pending_certificate_has_no_pdf(issued):
    cert = issued[0]
    IssuedCertificate.objects.filter(pk=cert.pk).update(status=CertificateStatus.PENDING)
    assert (
        _login(cert.holder).get(f"/sertifikat/terbit/{cert.pk}/sertifikat.pdf").status_code == 404
    )


# --- E-mail -----------------------------------------------------------------------------


def test_the_holder_gets_the_pdf_by_email(issued, mailoutbox, django_capture_on_commit_callbacks):
    cert = issued[0]
    cert.holder.email = "pemegang@contoh.test"
    cert.holder.save(update_fields=["email"])
    client = _login(cert.holder)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/sertifikat/terbit/{cert.pk}/kirim-email/", follow=True)
    assert "pemegang@contoh.test" in _messages(response)
    [mail] = mailoutbox
    assert mail.to == ["pemegang@contoh.test"] and cert.number in mail.subject
    [(filename, content, mimetype)] = mail.attachments
    assert mimetype == "application/pdf" and content.startswith(b"%PDF")
    assert filename.endswith(".pdf") and f"/v/{cert.verify_token}/" in mail.body


def test_no_email_on_file_says_so_and_sends_nothing(
    issued, mailoutbox, django_capture_on_commit_callbacks
):
    cert = issued[0]
    with django_capture_on_commit_callbacks(execute=True):
        response = _login(cert.holder).post(
            f"/sertifikat/terbit/{cert.pk}/kirim-email/", follow=True
        )
    assert "belum punya alamat email" in _messages(response)
    assert mailoutbox == []


def test_no_email_of_someone_elses_or_a_revoked_certificate(
    issued, trainer, mailoutbox, django_capture_on_commit_callbacks
):
    mine, theirs = issued[0], issued[1]
    mine.holder.email = "saya@contoh.test"
    mine.holder.save(update_fields=["email"])
    client = _login(mine.holder)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/sertifikat/terbit/{theirs.pk}/kirim-email/").status_code == 404
        assert client.get(f"/sertifikat/terbit/{mine.pk}/kirim-email/").status_code == 405
        _login(trainer).post(f"/sertifikat/terbit/{mine.pk}/cabut/", {"reason": "Dicabut"})
        response = client.post(f"/sertifikat/terbit/{mine.pk}/kirim-email/", follow=True)
    assert "Hanya sertifikat yang berlaku" in _messages(response)
    assert mailoutbox == []


def test_the_holder_page_costs_the_same_queries_for_one_or_many_certificates(
    issued, trainer, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    holder = issued[2].holder
    client = _login(holder)
    client.get("/sertifikat/saya/")  # warm the session
    with django_assert_max_num_queries(12):
        client.get("/sertifikat/saya/")
    with django_capture_on_commit_callbacks(execute=True):
        _login(trainer).post(
            f"/sertifikat/terbit/{issued[2].pk}/ganti-nama/", {"holder_name": "Nama Benar"}
        )
    with django_assert_max_num_queries(12):
        text = client.get("/sertifikat/saya/").content.decode()
    assert text.count("data-cert-state=") == 2
