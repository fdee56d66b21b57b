"""Writes of worksheets: open, save (optimistic, per-field merge), hand in a snapshot.

Two teammates edit the same worksheet on their phones. Each save names the version the
student's page was showing (`base_version`) and only the fields the student changed. Under a
row lock the service merges three ways per field: a field the student did not change keeps
the current value; a field nobody else changed since `base_version` takes the student's
value; a field both changed to different values is a conflict (`WorksheetConflictError`,
nothing saved, the message names the field). No save is ever lost silently.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.assignments import hand_in, student_team
from courses.exceptions import CourseRuleError
from courses.models import (
    Assignment,
    HandInKind,
    Submission,
    SubmissionStatus,
    SubmissionVersion,
    Worksheet,
    WorksheetKind,
    WorksheetRevision,
)
from courses.services import require_learning_consent
from courses.worksheets import canvas, pricing
from lms.accounts.models import User


class WorksheetConflictError(CourseRuleError):
    """A teammate changed the same field since the student's page was loaded."""

    def __init__(self, message: str, worksheet: Worksheet) -> None:
        super().__init__(message)
        self.worksheet = worksheet


def worksheet_kinds(assignment: Assignment) -> list[str]:
    """The worksheets of an assignment: its one kind, or both for a worksheet business plan."""
    if assignment.hand_in != HandInKind.WORKSHEET:
        return []
    if assignment.worksheet_kind:
        return [assignment.worksheet_kind]
    return [WorksheetKind.CANVAS, WorksheetKind.PRICING]


def _owner(assignment: Assignment, student: User) -> dict[str, Any]:
    if not assignment.is_group:
        return {"student": student, "team": None}
    team = student_team(assignment, student)
    if team is None:
        raise CourseRuleError(_("Anda belum masuk tim untuk tugas kelompok ini."))
    return {"team": team, "student": None}


def open_worksheets(*, assignment: Assignment, student: User) -> list[Worksheet]:
    """The student's (or their team's) worksheets of the assignment, created empty once."""
    owner = _owner(assignment, student)
    sheets = []
    for kind in worksheet_kinds(assignment):
        try:
            with transaction.atomic():
                sheet, _created = Worksheet.objects.get_or_create(
                    assignment=assignment, kind=kind, **owner
                )
        except IntegrityError:  # a teammate opened it at the same moment
            sheet = Worksheet.objects.get(assignment=assignment, kind=kind, **owner)
        sheets.append(sheet)
    return sheets


def _locked_own_worksheet(worksheet_id: int, student: User) -> Worksheet:
    """The worksheet, locked, when it is the student's or their team's; 404 otherwise."""
    sheet = (
        Worksheet.objects.select_for_update(of=("self",))
        .select_related("assignment")
        .filter(pk=worksheet_id)
        .first()
    )
    if sheet is None:
        raise Http404
    if sheet.team_id is not None:
        if not sheet.team.members.filter(student=student).exists():  # type: ignore[union-attr]
            raise Http404
    elif sheet.student_id != student.pk:
        raise Http404
    return sheet


def _editable(sheet: Worksheet) -> None:
    submission = Submission.objects.filter(
        assignment=sheet.assignment,
        **({"team_id": sheet.team_id} if sheet.team_id else {"student_id": sheet.student_id}),
    ).first()
    if submission and submission.status == SubmissionStatus.GRADED:
        raise CourseRuleError(_("Tugas ini sudah dinilai; lembar kerja tidak bisa diubah lagi."))


def clean_data(kind: str, data: dict[str, Any]) -> dict[str, Any]:
    """The worksheet content as stored; CourseRuleError (Indonesian) on anything invalid."""
    if kind == WorksheetKind.CANVAS:
        try:
            return canvas.clean_canvas(data)
        except canvas.CanvasError as exc:
            raise CourseRuleError(exc.message) from None
    return pricing_inputs(data)


PRICING_FIELDS = ("product", "fixed_costs", "variable_cost", "volume", "margin_percent")
PRICING_TARGET = "target_price"
PRODUCT_MAX_LENGTH = 100


