"""SHU reads (docs/domain.md §3.3): the preview of a tahun buku's distribution, and its arithmetic.

The split follows the bylaw version in effect on the RAT date: buckets by percentage of the
members' SHU, the JMA pool by each member's pokok + wajib at year-end (Sa / TMS) and the JUA
pool by each member's purchases in the year (Va / VUK). Money is Decimal throughout; whole
rupiah is reached by the bylaw's documented rounding rule. services/shu.py posts the result.
"""

from __future__ import annotations

import datetime
from collections.abc import Hashable
from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, Decimal
from typing import Any

from django.conf import settings
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from school_coops.chart import (
    CURRENT_SURPLUS,
    MEMBER_REVENUE_CODES,
    NONMEMBER_COST,
    NONMEMBER_SALES,
)
from school_coops.exceptions import CooperativeRuleError
from school_coops.models import (
    AccountingPeriod,
    BylawVersion,
    Cooperative,
    JournalLine,
    Membership,
    RatRecord,
    ShuAllocation,
    ShuJob,
    Side,
)
from school_coops.models.cooperative import ShuRounding
from school_coops.models.savings import SavingsKind
from school_coops.selectors import bylaw_in_effect, fiscal_year_end
from school_coops.selectors.rat import shu_decision

Bucket = ShuAllocation.Bucket
ONE = Decimal(1)


def _floor(value: Decimal) -> Decimal:
    return value.quantize(ONE, rounding=ROUND_FLOOR)


def split_pool(
    pool: Decimal, weights: dict[Hashable, Decimal], rule: str
) -> tuple[dict[Hashable, Decimal], Decimal]:
    """Share a whole-rupiah pool in proportion to weights; returns (payouts, residual).

    Largest remainder: floors, then one rupiah each to the largest fractions (ties: lower
    key) so Σ payouts == pool. Floor: the residual is returned for the reserve. With no
    weight at all nothing can be shared and the whole pool is the residual.
    """
    total = sum(weights.values(), Decimal(0))
    if pool <= 0 or total <= 0:
        return {key: Decimal(0) for key in weights}, pool
    exact = {key: pool * weight / total for key, weight in weights.items()}
    paid = {key: _floor(value) for key, value in exact.items()}
    residual = pool - sum(paid.values(), Decimal(0))
    if rule == ShuRounding.LARGEST_REMAINDER:
        order = sorted(exact, key=lambda k: (-(exact[k] - paid[k]), k))
        for key in order[: int(residual)]:
            paid[key] += ONE
        residual = Decimal(0)
    return paid, residual


def allocate_buckets(amount: Decimal, percents: dict[str, Decimal]) -> dict[str, Decimal]:
    """Bucket amounts floored to the rupiah; the residual goes to cadangan (Σ == amount)."""
    amounts = {bucket: _floor(amount * pct / 100) for bucket, pct in percents.items()}
    residual = amount - sum(amounts.values(), Decimal(0))
    amounts[Bucket.CADANGAN] = amounts.get(Bucket.CADANGAN, Decimal(0)) + residual
    return amounts


@dataclass
class ShareRow:
    membership: Membership
    savings: Decimal  # Sa
    transactions: Decimal  # Va
    jasa_modal: Decimal = Decimal(0)
    jasa_usaha: Decimal = Decimal(0)

    @property
    def amount(self) -> Decimal:
        return self.jasa_modal + self.jasa_usaha


