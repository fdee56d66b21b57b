"""Member register exports (CSV, XLSX), safe against spreadsheet formula injection."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _

from school_coops.models import Membership

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def safe_cell(value: Any) -> str:
    """Text a spreadsheet will never evaluate: leading =, +, -, @ get a quote prefix."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(_FORMULA_START) else text


def _rows(memberships: Iterable[Membership]) -> list[list[str]]:
    header = [
        _("No. anggota"),
        _("Nama"),
        _("Kategori"),
        _("Status"),
        _("Tanggal masuk"),
        _("Tanggal keluar"),
        _("Alasan keluar"),
    ]
    rows = [header]
    for m in memberships:
        rows.append(
            [
                safe_cell(v)
                for v in (
                    m.number,
                    m.member.get_full_name(),
                    m.get_category_display(),
                    m.get_status_display(),
                    m.joined_on.isoformat() if m.joined_on else "",
                    m.ended_on.isoformat() if m.ended_on else "",
                    m.get_end_reason_display(),
                )
            ]
        )
    return rows


def member_register_csv(memberships: Iterable[Membership]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(_rows(memberships))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM: Excel opens UTF-8 correctly


def member_register_xlsx(memberships: Iterable[Membership]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Daftar anggota")[:31]
    for row in _rows(memberships):
        sheet.append(row)
    for column in sheet.iter_cols():
        for cell in column:
            cell.data_type = "s"  # strings, never formulas
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