def _typed_number(value: object) -> str:
    """A number as typed on a phone: "Rp 50.000" -> "50000" (dots group the thousands)."""
    text = str(value or "").strip()
    text = text.removeprefix("Rp").removeprefix("rp").strip().replace(" ", "")
    if text.count(".") and all(len(part) == 3 for part in text.split(".")[1:]):
        text = text.replace(".", "")
    return text.replace(",", ".")


def pricing_inputs(data: dict[str, Any]) -> dict[str, Any]:
    """Cleaned calculator inputs; the calculation must succeed, or nothing is stored."""
    unknown = set(data) - {*PRICING_FIELDS, PRICING_TARGET}
    if unknown:
        raise CourseRuleError(_("Kalkulator harga berisi isian yang tidak dikenal."))
    product = str(data.get("product") or "").strip()
    if len(product) > PRODUCT_MAX_LENGTH:
        raise CourseRuleError(_("Nama produk terlalu panjang (paling banyak 100 karakter)."))
    cleaned = {"product": product}
    for key in (*PRICING_FIELDS[1:], PRICING_TARGET):
        cleaned[key] = _typed_number(data.get(key))
    price_result(cleaned)  # raises on junk
    return cleaned


def price_result(inputs: dict[str, Any]) -> pricing.PriceResult:
    try:
        return pricing.calculate_price(
            fixed_costs=inputs.get("fixed_costs", ""),
            variable_cost=inputs.get("variable_cost", ""),
            volume=inputs.get("volume", ""),
            margin_percent=inputs.get("margin_percent") or None,
            target_price=inputs.get("target_price") or None,
        )
    except pricing.PricingError as exc:
        raise CourseRuleError(exc.message) from None


def _base_data(sheet: Worksheet, base_version: int) -> dict[str, Any]:
    if base_version == sheet.version:
        return dict(sheet.data)
    if base_version == 0:
        return {}
    revision = sheet.revisions.filter(version=base_version).first()
    if revision is None:
        raise CourseRuleError(_("Versi lembar kerja tidak dikenal. Muat ulang halaman."))
    return dict(revision.data)


def _field_label(kind: str, key: str) -> str:
    if kind == WorksheetKind.CANVAS:
        return next((b.title for b in canvas.BLOCKS if b.key == key), key)
    labels = {
        "product": _("Nama produk"),
        "fixed_costs": _("Biaya tetap"),
        "variable_cost": _("Biaya variabel per unit"),
        "volume": _("Rencana jumlah produksi"),
        "margin_percent": _("Persentase keuntungan"),
        "target_price": _("Harga jual"),
    }
    return labels.get(key, key)


@dataclass(frozen=True)
class SaveResult:
    worksheet: Worksheet
    changed: list[str]  # the fields this save wrote (empty: nothing new)


def _merge(
    sheet: Worksheet, changes: dict[str, Any], base: dict[str, Any]
) -> tuple[dict[str, Any], list[str]]:
    current = dict(sheet.data)
    merged, changed = dict(current), []
    for key, mine in changes.items():
        before, theirs = base.get(key, ""), current.get(key, "")
        if mine in (before, theirs):
            continue  # the student did not change it, or the teammate wrote the same
        if theirs != before:
            raise WorksheetConflictError(
                _(
                    "“%(field)s” baru saja diubah anggota tim lain; isian Anda belum "
                    "disimpan. Periksa isian terbaru, lalu simpan lagi."
                )
                % {"field": _field_label(sheet.kind, key)},
                sheet,
            )
        merged[key] = mine
        changed.append(key)
    return merged, changed


