"""The district office's (dinas) cooperative list, its export and a cooperative's profile.

Scope: the regions of the user's dinas role (lms/district.py); a cooperative outside them
answers 404, whatever its id.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_GET

from lms import district
from lms.exports import table_download
from lms.http import HtmxRequest
from school_coops.district_forms import DistrictCoopFilterForm
from school_coops.models import Cooperative, CoopFactsRow
from school_coops.models.cooperative import CoopStatus
from school_coops.selectors.district import (
    district_coop_rows,
    district_profile,
    kecamatan_choices,
)

PAGE_SIZE = 25
STATUS_LABELS = dict(CoopStatus.choices)


def _scope(request: HtmxRequest) -> district.Scope:
    scope = district.scope_for(request.user, request.GET.get("scope") or None)
    if scope is None:
        raise Http404
    return scope


def _rows(
    request: HtmxRequest, scope: district.Scope
) -> tuple[DistrictCoopFilterForm, QuerySet[CoopFactsRow]]:
    form = DistrictCoopFilterForm(request.GET, kecamatan=kecamatan_choices(scope.region_ids))
    return form, district_coop_rows(region_ids=scope.region_ids, filters=form.filters())


@login_required
@require_GET
def district_coop_list_view(request: HtmxRequest) -> HttpResponse:
    scope = _scope(request)
    form, rows = _rows(request, scope)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"scope": scope, "form": form, "page": page, "total": page.paginator.count}
    template = "school_coops/district_list.html"
    return render(request, f"{template}#coop-table" if request.htmx else template, context)


EXPORT_HEADER = (
    _l("Nama koperasi"),
    _l("Sekolah"),
    _l("NPSN"),
    _l("Jenjang"),
    _l("Kecamatan"),
    _l("Kabupaten/kota"),
    _l("Status"),
    _l("Tahun buku RAT"),
    _l("RAT tepat waktu"),
    _l("RAT terlambat/belum"),
    _l("Pembukuan 3 bulan"),
    _l("Anggota aktif"),
    _l("Anggota setahun lalu"),
    _l("Skor kesehatan (0-3)"),
    _l("Kesehatan"),
)


def export_table(rows: Iterable[CoopFactsRow]) -> list[list[Any]]:
    def yes(value: bool) -> str:
        return _("ya") if value else _("tidak")

    table: list[list[Any]] = [[str(h) for h in EXPORT_HEADER]]
    for f in rows:
        school = f.coop.school
        table.append(
            [
                f.coop.name,
                school.name,
                school.npsn,
                school.level,
                school.kecamatan,
                school.region.name,
                str(STATUS_LABELS.get(f.status, f.status)),
                f.rat_year,
                yes(f.rat_on_time),
                yes(f.rat_overdue),
                yes(f.books_recent),
                f.members,
                f.members_year_ago,
                f.health_score,
                f.health_label,
            ]
        )
    return table


@login_required
@require_GET
def district_coop_export_view(request: HtmxRequest, fmt: str) -> HttpResponse:
    if fmt not in ("csv", "xlsx"):
        raise Http404
    scope = _scope(request)
    _form, rows = _rows(request, scope)
    slug = scope.key.replace(":", "-").replace(" ", "-").lower()
    return table_download(
        export_table(rows), kind=fmt, filename=f"koperasi-{slug}", title=_("Koperasi sekolah")
    )


@login_required
@require_GET
def district_coop_profile_view(request: HtmxRequest, pk: int) -> HttpResponse:
    coop = get_object_or_404(
        Cooperative.objects.select_related("school", "school__region"),
        pk=pk,
        school__region_id__in=district.region_ids_for(request.user),
    )
    context = {
        "coop": coop,
        **district_profile(coop=coop, today=timezone.localdate()),
        "panels": district.profile_panels_for(coop),
    }
    return render(request, "school_coops/district_profile.html", context)
