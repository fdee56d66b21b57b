"""Writing schemes: draft edits, unit import, publishing and new versions."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from certificates.exceptions import CertificationError
from certificates.models import (
    CompetencyUnit,
    PerformanceCriterion,
    Scheme,
    SchemeStatus,
    UnitElement,
    UnitInstrument,
)
from certificates.selectors import can_edit_scheme, staff_region_ids
from certificates.unit_import import UnitRow, parse_units
from lms.accounts.models import Role


def _check_owner(scheme: Scheme, by: Any) -> None:
    if by is not None and not can_edit_scheme(user=by, scheme=scheme):
        raise CertificationError(_("Skema ini milik dinas lain; Anda tidak dapat mengubahnya."))


def _locked_draft(scheme: Scheme) -> Scheme:
    scheme = Scheme.objects.select_for_update().get(pk=scheme.pk)
    if scheme.is_published:
        raise CertificationError(
            _("Skema %(s)s sudah terbit dan tidak dapat diubah. Buat versi baru.") % {"s": scheme}
        )
    return scheme


@transaction.atomic
def scheme_create(
    *,
    code: str,
    title: str,
    by: Any,
    validity_years: int | None = None,
    description: str = "",
    region: Any = None,
) -> Scheme:
    """A draft version 1 of a new scheme of `region`'s dinas (None: shared by every dinas);
    an existing code is refused."""
    if region is not None and region.pk not in staff_region_ids(
        user=by, roles=(Role.TRAINER, Role.DINAS)
    ):
        raise CertificationError(_("Anda bukan pelatih atau staf dinas di wilayah ini."))
    code = code.strip().upper()
    if not code or not title.strip():
        raise CertificationError(_("Kode dan judul skema wajib diisi."))
    if Scheme.objects.filter(code=code).exists():
        raise CertificationError(
            _("Kode skema %(c)s sudah dipakai. Buat versi baru dari skema itu.") % {"c": code}
        )
    return Scheme.objects.create(
        code=code,
        title=title.strip(),
        validity_years=validity_years,
        description=description,
        region=region,
        created_by=by,
    )


def _write_unit(scheme: Scheme, row: UnitRow, order: int) -> CompetencyUnit:
    unit = CompetencyUnit.objects.create(
        scheme=scheme,
        code=row.code,
        title=row.title,
        description=row.description,
        required=row.required,
        order=order,
    )
    for e_number, (title, criteria) in enumerate(row.elements, start=1):
        element = UnitElement.objects.create(unit=unit, number=e_number, title=title)
        PerformanceCriterion.objects.bulk_create(
            PerformanceCriterion(element=element, number=n, text=text)
            for n, text in enumerate(criteria, start=1)
        )
    UnitInstrument.objects.bulk_create(UnitInstrument(unit=unit, method=m) for m in row.methods)
    return unit


@transaction.atomic
def scheme_units_import(
    *, scheme: Scheme, data: bytes, filename: str, replace: bool = False, by: Any = None
) -> tuple[list[UnitRow], int]:
    """Import units into a draft scheme. All or nothing: any bad row (or a code already in the
    scheme) imports nothing and returns the rows with their errors. Returns (rows, imported).
    With `by`, only an organiser of the scheme's dinas (any, for a shared scheme) may."""
    scheme = _locked_draft(scheme)
    _check_owner(scheme, by)
    rows = parse_units(data, filename, scheme=scheme)
    existing = set() if replace else set(scheme.units.values_list("code", flat=True))
    for row in rows:
        if row.code in existing:
            row.errors.append(_("Kode unit %(c)s sudah ada di skema ini.") % {"c": row.code})
    if any(row.errors for row in rows):
        return rows, 0
    if replace:
        CompetencyUnit.objects.filter(scheme=scheme).delete()
    start = scheme.units.count()
    for offset, row in enumerate(rows, start=1):
        _write_unit(scheme, row, start + offset)
    return rows, len(rows)


@transaction.atomic
def scheme_publish(*, scheme: Scheme, by: Any) -> Scheme:
    """Publish a draft; from now on it never changes. Needs at least one required unit."""
    scheme = _locked_draft(scheme)
    _check_owner(scheme, by)
    if not scheme.units.filter(required=True).exists():
        raise CertificationError(_("Skema harus punya paling sedikit satu unit wajib."))
    scheme.status = SchemeStatus.PUBLISHED
    scheme.published_at = timezone.now()
    scheme.save(update_fields=["status", "published_at"])
    return scheme


@transaction.atomic
def scheme_new_version(*, scheme: Scheme, by: Any) -> Scheme:
    """A draft copy (units, elements, KUK, instruments) as the next version number."""
    _check_owner(scheme, by)
    latest = Scheme.objects.select_for_update().filter(code=scheme.code).order_by("-version")[0]
    if not latest.is_published:
        raise CertificationError(
            _("Versi %(v)s masih draf; ubah draf itu saja.") % {"v": latest.version}
        )
    copy = Scheme.objects.create(
        code=scheme.code,
        title=scheme.title,
        version=latest.version + 1,
        validity_years=scheme.validity_years,
        description=scheme.description,
        region=scheme.region,
        created_by=by,
    )
    units = scheme.units.prefetch_related("elements__criteria", "instruments")
    for unit in units:
        row = UnitRow(0, unit.code, unit.title, unit.required, unit.description)
        row.elements = [(e.title, [c.text for c in e.criteria.all()]) for e in unit.elements.all()]
        row.methods = [i.method for i in unit.instruments.all()]
        _write_unit(copy, row, unit.order)
    return copy