@transaction.atomic
def save_worksheet(
    *, worksheet_id: int, student: User, changes: dict[str, Any], base_version: int
) -> SaveResult:
    """Save the fields a student changed, merged with teammates' saves since `base_version`.
    Every save that changes something is a new version and a revision."""
    require_learning_consent(student)
    sheet = _locked_own_worksheet(worksheet_id, student)
    _editable(sheet)
    if not isinstance(changes, dict) or not changes:
        raise CourseRuleError(_("Tidak ada isian yang dikirim."))
    if sheet.kind == WorksheetKind.PRICING:
        changes = {k: v for k, v in changes.items() if k in (*PRICING_FIELDS, PRICING_TARGET)}
        changes = {**changes, **{k: _typed_number(v) for k, v in changes.items() if k != "product"}}
    if not 0 <= base_version <= sheet.version:
        raise CourseRuleError(_("Versi lembar kerja tidak dikenal. Muat ulang halaman."))
    base = _base_data(sheet, base_version)
    merged, changed = _merge(sheet, changes, base)
    cleaned = clean_data(sheet.kind, merged)
    if not changed or cleaned == sheet.data:
        return SaveResult(sheet, [])
    sheet.data, sheet.version = cleaned, sheet.version + 1
    sheet.save(update_fields=["data", "version", "updated_at"])
    WorksheetRevision.objects.create(
        worksheet=sheet,
        version=sheet.version,
        saved_by=student,
        saved_at=timezone.now(),
        fields=changed,
        data=cleaned,
    )
    return SaveResult(sheet, changed)


def _rupiah_text(amount: Any) -> str:
    return "Rp " + f"{int(amount):,}".replace(",", ".")


def snapshot(sheets: list[Worksheet]) -> tuple[dict[str, Any], str]:
    """The worksheets as a hand-in payload (the `product`/`price` keys the approved plans
    read) and as text; CourseRuleError when a worksheet is not finished."""
    payload: dict[str, Any] = {"versions": {}}
    lines: list[str] = []
    for sheet in sheets:
        payload["versions"][sheet.kind] = sheet.version
        if sheet.kind == WorksheetKind.CANVAS:
            filled = canvas.clean_canvas(sheet.data or {})
            if not canvas.is_complete(filled):
                raise CourseRuleError(_("Isi kesembilan blok kanvas dulu, lalu kumpulkan."))
            payload["canvas"] = filled
            lines += [f"{b.title}: {filled[b.key]}" for b in canvas.BLOCKS]
        else:
            if not sheet.data:
                raise CourseRuleError(_("Isi kalkulator harga dulu, lalu kumpulkan."))
            result = price_result(sheet.data)
            payload["pricing"] = dict(sheet.data)
            payload["result"] = {k: str(v) for k, v in vars(result).items()}
            payload["product"] = sheet.data.get("product", "")
            payload["price"] = str(result.price)
            lines += [
                _("Produk: %(p)s") % {"p": payload["product"]},
                _("HPP per unit: %(v)s") % {"v": _rupiah_text(result.hpp_per_unit)},
                _("Harga jual: %(v)s") % {"v": _rupiah_text(result.price)},
                _("Titik impas: %(u)s unit (%(r)s)")
                % {"u": result.break_even_units, "r": _rupiah_text(result.break_even_revenue)},
            ]
    return payload, "\n".join(lines)


@transaction.atomic
def hand_in_worksheets(*, assignment: Assignment, student: User) -> SubmissionVersion:
    """Hand in a snapshot of the student's (team's) worksheets as a new submission version."""
    if assignment.hand_in != HandInKind.WORKSHEET:
        raise CourseRuleError(_("Tugas ini tidak memakai lembar kerja."))
    owner = _owner(assignment, student)
    sheets = list(
        Worksheet.objects.select_for_update()
        .filter(assignment=assignment, **owner)
        .order_by("kind")
    )
    if {s.kind for s in sheets} != set(worksheet_kinds(assignment)):
        raise CourseRuleError(_("Isi lembar kerja dulu, lalu kumpulkan."))
    order = worksheet_kinds(assignment)
    sheets.sort(key=lambda s: order.index(s.kind))
    payload, summary = snapshot(sheets)
    return hand_in(
        assignment=assignment, student=student, data={"worksheet": payload, "summary": summary}
    )
