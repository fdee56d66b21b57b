"""Bulk downloads of a batch's certificates: a ZIP with a manifest, one merged PDF (lms/jobs.py)."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import zipfile

import pytest
from django.urls import reverse

from certificates.exceptions import CertificationError
from certificates.issuance.bundles import bundle_file_name, certificate_bundle_request
from certificates.issuance.lifecycle import certificate_reissue, certificate_revoke
from certificates.issuance.merge import Merger, PdfError, page_count
from certificates.issuance.services import batch_issuance_request
from certificates.models import BundleKind, CertificateBundle, CertificateStatus
from certificates.tasks import certificate_bundle_task
from lms.jobs import JobStatus
from lms.storage import private_storage
from tests.issuance_data import confirmed_batch

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def issued_batch(region, trainer, django_capture_on_commit_callbacks):
    """A batch of four issued certificates: one revoked, one superseded by its re-issue."""
    batch = confirmed_batch(region=region, trainer=trainer, count=4)
    with django_capture_on_commit_callbacks(execute=True):
        batch_issuance_request(batch=batch, by=trainer)
    certs = list(batch.certificates.order_by("number"))
    assert [c.status for c in certs] == [CertificateStatus.ISSUED] * 4
    certificate_revoke(cert=certs[1], by=trainer, reason="Data palsu")
    with django_capture_on_commit_callbacks(execute=True):
        certificate_reissue(cert=certs[2], by=trainer, holder_name="Peserta Uji Dua Benar")
    return batch


def _live(batch):
    return list(batch.certificates.filter(status=CertificateStatus.ISSUED).order_by("number"))


def _request(client, batch, kind, capture):
    with capture(execute=True):
        return client.post(
            reverse("certificates:bundle-request", args=[batch.pk]), {"kind": kind}, headers=HTMX
        )


def _files(folder: str) -> set[str]:
    return set(private_storage.listdir(folder)[1]) if private_storage.exists(folder) else set()


def _download(client, bundle):
    response = client.get(
        reverse("certificates:bundle-download", args=[bundle.batch_id, bundle.pk])
    )
    assert response.status_code == 200, response
    return response, b"".join(response.streaming_content)


def test_the_zip_holds_exactly_the_live_certificates_and_a_manifest(
    client, trainer, issued_batch, django_capture_on_commit_callbacks
):
    # given: 4 issued, 1 revoked, 1 superseded and re-issued: 3 live certificates
    live = _live(issued_batch)
    assert len(live) == 3
    client.force_login(trainer)
    # when
    response = _request(client, issued_batch, "zip", django_capture_on_commit_callbacks)
    # then: the worker built it after the commit; the polled fragment stops and links it
    assert response.status_code == 200 and 'hx-trigger="every 1s"' in response.content.decode()
    bundle = CertificateBundle.objects.get(batch=issued_batch, kind=BundleKind.ZIP)
    assert bundle.status == JobStatus.DONE and bundle.total == bundle.done_count == 3
    status_url = reverse("certificates:bundle-status", args=[issued_batch.pk, bundle.pk])
    response = client.get(status_url, headers=HTMX)
    assert response.status_code == 286
    html = response.content.decode()
    assert "Selesai: 3 sertifikat." in html and "Unduh berkas ZIP" in html
    download, body = _download(client, bundle)
    assert download["Content-Type"] == "application/zip"
    assert download["Cache-Control"] == "private, no-store"
    assert "sertifikat-angkatan-uji.zip" in download["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(body))
    names = [c.number.replace("/", "-") + ".pdf" for c in live]
    assert sorted(archive.namelist()) == sorted([*names, "daftar-sertifikat.csv"])
    for cert, name in zip(live, names, strict=True):
        with private_storage.open(cert.pdf, "rb") as fh:
            assert archive.read(name) == fh.read()  # the stored PDF, not a re-rendering
    text = archive.read("daftar-sertifikat.csv").decode("utf-8-sig")
    manifest = list(csv.reader(io.StringIO(text)))
    assert manifest[0] == [
        "Nomor sertifikat",
        "Nama pemegang",
        "Status",
        "Berlaku sampai",
        "Berkas",
    ]
    assert [row[0] for row in manifest[1:]] == [c.number for c in live]
    assert [row[1] for row in manifest[1:]] == [c.holder_name for c in live]
    assert {row[2] for row in manifest[1:]} == {"Terbit"}
    assert "Peserta Uji Dua Benar" in {row[1] for row in manifest[1:]}


def test_the_merged_pdf_has_every_page_of_the_live_certificates_in_number_order(
    client, dinas_staff, issued_batch, django_capture_on_commit_callbacks
):
    live = _live(issued_batch)
    client.force_login(dinas_staff)  # dinas staff of the region organise too
    _request(client, issued_batch, "merged", django_capture_on_commit_callbacks)
    bundle = CertificateBundle.objects.get(batch=issued_batch, kind=BundleKind.MERGED)
    assert bundle.status == JobStatus.DONE, bundle.error
    download, body = _download(client, bundle)
    assert download["Content-Type"] == "application/pdf"
    assert "sertifikat-angkatan-uji-gabungan.pdf" in download["Content-Disposition"]
    pages = []
    for cert in live:
        with private_storage.open(cert.pdf, "rb") as fh:
            pages.append(page_count(fh.read()))
    assert sum(pages) == page_count(body) and sum(pages) >= 3
    if shutil.which("pdfinfo") and shutil.which("pdftotext"):  # poppler-utils (tests' apt list)
        info = subprocess.run(["pdfinfo", "-"], input=body, capture_output=True, check=True)
        fields = dict(line.split(":", 1) for line in info.stdout.decode().splitlines())
        assert int(fields["Pages"]) == sum(pages)  # another reader agrees
        text = subprocess.run(["pdftotext", "-", "-"], input=body, capture_output=True).stdout
        where = [text.decode().find(c.number) for c in live]
        assert -1 not in where and where == sorted(where)


def test_running_the_task_twice_keeps_one_file(
    trainer, issued_batch, django_capture_on_commit_callbacks
):
    folder = f"certificate-bundles/{issued_batch.region_id}"
    before = _files(folder)
    with django_capture_on_commit_callbacks(execute=True):
        bundle = certificate_bundle_request(batch=issued_batch, kind="zip", by=trainer)
    bundle.refresh_from_db()
    first = bundle.pdf_path
    certificate_bundle_task(bundle.pk)  # a redelivered message
    bundle.refresh_from_db()
    assert bundle.status == JobStatus.DONE and bundle.pdf_path == first
    assert {f"{folder}/{name}" for name in _files(folder) - before} == {first}


def test_a_delivery_overlapping_another_leaves_one_file(trainer, issued_batch, monkeypatch):
    import certificates.issuance.bundles as bundles

    folder = f"certificate-bundles/{issued_batch.region_id}"
    before = _files(folder)
    bundle = certificate_bundle_request(batch=issued_batch, kind="merged", by=trainer)
    real, deliveries = bundles._write_merged, []

    def redelivered_meanwhile(*args, **kwargs):
        if not deliveries:
            deliveries.append("second")
            certificate_bundle_task(bundle.pk)  # the second delivery finishes first
        return real(*args, **kwargs)

    monkeypatch.setattr(bundles, "_write_merged", redelivered_meanwhile)
    certificate_bundle_task(bundle.pk)
    bundle.refresh_from_db()
    assert bundle.status == JobStatus.DONE
    assert {f"{folder}/{name}" for name in _files(folder) - before} == {bundle.pdf_path}


def test_a_second_click_while_pending_reuses_the_bundle(
    client, trainer, issued_batch, django_capture_on_commit_callbacks
):
    client.force_login(trainer)
    url = reverse("certificates:bundle-request", args=[issued_batch.pk])
    with django_capture_on_commit_callbacks(execute=False) as sent:
        first = client.post(url, {"kind": "zip"}, headers=HTMX)
        second = client.post(url, {"kind": "zip"}, headers=HTMX)
        client.post(url, {"kind": "merged"}, headers=HTMX)
    assert first.status_code == second.status_code == 200  # still polling
    assert CertificateBundle.objects.filter(kind=BundleKind.ZIP).count() == 1
    assert CertificateBundle.objects.filter(kind=BundleKind.MERGED).count() == 1
    assert len(sent) == 2  # one task per bundle, not per click
    bundle = CertificateBundle.objects.get(kind=BundleKind.ZIP)
    assert 'hx-trigger="every 1s"' in second.content.decode()
    # The page shows the pending bundle after a reload.
    page = client.get(reverse("certificates:issuance", args=[issued_batch.pk])).content.decode()
    status_url = reverse("certificates:bundle-status", args=[issued_batch.pk, bundle.pk])
    assert status_url in page and "Unduh PDF gabungan (siap cetak)" in page


def test_a_click_on_a_bundle_a_killed_worker_left_behind_sends_it_again(
    trainer, issued_batch, django_capture_on_commit_callbacks
):
    import datetime

    from django.utils import timezone

    # given: a bundle claimed by a worker that was killed (RUNNING, long ago)
    bundle = certificate_bundle_request(batch=issued_batch, kind="zip", by=trainer)
    old = timezone.now() - datetime.timedelta(hours=1)
    CertificateBundle.objects.filter(pk=bundle.pk).update(status=JobStatus.RUNNING, created_at=old)
    # when: the trainer clicks again
    with django_capture_on_commit_callbacks(execute=True):
        again = certificate_bundle_request(batch=issued_batch, kind="zip", by=trainer)
    # then: the same bundle, built now
    again.refresh_from_db()
    assert again.pk == bundle.pk and again.status == JobStatus.DONE


def test_a_download_before_the_bundle_is_built_is_refused(client, trainer, issued_batch):
    bundle = certificate_bundle_request(batch=issued_batch, kind="zip", by=trainer)
    client.force_login(trainer)
    args = [issued_batch.pk, bundle.pk]
    assert client.get(reverse("certificates:bundle-download", args=args)).status_code == 404
    status = client.get(reverse("certificates:bundle-status", args=args), headers=HTMX)
    assert status.status_code == 200 and "Menyusun ZIP" in status.content.decode()
    certificate_bundle_task(bundle.pk)
    status = client.get(reverse("certificates:bundle-status", args=args), headers=HTMX)
    assert status.status_code == 286


def test_a_batch_without_issued_certificates_gets_a_clear_message(client, region, trainer):
    batch = confirmed_batch(region=region, trainer=trainer, count=2, name="Belum Terbit")
    with pytest.raises(CertificationError, match="Belum ada sertifikat terbit"):
        certificate_bundle_request(batch=batch, kind="zip", by=trainer)
    client.force_login(trainer)
    url = reverse("certificates:bundle-request", args=[batch.pk])
    response = client.post(url, {"kind": "merged"}, headers=HTMX)
    assert response.status_code == 200
    assert "Belum ada sertifikat terbit" in response.content.decode()
    response = client.post(url, {"kind": "nonsense"}, headers=HTMX)
    assert "Jenis unduhan tidak dikenal" in response.content.decode()
    assert not CertificateBundle.objects.exists()


def test_revoking_every_certificate_before_the_build_fails_the_bundle_visibly(
    trainer, issued_batch
):
    bundle = certificate_bundle_request(batch=issued_batch, kind="zip", by=trainer)
    for cert in _live(issued_batch):
        certificate_revoke(cert=cert, by=trainer, reason="Ditarik")
    with pytest.raises(CertificationError):
        certificate_bundle_task(bundle.pk)
    bundle.refresh_from_db()
    assert bundle.status == JobStatus.FAILED and "Tidak ada sertifikat terbit" in bundle.error


def test_a_damaged_stored_pdf_fails_the_merged_bundle_instead_of_spinning(trainer, issued_batch):
    cert = _live(issued_batch)[0]
    name = private_storage.save("certificates/broken.pdf", io.BytesIO(b"not a pdf at all"))
    type(cert).objects.filter(pk=cert.pk).update(pdf=name)
    bundle = certificate_bundle_request(batch=issued_batch, kind="merged", by=trainer)
    with pytest.raises(PdfError):
        certificate_bundle_task(bundle.pk)
    bundle.refresh_from_db()
    assert bundle.status == JobStatus.FAILED and not bundle.pdf_path


@pytest.mark.parametrize("who", ["other_trainer", "assessor", "outsider"])
def test_other_regions_and_non_organisers_get_404(
    client, request, who, trainer, issued_batch, django_capture_on_commit_callbacks
):
    from tests.factories import UserFactory

    with django_capture_on_commit_callbacks(execute=True):
        bundle = certificate_bundle_request(batch=issued_batch, kind="zip", by=trainer)
    user = UserFactory(username="orang-luar") if who == "outsider" else request.getfixturevalue(who)
    client.force_login(user)
    args = [issued_batch.pk, bundle.pk]
    post = client.post(
        reverse("certificates:bundle-request", args=[issued_batch.pk]), {"kind": "zip"}
    )
    assert post.status_code == 404
    assert client.get(reverse("certificates:bundle-status", args=args)).status_code == 404
    assert client.get(reverse("certificates:bundle-download", args=args)).status_code == 404
    assert CertificateBundle.objects.count() == 1


def test_a_bundle_of_another_batch_answers_404_under_this_batch(
    client, region, trainer, issued_batch, django_capture_on_commit_callbacks
):
    other = confirmed_batch(region=region, trainer=trainer, count=1, name="Lain", prefix="lain")
    with django_capture_on_commit_callbacks(execute=True):
        batch_issuance_request(batch=other, by=trainer)
    with django_capture_on_commit_callbacks(execute=True):
        bundle = certificate_bundle_request(batch=other, kind="zip", by=trainer)
    client.force_login(trainer)
    args = [issued_batch.pk, bundle.pk]  # the trainer's own bundle, under the wrong batch
    assert client.get(reverse("certificates:bundle-download", args=args)).status_code == 404


def test_file_names_are_filesystem_safe_and_unique():
    taken: set[str] = set()
    assert bundle_file_name("JBK/3201/2026/00001", taken) == "JBK-3201-2026-00001.pdf"
    assert bundle_file_name("JBK-3201-2026-00001", taken) == "JBK-3201-2026-00001-2.pdf"
    assert bundle_file_name("../../etc/passwd", taken) == "etc-passwd.pdf"
    assert bundle_file_name("A:B\\C*?é", taken) == "A-B-C.pdf"


def test_the_merger_refuses_what_is_not_a_pdf():
    with pytest.raises(PdfError):
        Merger(io.BytesIO()).append(b"%PDF-1.7 but nothing else")


def test_a_missing_stored_pdf_is_retried_then_fails_and_the_bar_says_so(
    client, trainer, issued_batch, monkeypatch
):
    from lms import celery_app

    cert = _live(issued_batch)[0]
    type(cert).objects.filter(pk=cert.pk).update(pdf="certificates/gone-missing.pdf")
    bundle = certificate_bundle_request(batch=issued_batch, kind="zip", by=trainer)
    # Eager retries run inline; they must fail quietly like in a worker, not propagate.
    monkeypatch.setitem(celery_app.conf, "task_eager_propagates", False)
    result = certificate_bundle_task.apply(args=[bundle.pk])
    assert result.failed()
    bundle.refresh_from_db()
    assert bundle.status == JobStatus.FAILED and not bundle.pdf_path
    client.force_login(trainer)
    status_url = reverse("certificates:bundle-status", args=[issued_batch.pk, bundle.pk])
    status = client.get(status_url, headers=HTMX)
    assert status.status_code == 286 and "Gagal menyusun unduhan" in status.content.decode()


def test_after_a_revocation_the_page_offers_a_fresh_bundle_not_the_old_file(
    client, trainer, issued_batch, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        bundle = certificate_bundle_request(batch=issued_batch, kind="zip", by=trainer)
    client.force_login(trainer)
    page_url = reverse("certificates:issuance", args=[issued_batch.pk])
    download_url = reverse("certificates:bundle-download", args=[issued_batch.pk, bundle.pk])
    assert download_url in client.get(page_url).content.decode()
    certificate_revoke(cert=_live(issued_batch)[0], by=trainer, reason="Salah orang")
    assert download_url not in client.get(page_url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        fresh = certificate_bundle_request(batch=issued_batch, kind="zip", by=trainer)
    fresh.refresh_from_db()
    assert fresh.pk != bundle.pk and fresh.total == 2
