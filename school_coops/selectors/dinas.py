"""Reads for the district office: the recognition queue and the annual data collection.

Everything is scoped by the regions the dinas user serves (RoleAssignment with a region);
another region's rows are never in a queryset here, so the views answer 404 for them.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.accounts.models import Role, RoleAssignment, Sex
from school_coops.models import (
    AnnualReport,
    Cooperative,
    CoopStatusChange,
    Membership,
    PendataanReminder,
    Position,
    PositionRole,
    RatRecord,
    RecognitionSubmission,
    SubmissionStatus,
)
from school_coops.models.cooperative import CoopStatus
from school_coops.selectors import fiscal_year_end

# Defaults for the form; the guru pembina corrects them (docs/domain.md "Pendataan").
DEFAULT_TYPE = "Konsumen"
DEFAULT_GROUP = "Koperasi Sekolah"
PENGURUS = [PositionRole.KETUA, PositionRole.WAKIL_KETUA, PositionRole.SEKRETARIS]
PENGURUS += [PositionRole.BENDAHARA]


def dinas_region_ids(*, user: Any) -> set[int]:
    if not user.is_authenticated:
        return set()
    cache = user.__dict__.get("_dinas_regions")
    if cache is None:
        cache = set(
            RoleAssignment.objects.filter(
                user=user, role=Role.DINAS, region__isnull=False
            ).values_list("region_id", flat=True)
        )
        user.__dict__["_dinas_regions"] = cache
    return cache


# --- Recognition ----------------------------------------------------------------------------


def recognition_waiting(*, region_ids: Iterable[int]) -> QuerySet[RecognitionSubmission]:
    """Submissions waiting for a decision, by the region they were submitted to."""
    return RecognitionSubmission.objects.filter(
        region_id__in=list(region_ids), status=SubmissionStatus.SUBMITTED
    )


def recognition_queue(
    *, user: Any, region_ids: Iterable[int] | None = None
) -> QuerySet[RecognitionSubmission]:
    """Submissions waiting for a decision in the user's regions (or the given ones, which
    the view took from the user's district scopes), oldest first."""
    regions = dinas_region_ids(user=user) if region_ids is None else region_ids
    return (
        recognition_waiting(region_ids=regions)
        .select_related("coop__school", "submitted_by")
        .order_by("submitted_at", "pk")
    )


def recognition_decided(
    *, user: Any, region_ids: Iterable[int] | None = None
) -> QuerySet[RecognitionSubmission]:
    regions = dinas_region_ids(user=user) if region_ids is None else region_ids
    return (
        RecognitionSubmission.objects.filter(region_id__in=list(regions))
        .exclude(status=SubmissionStatus.SUBMITTED)
        .select_related("coop__school", "decided_by")
        .order_by("-decided_at", "-pk")
    )


def submission_for_dinas(*, user: Any, pk: int) -> RecognitionSubmission | None:
    return (
        RecognitionSubmission.objects.filter(pk=pk, region_id__in=dinas_region_ids(user=user))
        .select_related("coop__school__region", "submitted_by", "decided_by")
        .prefetch_related("attachments")
        .first()
    )


def recognition_submissions(*, coop: Cooperative) -> QuerySet[RecognitionSubmission]:
    return (
        coop.recognition_submissions.select_related("decided_by")
        .prefetch_related("attachments")
        .order_by("-submitted_at", "-pk")
    )


def status_history(*, coop: Cooperative) -> QuerySet[CoopStatusChange]:
    return coop.status_changes.select_related("changed_by").order_by("changed_at", "pk")


def recognition_number_suggestion(*, region: Any, day: datetime.date) -> str:
    """A free number of the form <n>/PKS/<region code>/<year>; dinas may type their own."""
    n = RecognitionSubmission.objects.filter(
        region=region, status=SubmissionStatus.RECOGNISED
    ).count()
    while True:
        n += 1
        number = f"{n:03d}/PKS/{region.code}/{day.year}"
        if not RecognitionSubmission.objects.filter(
            region=region, nomor_pengukuhan=number
        ).exists():
            return number


# --- Pendataan ------------------------------------------------------------------------------


def pendataan_years(*, coop: Cooperative) -> list[int]:
    """Years a coop can report: from the year it was founded to this year."""
    if coop.founded_on is None:
        return []
    return list(range(timezone.localdate().year, coop.founded_on.year - 1, -1))


