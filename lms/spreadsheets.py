"""Read a spreadsheet (CSV or XLSX) into rows of text cells, safely.

The one reader behind every import (class rosters, certification candidates, competency
units): CSV dialects and encodings (Excel's BOM, cp1252), XLSX through openpyxl after the zip
container is checked for bombs (sizes, rows, cells, columns), formulas kept as text. Limits come
from settings.ROSTER_MAX_*; every message is user-facing Indonesian.
"""

from __future__ import annotations

import csv
import io
import zipfile

from django.conf import settings
from django.utils.translation import gettext as _

# A workbook has about a dozen parts; a roster of 500 rows needs a few thousand strings.
XLSX_MAX_MEMBERS = 200
XLSX_MAX_SHARED_STRINGS = 50_000


class SpreadsheetError(Exception):
    """The file as a whole cannot be read; the message is user-facing."""


def read_rows(data: bytes, filename: str) -> list[tuple[int, list[str]]]:
    """(line number, cells) for every non-empty row, header included."""
    return _read_rows(data, filename)


def header_columns(cells: list[str], aliases: dict[str, str]) -> dict[str, int]:
    """{column: position} of the header cells an alias names (case and outer spaces aside);
    a column named twice is read from its first place, an unknown header is ignored."""
    header = [aliases.get(h.strip().lower(), "") for h in cells]
    return {name: header.index(name) for name in set(header) if name}


def row_cell(raw: list[str], columns: dict[str, int], column: str) -> str:
    """The row's text in `column`; "" when the file has no such column or the row is short."""
    position = columns.get(column)
    return raw[position].strip() if position is not None and position < len(raw) else ""


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():  # XLSX numbers: a class "8" is 8.0
        value = int(value)
    return str(value).strip()


def _too_many_rows() -> SpreadsheetError:
    return SpreadsheetError(
        _("Terlalu banyak baris (maksimal %(n)s baris data per impor).")
        % {"n": settings.ROSTER_MAX_ROWS}
    )


def _cell_too_long(line: int | None = None) -> SpreadsheetError:
    limit = settings.ROSTER_MAX_CELL_CHARS
    if line is None:
        return SpreadsheetError(
            _("Ada sel yang terlalu panjang (maksimal %(n)s karakter per sel).") % {"n": limit}
        )
    return SpreadsheetError(
        _("Baris %(line)s: sel terlalu panjang (maksimal %(n)s karakter per sel).")
        % {"line": line, "n": limit}
    )


def _read_rows(data: bytes, filename: str) -> list[tuple[int, list[str]]]:
    """(line number, cells) for every non-empty row, header included."""
    if data.startswith(b"PK\x03\x04") or filename.lower().endswith(".xlsx"):
        return _read_xlsx(data)
    if b"\x00" in data[:4096]:  # NUL bytes: a binary file (.xls, a PDF), not text
        raise SpreadsheetError(
            _("Berkas bukan CSV atau XLSX. Simpan daftarnya sebagai .csv atau .xlsx.")
        )
    # Excel's "CSV UTF-8" starts with a BOM; older Windows Excel writes cp1252.
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes nearly anything
        raise SpreadsheetError(_("Berkas tidak dapat dibaca sebagai teks."))
    return _read_csv(text)


