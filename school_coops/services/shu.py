"""SHU distribution (docs/domain.md §3.3): post the RAT's split after the tahun buku is closed, and
pay members their share. The preview and its arithmetic are reads: selectors/shu.py."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.accounts.models import User
from school_coops.chart import (
    CASH,
    CURRENT_SURPLUS,
    FUND_BOARD,
    FUND_DEVELOPMENT,
    FUND_EDUCATION,
    FUND_SOCIAL,
    FUND_STAFF,
    RESERVE,
    SAVINGS_SUKARELA,
    UNPAID_SHU,
)
from school_coops.exceptions import CooperativeRuleError
from school_coops.models import (
    Account,
    AccountClass,
    Cooperative,
    JournalEntry,
    SavingsKind,
    ShuAllocation,
    ShuDistribution,
    ShuMemberShare,
    ShuPayout,
    Side,
    Workflow,
)
from school_coops.selectors import account_balance, unpaid_shu
from school_coops.selectors.shu import ShuPlan, shu_plan
from school_coops.services.ledger import LineInput, account_by_code, journal_entry_post
from school_coops.services.savings import _require_active, savings_account_get
from school_coops.services.shu_payouts import left_message, share_lines, share_memo
from school_coops.services.shu_payouts import shu_payout_all as shu_payout_all

Bucket = ShuAllocation.Bucket
BUCKET_ACCOUNTS = {
    Bucket.CADANGAN: RESERVE,
    Bucket.PENGURUS: FUND_BOARD,
    Bucket.PENDIDIKAN: FUND_EDUCATION,
    Bucket.SOSIAL: FUND_SOCIAL,
    Bucket.PEMBANGUNAN: FUND_DEVELOPMENT,
    # Not in the default chart of docs/domain.md §4.3: created on first use.
    Bucket.KARYAWAN: FUND_STAFF,
}


def _bucket_account(coop: Cooperative, bucket: str) -> Account:
    code = BUCKET_ACCOUNTS[Bucket(bucket)]
    if bucket == Bucket.KARYAWAN:
        Account.objects.get_or_create(
            coop=coop,
            code=code,
            defaults={
                "name": "Dana karyawan",
                "account_class": AccountClass.LIABILITY,
                "normal_side": Side.CREDIT,
            },
        )
    return account_by_code(coop=coop, code=code)


def _distribution_lines(coop: Cooperative, plan: ShuPlan) -> list[LineInput]:
    """D SHU tahun berjalan / K each bucket's account and 2-1401 for each member's share."""
    unpaid = account_by_code(coop=coop, code=UNPAID_SHU)
    lines = [LineInput(account_by_code(coop=coop, code=CURRENT_SURPLUS).pk, Side.DEBIT, plan.total)]
    lines += [
        LineInput(_bucket_account(coop, bucket).pk, Side.CREDIT, amount)
        for bucket, amount in plan.buckets.items()
    ]
    lines += [
        LineInput(unpaid.pk, Side.CREDIT, row.amount, None, row.membership.pk)
        for row in plan.shares
        if row.amount > 0
    ]
    return lines


def _distribution_record(plan: ShuPlan, entry: JournalEntry, by: User) -> ShuDistribution:
    """The stored result: what the RAT decided, under which bylaw, and every member's share."""
    if plan.bylaw is None or plan.rat is None:  # a plan without them lists it as a problem
        raise CooperativeRuleError(_("SHU dibagikan setelah RAT dan AD/ART tercatat."))
    distribution = ShuDistribution.objects.create(
        coop=plan.coop,
        fiscal_year=plan.fiscal_year,
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
        for row in plan.shares
        if row.amount > 0
    )
    return distribution


@transaction.atomic
def shu_distribution_confirm(
    *, coop: Cooperative, fiscal_year: int, by: User, date: datetime.date | None = None
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
    if plan.problems or plan.rat is None:
        raise CooperativeRuleError(" ".join(plan.problems))
    day = date or timezone.localdate()
    if day < plan.rat.held_on:
        raise CooperativeRuleError(_("SHU dibagikan pada atau setelah tanggal RAT."))
    entry = journal_entry_post(
        coop=coop,
        date=day,
        by=by,
        lines=_distribution_lines(coop, plan),
        memo=_("Pembagian SHU tahun buku %(y)s (RAT %(d)s)")
        % {"y": fiscal_year, "d": f"{plan.rat.held_on:%d-%m-%Y}"},
        idempotency_key=f"shu-{coop.pk}-{fiscal_year}",
        workflow=Workflow.SHU,
    )
    return _distribution_record(plan, entry, by)


def _locked_share(share: ShuMemberShare) -> ShuMemberShare:
    """Lock the share row so a double click pays once (paid_entry is checked under it).

    The coop row is locked first, as every posting and "Bayar semua" do (lock order: coop,
    share, membership, then the ledger's accounts), so the two cannot deadlock."""
    Cooperative.objects.select_for_update().get(pk=share.distribution.coop_id)
    return (
        ShuMemberShare.objects.select_for_update(of=("self",))
        .select_related("membership__member", "distribution__coop")
        .get(pk=share.pk)
    )


@transaction.atomic
def shu_payout(
    *,
    share: ShuMemberShare,
    by: User,
    date: datetime.date | None = None,
    payout: str = ShuPayout.CASH,
) -> JournalEntry:
    """Pay one member's SHU in cash (D 2-1401 / K Kas) or move it into their simpanan
    sukarela (D 2-1401 / K 2-1201 on the member's sukarela account); paying twice, either
    way, returns the first entry. Every share at once: shu_payouts.shu_payout_all."""
    # long: the two payout ways side by side, each with its own check
    if payout not in ShuPayout.values:
        raise CooperativeRuleError(_("Pilih cara pembayaran SHU: tunai atau simpanan sukarela."))
    share = _locked_share(share)
    if share.paid_entry is not None:
        return share.paid_entry
    coop, membership = share.distribution.coop, share.membership
    if unpaid_shu(membership=membership) < share.amount:
        raise CooperativeRuleError(left_message())
    unpaid = account_by_code(coop=coop, code=UNPAID_SHU).pk
    if payout == ShuPayout.SUKARELA:
        # Only an active member with a valid guardian consent gets new savings (a deposit).
        savings = savings_account_get(
            membership=_require_active(membership), kind=SavingsKind.SUKARELA
        )
        credit = account_by_code(coop=coop, code=SAVINGS_SUKARELA).pk
        lines = share_lines(share, unpaid_id=unpaid, credit_id=credit, savings_id=savings.pk)
    else:
        cash = account_by_code(coop=coop, code=CASH)
        if account_balance(account=cash) < share.amount:
            raise CooperativeRuleError(_("Kas tidak cukup untuk membayar SHU ini."))
        lines = share_lines(share, unpaid_id=unpaid, credit_id=cash.pk)
    entry = journal_entry_post(
        coop=coop,
        date=date or timezone.localdate(),
        by=by,
        lines=lines,
        memo=share_memo(share, payout, share.distribution.fiscal_year),
        idempotency_key=f"shu-payout-{share.pk}",
        workflow=Workflow.SHU_PAYOUT,
    )
    share.paid_entry, share.paid_to = entry, payout
    share.save(update_fields=["paid_entry", "paid_to"])
    return entry