def _members_by_sex(coop: Cooperative, day: datetime.date) -> dict[str, int]:
    members = Membership.objects.filter(coop=coop, joined_on__lte=day).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=day),
        status__in=[Membership.Status.ACTIVE, Membership.Status.ENDED],
    )
    counts = dict(members.values_list("member__sex").annotate(n=Count("pk")))
    return {
        "members_male": counts.get(Sex.MALE, 0),
        "members_female": counts.get(Sex.FEMALE, 0),
        "members_unknown": sum(n for sex, n in counts.items() if sex not in Sex.values),
    }


def _officers(coop: Cooperative, day: datetime.date) -> dict[str, int]:
    current = Position.objects.filter(coop=coop, started_on__lte=day).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=day)
    )
    return {
        "officers": current.filter(role__in=PENGURUS).values("membership").distinct().count(),
        "supervisors": current.filter(role=PositionRole.PENGAWAS)
        .values("membership")
        .distinct()
        .count(),
    }


def _money(coop: Cooperative, year: int, until: datetime.date) -> dict[str, int]:
    from school_coops.selectors.statements import financial_position, profit_and_loss

    position = financial_position(coop=coop, until=until)
    phu = profit_and_loss(coop=coop, fiscal_year=year)
    return {
        "own_capital": int(position.equity.total),
        "outside_capital": int(position.liabilities.total),
        "assets": int(position.assets.total),
        # Volume usaha: sales and services to members and non-members in the tahun buku.
        "business_volume": int(phu.member_revenue.total + phu.nonmember_sales.total),
        "shu": int(phu.surplus),
    }


def pendataan_prefill(*, coop: Cooperative, year: int) -> dict[str, Any]:
    """The year's indicators from the books and RAT records (JSON-ready: ints, str dates).

    Balances are at the end of the tahun buku named by `year`, or today while it runs; the
    RAT is the one held in the calendar year (it accepts the previous tahun buku)."""
    until = min(fiscal_year_end(coop=coop, fiscal_year=year), timezone.localdate())
    rat = RatRecord.objects.filter(coop=coop, held_on__year=year).order_by("-held_on").first()
    values: dict[str, Any] = {
        "is_active": coop.status_on(until) not in (CoopStatus.INACTIVE, CoopStatus.FOUNDING),
        "rat_held": rat is not None,
        "rat_date": rat.held_on.isoformat() if rat else "",
        **_members_by_sex(coop, until),
        **_officers(coop, until),
        "employees": 0,  # Kopsis keeps no employee records: the guru pembina fills it in
        **_money(coop, year, until),
        "nik": "",
        "legal_number": coop.nomor_badan_hukum or coop.nomor_pengukuhan,
        "coop_type": DEFAULT_TYPE,
        "coop_group": DEFAULT_GROUP,
    }
    return values


FIELDS = [
    "is_active",
    "rat_held",
    "rat_date",
    "members_male",
    "members_female",
    "members_unknown",
    "officers",
    "supervisors",
    "employees",
    "own_capital",
    "outside_capital",
    "assets",
    "business_volume",
    "shu",
    "nik",
    "legal_number",
    "coop_type",
    "coop_group",
]


def report_values(report: AnnualReport) -> dict[str, Any]:
    """The reported columns in the JSON form of pendataan_prefill()."""
    values: dict[str, Any] = {}
    for name in FIELDS:
        value = getattr(report, name)
        if isinstance(value, Decimal):
            value = int(value)
        elif isinstance(value, datetime.date):
            value = value.isoformat()
        elif value is None:
            value = ""
        values[name] = value
    return values


def report_corrections(report: AnnualReport) -> dict[str, Any]:
    """Field → prefilled value, for every field the guru pembina changed."""
    reported = report_values(report)
    return {k: v for k, v in report.prefilled.items() if k in reported and reported[k] != v}


def district_coops(*, region_ids: Iterable[int]) -> QuerySet[Cooperative]:
    """Founded coops of the regions (rintisan have nothing to report yet)."""
    return (
        Cooperative.objects.filter(school__region_id__in=list(region_ids), founded_on__isnull=False)
        .select_related("school__region")
        .order_by("school__region__name", "name", "pk")
    )


