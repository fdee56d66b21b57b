"""Reads of worksheets: the one a user may see (print), with its calculated result."""

from __future__ import annotations

from typing import Any

from courses.models import TeamMember, Worksheet, WorksheetKind
from courses.worksheets import canvas
from courses.worksheets.pricing import PricingError, calculate_price
from lms.accounts.models import User
from lms.accounts.rules import teacher_school_ids
from lms.schools.models import Enrolment


def viewable_worksheet(*, user: User, worksheet_pk: int) -> Worksheet | None:
    """The worksheet for its student or team members and the teachers of their school;
    None for everyone else (the view answers 404)."""
    sheet = (
        Worksheet.objects.select_related("assignment", "team__classroom", "student")
        .filter(pk=worksheet_pk)
        .first()
    )
    if sheet is None or not user.is_authenticated:
        return None
    schools = teacher_school_ids(user)
    if sheet.team is not None:
        if TeamMember.objects.filter(team=sheet.team, student=user).exists():
            return sheet
        return sheet if sheet.team.classroom.school_id in schools else None
    if sheet.student_id == user.pk:
        return sheet
    taught = Enrolment.objects.filter(student_id=sheet.student_id, classroom__school_id__in=schools)
    return sheet if taught.exists() else None


def canvas_rows(data: dict[str, Any]) -> list[tuple[canvas.CanvasBlock, str]]:
    return [(block, str((data or {}).get(block.key) or "")) for block in canvas.BLOCKS]


def pricing_view(data: dict[str, Any]) -> dict[str, Any]:
    """The calculator's inputs and its result, or the Indonesian reason there is none."""
    try:
        result = calculate_price(
            fixed_costs=data.get("fixed_costs", ""),
            variable_cost=data.get("variable_cost", ""),
            volume=data.get("volume", ""),
            margin_percent=data.get("margin_percent") or None,
            target_price=data.get("target_price") or None,
        )
    except PricingError as exc:
        return {"inputs": data, "result": None, "error": exc.message}
    return {"inputs": data, "result": result, "error": ""}


def worksheet_context(sheet: Worksheet) -> dict[str, Any]:
    if sheet.kind == WorksheetKind.CANVAS:
        return {"sheet": sheet, "rows": canvas_rows(sheet.data)}
    return {"sheet": sheet, "pricing": pricing_view(sheet.data or {})}


def snapshot_sheets(payload: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The worksheets as handed in (a submission version's snapshot, never today's
    worksheet), each as {title, rows} (canvas) or {title, pricing}."""
    payload = payload if isinstance(payload, dict) else {}
    sheets: list[dict[str, Any]] = []
    if isinstance(payload.get("canvas"), dict):
        title = WorksheetKind.CANVAS.label
        sheets.append({"title": title, "rows": canvas_rows(payload["canvas"])})
    if isinstance(payload.get("pricing"), dict):
        title = WorksheetKind.PRICING.label
        sheets.append({"title": title, "rows": [], "pricing": pricing_view(payload["pricing"])})
    return sheets
