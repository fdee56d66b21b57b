"""Parse a file of competency units (CSV or XLSX) into rows with their own errors.

One row per unit. Columns (Indonesian headers): kode_skema, versi, kode_unit, judul_unit,
wajib (ya/tidak), elemen (elements separated by "|"), kuk (one group per element separated by
"|", criteria inside a group separated by ";"), instrumen (tulis, praktik, observasi,
portofolio; comma separated), deskripsi (optional).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from certificates.exceptions import UnitFileError
from certificates.models import Method, Scheme
from lms.exports import FORMULA_STARTS
from lms.spreadsheets import SpreadsheetError, header_columns, read_rows, row_cell

MAX_UNIT_ROWS = 200
MAX_UNIT_FILE_BYTES = 1024 * 1024
HEADER_ALIASES = {
    "kode_skema": "scheme",
    "kode skema": "scheme",
    "skema": "scheme",
    "versi": "version",
    "kode_unit": "code",
    "kode unit": "code",
    "judul_unit": "title",
    "judul unit": "title",
    "judul": "title",
    "wajib": "required",
    "elemen": "elements",
    "kuk": "criteria",
    "kriteria unjuk kerja": "criteria",
    "instrumen": "methods",
    "deskripsi": "description",
}
REQUIRED_COLUMNS = ("scheme", "version", "code", "title", "elements", "criteria")
YES = {"ya", "y", "wajib", "1", "true", "yes"}
NO = {"tidak", "t", "opsional", "pilihan", "0", "false", "no"}


@dataclass
class UnitRow:
    line: int
    code: str
    title: str
    required: bool = True
    description: str = ""
    elements: list[tuple[str, list[str]]] = field(default_factory=list)
    methods: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _read(data: bytes, filename: str) -> list[list[str]]:
    # The shared reader handles CSV dialects, encodings and XLSX (bombs included) safely.
    try:
        return [cells for _line, cells in read_rows(data, filename)]
    except SpreadsheetError as exc:
        raise UnitFileError(str(exc)) from exc


def parse_units(data: bytes, filename: str, *, scheme: Scheme) -> list[UnitRow]:
    """One UnitRow per data line; the file as a whole may raise UnitFileError."""
    if len(data) > MAX_UNIT_FILE_BYTES:
        raise UnitFileError(_("Berkas terlalu besar (maksimal 1 MB)."))
    rows = [r for r in _read(data, filename) if any(r)] if data.strip() else []
    if not rows:
        raise UnitFileError(_("Berkas kosong."))
    columns = header_columns(rows[0], HEADER_ALIASES)
    if any(c not in columns for c in REQUIRED_COLUMNS):
        raise UnitFileError(
            _(
                "Baris judul harus memuat kolom kode_skema, versi, kode_unit, judul_unit, "
                "elemen dan kuk (opsional: wajib, instrumen, deskripsi)."
            )
        )
    if len(rows) == 1:
        raise UnitFileError(_("Berkas hanya berisi baris judul, tanpa unit."))
    if len(rows) - 1 > MAX_UNIT_ROWS:
        raise UnitFileError(_("Terlalu banyak baris (maksimal %(n)s unit).") % {"n": MAX_UNIT_ROWS})
    parsed: list[UnitRow] = []
    seen: dict[str, int] = {}
    for line, raw in enumerate(rows[1:], start=2):

        def cell(column: str, raw: list[str] = raw) -> str:
            return row_cell(raw, columns, column)

        row = UnitRow(line, cell("code"), cell("title"), description=cell("description"))
        _check(row, raw, cell, scheme)
        if row.code:
            if row.code in seen:
                row.errors.append(
                    _("Kode unit %(code)s ganda (sudah ada di baris %(line)s).")
                    % {"code": row.code, "line": seen[row.code]}
                )
            else:
                seen[row.code] = line
        parsed.append(row)
    return parsed


def _check(row: UnitRow, raw: list[str], cell: Callable[[str], str], scheme: Scheme) -> None:
    if any(v.startswith(FORMULA_STARTS) for v in raw if v):
        row.errors.append(_("Sel berisi rumus (diawali =, +, - atau @) tidak diterima."))
    scheme_code, version = cell("scheme"), cell("version")
    if scheme_code != scheme.code or version != str(scheme.version):
        row.errors.append(
            _("Unit ini milik skema %(got)s, bukan %(want)s.")
            % {
                "got": f"{scheme_code or '?'} v{version or '?'}",
                "want": f"{scheme.code} v{scheme.version}",
            }
        )
    if not row.code:
        row.errors.append(_("Kode unit kosong."))
    elif len(row.code) > 40:
        row.errors.append(_("Kode unit terlalu panjang (maksimal 40 karakter)."))
    if not row.title:
        row.errors.append(_("Judul unit kosong."))
    elif len(row.title) > 250:
        row.errors.append(_("Judul unit terlalu panjang (maksimal 250 karakter)."))
    required = cell("required").lower()
    if required in NO:
        row.required = False
    elif required and required not in YES:
        row.errors.append(_("Kolom wajib harus 'ya' atau 'tidak'."))
    _check_elements(row, cell("elements"), cell("criteria"))
    _check_methods(row, cell("methods"))


def _check_elements(row: UnitRow, elements_cell: str, criteria_cell: str) -> None:
    """Elements split on "|", one KUK group per element (criteria split on ";")."""
    elements = [e.strip() for e in elements_cell.split("|") if e.strip()]
    groups = list(criteria_cell.split("|"))
    if not elements:
        row.errors.append(_("Unit harus punya paling sedikit satu elemen."))
    elif len(groups) != len(elements):
        row.errors.append(
            _("Jumlah kelompok KUK (%(k)s) tidak sama dengan jumlah elemen (%(e)s).")
            % {"k": len(groups), "e": len(elements)}
        )
    else:
        for title, group in zip(elements, groups, strict=True):
            criteria = [c.strip() for c in group.split(";") if c.strip()]
            if not criteria:
                row.errors.append(_('Elemen "%(e)s" tanpa KUK.') % {"e": title})
            row.elements.append((title, criteria))


def _check_methods(row: UnitRow, methods_cell: str) -> None:
    """Known assessment methods, comma separated, each kept once in the order given."""
    for method in (m.strip().lower() for m in methods_cell.split(",") if m.strip()):
        if method not in Method.values:
            row.errors.append(
                _('Instrumen "%(m)s" tidak dikenal (pilih: tulis, praktik, observasi, portofolio).')
                % {"m": method}
            )
        elif method not in row.methods:
            row.methods.append(method)
