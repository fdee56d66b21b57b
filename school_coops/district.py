"""The cooperatives' contribution to the district dashboard (lms/district.py)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from lms.district import (
    Chart,
    Indicator,
    ReportTable,
    SchoolColumn,
    Scope,
    register,
    register_school_column,
)
from lms.schools.models import School
from school_coops.models.cooperative import CoopStatus
from school_coops.selectors.dinas import pendataan_missing, recognition_waiting
from school_coops.selectors.district import (
    HEALTH_CHOICES,
    CoopFacts,
    at_risk_of_dissolution,
    coop_facts,
    cooperatives_in_regions,
    money_totals,
    status_by_year,
    status_counts,
    three_year_trend,
)

NO_KECAMATAN = "—"


def list_url(scope: Scope, **filters: str) -> str:
    query = urlencode({"scope": scope.key, **filters})
    return f"{reverse('coop_district:list')}?{query}"


def schools_url(scope: Scope) -> str:
    return f"{reverse('schools:district-schools')}?{urlencode({'scope': scope.key})}"


def _percent(part: int, whole: int) -> Any:
    from decimal import ROUND_HALF_UP, Decimal

    if not whole:
        return Decimal("0.0")
    return (Decimal(100 * part) / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


class CooperativeContribution:
    key = "school_coops"
    order = 10

    def materialise(self, scope: Scope) -> None:
        """The per-cooperative facts the dinas' list reads (CoopFactsRow)."""
        from school_coops.services.district_facts import coop_facts_store

        coop_facts_store(region_ids=scope.region_ids)

    def indicators(self, scope: Scope) -> list[Indicator]:
        today = timezone.localdate()
        coops = cooperatives_in_regions(scope.region_ids)
        facts = list(coop_facts(coops, today).values())
        group = _("Koperasi sekolah")
        schools = School.objects.filter(region_id__in=scope.region_ids).count()
        items = [
            Indicator("schools", _("Sekolah"), schools, "count", schools_url(scope), group),
            Indicator("coops", _("Koperasi sekolah"), len(facts), "count", list_url(scope), group),
        ]
        for status, label in CoopStatus.choices:
            count = status_counts(facts).get(status, 0)
            url = list_url(scope, status=status)
            items.append(Indicator(f"coops_{status}", str(label), count, "count", url, group))
        items += self._dinas_work(scope)
        return items + self._rat_and_books(scope, facts) + self._money(scope, coops, facts)

    def _dinas_work(self, scope: Scope) -> list[Indicator]:
        """What waits for the dinas: submissions to decide, this year's missing pendataan."""
        year = timezone.localdate().year
        query = urlencode({"scope": scope.key})
        group = _("Pengukuhan dan pendataan")
        waiting = recognition_waiting(region_ids=scope.region_ids).count()
        missing = pendataan_missing(region_ids=scope.region_ids, year=year).count()
        queue_url = f"{reverse('school_coops:recognition-queue')}?{query}"
        pendataan_url = f"{reverse('school_coops:pendataan-district', args=[year])}?belum=1&{query}"
        return [
            Indicator(
                "recognition_waiting",
                _("Pengajuan pengukuhan menunggu"),
                waiting,
                "count",
                queue_url,
                group,
            ),
            Indicator(
                "pendataan_missing",
                _("Belum mengirim pendataan %(y)s") % {"y": year},
                missing,
                "count",
                pendataan_url,
                group,
            ),
        ]

    def _rat_and_books(self, scope: Scope, facts: list[CoopFacts]) -> list[Indicator]:
        # long: six indicators of one section built side by side read better than six helpers
        group = _("RAT dan pembukuan")
        due = [f for f in facts if f.rat_due]
        on_time = sum(1 for f in due if f.rat_on_time)
        overdue = sum(1 for f in facts if f.rat_overdue)
        no_books = sum(1 for f in facts if f.coop.founded_on and not f.books_recent)
        return [
            Indicator(
                "rat_on_time",
                _("RAT tepat waktu tahun ini"),
                _percent(on_time, len(due)),
                "percent",
                list_url(scope, rat="tepat"),
                group,
                on_time,
                len(due),
            ),
            Indicator(
                "rat_overdue",
                _("RAT terlambat atau belum"),
                overdue,
                "count",
                list_url(scope, rat="terlambat"),
                group,
            ),
            Indicator(
                "no_books",
                _("Tanpa pembukuan 3 bulan"),
                no_books,
                "count",
                list_url(scope, books="tidak"),
                group,
            ),
        ] + [
            Indicator(
                f"health_{key}",
                str(label),
                sum(1 for f in facts if f.health == key),
                "count",
                list_url(scope, health=key),
                _("Kesehatan koperasi"),
            )
            for key, label in HEALTH_CHOICES
        ]

    def _money(self, scope: Scope, coops: Any, facts: list[CoopFacts]) -> list[Indicator]:
        today = timezone.localdate()
        money = money_totals(coops, today, today.year - 1)
        group = _("Anggota dan usaha")
        url = list_url(scope)
        return [
            Indicator(
                "members", _("Anggota aktif"), sum(f.members for f in facts), "count", url, group
            ),
            Indicator("savings", _("Total simpanan"), money.savings, "rupiah", url, group),
            Indicator("volume", _("Volume usaha 12 bulan"), money.volume, "rupiah", url, group),
            Indicator(
                "shu",
                _("SHU tahun buku %(y)s") % {"y": today.year - 1},
                money.shu,
                "rupiah",
                url,
                group,
            ),
        ]

    def charts(self, scope: Scope) -> list[Chart]:
        coops = list(cooperatives_in_regions(scope.region_ids))
        years = [timezone.localdate().year - n for n in (2, 1, 0)]
        by_year = status_by_year(coops, years)
        labels = dict(CoopStatus.choices)
        status_chart = Chart(
            "coops_by_year",
            _("Koperasi menurut status per tahun"),
            "stacked",
            [str(y) for y in years],
            [(str(labels.get(s, s)), v) for s, v in by_year.items()],
        )
        facts = list(coop_facts(coops).values())
        charts = [status_chart, self._rat_chart("rat_by_place", scope, facts)]
        if not scope.is_province:  # a province has thousands of schools: per kabupaten only
            charts.append(self._rat_chart("rat_by_school", scope, facts))
        return charts

    def _rat_chart(self, key: str, scope: Scope, facts: list[CoopFacts]) -> Chart:
        """RAT compliance per kecamatan (a province: per kabupaten), or per school."""
        rows: dict[str, list[int]] = {}
        for fact in facts:
            school = fact.coop.school
            if key == "rat_by_school":
                place = school.name
            elif scope.is_province:
                place = school.region.name
            else:
                place = school.kecamatan or NO_KECAMATAN
            row = rows.setdefault(place, [0, 0, 0])
            row[0 if fact.rat_on_time else 1 if fact.rat_overdue else 2] += 1
        places = sorted(rows)
        if key == "rat_by_school":
            title = _("Kepatuhan RAT per sekolah")
        elif scope.is_province:
            title = _("Kepatuhan RAT per kabupaten")
        else:
            title = _("Kepatuhan RAT per kecamatan")
        names = (_("Tepat waktu"), _("Terlambat/belum"), _("Belum jatuh tempo"))
        series = [(str(name), [rows[p][n] for p in places]) for n, name in enumerate(names)]
        return Chart(key, title, "stacked", places, series)

    def report_tables(self, scope: Scope) -> list[ReportTable]:
        """Cooperatives at risk of dissolution: founded, and no RAT for two years or more."""
        rows = [
            [c.name, c.school.name, c.school.region.name, c.last_rat_on or _("belum pernah")]
            for c in at_risk_of_dissolution(scope.region_ids)
        ]
        columns = [_("Koperasi"), _("Sekolah"), _("Kabupaten/kota"), _("RAT terakhir")]
        title = _("Koperasi berisiko dibubarkan (dua tahun tanpa RAT)")
        at_risk = ReportTable("at_risk", title, columns, rows, _("Tidak ada."))
        return [self._trend_table(scope), at_risk]

    def _trend_table(self, scope: Scope) -> ReportTable:
        """Three years side by side: cooperatives by status at each year's end, RATs, members."""
        years = [timezone.localdate().year - n for n in (2, 1, 0)]
        trend = three_year_trend(cooperatives_in_regions(scope.region_ids), years)
        labels = dict(CoopStatus.choices)
        rows: list[list[Any]] = [
            [str(labels[status])] + [t.statuses.get(status, 0) for t in trend]
            for status in CoopStatus.values
        ]
        rows.append([_("Koperasi tercatat")] + [sum(t.statuses.values()) for t in trend])
        rows.append([_("RAT diselenggarakan")] + [t.rats_held for t in trend])
        rows.append([_("Anggota pada akhir tahun")] + [t.members for t in trend])
        columns = [_("Indikator")] + [str(y) for y in years]
        title = _("Tren tiga tahun (akhir tahun; tahun ini sampai hari ini)")
        return ReportTable("trend", title, columns, rows, _("Tidak ada."))


def coop_status_cells(school_ids: list[int]) -> dict[int, str]:
    """The dinas' school list: each school's cooperative and its status at the last refresh
    (the facts the overview counted), one query for a page of schools."""
    from school_coops.models import CoopFactsRow

    labels = dict(CoopStatus.choices)
    cells: dict[int, list[str]] = {}
    rows = (
        CoopFactsRow.objects.filter(coop__school_id__in=school_ids)
        .order_by("coop__name")
        .values_list("coop__school_id", "coop__name", "status")
    )
    for school_id, name, status in rows:
        cells.setdefault(school_id, []).append(f"{name} ({labels.get(status, status)})")
    return {school_id: "; ".join(names) for school_id, names in cells.items()}


register(CooperativeContribution())
register_school_column(SchoolColumn("coop", _l("Koperasi sekolah"), coop_status_cells, 10))
