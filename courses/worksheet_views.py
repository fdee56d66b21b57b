"""Worksheet views (htmx): a canvas box saves on change, the price calculator recalculates
(and saves) as the team types, and a worksheet prints as PDF."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_POST

from courses.exceptions import CourseRuleError
from courses.models import Worksheet, WorksheetKind
from courses.selectors.assignments import printable_version
from courses.selectors.worksheets import (
    pricing_view,
    snapshot_sheets,
    viewable_worksheet,
    worksheet_context,
)
from courses.worksheets.canvas import BLOCKS
from courses.worksheets.services import (
    PRICING_FIELDS,
    PRICING_TARGET,
    WorksheetConflictError,
    save_worksheet,
)
from lms.http import HtmxRequest
from lms.pdf import render_pdf

BOX = "courses/worksheets/canvas_box.html"
RESULT = "courses/worksheets/pricing_result.html"


def _changes(sheet_kind: str, post: Any) -> dict[str, Any]:
    if sheet_kind == WorksheetKind.CANVAS:
        return {str(post.get("field", "")): post.get("value", "")}
    return {key: post.get(key, "") for key in (*PRICING_FIELDS, PRICING_TARGET)}


def _version(post: Any) -> int:
    try:
        return int(post.get("version", ""))
    except ValueError:
        raise CourseRuleError("Versi lembar kerja tidak dikenal. Muat ulang halaman.") from None


def _box_context(sheet: Worksheet, key: str, value: str, **extra: Any) -> dict[str, Any]:
    block = next((b for b in BLOCKS if b.key == key), None)
    if block is None:
        raise Http404
    return {"sheet": sheet, "block": block, "value": value, **extra}


@login_required
@require_POST
def worksheet_save_view(request: HtmxRequest, worksheet_pk: int) -> HttpResponse:
    """Save a canvas box (fragment: the box) or the calculator (fragment: its result)."""
    sheet = viewable_worksheet(user=request.user, worksheet_pk=worksheet_pk)
    if sheet is None:
        raise Http404
    changes = _changes(sheet.kind, request.POST)
    error, saved, conflict = "", False, False
    try:
        result = save_worksheet(
            worksheet_id=sheet.pk,
            student=request.user,
            changes=changes,
            base_version=_version(request.POST),
        )
        sheet, saved = result.worksheet, True
    except WorksheetConflictError as exc:
        sheet, error, conflict = exc.worksheet, str(exc), True
    except CourseRuleError as exc:
        error = str(exc)
        sheet.refresh_from_db()
    if sheet.kind == WorksheetKind.CANVAS:
        key, mine = next(iter(changes.items()))
        shown = sheet.data.get(key, "") if saved or conflict else mine
        context = _box_context(
            sheet, key, shown, saved=saved, error=error, mine=mine if conflict else ""
        )
        return render(request, BOX, context)
    context = {"sheet": sheet, "pricing": pricing_view(sheet.data or {}), "saved": saved}
    if error:
        context["pricing"] = {"result": None, "error": error, "inputs": changes}
    return render(request, RESULT, context)


@login_required
@require_GET
def worksheet_pdf_view(request: HtmxRequest, worksheet_pk: int) -> HttpResponse:
    """The worksheet as PDF: its student or team, the teachers of their school."""
    sheet = viewable_worksheet(user=request.user, worksheet_pk=worksheet_pk)
    if sheet is None:
        raise Http404
    pdf = render_pdf("courses/worksheets/worksheet_pdf.html", worksheet_context(sheet))
    return _pdf_response(pdf, f"{sheet.get_kind_display()} {sheet.team or ''}")


@login_required
@require_GET
def submission_pdf_view(request: HtmxRequest, version_pk: int) -> HttpResponse:
    """A handed-in worksheet version as PDF, from its snapshot (what the teacher grades),
    not from the worksheet as the team keeps editing it: the same people as its files."""
    version = printable_version(user=request.user, version_pk=version_pk)
    if version is None:
        raise Http404
    context = {
        "version": version,
        "assignment": version.submission.assignment,
        "sheets": snapshot_sheets(version.worksheet),
    }
    pdf = render_pdf("courses/worksheets/submission_pdf.html", context)
    team = version.submission.team
    return _pdf_response(pdf, f"{team or version.submission.student or ''} versi {version.number}")


def _pdf_response(pdf: bytes, name: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{slugify(name) or "lembar-kerja"}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