@dataclass
class ShuPlan:
    """A preview: every number of the distribution, and what still blocks confirming it."""

    coop: Cooperative
    fiscal_year: int
    start: datetime.date
    end: datetime.date
    rat: RatRecord | None
    bylaw: BylawVersion | None
    total: Decimal = Decimal(0)
    member_part: Decimal = Decimal(0)
    nonmember_part: Decimal = Decimal(0)
    buckets: dict[str, Decimal] = field(default_factory=dict)  # after pools and residuals
    percents: dict[str, Decimal] = field(default_factory=dict)
    shares: list[ShareRow] = field(default_factory=list)
    residual: Decimal = Decimal(0)
    total_savings: Decimal = Decimal(0)  # TMS
    total_transactions: Decimal = Decimal(0)  # VUK
    problems: list[str] = field(default_factory=list)

    @property
    def allocations(self) -> list[dict[str, Any]]:
        return [
            {
                "bucket": bucket,
                "label": str(Bucket(bucket).label),
                "percent": self.percents.get(bucket, Decimal(0)),
                "amount": amount,
            }
            for bucket, amount in self.buckets.items()
        ]


def fiscal_year_bounds(
    *, coop: Cooperative, fiscal_year: int
) -> tuple[datetime.date, datetime.date]:
    start = datetime.date(fiscal_year, coop.fiscal_year_start_month, 1)
    return start, fiscal_year_end(coop=coop, fiscal_year=fiscal_year)


def fiscal_year_lines(*, coop: Cooperative, start: datetime.date, end: datetime.date) -> Any:
    """Journal lines of the tahun buku without entries touching SHU tahun berjalan (3-1501).

    The year-end closing entry (and its reversal, the distribution and a loss charged to
    cadangan) moves the result to or from 3-1501; leaving them out shows the year's activity.
    """
    return (
        JournalLine.objects.posted()
        .filter(entry__coop=coop, entry__date__gte=start, entry__date__lte=end)
        .exclude(entry__lines__account__code=CURRENT_SURPLUS)
    )


def _net_credit(lines: Any) -> Decimal:
    t = lines.aggregate(
        d=Sum("amount", filter=Q(side=Side.DEBIT), default=Decimal(0)),
        k=Sum("amount", filter=Q(side=Side.CREDIT), default=Decimal(0)),
    )
    return t["k"] - t["d"]


def fiscal_year_surplus(*, coop: Cooperative, start: datetime.date, end: datetime.date) -> Decimal:
    """Income − expense of the tahun buku (SHU before distribution; negative is a loss)."""
    lines = fiscal_year_lines(coop=coop, start=start, end=end)
    return _net_credit(lines.filter(account__account_class__in=("pendapatan", "beban")))


def _nonmember_surplus(coop: Cooperative, start: datetime.date, end: datetime.date) -> Decimal:
    lines = fiscal_year_lines(coop=coop, start=start, end=end)
    return _net_credit(lines.filter(account__code__in=(NONMEMBER_SALES, NONMEMBER_COST)))


def shu_parts(
    *,
    coop: Cooperative,
    bylaw: BylawVersion,
    start: datetime.date,
    end: datetime.date,
    total: Decimal,
) -> tuple[Decimal, Decimal]:
    """(SHU dari anggota, SHU dari non-anggota) of a positive SHU; (0, 0) for none or a loss.

    Non-member business (4-1201 − 5-1201) is kept apart only when the bylaw sends it to
    cadangan; it is capped at the total, so other losses first eat into the non-member part.
    """
    if total <= 0:
        return Decimal(0), Decimal(0)
    nonmember = Decimal(0)
    if bylaw.nonmember_shu_to_reserve:
        nonmember = min(max(_nonmember_surplus(coop, start, end), Decimal(0)), total)
    return total - nonmember, nonmember


def _eligible_members(coop: Cooperative, end: datetime.date) -> list[Membership]:
    """Members at year-end: joined by then and not yet left."""
    return list(
        Membership.objects.filter(coop=coop, joined_on__lte=end)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=end))
        .exclude(status__in=[Membership.Status.APPLIED, Membership.Status.REJECTED])
        .select_related("member")
        .order_by("pk")
    )


