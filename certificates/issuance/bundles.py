"""Bulk downloads of a batch's issued certificates, built by the worker (lms/jobs.py).

Two kinds (BundleKind): a ZIP of every live certificate's PDF, named by its number, with a
CSV manifest; and one merged print-ready PDF of the same certificates in number order. Both
are built from the stored PDFs (the documents that were issued), never re-rendered, and
written to a temporary file that is streamed into the private storage: no bundle holds
hundreds of PDFs in memory. The job mechanism gives the claim, the progress, the atomic
write and the failure handling; a double click while a bundle is being built returns it
(and sends it again when it is older than CERT_SWEEP_AFTER_SECONDS: a killed worker).
"""

from __future__ import annotations

import datetime
import shutil
import tempfile
import zipfile
from typing import IO, Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from certificates import selectors as cert_selectors
from certificates.exceptions import CertificationError
from certificates.issuance.merge import Merger
from certificates.issuance.selectors import batch_issued_certificates
from certificates.models import Batch, BundleKind, CertificateBundle, IssuedCertificate
from lms.accounts.models import User
from lms.exports import table_csv
from lms.jobs import OPEN, FileJob, Progress, Rendered, job_run

PROGRESS_EVERY = 10  # certificates between two progress writes
CONTENT_TYPES = {BundleKind.ZIP: "application/zip", BundleKind.MERGED: "application/pdf"}
EXTENSIONS = {BundleKind.ZIP: "zip", BundleKind.MERGED: "pdf"}


def _storage() -> Any:
    from lms.storage import private_storage

    return private_storage


def _send(bundle_id: int) -> None:
    from certificates.tasks import certificate_bundle_task

    certificate_bundle_task.delay(bundle_id)


@transaction.atomic
def certificate_bundle_request(*, batch: Batch, kind: str, by: User) -> CertificateBundle:
    """Queue a bundle of the batch's issued certificates; one being built is returned again."""
    # The batch lock serialises two clicks: both cannot see "no open bundle" and create one.
    batch = Batch.objects.select_for_update().get(pk=batch.pk)
    if not cert_selectors.can_manage_batch(user=by, batch=batch):
        raise CertificationError(_("Hanya pelatih atau staf dinas angkatan ini yang mengunduh."))
    if kind not in BundleKind.values:
        raise CertificationError(_("Jenis unduhan tidak dikenal."))
    pending = CertificateBundle.objects.filter(batch=batch, kind=kind, status__in=OPEN).first()
    if pending is not None:
        if _stale(pending):
            # The embedded broker does not redeliver after a killed worker: send it again
            # (a second build of a live one is harmless: the claim lets one file survive).
            transaction.on_commit(lambda: _send(pending.pk))
        return pending
    total = batch_issued_certificates(batch_id=batch.pk).count()
    if total == 0:
        raise CertificationError(
            _("Belum ada sertifikat terbit di angkatan ini, jadi belum ada yang dapat diunduh.")
        )
    bundle = CertificateBundle.objects.create(batch=batch, kind=kind, requested_by=by, total=total)
    transaction.on_commit(lambda: _send(bundle.pk))
    return bundle


def _stale(bundle: CertificateBundle) -> bool:
    age = timezone.now() - bundle.created_at
    return age > datetime.timedelta(seconds=settings.CERT_SWEEP_AFTER_SECONDS)


def bundle_file_name(number: str, taken: set[str]) -> str:
    """`JBK/3201/2026/00001` -> `JBK-3201-2026-00001.pdf`; unique within the archive."""
    safe = "".join(c if c.isascii() and (c.isalnum() or c in "-_.") else "-" for c in number)
    safe = safe.strip(".-") or "sertifikat"
    name, n = f"{safe}.pdf", 1
    while name in taken:
        n += 1
        name = f"{safe}-{n}.pdf"
    taken.add(name)
    return name


def bundle_download_name(bundle: CertificateBundle) -> str:
    stem = f"sertifikat-{slugify(bundle.batch.name) or bundle.batch_id}"
    if bundle.kind == BundleKind.MERGED:
        stem += "-gabungan"
    return f"{stem}.{EXTENSIONS[BundleKind(bundle.kind)]}"


def _certificates(bundle: CertificateBundle) -> Any:
    return (
        batch_issued_certificates(batch_id=bundle.batch_id)
        .only("number", "holder_name", "status", "pdf", "valid_until")
        .iterator(chunk_size=200)
    )


def _render(bundle: CertificateBundle, progress: Progress) -> Rendered:
    out = tempfile.TemporaryFile()  # noqa: SIM115 (closed by lms.jobs after it is stored)
    try:
        if bundle.kind == BundleKind.ZIP:
            count = _write_zip(bundle, out, progress)
        else:
            count = _write_merged(bundle, out, progress)
    except BaseException:
        out.close()
        raise
    if count == 0:
        out.close()
        raise CertificationError(_("Tidak ada sertifikat terbit lagi di angkatan ini."))
    out.seek(0)
    return Rendered(content=out, count=count)


def _write_zip(bundle: CertificateBundle, out: IO[bytes], progress: Progress) -> int:
    storage, taken = _storage(), set[str]()
    manifest: list[list[Any]] = [
        [_("Nomor sertifikat"), _("Nama pemegang"), _("Status"), _("Berlaku sampai"), _("Berkas")]
    ]
    # PDFs are compressed already: stored as they are; the manifest is deflated.
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED) as archive:
        for cert in _certificates(bundle):
            name = bundle_file_name(cert.number, taken)
            with storage.open(cert.pdf, "rb") as src, archive.open(name, "w") as dst:
                shutil.copyfileobj(src, dst)  # one PDF at a time, in chunks
            manifest.append(_manifest_row(cert, name))
            _tick(progress, len(manifest) - 1)
        archive.writestr("daftar-sertifikat.csv", table_csv(manifest), zipfile.ZIP_DEFLATED)
    return len(manifest) - 1


def _manifest_row(cert: IssuedCertificate, name: str) -> list[Any]:
    valid = cert.valid_until.isoformat() if cert.valid_until else ""
    # holder_name is what the trainer sees on the issuance page (masked after an erasure).
    return [cert.number, cert.holder_name, cert.get_status_display(), valid, name]


def _write_merged(bundle: CertificateBundle, out: IO[bytes], progress: Progress) -> int:
    storage, merger, count = _storage(), Merger(out), 0
    for cert in _certificates(bundle):
        with storage.open(cert.pdf, "rb") as src:
            merger.append(src.read())  # one certificate (two pages) in memory at a time
        count += 1
        _tick(progress, count)
    merger.finish()
    return count


def _tick(progress: Progress, done: int) -> None:
    if done % PROGRESS_EVERY == 0:
        progress(done)


def _path(bundle: CertificateBundle) -> str:
    extension = EXTENSIONS[BundleKind(bundle.kind)]
    return f"certificate-bundles/{bundle.batch.region_id}/{bundle.batch_id}-{bundle.pk}.{extension}"


# The file job behind bundles (lms/jobs.py: claim, render, write, progress, failure).
CERTIFICATE_BUNDLES = FileJob(
    model=CertificateBundle,
    path=_path,
    render=_render,
    select_related=("batch",),
)


def certificate_bundle_build(*, bundle_id: int) -> CertificateBundle:
    """Build the bundle. Safe to run twice, also at the same time: one file survives."""
    bundle: CertificateBundle = job_run(CERTIFICATE_BUNDLES, bundle_id)
    return bundle
