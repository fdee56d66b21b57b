"""The dinas' lists behind the overview's certification numbers (certificates/district.py):
the batches of the region with their K/BK and issued counts, and the certificates issued
(or expiring within 90 days). A holder who is a minor is shown masked (docs/privacy.md)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_GET

from certificates.district import (
    EXPIRING_DAYS,
    batch_rows,
    external_expiring,
    issued_in_scope,
)
from lms.accounts.models import Role, User
from lms.http import HtmxRequest
from lms.privacy.helpers import mask_name
from lms.privacy.rules import ADULT_AGE
from lms.schools.district_views import TABLE_PAGE_SIZE, render_district_table, scope_or_404


@login_required
@require_GET
def district_batch_list_view(request: HtmxRequest) -> HttpResponse:
    scope = scope_or_404(request)
    rows = batch_rows(scope)
    table = [
        [
            r.batch.name,
            r.batch.scheme.code,
            r.batch.region.name,
            r.batch.start_date,
            r.competent,
            r.not_yet,
            r.issued,
        ]
        for r in rows
    ]
    columns = [_("Angkatan"), _("Skema"), _("Kabupaten/kota"), _("Mulai")]
    columns += [_("Kompeten (K)"), _("Belum kompeten (BK)"), _("Sertifikat terbit")]
    summary = [
        (_("Angkatan sertifikasi"), len(rows)),
        (_("Kompeten (K)"), sum(r.competent for r in rows)),
        (_("Belum kompeten (BK)"), sum(r.not_yet for r in rows)),
        (_("Sertifikat terbit"), sum(r.issued for r in rows)),
    ]
    title = _("Angkatan sertifikasi")
    return render_district_table(
        request, scope=scope, title=title, columns=columns, rows=table, summary=summary
    )


class IssuedFilterForm(forms.Form):
    habis = forms.ChoiceField(
        label=_l("Masa berlaku"),
        required=False,
        choices=[("", _l("Semua")), (str(EXPIRING_DAYS), _l("Habis dalam 90 hari"))],
    )


def minor_holder_ids(holder_ids: list[int]) -> set[int]:
    """Holders who are (or may be) minors: students not surely 18 (lms.privacy.rules.is_adult),
    in one query for a page of certificates."""
    born_after = timezone.localdate().year - ADULT_AGE - 1
    students = User.objects.filter(pk__in=holder_ids, role_assignments__role=Role.STUDENT)
    minors = students.filter(Q(birth_year__isnull=True) | Q(birth_year__gt=born_after))
    return set(minors.values_list("pk", flat=True))


def _issued_cells(cert: Any, minors: set[int]) -> list[Any]:
    name = mask_name(cert.holder_name) if cert.holder_id in minors else cert.holder_name
    what = cert.scheme.title if cert.scheme else cert.course.title if cert.course else "–"
    return [cert.number, name, what, cert.region.name, cert.issued_on, cert.valid_until or "–"]


@login_required
@require_GET
def district_issued_list_view(request: HtmxRequest) -> HttpResponse:
    scope = scope_or_404(request)
    form = IssuedFilterForm(request.GET)
    expiring = form.is_valid() and bool(form.cleaned_data["habis"])
    certs = issued_in_scope(scope, expiring=expiring).select_related("scheme", "course", "region")
    order = ("valid_until", "number") if expiring else ("-issued_on", "number")
    page = Paginator(certs.order_by(*order), TABLE_PAGE_SIZE).get_page(request.GET.get("page"))
    minors = minor_holder_ids([c.holder_id for c in page.object_list])
    columns = [_("Nomor"), _("Pemegang"), _("Skema/kursus"), _("Kabupaten/kota")]
    columns += [_("Terbit"), _("Berlaku sampai")]
    title = _("Sertifikat Kopsis habis dalam 90 hari") if expiring else _("Sertifikat terbit")
    note = _("Nama pemegang yang masih di bawah umur disamarkan.")
    cells = [_issued_cells(c, minors) for c in page.object_list]
    return _certificate_table(request, scope, title, columns, page, cells, form=form, note=note)


def _certificate_table(
    request: HtmxRequest,
    scope: Any,
    title: str,
    columns: list[str],
    page: Any,
    cells: list[list[Any]],
    **extra: Any,
) -> HttpResponse:
    """A page of certificates as the shared district table, counted under its title."""
    summary = [(title, page.paginator.count)]
    return render_district_table(
        request,
        scope=scope,
        title=title,
        columns=columns,
        page=page,
        cells=cells,
        summary=summary,
        **extra,
    )


@login_required
@require_GET
def district_external_list_view(request: HtmxRequest) -> HttpResponse:
    """LSP certificates of the scope expiring within 90 days (adults: bookkeepers)."""
    scope = scope_or_404(request)
    certs = external_expiring(scope).select_related("region").order_by("expires_on", "pk")
    page = Paginator(certs, TABLE_PAGE_SIZE).get_page(request.GET.get("page"))
    minors = minor_holder_ids([c.holder_id for c in page.object_list if c.holder_id])
    cells = [
        [
            c.number,
            mask_name(c.holder_name) if c.holder_id in minors else c.holder_name,
            c.cooperative_name or "–",
            c.issuer,
            c.scheme_name,
            c.region.name,
            c.expires_on,
        ]
        for c in page.object_list
    ]
    columns = [_("Nomor"), _("Pemegang"), _("Koperasi"), _("Penerbit (LSP)"), _("Skema")]
    columns += [_("Kabupaten/kota"), _("Berlaku sampai")]
    title = _("Sertifikat LSP habis dalam 90 hari")
    return _certificate_table(request, scope, title, columns, page, cells)