def _bases(
    coop: Cooperative, members: list[Membership], start: datetime.date, end: datetime.date
) -> list[ShareRow]:
    """Sa = pokok + wajib at year-end (same rule for TMS); Va = member purchases in the year."""
    savings = dict(
        JournalLine.objects.posted()
        .filter(
            savings_account__membership__in=members,
            savings_account__kind__in=[SavingsKind.POKOK, SavingsKind.WAJIB],
            entry__date__lte=end,
        )
        .values("savings_account__membership")
        .annotate(
            net=Sum("amount", filter=Q(side=Side.CREDIT), default=Decimal(0))
            - Sum("amount", filter=Q(side=Side.DEBIT), default=Decimal(0))
        )
        .values_list("savings_account__membership", "net")
    )
    purchases = dict(
        fiscal_year_lines(coop=coop, start=start, end=end)
        .filter(membership__in=members, account__code__in=MEMBER_REVENUE_CODES)
        .values("membership")
        .annotate(
            net=Sum("amount", filter=Q(side=Side.CREDIT), default=Decimal(0))
            - Sum("amount", filter=Q(side=Side.DEBIT), default=Decimal(0))
        )
        .values_list("membership", "net")
    )
    return [
        ShareRow(
            m,
            max(savings.get(m.pk, Decimal(0)), Decimal(0)),
            max(purchases.get(m.pk, Decimal(0)), Decimal(0)),
        )
        for m in members
    ]


def shu_year_closed(*, plan: ShuPlan) -> bool:
    """The tahun buku has ended and its last month is closed, so its SHU is final."""
    if plan.end >= timezone.localdate():
        return False
    last_month = AccountingPeriod.objects.filter(
        coop=plan.coop, start_date=plan.end.replace(day=1)
    ).first()
    return last_month is not None and last_month.is_closed


def _rupiah(amount: Decimal | None) -> str:
    return f"{amount or 0:,.0f}".replace(",", ".")


def _rat_vote_problems(plan: ShuPlan) -> list[str]:
    """The split must be the one a RAT decision approved by vote: same SHU, same percentages."""
    decision = shu_decision(coop=plan.coop, fiscal_year=plan.fiscal_year)
    if decision is None:
        return [
            _(
                "Pembagian SHU tahun buku %(y)s belum disetujui RAT: ajukan usulan pembagian SHU "
                "dalam RAT dan putuskan dengan pemungutan suara."
            )
            % {"y": plan.fiscal_year}
        ]
    decided = {a["bucket"]: Decimal(a["percent"]) for a in decision.shu_allocation}
    if decision.shu_total != plan.total or decided != plan.percents:
        return [
            _(
                "Pembagian SHU yang disetujui RAT (SHU Rp %(decided)s) berbeda dengan "
                "perhitungan sekarang (SHU Rp %(now)s); ajukan usulan baru ke RAT."
            )
            % {"decided": _rupiah(decision.shu_total), "now": _rupiah(plan.total)}
        ]
    return []


def _problems(plan: ShuPlan) -> list[str]:
    problems: list[str] = []
    if plan.end >= timezone.localdate():
        problems.append(_("Tahun buku %(y)s belum berakhir.") % {"y": plan.fiscal_year})
        return problems
    if not shu_year_closed(plan=plan):
        problems.append(
            _("Tutup tahun buku %(y)s dulu (menu Periode), agar SHU tahun berjalan final.")
            % {"y": plan.fiscal_year}
        )
    if plan.rat is None:
        problems.append(
            _("Pembagian SHU ditetapkan RAT: catat dulu RAT tahun buku %(y)s.")
            % {"y": plan.fiscal_year}
        )
    if plan.total < 0:
        problems.append(
            _("Tahun buku ini rugi; SHU tidak dibagi. Rugi ditutup dari cadangan sesuai AD/ART.")
        )
    elif plan.total == 0:
        problems.append(_("Tidak ada SHU untuk dibagi pada tahun buku ini."))
    return problems


