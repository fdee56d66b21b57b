"""The progress grid as a spreadsheet table; `lms.exports` writes it formula-safe."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from lms.exports import table_download


def grid_table(*, grid: dict[str, Any]) -> list[list[Any]]:
    header = [_("Nama"), _("Username"), _("Selesai")]
    for lesson in grid["lessons"]:
        header += [
            f"{lesson.display_title} – {_('selesai')}",
            f"{lesson.display_title} – {_('nilai')}",
            f"{lesson.display_title} – {_('percobaan')}",
            f"{lesson.display_title} – {_('nilai tugas')}",
        ]
    header.append(_("Persetujuan wali (pembelajaran)"))
    rows = [header]
    for row in grid["rows"]:
        line: list[Any] = [
            row.student.full_name,
            row.student.username,
            f"{row.done}/{len(row.cells)}",
        ]
        for cell in row.cells:
            line += [
                _("ya") if cell.done else _("belum"),
                cell.score if isinstance(cell.score, Decimal) else "",
                cell.attempts,
                _grade_text(cell.grade),
            ]
        line.append(_("belum tercatat") if row.consent_missing else _("ada"))
        rows.append(line)
    return rows


def _grade_text(grade: Any) -> str:
    """ "8/10", "dikumpulkan", "terlambat", "dikembalikan" or "" (no assignment or no work)."""
    if grade is None:
        return ""
    points, max_points, state = grade
    if points is not None and state == "graded":
        return f"{points}/{max_points}"
    labels = {"handed_in": _("dikumpulkan"), "late": _("terlambat"), "returned": _("dikembalikan")}
    return str(labels.get(state, ""))


def grid_download(*, classroom: Any, course: Any, grid: dict[str, Any], kind: str) -> HttpResponse:
    stamp = timezone.localdate().isoformat()
    return table_download(
        grid_table(grid=grid),
        kind=kind,
        filename=f"kemajuan-{slugify(classroom.name)}-{slugify(course.slug)}-{stamp}",
        title=_("Kemajuan"),
    )
