"""SHU distribution (DOMAIN §3.3): after the tahun buku is closed and its RAT recorded.

The split follows the bylaw version in effect on the RAT date (stored with the result):
buckets by percentage of the members' SHU, the JMA pool by each member's pokok + wajib at
year-end (Sa / TMS) and the JUA pool by each member's purchases in the year (Va / VUK).
Money is Decimal throughout; whole rupiah is reached by the bylaw's documented rounding rule.
"""

from __future__ import annotations

import datetime
from collections.abc import Hashable
from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, Decimal
from typing import Any

from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from school_coops.chart import CASH, UNPAID_SHU
from school_coops.exceptions import CooperativeRuleError
from school_coops.models import (
    Account,
    AccountingPeriod,
    BylawVersion,
    Cooperative,
    JournalEntry,
    JournalLine,
    Membership,
    RatRecord,
    ShuAllocation,
    ShuDistribution,
    ShuMemberShare,
    Side,
    Workflow,
)
from school_coops.models.cooperative import ShuRounding
from school_coops.models.savings import SavingsKind
from school_coops.selectors import account_balance, unpaid_shu
from school_coops.services.cooperative import bylaw_in_effect, fiscal_year_end
from school_coops.services.ledger import LineInput, account_by_code, journal_entry_post

Bucket = ShuAllocation.Bucket
CURRENT_SURPLUS = "3-1501"
RESERVE = "3-1301"
# Va: what members bought from the coop (partisipasi bruto) and loan interest they paid.
MEMBER_REVENUE_CODES = ("4-1101", "4-1401")
NONMEMBER_SALES, NONMEMBER_COST = "4-1201", "5-1201"
BUCKET_ACCOUNTS = {
    Bucket.CADANGAN: RESERVE,
    Bucket.PENGURUS: "2-1301",
    Bucket.PENDIDIKAN: "2-1302",
    Bucket.SOSIAL: "2-1303",
    Bucket.PEMBANGUNAN: "2-1304",
    Bucket.KARYAWAN: "2-1305",  # not in the DOMAIN chart: created on first use
}
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


def _problems(plan: ShuPlan) -> list[str]:
    coop, problems = plan.coop, []
    if plan.end >= timezone.localdate():
        problems.append(_("Tahun buku %(y)s belum berakhir.") % {"y": plan.fiscal_year})
        return problems
    last_month = AccountingPeriod.objects.filter(
        coop=coop, start_date=plan.end.replace(day=1)
    ).first()
    if last_month is None or not last_month.is_closed:
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
    buckets = allocate_buckets(plan.member_part, plan.percents)
    plan.shares = _bases(coop, _eligible_members(coop, end), start, end)
    plan.total_savings = sum((r.savings for r in plan.shares), Decimal(0))
    plan.total_transactions = sum((r.transactions for r in plan.shares), Decimal(0))
    jma, jma_rest = split_pool(
        buckets.pop(Bucket.JASA_MODAL, Decimal(0)),
        {r.membership.pk: r.savings for r in plan.shares},
        bylaw.rounding_rule,
    )
    jua, jua_rest = split_pool(
        buckets.pop(Bucket.JASA_USAHA, Decimal(0)),
        {r.membership.pk: r.transactions for r in plan.shares},
        bylaw.rounding_rule,
    )
    for row in plan.shares:
        row.jasa_modal, row.jasa_usaha = jma[row.membership.pk], jua[row.membership.pk]
    # Rounding residuals, pools nobody can claim and non-member SHU all go to cadangan.
    plan.residual = jma_rest + jua_rest
    buckets[Bucket.CADANGAN] = buckets.get(Bucket.CADANGAN, Decimal(0)) + plan.residual + nonmember
    plan.buckets = {b: a for b, a in buckets.items() if a > 0}
    return plan


def _bucket_account(coop: Cooperative, bucket: str) -> Account:
    code = BUCKET_ACCOUNTS[bucket]
    if bucket == Bucket.KARYAWAN:
        Account.objects.get_or_create(
            coop=coop,
            code=code,
            defaults={"name": "Dana karyawan", "account_class": "liabilitas", "normal_side": "K"},
        )
    return account_by_code(coop=coop, code=code)


