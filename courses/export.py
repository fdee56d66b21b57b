"""CSV and XLSX exports of the progress grid, safe against formula injection.

A spreadsheet runs a cell that starts with = + - @ (or a tab/CR) as a formula, and student
names are typed by people: every such text cell gets a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def grid_table(*, grid: dict[str, Any]) -> list[list[Any]]:
    header = [_("Nama"), _("Username"), _("Selesai")]
    for lesson in grid["lessons"]:
        header += [
            f"{lesson.title} – {_('selesai')}",
            f"{lesson.title} – {_('nilai')}",
            f"{lesson.title} – {_('percobaan')}",
        ]
    rows = [header]
    for row in grid["rows"]:
        line: list[Any] = [
            row.student.full_name,
            row.student.username,
            f"{row.done}/{len(row.cells)}",
        ]
        for cell in row.cells:
            score = cell.score if isinstance(cell.score, Decimal) else None
            line += [
                _("ya") if cell.done else _("belum"),
                float(score) if score is not None else "",
                cell.attempts,
            ]
        rows.append(line)
    return [[safe_cell(value) for value in line] for line in rows]


def _filename(classroom: Any, course: Any, ext: str) -> str:
    stamp = timezone.localdate().isoformat()
    return f"kemajuan-{slugify(classroom.name)}-{slugify(course.slug)}-{stamp}.{ext}"


def grid_csv_response(*, classroom: Any, course: Any, grid: dict[str, Any]) -> HttpResponse:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(grid_table(grid=grid))
    # A BOM makes Excel read UTF-8 names (ñ, é) correctly.
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{_filename(classroom, course, "csv")}"'
    )
    response["Cache-Control"] = "private, no-store"
    return response


def grid_xlsx_response(*, classroom: Any, course: Any, grid: dict[str, Any]) -> HttpResponse:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(_("Kemajuan"))[:31]
    for line in grid_table(grid=grid):
        sheet.append(line)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{_filename(classroom, course, "xlsx")}"'
    )
    response["Cache-Control"] = "private, no-store"
    return response