def _read_csv(text: str) -> list[tuple[int, list[str]]]:
    try:
        dialect = csv.Sniffer().sniff(text[:2048], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    rows: list[tuple[int, list[str]]] = []
    line = 1
    try:
        for raw in reader:
            # A row's first physical line; a quoted cell may span lines (then it is reported).
            start, line = line, reader.line_num + 1
            if len(raw) > settings.ROSTER_MAX_COLUMNS:
                raise _too_many_columns()
            if any(len(cell) > settings.ROSTER_MAX_CELL_CHARS for cell in raw):
                raise _cell_too_long(start)
            cells = [_cell_text(cell) for cell in raw]
            if any(cells):
                rows.append((start, cells))
            if len(rows) > settings.ROSTER_MAX_ROWS + 1:
                raise _too_many_rows()
    except csv.Error as exc:  # e.g. a field beyond csv.field_size_limit()
        raise _cell_too_long(line) from exc
    return rows


def _too_many_columns() -> SpreadsheetError:
    return SpreadsheetError(
        _("Terlalu banyak kolom (maksimal %(n)s kolom).") % {"n": settings.ROSTER_MAX_COLUMNS}
    )


def _xlsx_corrupt() -> SpreadsheetError:
    return SpreadsheetError(_("Berkas XLSX rusak atau bukan lembar kerja Excel."))


def _check_xlsx_container(data: bytes) -> None:
    """Refuse a zip bomb before openpyxl opens it: sizes, cells and rows, read as a stream.

    zipfile never returns more than a member's declared size (and then checks the CRC), so
    capping the declared sizes caps what openpyxl can ever decompress.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _xlsx_corrupt() from exc
    with archive:
        members = archive.infolist()
        limit = settings.ROSTER_MAX_UNPACKED_BYTES
        if len(members) > XLSX_MAX_MEMBERS or sum(m.file_size for m in members) > limit:
            raise SpreadsheetError(
                _(
                    "Isi berkas XLSX ini terlalu besar setelah dibuka (maksimal %(mb)s MB). "
                    "Simpan ulang hanya daftarnya di lembar pertama, atau simpan sebagai CSV."
                )
                % {"mb": limit // (1024 * 1024)}
            )
        for info in members:
            if info.filename.endswith((".xml", ".rels")):
                _scan_xlsx_xml(archive, info)


def _column_number(reference: str) -> int:
    number = 0
    for char in reference:
        if not char.isalpha():
            break
        number = number * 26 + (ord(char.upper()) - 64)
    return number


def _scan_xlsx_xml(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import iterparse

    is_sheet = info.filename.startswith("xl/worksheets/")
    rows = strings = 0
    try:
        with archive.open(info) as stream:
            for _event, element in iterparse(stream, events=("end",), forbid_dtd=True):
                tag = element.tag.rsplit("}", 1)[-1]
                if (
                    tag in ("t", "v", "f")
                    and len(element.text or "") > settings.ROSTER_MAX_CELL_CHARS
                ):
                    raise _cell_too_long()
                if tag == "si":
                    strings += 1
                    if strings > XLSX_MAX_SHARED_STRINGS:
                        raise _too_many_rows()
                    if len("".join(element.itertext())) > settings.ROSTER_MAX_CELL_CHARS:
                        raise _cell_too_long()
                    element.clear()
                elif is_sheet and tag == "c":
                    if _column_number(element.get("r", "")) > settings.ROSTER_MAX_COLUMNS:
                        raise _too_many_columns()
                elif is_sheet and tag == "row":
                    if any((child.text or "").strip() for child in element.iter()):
                        rows += 1
                        if rows > settings.ROSTER_MAX_ROWS + 1:
                            raise _too_many_rows()
                    element.clear()
    except (zipfile.BadZipFile, DefusedXmlException, SyntaxError, OSError, EOFError) as exc:
        # SyntaxError covers ElementTree.ParseError; BadZipFile a bad CRC or a lying size.
        raise _xlsx_corrupt() from exc


def _read_xlsx(data: bytes) -> list[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    _check_xlsx_container(data)
    try:
        # data_only=False keeps formulas as text so "=HYPERLINK(...)" is caught, not evaluated.
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, SyntaxError) as exc:
        raise _xlsx_corrupt() from exc
    try:
        sheet = workbook.worksheets[0]
        # A forged <dimension ref="A1:XFD1048576"> must not pad every row to 16,384 cells.
        sheet.reset_dimensions()
        rows = []
        for line, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = [_cell_text(c) for c in row[: settings.ROSTER_MAX_COLUMNS]]
            if any(cells):
                rows.append((line, cells))
            if len(rows) > settings.ROSTER_MAX_ROWS + 1:
                raise _too_many_rows()
    finally:
        workbook.close()
    return rows
