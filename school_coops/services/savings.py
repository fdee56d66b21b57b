"""Simpanan pokok, wajib and sukarela. Every movement is a journal entry (Kas ↔ control account)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.accounts.models import ConsentPurpose, User
from lms.accounts.selectors import consent_granted
from school_coops.chart import CASH
from school_coops.exceptions import CooperativeRuleError, LedgerError
from school_coops.models import (
    Cooperative,
    JournalEntry,
    JournalLine,
    Membership,
    SavingsAccount,
    SavingsKind,
    Side,
    WajibPayment,
)
from school_coops.models.savings import CONTROL_ACCOUNT_CODES
from school_coops.selectors import bylaw_in_effect
from school_coops.services.ledger import (
    LineInput,
    account_by_code,
    entry_replayed,
    journal_entry_post,
    money_clean,
)


def savings_account_get(*, membership: Membership, kind: str) -> SavingsAccount:
    account, _created = SavingsAccount.objects.get_or_create(membership=membership, kind=kind)
    return account


@dataclass(frozen=True)
class _Move:
    """What a savings service was asked: a member's savings of `kind`, in or out (`side` is the
    savings account's side: K = money in, D = money out), with the form's retry key and date,
    and the amount and the wajib month where the service is given them. Every savings service
    builds one: _open recognises a retry by it and _post_savings posts it."""

    membership: Membership
    kind: str
    side: str
    key: str | None
    date: datetime.date | None = None
    amount: Decimal | int | None = None
    period: datetime.date | None = None


def _post_savings(
    move: _Move, *, membership: Membership, amount: Decimal, memo: str, by: User
) -> JournalEntry:
    """Post `move` for the locked `membership` (Kas ↔ the savings' control account)."""
    coop, kind, side = membership.coop, move.kind, move.side
    day = move.date or timezone.localdate()
    if membership.joined_on and day < membership.joined_on:
        raise CooperativeRuleError(_("Tanggal transaksi sebelum tanggal masuk anggota."))
    savings = savings_account_get(membership=membership, kind=kind)
    control = account_by_code(coop=coop, code=CONTROL_ACCOUNT_CODES[kind])
    cash = account_by_code(coop=coop, code=CASH)
    cash_side = Side.DEBIT if side == Side.CREDIT else Side.CREDIT
    lines = [
        LineInput(cash.pk, cash_side, amount),
        LineInput(control.pk, side, amount, savings.pk, membership.pk),
    ]
    return journal_entry_post(
        coop=coop,
        date=day,
        memo=memo,
        lines=lines,
        by=by,
        idempotency_key=move.key,
        # Deposits get a kuitansi (KW-), withdrawals a bukti kas keluar (BKK-): the ledger
        # picks the series from the direction of the cash.
        receipt=True,
    )


def _lock(membership: Membership) -> Membership:
    """Lock coop, then membership: the same order as membership_end, so no deadlock."""
    # Lock order: coop row, then the membership; the ledger then locks accounts by pk.
    Cooperative.objects.select_for_update().get(pk=membership.coop_id)
    return (
        Membership.objects.select_for_update()
        .select_related("coop", "member")
        .get(pk=membership.pk)
    )


def _require_active(membership: Membership) -> Membership:
    membership = _lock(membership)
    if membership.status != Membership.Status.ACTIVE:
        raise CooperativeRuleError(_("Keanggotaan ini tidak aktif."))
    # UU PDP Pasal 25: no new processing of a minor's financial data without guardian consent.
    # Past records stay (the books must balance); ending the membership still refunds.
    if membership.category == Membership.Category.STUDENT and not consent_granted(
        student=membership.member, purpose=ConsentPurpose.COOPERATIVE
    ):
        raise CooperativeRuleError(
            _(
                "Persetujuan orang tua/wali untuk koperasi tidak berlaku lagi; transaksi baru "
                "tidak dapat dicatat. Catat persetujuan baru atau akhiri keanggotaan."
            )
        )
    return membership


def _replayed(move: _Move) -> JournalEntry | None:
    """The entry a retried form already posted: same member, savings, direction, amount, date
    (and wajib month); the same key sent with anything else is refused."""
    membership, period = move.membership, move.period
    if not move.key:
        return None
    wanted = {"savings_account__membership": membership, "savings_account__kind": move.kind}
    if move.amount is not None:
        wanted["amount"] = money_clean(move.amount)

    def same_request(entry: JournalEntry) -> bool:
        if move.date is not None and entry.date != move.date:
            return False
        if (
            period is not None
            and not WajibPayment.objects.filter(
                entry=entry, membership=membership, period=month_start(period)
            ).exists()
        ):
            return False
        return entry.lines.filter(side=move.side, **wanted).exists()

    return entry_replayed(coop=membership.coop, key=move.key, matches=same_request)


def _open(move: _Move, *, joining: bool = False) -> tuple[JournalEntry | None, Membership]:
    """How every savings service starts: a retried form gets its first entry back; otherwise
    lock the coop and the membership (in that order) and check it may transact. `joining`
    admits an application too (simpanan pokok is paid while joining)."""
    membership = move.membership
    replayed = _replayed(move)
    if replayed is not None:
        return replayed, membership
    if not joining:
        return None, _require_active(membership)
    membership = _lock(membership)
    if membership.status not in (Membership.Status.APPLIED, Membership.Status.ACTIVE):
        raise CooperativeRuleError(_("Keanggotaan ini tidak aktif."))
    return None, membership


@transaction.atomic
def savings_pokok_pay(
    *,
    membership: Membership,
    by: User,
    idempotency_key: str | None = None,
    date: datetime.date | None = None,
) -> JournalEntry:
    """Simpanan pokok: once per membership, exactly the bylaw amount."""
    move = _Move(membership, SavingsKind.POKOK, Side.CREDIT, key=idempotency_key, date=date)
    replayed, membership = _open(move, joining=True)
    if replayed:
        return replayed
    savings = savings_account_get(membership=membership, kind=SavingsKind.POKOK)
    if savings.lines.exists():
        raise CooperativeRuleError(_("Simpanan pokok anggota ini sudah dibayar."))
    bylaw = membership.bylaw or bylaw_in_effect(coop=membership.coop, day=date)
    amount = bylaw.simpanan_pokok_amount
    if amount <= 0:
        raise CooperativeRuleError(_("AD/ART tidak menetapkan simpanan pokok."))
    return _post_savings(
        move,
        membership=membership,
        amount=amount,
        memo=_("Simpanan pokok %(name)s") % {"name": membership.member.get_full_name()},
        by=by,
    )


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def wajib_amount_for(*, membership: Membership, period: datetime.date) -> Decimal:
    """The wajib of a month: the bylaw in effect on its first day, or on the joining day when
    the member (and possibly the coop) started mid-month."""
    day = max(period, membership.joined_on) if membership.joined_on else period
    return bylaw_in_effect(coop=membership.coop, day=day).simpanan_wajib_amount


@transaction.atomic
def savings_wajib_pay(
    *,
    membership: Membership,
    period: datetime.date,
    by: User,
    idempotency_key: str | None = None,
    date: datetime.date | None = None,
) -> JournalEntry:
    """Simpanan wajib for one month, at the amount of the bylaw in effect that month."""
    move = _Move(
        membership, SavingsKind.WAJIB, Side.CREDIT, key=idempotency_key, date=date, period=period
    )
    replayed, membership = _open(move)
    if replayed:
        return replayed
    period = month_start(period)
    if membership.joined_on and period < month_start(membership.joined_on):
        raise CooperativeRuleError(_("Periode wajib sebelum tanggal masuk anggota."))
    if period > month_start(date or timezone.localdate()):
        raise CooperativeRuleError(_("Simpanan wajib belum jatuh tempo untuk periode itu."))
    if WajibPayment.objects.filter(membership=membership, period=period).exists():
        raise CooperativeRuleError(_("Simpanan wajib periode ini sudah dibayar."))
    amount = wajib_amount_for(membership=membership, period=period)
    entry = _post_savings(
        move,
        membership=membership,
        amount=amount,
        memo=_("Simpanan wajib %(period)s %(name)s")
        % {"period": f"{period:%m/%Y}", "name": membership.member.get_full_name()},
        by=by,
    )
    WajibPayment.objects.create(membership=membership, period=period, amount=amount, entry=entry)
    return entry


@transaction.atomic
def savings_deposit(
    *,
    membership: Membership,
    amount: Decimal | int,
    by: User,
    idempotency_key: str | None = None,
    date: datetime.date | None = None,
) -> JournalEntry:
    """Setor simpanan sukarela (any whole-rupiah amount > 0)."""
    move = _Move(
        membership, SavingsKind.SUKARELA, Side.CREDIT, key=idempotency_key, date=date, amount=amount
    )
    replayed, membership = _open(move)
    if replayed:
        return replayed
    amount = money_clean(amount)
    return _post_savings(
        move,
        membership=membership,
        amount=amount,
        memo=_("Setoran sukarela %(name)s") % {"name": membership.member.get_full_name()},
        by=by,
    )


def _lowest_balance_from(savings: SavingsAccount, day: datetime.date) -> Decimal:
    """The lowest balance the savings card shows from the end of `day` onwards."""
    balance, lowest = Decimal(0), None
    for entry_date, side, amount in (
        JournalLine.objects.posted()
        .filter(savings_account=savings)
        .order_by("entry__date", "entry_id")
        .values_list("entry__date", "side", "amount")
    ):
        if entry_date > day and lowest is None:
            lowest = balance
        balance += amount if side == Side.CREDIT else -amount
        if lowest is not None:
            lowest = min(lowest, balance)
    return balance if lowest is None else lowest


@transaction.atomic
def savings_withdraw(
    *,
    membership: Membership,
    amount: Decimal | int,
    by: User,
    kind: str = SavingsKind.SUKARELA,
    idempotency_key: str | None = None,
    date: datetime.date | None = None,
) -> JournalEntry:
    """Tarik simpanan sukarela; never below zero. Pokok/wajib are repaid only on exit."""
    if kind != SavingsKind.SUKARELA:
        raise CooperativeRuleError(
            _("Simpanan pokok dan wajib tidak dapat ditarik selama masih menjadi anggota.")
        )
    move = _Move(membership, kind, Side.DEBIT, key=idempotency_key, date=date, amount=amount)
    replayed, membership = _open(move)
    if replayed:
        return replayed
    amount = money_clean(amount)
    _sukarela_covers(membership, amount, date or timezone.localdate())
    return _post_savings(
        move,
        membership=membership,
        amount=amount,
        memo=_("Penarikan sukarela %(name)s") % {"name": membership.member.get_full_name()},
        by=by,
    )


def _sukarela_covers(membership: Membership, amount: Decimal, day: datetime.date) -> None:
    # The authoritative balance check runs in journal_entry_post under the row lock;
    # this early one only gives the clearer message.
    savings = savings_account_get(membership=membership, kind=SavingsKind.SUKARELA)
    if amount > savings.balance:
        raise LedgerError(_("Saldo simpanan sukarela tidak cukup."))
    # A back-dated withdrawal must not have left the card below zero on any day since.
    if amount > _lowest_balance_from(savings, day):
        raise LedgerError(
            _("Saldo simpanan sukarela pada %(day)s atau sesudahnya tidak cukup.")
            % {"day": f"{day:%d-%m-%Y}"}
        )