def pendataan_status(*, region_ids: set[int], year: int, missing_only: bool = False) -> Any:
    """Coops of the regions with their report for the year (None: not submitted)."""
    reports = AnnualReport.objects.filter(year=year, submitted_at__isnull=False)
    reminders = PendataanReminder.objects.filter(year=year).order_by("-sent_at")
    coops = district_coops(region_ids=region_ids).prefetch_related(
        Prefetch("annual_reports", queryset=reports, to_attr="year_reports"),
        Prefetch("reminders", queryset=reminders, to_attr="year_reminders"),
    )
    if missing_only:
        coops = coops.exclude(annual_reports__in=reports)
    return coops


def pendataan_missing(*, region_ids: Iterable[int], year: int) -> QuerySet[Cooperative]:
    submitted = AnnualReport.objects.filter(year=year, submitted_at__isnull=False)
    return district_coops(region_ids=region_ids).exclude(pk__in=submitted.values("coop_id"))


def pendataan_reminders_for(*, user: Any) -> QuerySet[PendataanReminder]:
    """Reminders for coops the user supervises whose year is not submitted yet, newest first."""
    submitted = AnnualReport.objects.filter(
        coop=OuterRef("coop"), year=OuterRef("year"), submitted_at__isnull=False
    )
    return (
        PendataanReminder.objects.filter(coop__supervisors=user)
        .exclude(Exists(submitted))
        .select_related("coop")
        .order_by("-sent_at")
    )


EXPORT_COLUMNS = [
    ("name", _("Nama Koperasi")),
    ("nik", _("Nomor Induk Koperasi (NIK)")),
    ("legal_number", _("Nomor Badan Hukum")),
    ("nomor_pengukuhan", _("Nomor Pengukuhan")),
    ("recognised_on", _("Tanggal Pengukuhan")),
    ("coop_type", _("Jenis Koperasi")),
    ("coop_group", _("Kelompok Koperasi")),
    ("school", _("Nama Sekolah")),
    ("npsn", _("NPSN")),
    ("region", _("Kabupaten/Kota")),
    ("province", _("Provinsi")),
    ("is_active", _("Status Koperasi")),
    ("rat_held", _("Pelaksanaan RAT")),
    ("rat_date", _("Tanggal RAT")),
    ("members_male", _("Jumlah Anggota Pria")),
    ("members_female", _("Jumlah Anggota Wanita")),
    ("members_unknown", _("Jumlah Anggota Jenis Kelamin Tidak Tercatat")),
    ("members_total", _("Jumlah Anggota")),
    ("officers", _("Jumlah Pengurus")),
    ("supervisors", _("Jumlah Pengawas")),
    ("employees", _("Jumlah Karyawan")),
    ("own_capital", _("Modal Sendiri")),
    ("outside_capital", _("Modal Luar")),
    ("assets", _("Aset")),
    ("business_volume", _("Volume Usaha")),
    ("shu", _("SHU")),
    ("submitted", _("Status Pendataan")),
    ("submitted_at", _("Tanggal Kirim")),
]


def _export_row(coop: Cooperative, report: AnnualReport | None) -> list[Any]:
    base: dict[str, Any] = {
        "name": coop.name,
        "nomor_pengukuhan": coop.nomor_pengukuhan,
        "recognised_on": coop.recognised_on.isoformat() if coop.recognised_on else "",
        "school": coop.school.name,
        "npsn": coop.school.npsn,
        "region": coop.school.region.name,
        "province": coop.school.region.province,
        "submitted": str(_("Sudah dikirim") if report else _("Belum dikirim")),
    }
    if report is not None:
        values = report_values(report)
        values["is_active"] = str(_("Aktif") if report.is_active else _("Tidak Aktif"))
        values["rat_held"] = str(_("Ya") if report.rat_held else _("Tidak"))
        values["members_total"] = (
            report.members_male + report.members_female + report.members_unknown
        )
        values["submitted_at"] = timezone.localtime(report.submitted_at).strftime("%Y-%m-%d")
        base = {**values, **base}
    return [base.get(key, "") for key, _label in EXPORT_COLUMNS]


def pendataan_export_rows(*, region_ids: set[int], year: int) -> list[list[Any]]:
    """One row per founded coop of the regions; coops that did not report keep blank cells."""
    rows: list[list[Any]] = [[str(label) for _key, label in EXPORT_COLUMNS]]
    for coop in pendataan_status(region_ids=region_ids, year=year):
        report = coop.year_reports[0] if coop.year_reports else None
        rows.append(_export_row(coop, report))
    return rows
