"""Reads for the district office (dinas): the cooperatives of a set of regions and their facts.

One place computes what the dashboard, the cooperative list, its export and the profile say
about a cooperative (status, RAT, books, members, health), so they always agree.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from school_coops.models import (
    AccountClass,
    Cooperative,
    CoopFactsRow,
    CoopStatusChange,
    HealthAssessment,
    JournalEntry,
    JournalLine,
    Membership,
    RatRecord,
    SavingsAccount,
    Side,
    Workflow,
)
from school_coops.models.cooperative import CoopStatus
from school_coops.models.shu import ShuDistribution
from school_coops.selectors import fiscal_year_end
from school_coops.selectors.rat import rat_deadline
from school_coops.selectors.statements import current_fiscal_year

BOOKS_RECENT_DAYS = 90  # "books kept": a posted entry in the last three months
HEALTH_LEVELS = (
    (3, "sehat", _("Sehat")),
    (2, "cukup", _("Cukup sehat")),
    (0, "kurang", _("Kurang sehat")),
)
HEALTH_CHOICES = [(key, label) for _minimum, key, label in HEALTH_LEVELS]
MEMBER_STATES = (Membership.Status.ACTIVE, Membership.Status.ENDED)


def cooperatives_in_regions(region_ids: Iterable[int]) -> QuerySet[Cooperative]:
    return Cooperative.objects.filter(school__region_id__in=list(region_ids)).select_related(
        "school", "school__region"
    )


@dataclass(frozen=True)
class CoopFacts:
    coop: Cooperative
    status: str
    rat_year: int  # the last finished tahun buku, whose RAT falls due this year
    rat_due: bool  # the coop existed in that tahun buku
    rat_held: bool
    rat_on_time: bool
    rat_overdue: bool  # due, and not held by the deadline (or held late)
    books_recent: bool
    members: int
    members_year_ago: int

    @property
    def members_growing(self) -> bool:
        return self.members > self.members_year_ago

    @property
    def health_score(self) -> int:
        """0-3: books kept in the last 3 months, RAT on time, members growing."""
        return int(self.books_recent) + int(self.rat_on_time) + int(self.members_growing)

    @property
    def health(self) -> str:
        return next(key for minimum, key, _label in HEALTH_LEVELS if self.health_score >= minimum)

    @property
    def health_label(self) -> str:
        return str(dict(HEALTH_CHOICES)[self.health])


def _member_counts(coop_ids: list[int], today: datetime.date) -> dict[int, tuple[int, int]]:
    year_ago = today - datetime.timedelta(days=365)

    def member_on(day: datetime.date) -> Q:
        return Q(joined_on__lte=day) & (Q(ended_on__isnull=True) | Q(ended_on__gt=day))

    rows = (
        Membership.objects.filter(coop_id__in=coop_ids, status__in=MEMBER_STATES)
        .values("coop_id")
        .annotate(
            now=Count("pk", filter=member_on(today)), then=Count("pk", filter=member_on(year_ago))
        )
    )
    return {r["coop_id"]: (r["now"], r["then"]) for r in rows}


def _rat_records(coop_ids: list[int]) -> dict[tuple[int, int], RatRecord]:
    rows = RatRecord.objects.filter(coop_id__in=coop_ids).only("coop_id", "fiscal_year", "is_late")
    return {(r.coop_id, r.fiscal_year): r for r in rows}


def _recent_books(coop_ids: list[int], today: datetime.date) -> set[int]:
    since = today - datetime.timedelta(days=BOOKS_RECENT_DAYS)
    entries = JournalEntry.objects.posted().filter(coop_id__in=coop_ids, date__gte=since)
    return set(entries.values_list("coop_id", flat=True).distinct())


def coop_facts(
    coops: Iterable[Cooperative], today: datetime.date | None = None
) -> dict[int, CoopFacts]:
    """Facts of each cooperative, in a fixed number of queries (whatever the count)."""
    today = today or timezone.localdate()
    coops = list(coops)
    ids = [c.pk for c in coops]
    members, rats, books = _member_counts(ids, today), _rat_records(ids), _recent_books(ids, today)
    facts = {}
    for coop in coops:
        year = current_fiscal_year(coop=coop, today=today) - 1
        due = coop.founded_on is not None and coop.founded_on <= fiscal_year_end(
            coop=coop, fiscal_year=year
        )
        record = rats.get((coop.pk, year))
        on_time = record is not None and not record.is_late
        late = (
            due
            and not on_time
            and (record is not None or today > rat_deadline(coop=coop, fiscal_year=year))
        )
        now, then = members.get(coop.pk, (0, 0))
        facts[coop.pk] = CoopFacts(
            coop=coop,
            status=coop.status_on(today),
            rat_year=year,
            rat_due=due,
            rat_held=record is not None,
            rat_on_time=on_time,
            rat_overdue=late,
            books_recent=coop.pk in books,
            members=now,
            members_year_ago=then,
        )
    return facts


@dataclass(frozen=True)
class Money:
    savings: Decimal
    volume: Decimal  # net credit to income accounts in the last 12 months, closing excluded
    shu: Decimal  # SHU of the last finished tahun buku (confirmed distributions)


def money_totals(coops: QuerySet[Cooperative], today: datetime.date, shu_year: int) -> Money:
    savings = SavingsAccount.objects.filter(membership__coop__in=coops).aggregate(
        total=Sum("balance")
    )["total"]
    since = today - datetime.timedelta(days=365)
    lines = JournalLine.objects.posted().filter(
        entry__coop__in=coops,
        account__account_class=AccountClass.INCOME,
        entry__date__gt=since,
        entry__date__lte=today,
    )
    lines = lines.exclude(entry__workflow=Workflow.CLOSING)
    sums = lines.aggregate(
        credit=Sum("amount", filter=Q(side=Side.CREDIT)),
        debit=Sum("amount", filter=Q(side=Side.DEBIT)),
    )
    shu = ShuDistribution.objects.filter(coop__in=coops, fiscal_year=shu_year).aggregate(
        total=Sum("total")
    )["total"]
    volume = (sums["credit"] or Decimal(0)) - (sums["debit"] or Decimal(0))
    return Money(savings=savings or Decimal(0), volume=volume, shu=shu or Decimal(0))


def status_counts(facts: Iterable[CoopFacts]) -> dict[str, int]:
    """Cooperatives per status, every CoopStatus value present (zero when none)."""
    counts = dict.fromkeys(CoopStatus.values, 0)
    for fact in facts:
        counts[fact.status] = counts.get(fact.status, 0) + 1
    return counts


def _rat_days(coop_ids: list[int]) -> dict[int, list[datetime.date]]:
    days: dict[int, list[datetime.date]] = {}
    rows = RatRecord.objects.filter(coop_id__in=coop_ids).values_list("coop_id", "held_on")
    for coop_id, held_on in rows:
        days.setdefault(coop_id, []).append(held_on)
    return days


def _history_stages(coop_ids: list[int]) -> dict[int, list[tuple[datetime.date, str]]]:
    """Per coop, (day, status) of every row of its status history, in order."""
    stages: dict[int, list[tuple[datetime.date, str]]] = {}
    rows = (
        CoopStatusChange.objects.filter(coop_id__in=coop_ids)
        .order_by("coop_id", "changed_at", "pk")
        .values_list("coop_id", "changed_at", "to_status")
    )
    for coop_id, changed_at, to_status in rows:
        stages.setdefault(coop_id, []).append((timezone.localdate(changed_at), to_status))
    return stages


STAGE: dict[str, int] = {
    CoopStatus.FOUNDING: 0,
    CoopStatus.AWAITING_RECOGNITION: 1,
    CoopStatus.ACTIVE: 2,
    CoopStatus.INACTIVE: 2,
}


def status_at_year_end(
    coop: Cooperative,
    day: datetime.date,
    history: list[tuple[datetime.date, str]],
    rat_days: list[datetime.date],
) -> str | None:
    """The coop's status on `day` (None: not in Kopsis yet), from its status history and RAT
    records: the stage (rintisan, menunggu pengukuhan, dikukuhkan) is the history's last row
    on or before the day, or the founding/recognition dates where the history does not reach
    back (data sebelum riwayat status); a recognised coop is aktif or tidak aktif by the last
    RAT held on or before that day, so a RAT held later never makes an earlier year aktif."""
    recorded = [status for when, status in history if when <= day]
    known = coop.created_at.date() <= day or (coop.founded_on and coop.founded_on <= day)
    if not recorded and not known:
        return None
    held = [d for d in [*rat_days, coop.last_rat_on] if d is not None and d <= day]
    by_dates = coop.status_with_rat(day, max(held, default=None))
    if recorded and STAGE.get(recorded[-1], 0) > STAGE[by_dates]:
        # The history says further on than the dates do (e.g. recognised with no date yet).
        return recorded[-1]
    return by_dates


def status_by_year(coops: Iterable[Cooperative], years: list[int]) -> dict[str, list[int]]:
    """Per status, how many cooperatives had it on 31 December of each year (today if later),
    from the status history and the RAT records (status_at_year_end). Three queries."""
    today = timezone.localdate()
    days = [min(datetime.date(y, 12, 31), today) for y in years]
    coops = list(coops)
    ids = [c.pk for c in coops]
    history, rats = _history_stages(ids), _rat_days(ids)
    counts = {status: [0] * len(years) for status in CoopStatus.values}
    for coop in coops:
        for n, day in enumerate(days):
            status = status_at_year_end(coop, day, history.get(coop.pk, []), rats.get(coop.pk, []))
            if status is not None:
                counts.setdefault(status, [0] * len(years))[n] += 1
    return counts


@dataclass(frozen=True)
class YearTrend:
    year: int
    statuses: dict[str, int]  # at the end of the year (status_by_year)
    rats_held: int  # RATs held in the calendar year
    members: int  # members on the last day of the year (today if later)


def three_year_trend(coops: Iterable[Cooperative], years: list[int]) -> list[YearTrend]:
    """The report's trend: per year, cooperatives by status, RATs held, members. Five
    queries whatever the number of cooperatives."""
    coops = list(coops)
    ids = [c.pk for c in coops]
    today = timezone.localdate()
    by_year = status_by_year(coops, years)
    rats = dict(
        RatRecord.objects.filter(coop_id__in=ids, held_on__year__in=years)
        .values_list("held_on__year")
        .annotate(n=Count("pk"))
    )
    counts = {}
    members = Membership.objects.filter(coop_id__in=ids, status__in=MEMBER_STATES)
    for year in years:
        day = min(datetime.date(year, 12, 31), today)
        on_day = Q(joined_on__lte=day) & (Q(ended_on__isnull=True) | Q(ended_on__gt=day))
        counts[f"y{year}"] = Count("pk", filter=on_day)
    member_counts = members.aggregate(**counts) if years else {}
    return [
        YearTrend(
            year=year,
            statuses={status: values[n] for status, values in by_year.items()},
            rats_held=rats.get(year, 0),
            members=member_counts.get(f"y{year}") or 0,
        )
        for n, year in enumerate(years)
    ]


@dataclass(frozen=True)
class CoopFilters:
    status: str = ""
    level: str = ""
    kecamatan: str = ""
    rat: str = ""  # "tepat" | "terlambat"
    books: str = ""  # "ya" | "tidak"
    health: str = ""  # a HEALTH_CHOICES key


def district_coop_rows(
    *, region_ids: Iterable[int], filters: CoopFilters
) -> QuerySet[CoopFactsRow]:
    """The cooperatives of the regions that pass the filters, by name (the list and export):
    the rows of the last refresh (`CoopFactsRow`), filtered in SQL, so a page costs two
    queries (count and slice) whatever the number of cooperatives."""
    rows = CoopFactsRow.objects.filter(region_id__in=list(region_ids)).select_related(
        "coop", "coop__school", "coop__school__region"
    )
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.level:
        rows = rows.filter(coop__school__level=filters.level)
    if filters.kecamatan:
        rows = rows.filter(coop__school__kecamatan=filters.kecamatan)
    if filters.rat:
        rows = rows.filter(**{"rat_on_time" if filters.rat == "tepat" else "rat_overdue": True})
    if filters.books:
        rows = rows.filter(books_recent=filters.books == "ya")
    if filters.health:
        rows = rows.filter(health=filters.health)
    return rows.order_by("coop__name", "coop_id")


def kecamatan_choices(region_ids: Iterable[int]) -> list[str]:
    from lms.schools.models import School

    names = School.objects.filter(region_id__in=list(region_ids)).exclude(kecamatan="")
    return sorted(set(names.values_list("kecamatan", flat=True)))


def at_risk_of_dissolution(
    region_ids: Iterable[int], today: datetime.date | None = None
) -> list[Cooperative]:
    """Founded cooperatives whose last RAT (or founding, if none) is two or more years ago."""
    today = today or timezone.localdate()
    try:
        limit = today.replace(year=today.year - 2)
    except ValueError:  # 29 February
        limit = today.replace(year=today.year - 2, day=28)
    coops = cooperatives_in_regions(region_ids).filter(founded_on__isnull=False)
    risky = coops.filter(
        Q(last_rat_on__lte=limit) | Q(last_rat_on__isnull=True, founded_on__lte=limit)
    )
    return list(risky.order_by("school__region__name", "name"))


# --- The dinas' profile of one cooperative --------------------------------------------------


def profile_history(
    coop: Cooperative, rats: list[RatRecord]
) -> list[tuple[datetime.date, str, str]]:
    """(day, what, why) of the status history, the RATs and, where the history does not reach
    back (cooperatives registered before it existed), the founding and recognition dates."""
    from school_coops.models import StatusEvent

    labels = dict(CoopStatus.choices)
    changes = list(coop.status_changes.order_by("changed_at", "pk"))
    recorded = {c.event for c in changes}
    events: list[tuple[datetime.date, str, str]] = []
    if coop.founded_on:
        events.append((coop.founded_on, str(_("Berdiri (rapat pembentukan)")), ""))
    if StatusEvent.FOUNDED not in recorded:
        events.append((coop.created_at.date(), str(_("Terdaftar di Kopsis")), ""))
    if coop.recognised_on and StatusEvent.RECOGNISED not in recorded:
        events.append((coop.recognised_on, str(_("Dikukuhkan")), coop.nomor_pengukuhan))
    for change in changes:
        day = timezone.localdate(change.changed_at)
        event = str(change.get_event_display())
        if change.event == StatusEvent.FOUNDED and coop.founded_on and day != coop.founded_on:
            event = str(_("Terdaftar di Kopsis"))  # an existing kopsis registered later
        what = f"{event}: {labels.get(change.to_status, change.to_status)}"
        events.append((day, what, change.reason))
    for rat in rats:
        what = str(_("RAT tahun buku %(y)s") % {"y": rat.fiscal_year})
        events.append((rat.held_on, what + (str(_(" (terlambat)")) if rat.is_late else ""), ""))
    return sorted(events, key=lambda e: e[0])


def district_profile(*, coop: Cooperative, today: datetime.date | None = None) -> dict[str, object]:
    """Everything the dinas' profile page shows of one cooperative (about 12 queries).

    Privacy (docs/privacy.md, "The district office"): the officers by role and name, as the
    dinas received them with the pengukuhan papers, and the guru pembina; never the member
    list, savings of a member or anyone's contact details."""
    from school_coops.models import Position
    from school_coops.selectors.statements import financial_position, profit_and_loss

    today = today or timezone.localdate()
    rats = list(RatRecord.objects.filter(coop=coop).order_by("-fiscal_year"))
    last_year = current_fiscal_year(coop=coop, today=today) - 1
    founded = coop.founded_on is not None
    return {
        "facts": coop_facts([coop], today)[coop.pk],
        "history": profile_history(coop, rats),
        "rats": rats,
        "position": financial_position(coop=coop, until=today),
        "phu_year": last_year,
        "phu": profit_and_loss(coop=coop, fiscal_year=last_year) if founded else None,
        "shu_runs": list(ShuDistribution.objects.filter(coop=coop).order_by("-fiscal_year")[:5]),
        "officers": list(
            Position.objects.filter(coop=coop, ended_on__isnull=True)
            .select_related("membership__member")
            .order_by("role")
        ),
        "supervisors": [u.get_full_name() or u.username for u in coop.supervisors.all()],
        # The newest rubric assessment (docs/domain.md §6.2); the dinas confirms it there.
        "assessment": HealthAssessment.objects.filter(coop=coop)
        .select_related("rubric", "confirmed_by")
        .order_by("-fiscal_year", "-rubric__version")
        .first(),
        "assess_year": last_year,
    }
