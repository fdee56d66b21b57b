"""SHU distribution (docs/domain.md §3.3): post the RAT's split after the tahun buku is closed, and
pay members their share. The preview and its arithmetic are reads: selectors/shu.py."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.accounts.models import User
from lms.jobs import Progress
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


def _locked_share(share: ShuMemberShare, payout: str) -> ShuMemberShare:
    """Lock the share row so a double click pays once (paid_entry is checked under it).

    A move to sukarela locks the coop row first, as every savings posting does (lock order:
    coop, share, membership, then the ledger's accounts), so it cannot deadlock with them."""
    if payout == ShuPayout.SUKARELA:
        Cooperative.objects.select_for_update().get(pk=share.distribution.coop_id)
    return (
        ShuMemberShare.objects.select_for_update()
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
    way, returns the first entry."""
    if payout not in ShuPayout.values:
        raise CooperativeRuleError(_("Pilih cara pembayaran SHU: tunai atau simpanan sukarela."))
    share = _locked_share(share, payout)
    if share.paid_entry is not None:
        return share.paid_entry
    coop, membership = share.distribution.coop, share.membership
    if unpaid_shu(membership=membership) < share.amount:
        raise CooperativeRuleError(
            _("SHU anggota ini sudah dialihkan ke pengembalian simpanan anggota keluar.")
        )
    if payout == ShuPayout.SUKARELA:
        lines, memo = _sukarela_lines(share), _("SHU %(y)s ke simpanan sukarela: %(name)s")
    else:
        cash = account_by_code(coop=coop, code=CASH)
        if account_balance(account=cash) < share.amount:
            raise CooperativeRuleError(_("Kas tidak cukup untuk membayar SHU ini."))
        lines, memo = _payout_lines(share, cash), _("Pembayaran SHU %(y)s: %(name)s")
    entry = journal_entry_post(
        coop=coop,
        date=date or timezone.localdate(),
        by=by,
        lines=lines,
        memo=memo
        % {"y": share.distribution.fiscal_year, "name": membership.member.get_full_name()},
        idempotency_key=f"shu-payout-{share.pk}",
        workflow=Workflow.SHU_PAYOUT,
    )
    share.paid_entry, share.paid_to = entry, payout
    share.save(update_fields=["paid_entry", "paid_to"])
    return entry


def _payout_lines(share: ShuMemberShare, cash: Account) -> list[LineInput]:
    """D SHU belum dibagikan (tagged with the member, so the member's unpaid SHU drops) / K Kas."""
    coop = share.distribution.coop
    unpaid = account_by_code(coop=coop, code=UNPAID_SHU)
    return [
        LineInput(unpaid.pk, Side.DEBIT, share.amount, None, share.membership.pk),
        LineInput(cash.pk, Side.CREDIT, share.amount),
    ]


def _sukarela_lines(share: ShuMemberShare) -> list[LineInput]:
    """D 2-1401 (the member) / K 2-1201 on the member's sukarela account: no cash moves, the
    member's sukarela balance and passbook show the SHU (the ledger moves the cached balance).
    Only an active member with a valid guardian consent gets new savings (as a deposit)."""
    membership = _require_active(share.membership)
    coop = share.distribution.coop
    savings = savings_account_get(membership=membership, kind=SavingsKind.SUKARELA)
    return [
        LineInput(
            account_by_code(coop=coop, code=UNPAID_SHU).pk,
            Side.DEBIT,
            share.amount,
            None,
            membership.pk,
        ),
        LineInput(
            account_by_code(coop=coop, code=SAVINGS_SUKARELA).pk,
            Side.CREDIT,
            share.amount,
            savings.pk,
            membership.pk,
        ),
    ]


def shu_payout_all(
    *,
    distribution: ShuDistribution,
    by: User,
    payout: str = ShuPayout.CASH,
    progress: Progress | None = None,
) -> int:
    """Pay every unpaid share, one entry each, in cash or into simpanan sukarela (safe to
    repeat, also at the same time: a share another run paid is skipped). Returns how many
    this run paid; `progress(n)` hears how many shares were handled so far.

    Shares of members who left meanwhile are skipped: their SHU is in the exit payable.
    """
    if payout not in ShuPayout.values:
        raise CooperativeRuleError(_("Pilih cara pembayaran SHU: tunai atau simpanan sukarela."))
    paid = 0
    shares = distribution.shares.filter(paid_entry__isnull=True).select_related("membership")
    # One short transaction per share: a refused share does not undo the ones paid before.
    for done, share in enumerate(shares.order_by("pk"), start=1):
        paid += _pay_once(share, by, payout)
        if progress is not None and done % PROGRESS_EVERY == 0:
            progress(done)
    return paid


PROGRESS_EVERY = 10  # shares between two progress updates (one UPDATE of the job row each)


def _pay_once(share: ShuMemberShare, by: User, payout: str) -> bool:
    """Pay one share unless it is paid meanwhile or cannot be paid this way; False if skipped.

    Skipped: a share another run paid, a member who left (the SHU is in the exit payable),
    and for sukarela a member who may not get new savings (inactive, no guardian consent):
    that share stays unpaid for the cash button."""
    with transaction.atomic():
        # Re-read under the lock: a share another officer paid meanwhile is not counted.
        locked = _locked_share(share, payout)
        if locked.paid_entry_id or unpaid_shu(membership=locked.membership) < locked.amount:
            return False
        try:
            shu_payout(share=locked, by=by, payout=payout)
        except CooperativeRuleError:
            if payout == ShuPayout.SUKARELA:
                return False
            raise
    return True
