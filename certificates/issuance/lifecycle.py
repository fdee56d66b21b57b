"""Revocation (append-only, with the actor), re-issue after a name correction, expiry reminders,
the holder's "Kirim ke email saya"."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.mail import EmailMessage, send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from certificates import selectors as cert_selectors
from certificates.exceptions import CertificationError
from certificates.issuance.numbering import allocate_numbers, allocate_status_indexes
from certificates.models import (
    Batch,
    CertificateRevocation,
    CertificateStatus,
    IssuedCertificate,
)
from lms.accounts.models import User


def _locked(cert: IssuedCertificate, by: User) -> IssuedCertificate:
    if cert.batch_id:
        Batch.objects.select_for_update().filter(pk=cert.batch_id).first()
    locked = IssuedCertificate.objects.select_for_update(of=("self",)).select_related(
        "batch", "region"
    )
    found = locked.get(pk=cert.pk)
    if found.batch is None or not cert_selectors.can_manage_batch(user=by, batch=found.batch):
        raise CertificationError(_("Hanya pelatih atau staf dinas angkatan ini yang mengelola."))
    return found


@transaction.atomic
def certificate_revoke(*, cert: IssuedCertificate, by: User, reason: str) -> IssuedCertificate:
    """ISSUED -> REVOKED with an append-only record; the number is never given out again."""
    reason = reason.strip()
    if not reason:
        raise CertificationError(_("Tuliskan alasan pencabutan."))
    cert = _locked(cert, by)
    if cert.status != CertificateStatus.ISSUED:
        raise CertificationError(_("Hanya sertifikat yang terbit yang dapat dicabut."))
    CertificateRevocation.objects.create(
        certificate=cert, reason=reason[:500], actor=by, at=timezone.now()
    )
    cert.status = CertificateStatus.REVOKED
    cert.save(update_fields=["status", "updated_at"])
    return cert


@transaction.atomic
def certificate_reissue(
    *, cert: IssuedCertificate, by: User, holder_name: str
) -> IssuedCertificate:
    """A name correction: a new certificate with a new number; the old one is superseded."""
    holder_name = " ".join(holder_name.split())
    if not holder_name:
        raise CertificationError(_("Tuliskan nama yang benar."))
    old = _locked(cert, by)
    if old.status != CertificateStatus.ISSUED:
        raise CertificationError(_("Hanya sertifikat yang terbit yang dapat diterbitkan ulang."))
    if holder_name == old.holder_name:
        raise CertificationError(_("Nama itu sama dengan nama di sertifikat: tidak ada koreksi."))
    today = timezone.localdate()
    series = old.scheme.code if old.scheme_id and old.scheme else "KS"
    [(seq, number)] = allocate_numbers(region=old.region, series=series, year=today.year, count=1)
    [index] = allocate_status_indexes(1)
    old.status = CertificateStatus.SUPERSEDED
    old.save(update_fields=["status", "updated_at"])  # first: one live per decision
    new = IssuedCertificate.objects.create(
        kind=old.kind,
        decision_id=old.decision_id,
        course_completion_id=old.course_completion_id,
        course_id=old.course_id,
        holder_id=old.holder_id,
        holder_name=holder_name,
        region_id=old.region_id,
        scheme_id=old.scheme_id,
        batch_id=old.batch_id,
        run_id=None,
        number=number,
        sequence=seq,
        status_index=index,
        issued_on=today,
        valid_until=old.valid_until,
    )
    IssuedCertificate.objects.filter(pk=old.pk).update(superseded_by=new)
    from certificates.issuance.services import _send_render

    transaction.on_commit(lambda: _send_render([new.pk]))
    return new


def expiry_reminders_send(*, today: datetime.date | None = None) -> int:
    """Mail holders whose certificate expires within the reminder window (once each), and the
    dinas staff of the region the list of who must renew. Console e-mail in the demo."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=max(settings.CERT_REMIND_DAYS_BEFORE))
    due = IssuedCertificate.objects.filter(
        status=CertificateStatus.ISSUED,
        valid_until__gte=today,
        valid_until__lte=horizon,
        reminded_at__isnull=True,
    ).select_related("holder", "region")
    by_region: dict[int, list[IssuedCertificate]] = {}
    sent = 0
    for cert in due:
        if cert.holder.email:
            send_mail(
                _("Sertifikat %(number)s segera berakhir") % {"number": cert.number},
                _("Sertifikat Anda berlaku sampai %(date)s. Hubungi dinas untuk perpanjangan.")
                % {"date": cert.valid_until},
                None,
                [cert.holder.email],
            )
            sent += 1
        by_region.setdefault(cert.region_id, []).append(cert)
        IssuedCertificate.objects.filter(pk=cert.pk).update(reminded_at=timezone.now())
    for region_id, certs in by_region.items():
        _mail_dinas(region_id, certs)
    return sent


def _mail_dinas(region_id: int, certs: list[IssuedCertificate]) -> None:
    from lms.accounts.models import Role, RoleAssignment

    emails = list(
        RoleAssignment.objects.filter(role=Role.DINAS, region_id=region_id)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    if emails:
        lines = [f"{c.number} {c.holder_name} {c.valid_until}" for c in certs]
        send_mail(_("Sertifikat yang harus diperpanjang"), "\n".join(lines), None, emails)


def certificate_email_request(*, cert: IssuedCertificate, by: User) -> str:
    """The holder asks for their PDF by e-mail; the worker sends it. Returns the address.

    Only to the address on the holder's own account, never one typed in a form, so the
    button cannot mail a certificate to a stranger."""
    if cert.holder_id != by.pk:
        raise CertificationError(_("Hanya pemegang sertifikat yang dapat mengirimnya ke email."))
    if cert.status != CertificateStatus.ISSUED or not cert.pdf:
        raise CertificationError(_("Hanya sertifikat yang berlaku yang dapat dikirim ke email."))
    address = (by.email or "").strip()
    if not address:
        raise CertificationError(
            _("Akun Anda belum punya alamat email. Minta guru atau staf dinas mencatatnya.")
        )
    from certificates.tasks import certificate_email_task

    transaction.on_commit(lambda: certificate_email_task.delay(cert.pk))
    return address


def certificate_email_deliver(*, cert_id: int) -> bool:
    """Send the PDF as an attachment to the holder's current address; False when the
    certificate is no longer valid or the address was removed meanwhile (nothing sent)."""
    from lms.storage import private_storage

    cert = (
        IssuedCertificate.objects.filter(pk=cert_id, status=CertificateStatus.ISSUED)
        .exclude(pdf="")
        .select_related("holder")
        .first()
    )
    if cert is None or not cert.holder.email:
        return False
    with private_storage.open(cert.pdf, "rb") as handle:
        content = handle.read()
    message = EmailMessage(
        _("Sertifikat %(number)s") % {"number": cert.number},
        _("Terlampir sertifikat Anda nomor %(number)s. Keasliannya dapat diperiksa di %(url)s")
        % {"number": cert.number, "url": _verify_url(cert)},
        None,
        [cert.holder.email],
    )
    message.attach(_pdf_filename(cert), content, "application/pdf")
    message.send()
    return True


def _verify_url(cert: IssuedCertificate) -> str:
    from certificates.issuance.claims import verify_path

    return f"{settings.SITE_BASE_URL}{verify_path(cert.verify_token)}"


def _pdf_filename(cert: IssuedCertificate) -> str:
    return "sertifikat-" + "".join(c if c.isalnum() else "-" for c in cert.number) + ".pdf"
