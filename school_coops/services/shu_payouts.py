"""Paying every member's SHU of a distribution ("Bayar semua SHU"), in chunks (docs/jobs.md).

Each share is still its own journal entry (idempotency key `shu-payout-<share pk>`) and, for
the sukarela option, its own savings movement, so every member's passbook shows one line for
their SHU and the single-share button (`shu_payout`) and this run can never both pay it.

The shares are paid PAYOUT_CHUNK at a time in one transaction, each inside a savepoint: a
share that cannot be paid this way (a member who left, no guardian consent for sukarela) is
rolled back to its savepoint and skipped with its reason while the rest of the chunk lands.
What does not change per share is read once per chunk instead of once per share: the
accounts, every member's unpaid SHU, membership status, consent and sukarela account.

Lock order (the same as every savings posting, so nothing deadlocks): the cooperative row,
then the chunk's share rows in pk order, then their memberships in pk order, then the
ledger's accounts and savings rows in pk order (journal_entry_post). The coop lock is held
for one chunk (about 50 postings, well under a second), not for the whole run, so the
counter can sell between two chunks; and a second run (a retry, another worker) waits on the
coop row and then re-reads the chunk's shares, skipping the ones paid meanwhile.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.accounts.models import ConsentPurpose, Role, User
from lms.accounts.selectors import students_without_consent
from lms.jobs import Progress
from school_coops.chart import CASH, SAVINGS_SUKARELA, UNPAID_SHU
from school_coops.exceptions import CooperativeRuleError
from school_coops.models import (
    Cooperative,
    JournalLine,
    Membership,
    SavingsAccount,
    SavingsKind,
    ShuDistribution,
    ShuMemberShare,
    ShuPayout,
    Side,
    Workflow,
)
from school_coops.selectors import account_balance
from school_coops.services.ledger import LineInput, account_by_code, journal_entry_post

logger = logging.getLogger(__name__)

PAYOUT_CHUNK = 50  # shares per transaction; the job's progress moves once per chunk
OnSkip = Callable[[ShuMemberShare, str], None]


def share_lines(
    share: ShuMemberShare, *, unpaid_id: int, credit_id: int, savings_id: int | None = None
) -> list[LineInput]:
    """D 2-1401 tagged with the member (their unpaid SHU drops) / K Kas, or K 2-1201 on the
    member's sukarela account (`savings_id`; no cash moves, their passbook shows the SHU)."""
    member = share.membership_id
    return [
        LineInput(unpaid_id, Side.DEBIT, share.amount, None, member),
        LineInput(credit_id, Side.CREDIT, share.amount, savings_id, member if savings_id else None),
    ]


def share_memo(share: ShuMemberShare, payout: str, year: int) -> str:
    memo = (
        _("SHU %(y)s ke simpanan sukarela: %(name)s")
        if payout == ShuPayout.SUKARELA
        else _("Pembayaran SHU %(y)s: %(name)s")
    )
    return memo % {"y": year, "name": share.membership.member.get_full_name()}


def left_message() -> str:
    return _("SHU anggota ini sudah dialihkan ke pengembalian simpanan anggota keluar.")


def shu_payout_all(
    *,
    distribution: ShuDistribution,
    by: User,
    payout: str = ShuPayout.CASH,
    progress: Progress | None = None,
    on_skip: OnSkip | None = None,
) -> int:
    """Pay every unpaid share, one entry each, in cash or into simpanan sukarela (safe to
    repeat, also at the same time: a share another run paid is skipped). Returns how many
    this run paid; `progress(n)` hears after each chunk how many shares were handled.

    Skipped, with the reason given to `on_skip(share, reason)`: a member who left meanwhile
    (their SHU is in the exit payable) and, for sukarela, a member who may not get new
    savings (inactive, no guardian consent): that share stays unpaid for the cash button.
    In cash, an empty kas stops the run with its message; the chunks before it stay paid."""
    if payout not in ShuPayout.values:
        raise CooperativeRuleError(_("Pilih cara pembayaran SHU: tunai atau simpanan sukarela."))
    unpaid = distribution.shares.filter(paid_entry__isnull=True).order_by("pk")
    pks = list(unpaid.values_list("pk", flat=True))
    paid = 0
    for start in range(0, len(pks), PAYOUT_CHUNK):
        paid += _pay_chunk(distribution, pks[start : start + PAYOUT_CHUNK], by, payout, on_skip)
        if progress is not None:
            progress(min(start + PAYOUT_CHUNK, len(pks)))
    return paid


@dataclass
class _Chunk:
    """What the chunk's postings share, read once under the coop lock."""

    coop: Cooperative
    payout: str
    year: int
    day: datetime.date
    unpaid_id: int
    credit_id: int
    unpaid_by_member: dict[int, Decimal]
    refused: dict[int, str] = field(default_factory=dict)  # membership pk -> reason
    sukarela: dict[int, int] = field(default_factory=dict)  # membership pk -> savings pk
    cash: Decimal = Decimal(0)


