"""Spreadsheet exports shared by every app: CSV and XLSX that never execute a formula.

A spreadsheet runs a cell that starts with = + - @ (or a tab, CR or LF) as a formula, and names
are typed by people, so every such text cell is written with a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def safe_cell(value: Any) -> Any:
    """Numbers stay numbers; text that a spreadsheet would evaluate gets a quote prefix."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def table_csv(rows: Iterable[Sequence[Any]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows([safe_cell(v) for v in row] for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM: Excel reads UTF-8 names


def table_xlsx(rows: Iterable[Sequence[Any]], *, title: str) -> bytes:
    return workbook_xlsx([(title, rows)])


def workbook_xlsx(sheets: Sequence[tuple[str, Iterable[Sequence[Any]]]]) -> bytes:
    """One sheet per (title, rows); every sheet's first row is the bold header."""
    # Imported on use: openpyxl is slow to import and most requests never export.
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])  # a new Workbook has one sheet; ours come next
    for title, rows in sheets:
        sheet = workbook.create_sheet(str(title)[:31])  # Excel refuses longer sheet names
        for row in rows:
            sheet.append([safe_cell(v) for v in row])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def workbook_download(
    sheets: Sequence[tuple[str, Iterable[Sequence[Any]]]], *, filename: str
) -> HttpResponse:
    """A private, uncached XLSX attachment of several sheets."""
    return _attachment(workbook_xlsx(sheets), kind="xlsx", filename=filename)


def table_download(
    rows: Iterable[Sequence[Any]], *, kind: str, filename: str, title: str = "Data"
) -> HttpResponse:
    """A private, uncached attachment of `rows` as CSV or XLSX (`kind`)."""
    if kind not in CONTENT_TYPES:
        raise ValueError(f"unknown export kind {kind!r}")
    content = table_csv(rows) if kind == "csv" else table_xlsx(rows, title=title)
    return _attachment(content, kind=kind, filename=filename)


def _attachment(content: bytes, *, kind: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[kind])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{kind}"'
    response["Cache-Control"] = "private, no-store"
    return response
