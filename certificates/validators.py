"""Identity checks of candidates: the NIK (Nomor Induk Kependudukan)."""

from __future__ import annotations

import datetime
import re

from django.utils.translation import gettext as _

from certificates.exceptions import CertificationError

NIK_RE = re.compile(r"^\d{16}$")
# Province codes of Dukcapil run from 11 (Aceh) to 96 (the Papua provinces of 2022).
PROVINCE_MIN, PROVINCE_MAX = 11, 96


def clean_nik(value: str) -> str:
    """'' or a plausible NIK: 16 digits = region (6), birth date DDMMYY (+40 on the day for
    women), serial (4, not 0000). Spaces and dots people type are removed. Raises
    CertificationError with a message for the person who typed it."""
    nik = re.sub(r"[\s.\-]", "", value or "")
    if not nik:
        return ""
    if not NIK_RE.fullmatch(nik):
        raise CertificationError(_("NIK harus tepat 16 angka."))
    province, regency = int(nik[0:2]), int(nik[2:4])
    if not PROVINCE_MIN <= province <= PROVINCE_MAX or regency == 0:
        raise CertificationError(_("Enam angka pertama NIK bukan kode wilayah yang sah."))
    day, month, year = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    if day > 40:
        day -= 40
    try:
        datetime.date(2000 + year, month, day)
    except ValueError:
        raise CertificationError(
            _("Angka ke-7 sampai ke-12 NIK harus tanggal lahir (HHBBTT).")
        ) from None
    if nik[12:] == "0000":
        raise CertificationError(_("Empat angka terakhir NIK tidak boleh 0000."))
    return nik


def mask_nik(nik: str) -> str:
    """3201********0001: enough to tell two people apart, not enough to use the number."""
    return f"{nik[:4]}{'*' * 8}{nik[12:]}" if nik else ""