def _pay_chunk(
    distribution: ShuDistribution, pks: list[int], by: User, payout: str, on_skip: OnSkip | None
) -> int:
    """One transaction: lock, read in bulk, then each share in its own savepoint."""
    paid = 0
    stop: CooperativeRuleError | None = None
    with transaction.atomic():
        coop = Cooperative.objects.select_for_update().get(pk=distribution.coop_id)
        shares = list(
            ShuMemberShare.objects.select_for_update(of=("self",))
            .filter(pk__in=pks, paid_entry__isnull=True)  # re-read: paid meanwhile drops out
            .select_related("membership__member")
            .order_by("pk")
        )
        chunk = _chunk_read(coop, distribution, shares, payout)
        for share in shares:
            reason = _refusal(share, chunk)
            if reason is None:
                try:
                    # journal_entry_post is atomic: inside this chunk's transaction that is
                    # a savepoint, so a refused posting undoes only itself.
                    _pay_share(share, chunk, by)
                    paid += 1
                    continue
                except CooperativeRuleError as exc:
                    if payout == ShuPayout.CASH:
                        stop = exc  # kas is empty: keep what this chunk paid, then stop
                        break
                    reason = str(exc)
            logger.info("SHU share #%s skipped: %s", share.pk, reason)
            if on_skip is not None:
                on_skip(share, reason)
    if stop is not None:
        raise stop
    return paid


def _chunk_read(
    coop: Cooperative, distribution: ShuDistribution, shares: list[ShuMemberShare], payout: str
) -> _Chunk:
    unpaid = account_by_code(coop=coop, code=UNPAID_SHU)
    code = SAVINGS_SUKARELA if payout == ShuPayout.SUKARELA else CASH
    credit = account_by_code(coop=coop, code=code)
    member_ids = [s.membership_id for s in shares]
    chunk = _Chunk(
        coop=coop,
        payout=payout,
        year=distribution.fiscal_year,
        day=timezone.localdate(),
        unpaid_id=unpaid.pk,
        credit_id=credit.pk,
        unpaid_by_member=_unpaid_shu_of(unpaid.pk, member_ids),
    )
    if payout == ShuPayout.SUKARELA:
        chunk.refused = _may_not_save(member_ids)
        allowed = [pk for pk in member_ids if pk not in chunk.refused]
        chunk.sukarela = _sukarela_accounts(allowed)
    else:
        chunk.cash = account_balance(account=credit)
    return chunk


def _unpaid_shu_of(account_id: int, member_ids: list[int]) -> dict[int, Decimal]:
    """Every member's unpaid SHU (2-1401 tagged with them), one grouped query."""
    signed = models.Case(
        models.When(side=Side.CREDIT, then=models.F("amount")),
        default=-models.F("amount"),
        output_field=models.DecimalField(max_digits=17, decimal_places=2),
    )
    rows = (
        JournalLine.objects.posted()
        .filter(account_id=account_id, membership_id__in=member_ids)
        .values("membership_id")
        .annotate(net=models.Sum(signed))
    )
    return {row["membership_id"]: row["net"] for row in rows}


def _may_not_save(member_ids: list[int]) -> dict[int, str]:
    """Members who may not get new savings, with the reason (the rule of savings
    `_require_active`, for a whole chunk): memberships row-locked in pk order."""
    memberships = list(
        Membership.objects.select_for_update(of=("self",))
        .filter(pk__in=member_ids)
        .select_related("member")
        .order_by("pk")
    )
    inactive = _("Keanggotaan ini tidak aktif.")
    refused = {m.pk: inactive for m in memberships if m.status != Membership.Status.ACTIVE}
    students = [
        m.member
        for m in memberships
        if m.pk not in refused and m.category == Membership.Category.STUDENT
    ]
    missing = students_without_consent(students=students, purpose=ConsentPurpose.COOPERATIVE)
    no_consent = _(
        "Persetujuan orang tua/wali untuk koperasi tidak berlaku lagi; transaksi baru "
        "tidak dapat dicatat. Catat persetujuan baru atau akhiri keanggotaan."
    )
    for m in memberships:
        # consent_granted(): a user who is not a student consents for themselves
        if m.member_id in missing and m.member.has_role(Role.STUDENT):
            refused[m.pk] = no_consent
    return refused


def _sukarela_accounts(member_ids: Iterable[int]) -> dict[int, int]:
    """membership pk -> their sukarela account pk, opening the missing ones in one insert."""
    ids = list(member_ids)
    kind = SavingsKind.SUKARELA
    rows = SavingsAccount.objects.filter(membership_id__in=ids, kind=kind)
    found = dict(rows.values_list("membership_id", "pk"))
    missing = [pk for pk in ids if pk not in found]
    if missing:
        SavingsAccount.objects.bulk_create(
            [SavingsAccount(membership_id=pk, kind=kind) for pk in missing],
            ignore_conflicts=True,  # the unique (membership, kind): opened meanwhile is fine
        )
        found = dict(rows.values_list("membership_id", "pk"))
    return found


def _refusal(share: ShuMemberShare, chunk: _Chunk) -> str | None:
    """Why this share is skipped before posting, or None."""
    if chunk.unpaid_by_member.get(share.membership_id, Decimal(0)) < share.amount:
        return left_message()
    return chunk.refused.get(share.membership_id)


def _pay_share(share: ShuMemberShare, chunk: _Chunk, by: User) -> None:
    if chunk.payout == ShuPayout.CASH and chunk.cash < share.amount:
        raise CooperativeRuleError(_("Kas tidak cukup untuk membayar SHU ini."))
    savings_id = chunk.sukarela.get(share.membership_id) if chunk.sukarela else None
    entry = journal_entry_post(
        coop=chunk.coop,
        date=chunk.day,
        by=by,
        lines=share_lines(
            share, unpaid_id=chunk.unpaid_id, credit_id=chunk.credit_id, savings_id=savings_id
        ),
        memo=share_memo(share, chunk.payout, chunk.year),
        idempotency_key=f"shu-payout-{share.pk}",
        workflow=Workflow.SHU_PAYOUT,
    )
    ShuMemberShare.objects.filter(pk=share.pk).update(paid_entry=entry, paid_to=chunk.payout)
    if chunk.payout == ShuPayout.CASH:
        chunk.cash -= share.amount