@transaction.atomic
def shu_distribution_confirm(
    *, coop: Cooperative, fiscal_year: int, by: Any, date: datetime.date | None = None
) -> ShuDistribution:
    """Post the RAT's SHU split: D SHU tahun berjalan / K cadangan, dana-dana, 2-1401 per member.

    Idempotent: the coop row lock serialises confirmations and a second one (a double click,
    a retried request, two officers at once) returns the first distribution.
    """
    Cooperative.objects.select_for_update().get(pk=coop.pk)
    existing = ShuDistribution.objects.filter(coop=coop, fiscal_year=fiscal_year).first()
    if existing:
        return existing
    plan = shu_plan(coop=coop, fiscal_year=fiscal_year)
    if plan.problems:
        raise CooperativeRuleError(" ".join(plan.problems))
    day = date or timezone.localdate()
    if day < plan.rat.held_on:
        raise CooperativeRuleError(_("SHU dibagikan pada atau setelah tanggal RAT."))
    surplus = account_by_code(coop=coop, code=CURRENT_SURPLUS)
    unpaid = account_by_code(coop=coop, code=UNPAID_SHU)
    lines = [LineInput(surplus.pk, Side.DEBIT, plan.total)]
    lines += [
        LineInput(_bucket_account(coop, bucket).pk, Side.CREDIT, amount)
        for bucket, amount in plan.buckets.items()
    ]
    shares = [row for row in plan.shares if row.amount > 0]
    lines += [
        LineInput(unpaid.pk, Side.CREDIT, row.amount, None, row.membership.pk) for row in shares
    ]
    entry = journal_entry_post(
        coop=coop,
        date=day,
        by=by,
        lines=lines,
        memo=_("Pembagian SHU tahun buku %(y)s (RAT %(d)s)")
        % {"y": fiscal_year, "d": f"{plan.rat.held_on:%d-%m-%Y}"},
        idempotency_key=f"shu-{coop.pk}-{fiscal_year}",
        workflow=Workflow.SHU,
    )
    distribution = ShuDistribution.objects.create(
        coop=coop,
        fiscal_year=fiscal_year,
        bylaw=plan.bylaw,
        rat=plan.rat,
        total=plan.total,
        member_part=plan.member_part,
        nonmember_part=plan.nonmember_part,
        allocations=[
            {"bucket": a["bucket"], "percent": str(a["percent"]), "amount": str(a["amount"])}
            for a in plan.allocations
        ],
        rounding_residual=plan.residual,
        entry=entry,
        confirmed_by=by,
    )
    ShuMemberShare.objects.bulk_create(
        ShuMemberShare(
            distribution=distribution,
            membership=row.membership,
            savings_basis=row.savings,
            transactions_basis=row.transactions,
            jasa_modal=row.jasa_modal,
            jasa_usaha=row.jasa_usaha,
            amount=row.amount,
        )
        for row in shares
    )
    return distribution


@transaction.atomic
def shu_payout(
    *, share: ShuMemberShare, by: Any, date: datetime.date | None = None
) -> JournalEntry:
    """Pay one member's SHU in cash (D 2-1401 / K Kas); paying twice returns the first entry."""
    share = (
        ShuMemberShare.objects.select_for_update()
        .select_related("membership__member", "distribution__coop")
        .get(pk=share.pk)
    )
    if share.paid_entry_id:
        return share.paid_entry
    coop, membership = share.distribution.coop, share.membership
    if unpaid_shu(membership=membership) < share.amount:
        raise CooperativeRuleError(
            _("SHU anggota ini sudah dialihkan ke pengembalian simpanan anggota keluar.")
        )
    cash = account_by_code(coop=coop, code=CASH)
    if account_balance(account=cash) < share.amount:
        raise CooperativeRuleError(_("Kas tidak cukup untuk membayar SHU ini."))
    entry = journal_entry_post(
        coop=coop,
        date=date or timezone.localdate(),
        by=by,
        lines=[
            LineInput(
                account_by_code(coop=coop, code=UNPAID_SHU).pk,
                Side.DEBIT,
                share.amount,
                None,
                membership.pk,
            ),
            LineInput(cash.pk, Side.CREDIT, share.amount),
        ],
        memo=_("Pembayaran SHU %(y)s: %(name)s")
        % {"y": share.distribution.fiscal_year, "name": membership.member.get_full_name()},
        idempotency_key=f"shu-payout-{share.pk}",
        workflow=Workflow.SHU_PAYOUT,
    )
    share.paid_entry = entry
    share.save(update_fields=["paid_entry"])
    return entry


def shu_payout_all(*, distribution: ShuDistribution, by: Any) -> int:
    """Pay every unpaid share in cash, one entry each (safe to repeat). Returns how many paid.

    Shares of members who left meanwhile are skipped: their SHU is in the exit payable.
    """
    paid = 0
    shares = distribution.shares.filter(paid_entry__isnull=True).select_related("membership")
    for share in shares.order_by("pk"):
        with transaction.atomic():
            # Re-read under the lock: a share another officer paid meanwhile is not counted.
            locked = ShuMemberShare.objects.select_for_update().get(pk=share.pk)
            if locked.paid_entry_id or unpaid_shu(membership=share.membership) < share.amount:
                continue
            shu_payout(share=locked, by=by)
        paid += 1
    return paid
