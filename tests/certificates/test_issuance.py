"""Issuing certificates through the real services (eager Celery, SQLite or PostgreSQL)."""

from __future__ import annotations

import time

import pytest

from certificates.exceptions import CertificationError
from certificates.issuance.numbering import validate_pattern
from certificates.issuance.services import (
    batch_issuance_request,
    certificate_render,
    certificate_retry,
    issuance_prepare,
    issuance_sweep,
)
from certificates.models import CertificateNumbering, CertificateStatus, IssuanceRun
from lms.jobs import JobStatus
from lms.storage import private_storage
from tests.factories import RegionFactory, UserFactory
from tests.issuance_data import confirmed_batch

pytestmark = pytest.mark.django_db


@pytest.fixture
def region(db):
    return RegionFactory(code="3201", name="Kabupaten Bogor", province="Jawa Barat")


@pytest.fixture
def trainer(db):
    return UserFactory(username="pelatih-terbit", full_name="Agus Pelatih")


def test_a_batch_is_issued_with_consecutive_numbers_and_pdfs(
    region, trainer, django_capture_on_commit_callbacks
):
    batch = confirmed_batch(region=region, trainer=trainer, count=3)
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        run = batch_issuance_request(batch=batch, by=trainer)
    run.refresh_from_db()
    elapsed = time.monotonic() - started
    certs = list(run.certificates.order_by("sequence"))
    assert run.status == JobStatus.DONE, run.error
    assert [c.status for c in certs] == [CertificateStatus.ISSUED] * 3
    assert [c.number for c in certs] == [
        f"JBK/3201/{certs[0].issued_on.year}/{i:05d}" for i in (1, 2, 3)
    ]
    assert len({c.verify_token for c in certs}) == 3
    assert all(len(c.verify_token) >= 43 for c in certs)
    with private_storage.open(certs[0].pdf, "rb") as fh:
        assert fh.read(4) == b"%PDF"
    print(f"3 certificates in {elapsed:.2f}s")


@pytest.fixture
def issued(region, trainer, django_capture_on_commit_callbacks):
    batch = confirmed_batch(region=region, trainer=trainer, count=3)
    with django_capture_on_commit_callbacks(execute=True):
        run = batch_issuance_request(batch=batch, by=trainer)
    return list(run.certificates.order_by("sequence"))


def test_a_second_prepare_and_a_redelivered_render_change_nothing(issued, trainer):
    run = IssuanceRun.objects.get(pk=issued[0].run_id)
    issuance_prepare(run_id=run.pk)
    assert not certificate_render(cert_id=issued[0].pk)  # already issued: a no-op
    assert run.certificates.count() == 3
    assert IssuanceRun.objects.filter(batch=run.batch).count() == 1
    # A second click after the run finished finds nothing left to issue.
    with pytest.raises(CertificationError):
        batch_issuance_request(batch=run.batch, by=trainer)


def test_a_failed_certificate_fails_alone_and_can_be_retried(
    region, trainer, django_capture_on_commit_callbacks
):
    batch = confirmed_batch(region=region, trainer=trainer, count=2, name="Angkatan Gagal")
    from certificates.models import CertificateTemplate

    CertificateTemplate.objects.create(
        region=region,
        series="JBK",
        html="{% if holder_name == 'Peserta Uji 0000' %}{% url 'tidak-ada' %}{% endif %}ok",
        signatory_name="Kepala",
        signatory_title="Kepala Dinas",
    )
    with django_capture_on_commit_callbacks(execute=True):
        run = batch_issuance_request(batch=batch, by=trainer)
    statuses = dict(run.certificates.values_list("holder_name", "status"))
    assert statuses == {"Peserta Uji 0000": "gagal", "Peserta Uji 0001": "terbit"}
    run.refresh_from_db()
    assert run.status == JobStatus.DONE
    CertificateTemplate.objects.filter(region=region).update(html="ok")
    failed = run.certificates.get(status=CertificateStatus.FAILED)
    with django_capture_on_commit_callbacks(execute=True):
        certificate_retry(cert=failed, by=trainer)
    failed.refresh_from_db()
    assert failed.status == CertificateStatus.ISSUED and failed.pdf


def test_the_sweeper_renders_what_a_killed_worker_left_pending(issued):
    from certificates.models import IssuedCertificate

    cert = issued[1]
    IssuedCertificate.objects.filter(pk=cert.pk).update(status=CertificateStatus.PENDING, pdf="")
    assert issuance_sweep(older_than=0)["certificates"] == 1
    cert.refresh_from_db()
    assert cert.status == CertificateStatus.ISSUED and cert.pdf


def test_pattern_rules():
    assert validate_pattern("JB/<kabupaten>/<tahun>/<urut>")
    for bad in ("JB/<urut>", "JB/<tahun>/<nama>/<urut>"):
        with pytest.raises(CertificationError):
            validate_pattern(bad)
    assert CertificateNumbering.objects.count() == 0


