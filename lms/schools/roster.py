"""Parse and validate a class roster (CSV or XLSX) without touching the database."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _

from lms.exports import FORMULA_STARTS
from lms.schools.validators import NISN_RE

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


class RosterFileError(Exception):
    """The file as a whole cannot be read; the message is user-facing."""


@dataclass
class RosterRow:
    line: int
    name: str
    nisn: str
    class_name: str
    username: str
    errors: list[str] = field(default_factory=list)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():  # XLSX numbers: a class "8" is 8.0
        value = int(value)
    return str(value).strip()


def _read_rows(data: bytes, filename: str) -> list[list[str]]:
    # XLSX is a zip file (its magic number), whatever the file is called.
    if data.startswith(b"PK\x03\x04") or filename.lower().endswith(".xlsx"):
        return _read_xlsx(data)
    if b"\x00" in data[:4096]:  # NUL bytes: a binary file (.xls, a PDF), not text
        raise RosterFileError(
            _("Berkas bukan CSV atau XLSX. Simpan daftar siswa sebagai .csv atau .xlsx.")
        )
    # Excel's "CSV UTF-8" starts with a BOM; older Windows Excel writes cp1252.
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes nearly anything
        raise RosterFileError(_("Berkas tidak dapat dibaca sebagai teks."))
    # Excel in an Indonesian locale separates with ";" (the comma is the decimal sign).
    try:
        dialect = csv.Sniffer().sniff(text[:2048], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [[_cell_text(c) for c in row] for row in csv.reader(io.StringIO(text), dialect)]


def _read_xlsx(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        # data_only=False keeps formulas as text so "=HYPERLINK(...)" is caught, not evaluated.
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise RosterFileError(_("Berkas XLSX rusak atau bukan lembar kerja Excel.")) from exc
    sheet = workbook.worksheets[0]
    rows = []
    for row in sheet.iter_rows(values_only=True):
        rows.append([_cell_text(c) for c in row])
        if len(rows) > settings.ROSTER_MAX_ROWS + 1:
            break
    workbook.close()
    return rows


def check_upload_size(size: int) -> None:
    if size > settings.ROSTER_MAX_UPLOAD_BYTES:
        limit_mb = settings.ROSTER_MAX_UPLOAD_BYTES // (1024 * 1024)
        raise RosterFileError(_("Berkas terlalu besar (maksimal %(mb)s MB).") % {"mb": limit_mb})


def parse_roster(data: bytes, filename: str) -> list[RosterRow]:
    """Return one RosterRow per data line, each carrying its own errors."""
    check_upload_size(len(data))
    if not data.strip():
        raise RosterFileError(_("Berkas kosong."))
    rows = [r for r in _read_rows(data, filename) if any(cell for cell in r)]
    if not rows:
        raise RosterFileError(_("Berkas kosong."))
    header = [HEADER_ALIASES.get(h.strip().lower(), "") for h in rows[0]]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
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
    index = {name: header.index(name) for name in set(header) if name}
    parsed = []
    for offset, raw in enumerate(rows[1:], start=2):  # line numbers as the spreadsheet shows
        # `raw` bound as a default: each row's helper reads its own row.
        def cell(column: str, raw: list[str] = raw) -> str:
            position = index.get(column)
            return raw[position] if position is not None and position < len(raw) else ""

        row = RosterRow(offset, cell("name"), cell("nisn"), cell("class"), cell("username").lower())
        _check_row(row, raw)
        parsed.append(row)
    return parsed


def _check_row(row: RosterRow, raw: list[str]) -> None:
    if any(value.startswith(FORMULA_STARTS) for value in raw if value):
        row.errors.append(_("Sel berisi rumus (diawali =, +, - atau @) tidak diterima."))
    if not row.name:
        row.errors.append(_("Nama kosong."))
    elif len(row.name) > 150:
        row.errors.append(_("Nama terlalu panjang (maksimal 150 karakter)."))
    if row.nisn and not NISN_RE.fullmatch(row.nisn):
        row.errors.append(_("NISN harus tepat 10 angka."))
    if not row.class_name:
        row.errors.append(_("Kelas kosong."))
    if row.username and not USERNAME_RE.fullmatch(row.username):
        row.errors.append(
            _("Username hanya boleh huruf kecil, angka, titik atau garis bawah (3–30 karakter).")
        )
