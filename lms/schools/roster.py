"""Parse and validate a class roster (CSV or XLSX) without touching the database."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from lms.exports import FORMULA_STARTS
from lms.schools.validators import NISN_RE, validate_person_name
from lms.spreadsheets import SpreadsheetError, header_columns, read_rows, row_cell

HEADER_ALIASES = {
    "nama": "name",
    "name": "name",
    "nama lengkap": "name",
    "nama siswa": "name",
    "nisn": "nisn",
    "kelas": "class",
    "class": "class",
    "rombel": "class",
    "username": "username",
    "nama pengguna": "username",
}
REQUIRED_COLUMNS = ("name", "class")
USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9._]{2,29}$")


def username_error(username: str) -> str:
    """Why `username` cannot be a login name ("" when it can); shared by every people import."""
    if USERNAME_RE.fullmatch(username):
        return ""
    return _("Username hanya boleh huruf kecil, angka, titik atau garis bawah (3–30 karakter).")


def person_name_errors(name: str) -> list[str]:
    """Why a name read from a file cannot be used: it is empty, or validate_person_name says."""
    if not name:
        return [_("Nama kosong.")]
    try:
        validate_person_name(name)
    except ValidationError as exc:
        return list(exc.messages)
    return []


# The shared reader's error keeps its historical name here (views catch it).
RosterFileError = SpreadsheetError


@dataclass
class RosterRow:
    line: int
    name: str
    nisn: str
    class_name: str
    username: str
    errors: list[str] = field(default_factory=list)


def check_upload_size(size: int) -> None:
    if size > settings.ROSTER_MAX_UPLOAD_BYTES:
        limit_mb = settings.ROSTER_MAX_UPLOAD_BYTES // (1024 * 1024)
        raise RosterFileError(_("Berkas terlalu besar (maksimal %(mb)s MB).") % {"mb": limit_mb})


def parse_roster(data: bytes, filename: str) -> list[RosterRow]:
    """Return one RosterRow per data line, each carrying its own errors."""
    check_upload_size(len(data))
    if not data.strip():
        raise RosterFileError(_("Berkas kosong."))
    rows = read_rows(data, filename)
    if not rows:
        raise RosterFileError(_("Berkas kosong."))
    columns = header_columns(rows[0][1], HEADER_ALIASES)
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise RosterFileError(
            _("Baris judul harus memuat kolom 'nama' dan 'kelas' (opsional: 'nisn', 'username').")
        )
    if len(rows) - 1 > settings.ROSTER_MAX_ROWS:
        raise RosterFileError(
            _("Terlalu banyak baris (maksimal %(n)s siswa per impor).")
            % {"n": settings.ROSTER_MAX_ROWS}
        )
    if len(rows) == 1:
        raise RosterFileError(_("Berkas hanya berisi baris judul, tanpa data siswa."))
    parsed = []
    for line, raw in rows[1:]:
        name, nisn, class_name, username = (
            row_cell(raw, columns, c) for c in ("name", "nisn", "class", "username")
        )
        row = RosterRow(line, name, nisn, class_name, username.lower())
        _check_row(row, raw)
        parsed.append(row)
    return parsed


def _check_row(row: RosterRow, raw: list[str]) -> None:
    if any(value.startswith(FORMULA_STARTS) for value in raw if value):
        row.errors.append(_("Sel berisi rumus (diawali =, +, - atau @) tidak diterima."))
    if any("\n" in value or "\r" in value for value in raw):
        row.errors.append(
            _(
                'Sel berisi baris baru. Di CSV biasanya ini tanda kutip (") yang tidak ditutup, '
                "sehingga beberapa baris terbaca sebagai satu. Periksa baris ini dan sesudahnya."
            )
        )
    row.errors.extend(person_name_errors(row.name))
    if row.nisn and not NISN_RE.fullmatch(row.nisn):
        row.errors.append(_("NISN harus tepat 10 angka."))
    if not row.class_name:
        row.errors.append(_("Kelas kosong."))
    if row.username and (error := username_error(row.username)):
        row.errors.append(error)
