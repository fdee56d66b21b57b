"""Recording externally issued LSP/BNSP certificates (Kopsis never produces them)."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from certificates.exceptions import CertificationError
from certificates.models import ExternalCertificate
from certificates.selectors import staff_region_ids
from certificates.uploads import sniff_evidence
from lms.accounts.models import Role


def _check_record(
    region: Any,
    by: Any,
    required: tuple[str, ...],
    *,
    issued_on: datetime.date,
    expires_on: datetime.date | None,
) -> None:
    """The recorder works in the region, the dates are in order, the required texts are given."""
    if region.pk not in staff_region_ids(user=by, roles=(Role.TRAINER, Role.DINAS)):
        raise CertificationError(_("Anda bukan pelatih atau staf dinas di wilayah ini."))
    if expires_on is not None and expires_on < issued_on:
        raise CertificationError(_("Tanggal berlaku sampai tidak boleh sebelum tanggal terbit."))
    if not all(text.strip() for text in required):
        raise CertificationError(_("Nama, nomor, penerbit dan skema wajib diisi."))


def _save_scan(scan: bytes) -> str:
    """The scan (a PDF or image, sniffed) saved under a random name in private storage."""
    from lms.storage import private_storage

    _content_type, extension = sniff_evidence(scan)
    return private_storage.save(
        f"certificates/external/{uuid.uuid4().hex}.{extension}", ContentFile(scan)
    )


@transaction.atomic
def external_certificate_record(
    *,
    region: Any,
    by: Any,
    holder_name: str,
    number: str,
    issuer: str,
    scheme_name: str,
    issued_on: datetime.date,
    expires_on: datetime.date | None = None,
    cooperative_name: str = "",
    scan: bytes | None = None,
    verified: bool = False,
) -> ExternalCertificate:
    """Record one; the number is opaque. An issuer + number already recorded is refused."""
    required = (holder_name, number, issuer, scheme_name)
    _check_record(region, by, required, issued_on=issued_on, expires_on=expires_on)
    path = _save_scan(scan) if scan else ""
    try:
        with transaction.atomic():
            return ExternalCertificate.objects.create(
                region=region,
                holder_name=holder_name.strip(),
                cooperative_name=cooperative_name.strip(),
                number=number.strip(),
                issuer=issuer.strip(),
                scheme_name=scheme_name.strip(),
                issued_on=issued_on,
                expires_on=expires_on,
                scan_path=path,
                verified_by=by if verified else None,
                verified_at=timezone.now() if verified else None,
                recorded_by=by,
            )
    except IntegrityError:  # the issuer + number is recorded already, maybe a moment ago
        raise _already_recorded(path, number=number, issuer=issuer) from None


def _already_recorded(scan_path: str, *, number: str, issuer: str) -> CertificationError:
    """The refusal of a second record, once the scan saved for it is deleted again."""
    from lms.storage import private_storage

    if scan_path:
        private_storage.delete(scan_path)
    return CertificationError(
        _("Sertifikat nomor %(n)s dari %(i)s sudah dicatat.") % {"n": number, "i": issuer}
    )
