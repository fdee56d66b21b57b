"""Parse a roster of candidates (CSV or XLSX) into rows with their own errors, no database.

One row per candidate. Columns (Indonesian headers): nama, nik (optional), hp and/or surel
(at least one), koperasi, badan_hukum (the legal number of a cooperative outside Kopsis),
jabatan, jalur (dewasa/pelajar, default dewasa), username (optional).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from certificates.exceptions import CertificationError
from certificates.models import Track
from certificates.validators import clean_nik
from lms.exports import FORMULA_STARTS
from lms.schools.roster import person_name_errors, username_error
from lms.spreadsheets import SpreadsheetError, header_columns, read_rows, row_cell

HEADER_ALIASES = {
    "nama": "name",
    "nama lengkap": "name",
    "nik": "nik",
    "hp": "phone",
    "no hp": "phone",
    "nomor hp": "phone",
    "telepon": "phone",
    "surel": "email",
    "email": "email",
    "e-mail": "email",
    "koperasi": "coop",
    "nama koperasi": "coop",
    "badan_hukum": "legal",
    "badan hukum": "legal",
    "nomor badan hukum": "legal",
    "jabatan": "role",
    "jalur": "track",
    "username": "username",
    "nama pengguna": "username",
}
REQUIRED_COLUMNS = ("name", "coop", "role")
PHONE_RE = re.compile(r"^(\+62|62|0)8\d{7,12}$")
TRACKS = {
    "": Track.ADULT,
    "dewasa": Track.ADULT,
    "pelajar": Track.STUDENT,
    "sekolah": Track.STUDENT,
}


@dataclass
class CandidateRow:
    line: int
    name: str
    nik: str
    phone: str
    email: str
    coop_name: str
    legal_number: str
    role: str
    track: str
    username: str
    errors: list[str] = field(default_factory=list)
    coop_id: int | None = None  # a Kopsis cooperative, matched by the service


def parse_candidates(data: bytes, filename: str) -> list[CandidateRow]:
    """One CandidateRow per data line; the file as a whole may raise CertificationError."""
    rows = _read_file(data, filename)
    columns = _columns(rows)
    parsed = []
    for line, raw in rows[1:]:
        row = _candidate_row(line, raw, columns)
        _check(row, raw)
        parsed.append(row)
    return parsed


def _read_file(data: bytes, filename: str) -> list[tuple[int, list[str]]]:
    """The file's non-empty rows, header first; too large, unreadable or empty is refused."""
    if len(data) > settings.ROSTER_MAX_UPLOAD_BYTES:
        raise CertificationError(
            _("Berkas terlalu besar (maksimal %(mb)s MB).")
            % {"mb": settings.ROSTER_MAX_UPLOAD_BYTES // (1024 * 1024)}
        )
    try:
        rows = read_rows(data, filename) if data.strip() else []
    except SpreadsheetError as exc:
        raise CertificationError(str(exc)) from exc
    if not rows:
        raise CertificationError(_("Berkas kosong."))
    return rows


def _columns(rows: list[tuple[int, list[str]]]) -> dict[str, int]:
    """The header's known columns, once the required ones are there and data rows follow."""
    columns = header_columns(rows[0][1], HEADER_ALIASES)
    if any(c not in columns for c in REQUIRED_COLUMNS) or not {"phone", "email"} & set(columns):
        raise CertificationError(
            _(
                "Baris judul harus memuat kolom nama, koperasi, jabatan dan hp atau surel "
                "(opsional: nik, badan_hukum, jalur, username)."
            )
        )
    if len(rows) == 1:
        raise CertificationError(_("Berkas hanya berisi baris judul, tanpa data peserta."))
    return columns


def _candidate_row(line: int, raw: list[str], columns: dict[str, int]) -> CandidateRow:
    """The row's cells, normalised (phone without separators; e-mail, track, username lower)."""

    def cell(column: str) -> str:
        return row_cell(raw, columns, column)

    return CandidateRow(
        line,
        name=cell("name"),
        nik=cell("nik"),
        phone=re.sub(r"[\s\-.()]", "", cell("phone")),
        email=cell("email").lower(),
        coop_name=cell("coop"),
        legal_number=cell("legal"),
        role=cell("role"),
        track=cell("track").lower(),
        username=cell("username").lower(),
    )


def _is_formula(value: str) -> bool:
    # "+62 812 ..." is a phone number, not a formula.
    return value.startswith(FORMULA_STARTS) and not re.fullmatch(r"\+[\d\s\-]+", value)


def _check(row: CandidateRow, raw: list[str]) -> None:
    if any(_is_formula(value) for value in raw if value):
        row.errors.append(_("Sel berisi rumus (diawali =, +, - atau @) tidak diterima."))
    _check_person(row)
    _check_cooperative(row)
    if row.track not in TRACKS:
        row.errors.append(_("Jalur harus 'dewasa' atau 'pelajar'."))
    else:
        row.track = TRACKS[row.track]
    if row.username and (error := username_error(row.username)):
        row.errors.append(error)


def _check_person(row: CandidateRow) -> None:
    """Name, NIK (normalised in place) and a phone number or an e-mail address to reach them."""
    row.errors.extend(person_name_errors(row.name))
    try:
        row.nik = clean_nik(row.nik)
    except CertificationError as exc:
        row.errors.append(str(exc))
    if not row.phone and not row.email:
        row.errors.append(_("Isi nomor HP atau surel agar peserta dapat dihubungi."))
    if row.phone and not PHONE_RE.fullmatch(row.phone):
        row.errors.append(_("Nomor HP tidak sah (contoh: 081234567890)."))
    if row.email:
        try:
            validate_email(row.email)
        except ValidationError:
            row.errors.append(_("Alamat surel tidak sah."))


# same shape as unit_import._check's code and title limits on purpose: each limit is its own
# column's length in the database and its own Indonesian message.
def _check_cooperative(row: CandidateRow) -> None:
    """The cooperative's name, its legal number and the candidate's role there, within limits."""
    if not row.coop_name:
        row.errors.append(_("Nama koperasi kosong."))
    elif len(row.coop_name) > 200:
        row.errors.append(_("Nama koperasi terlalu panjang (maksimal 200 karakter)."))
    if len(row.legal_number) > 80:
        row.errors.append(_("Nomor badan hukum terlalu panjang (maksimal 80 karakter)."))
    if not row.role:
        row.errors.append(_("Jabatan di koperasi kosong."))
    elif len(row.role) > 80:
        row.errors.append(_("Jabatan terlalu panjang (maksimal 80 karakter)."))