def test_verification_page_shows_valid_revoked_and_superseded(
    issued, trainer, client, django_capture_on_commit_callbacks
):
    from certificates.issuance.lifecycle import certificate_reissue, certificate_revoke

    first, second, third = issued
    page = client.get(f"/v/{first.verify_token}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert 'data-verify-state="berlaku"' in text and first.number in text
    assert first.holder_name not in text and "P****** U** 0***" in text
    certificate_revoke(cert=second, by=trainer, reason="Dokumen pendaftaran dipalsukan")
    text = client.get(f"/v/{second.verify_token}/").content.decode()
    assert 'data-verify-state="dicabut"' in text and "dipalsukan" in text
    with django_capture_on_commit_callbacks(execute=True):
        new = certificate_reissue(cert=third, by=trainer, holder_name="Peserta Uji Benar")
    text = client.get(f"/v/{third.verify_token}/").content.decode()
    assert 'data-verify-state="diganti"' in text and f"/v/{new.verify_token}/" in text
    new.refresh_from_db()
    assert new.status == CertificateStatus.ISSUED and new.number.endswith("00004")
    assert client.get("/v/tidak-ada-token-seperti-ini/").status_code == 404


def test_verification_is_rate_limited(issued, client, settings):
    from django.core.cache import cache

    cache.clear()
    settings.CERT_VERIFY_RATE_PER_MINUTE = 3
    codes = [client.get(f"/v/{issued[0].verify_token}/").status_code for _ in range(5)]
    assert codes == [200, 200, 200, 429, 429]
    assert "Terlalu banyak" in client.get("/v/x/").content.decode()
    cache.clear()


def test_expiry_reminders_go_once_to_the_holder_and_the_dinas(issued, region, mailoutbox):
    import datetime

    from certificates.issuance.lifecycle import expiry_reminders_send
    from certificates.models import IssuedCertificate
    from lms.accounts.models import Role
    from tests.factories import with_role

    with_role(UserFactory(username="dinas-ingat", email="dinas@k.test"), Role.DINAS, region=region)
    first = issued[0]
    first.holder.email = "pemegang@k.test"
    first.holder.save(update_fields=["email"])
    soon = first.valid_until - datetime.timedelta(days=20)
    assert expiry_reminders_send(today=soon) == 1
    assert {m.to[0] for m in mailoutbox} == {"pemegang@k.test", "dinas@k.test"}
    assert first.number in mailoutbox[-1].body
    assert expiry_reminders_send(today=soon) == 0  # once per certificate
    assert IssuedCertificate.objects.filter(reminded_at__isnull=False).count() == 3


def test_the_trainer_issues_from_the_page_and_sees_the_progress(
    region, trainer, client, django_capture_on_commit_callbacks
):
    batch = confirmed_batch(region=region, trainer=trainer, count=2, name="Angkatan Halaman")
    client.force_login(trainer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/sertifikat/angkatan/{batch.pk}/sertifikat/")
    assert response.status_code == 302
    status = client.get(f"/sertifikat/angkatan/{batch.pk}/sertifikat/status/")
    assert status.status_code == 286  # finished: htmx stops polling
    text = status.content.decode()
    assert "Terbit 2 dari 2, gagal 0" in text and 'data-cert-status="terbit"' in text
    outsider = UserFactory(username="bukan-pelatih")
    client.force_login(outsider)
    assert client.get(f"/sertifikat/angkatan/{batch.pk}/sertifikat/").status_code == 404


def test_a_render_chunk_reads_its_rows_once_and_costs_two_queries_a_certificate(region, trainer):
    """docs/performance.md: the chunk in one query, the template once; per certificate only
    the attempt counter and the compare-and-set publish."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from certificates.issuance.services import certificates_render

    batch = confirmed_batch(region=region, trainer=trainer, count=9, name="Angkatan Kueri")
    run = batch_issuance_request(batch=batch, by=trainer)
    issuance_prepare(run_id=run.pk, dispatch=False)
    ids = list(run.certificates.order_by("sequence").values_list("pk", flat=True))
    with CaptureQueriesContext(connection) as three:
        assert certificates_render(cert_ids=ids[:3]) == 3
    with CaptureQueriesContext(connection) as six:
        assert certificates_render(cert_ids=ids[3:]) == 6
    # Three more certificates: 2 queries each, plus the run's DONE update after the last one.
    assert len(six) - len(three) == 3 * 2 + 1
    assert len(three) <= 3 * 2 + 4
    run.refresh_from_db()
    assert run.status == JobStatus.DONE


@pytest.mark.parametrize("dpi", [100, 150, 300])
def test_the_issued_pdf_has_one_a4_front_a_transcript_and_a_qr_that_scans(issued, dpi, tmp_path):
    """The QR code is a PNG (2 pixels a module, fixed mask): zbarimg reads the signed URL off
    page 1 rasterised at 100, 150 (as the e2e test) and 300 dpi."""
    import subprocess

    from certificates.issuance.claims import qr_content

    cert = issued[0]
    cert.refresh_from_db()
    with private_storage.open(cert.pdf, "rb") as fh:
        (tmp_path / "c.pdf").write_bytes(fh.read())
    info = subprocess.run(["pdfinfo", "c.pdf"], cwd=tmp_path, capture_output=True, text=True)
    assert "Pages:           2" in info.stdout and "pts (A4)" in info.stdout
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-png", "-f", "1", "-l", "1", "c.pdf", "page"],
        cwd=tmp_path,
        check=True,
    )
    (png,) = tmp_path.glob("page*.png")
    decoded = subprocess.run(
        ["zbarimg", "--quiet", "--raw", str(png)], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert decoded == qr_content(cert)