def shu_plan(*, coop: Cooperative, fiscal_year: int) -> ShuPlan:
    """Compute the distribution without writing anything (the preview)."""
    start, end = fiscal_year_bounds(coop=coop, fiscal_year=fiscal_year)
    rat = RatRecord.objects.filter(coop=coop, fiscal_year=fiscal_year).first()
    try:
        bylaw = bylaw_in_effect(coop=coop, day=rat.held_on if rat else end)
    except CooperativeRuleError as exc:
        plan = ShuPlan(coop, fiscal_year, start, end, rat, None)
        plan.problems = [str(exc)]
        return plan
    plan = ShuPlan(coop, fiscal_year, start, end, rat, bylaw)
    plan.total = fiscal_year_surplus(coop=coop, start=start, end=end)
    plan.problems = _problems(plan)
    if plan.total <= 0:
        return plan
    plan.member_part, nonmember = shu_parts(
        coop=coop, bylaw=bylaw, start=start, end=end, total=plan.total
    )
    plan.nonmember_part = nonmember
    plan.percents = {a.bucket: a.percent for a in bylaw.shu_allocations.all()}
    plan.problems += _rat_vote_problems(plan)
    buckets = allocate_buckets(plan.member_part, plan.percents)
    plan.shares = _bases(coop, _eligible_members(coop, end), start, end)
    plan.total_savings = sum((r.savings for r in plan.shares), Decimal(0))
    plan.total_transactions = sum((r.transactions for r in plan.shares), Decimal(0))
    plan.residual = _split_jasa(plan, buckets, bylaw.rounding_rule)
    # Rounding residuals, pools nobody can claim and non-member SHU all go to cadangan.
    buckets[Bucket.CADANGAN] = buckets.get(Bucket.CADANGAN, Decimal(0)) + plan.residual + nonmember
    plan.buckets = {b: a for b, a in buckets.items() if a > 0}
    return plan


def _split_jasa(plan: ShuPlan, buckets: dict[str, Decimal], rounding_rule: str) -> Decimal:
    """Jasa modal by savings and jasa usaha by transactions onto the plan's member rows.

    Both pools leave `buckets`; returns what rounding (or nobody eligible) left unassigned.
    """
    jma, jma_rest = split_pool(
        buckets.pop(Bucket.JASA_MODAL, Decimal(0)),
        {r.membership.pk: r.savings for r in plan.shares},
        rounding_rule,
    )
    jua, jua_rest = split_pool(
        buckets.pop(Bucket.JASA_USAHA, Decimal(0)),
        {r.membership.pk: r.transactions for r in plan.shares},
        rounding_rule,
    )
    for row in plan.shares:
        row.jasa_modal, row.jasa_usaha = jma[row.membership.pk], jua[row.membership.pk]
    return jma_rest + jua_rest


def member_bases(*, coop: Cooperative, fiscal_year: int) -> list[ShareRow]:
    """Sa and Va of every member at the year's end (the SHU bases; also the health rubric's
    participation rate)."""
    start, end = fiscal_year_bounds(coop=coop, fiscal_year=fiscal_year)
    return _bases(coop, _eligible_members(coop, end), start, end)


def shu_eligible_count(*, coop: Cooperative, fiscal_year: int) -> int:
    """How many members share the year's SHU (one query; the job's progress total)."""
    _start, end = fiscal_year_bounds(coop=coop, fiscal_year=fiscal_year)
    return (
        Membership.objects.filter(coop=coop, joined_on__lte=end)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=end))
        .exclude(status__in=[Membership.Status.APPLIED, Membership.Status.REJECTED])
        .count()
    )


def shu_in_background(*, coop: Cooperative, fiscal_year: int) -> bool:
    """Above settings.SHU_ASYNC_MEMBERS members the SHU is confirmed and paid in Celery."""
    return shu_eligible_count(coop=coop, fiscal_year=fiscal_year) > settings.SHU_ASYNC_MEMBERS


def shu_job_latest(*, coop: Cooperative, fiscal_year: int) -> ShuJob | None:
    """The newest SHU job of the year (for the progress bar on the SHU page), or None."""
    return ShuJob.objects.filter(coop=coop, fiscal_year=fiscal_year).first()
