"""Posting and reversing: the only code that writes journal rows (closing.py closes periods)."""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.accounts.models import User
from lms.fastpage import bump_person
from school_coops.chart import (
    CASH_CODES,
    CURRENT_SURPLUS,
    MEMBER_TAGGED_CODES,
    NONMEMBER_CODES,
    NONMEMBER_SALES,
)
from school_coops.exceptions import LedgerError
from school_coops.models import (
    Account,
    AccountingPeriod,
    Cooperative,
    JournalEntry,
    JournalLine,
    Membership,
    ReceiptKind,
    ReceiptSequence,
    SavingsAccount,
    Side,
    WajibPayment,
    Workflow,
)
from school_coops.models.savings import CONTROL_ACCOUNT_CODES
from school_coops.money import parse_rupiah

INCOME_EXPENSE = ("pendapatan", "beban")


@dataclass(frozen=True)
class LineInput:
    account_id: int
    side: str
    amount: Decimal
    savings_account_id: int | None = None
    membership_id: int | None = None


def money_clean(value: Any, *, cap: bool = True) -> Decimal:
    """Parse a whole-rupiah amount > 0, or raise LedgerError (school_coops.money)."""
    return parse_rupiah(value, cap=cap)


def account_by_code(*, coop: Cooperative, code: str) -> Account:
    try:
        return Account.objects.get(coop=coop, code=code)
    except Account.DoesNotExist:
        raise LedgerError(
            _("Akun %(code)s tidak ada di bagan akun koperasi ini.") % {"code": code}
        ) from None


def _month_bounds(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    last = calendar.monthrange(day.year, day.month)[1]
    return day.replace(day=1), day.replace(day=last)


def accounting_period_for(*, coop: Cooperative, day: datetime.date) -> AccountingPeriod:
    """The month containing `day`, created open on first use, row-locked for the caller."""
    start, end = _month_bounds(day)
    AccountingPeriod.objects.get_or_create(coop=coop, start_date=start, defaults={"end_date": end})
    return AccountingPeriod.objects.select_for_update().get(coop=coop, start_date=start)


def _existing_entry(coop: Cooperative, key: str | None) -> JournalEntry | None:
    if not key:
        return None
    return JournalEntry.objects.filter(coop=coop, idempotency_key=key).first()


def _fingerprint(lines: Any) -> list[tuple[int, str, Decimal, int, int]]:
    return sorted(
        (x.account_id, x.side, x.amount, x.savings_account_id or 0, x.membership_id or 0)
        for x in lines
    )


def _reused_key(entry: JournalEntry) -> LedgerError:
    return LedgerError(
        _(
            "Kunci transaksi ini sudah dipakai untuk jurnal JU-%(n)05d dengan isi yang "
            "berbeda. Muat ulang formulir, lalu catat transaksi ini lagi."
        )
        % {"n": entry.number}
    )


def entry_replayed(
    *, coop: Cooperative, key: str | None, matches: Callable[[JournalEntry], bool]
) -> JournalEntry | None:
    """The entry a retried request already posted under `key`, if `matches` says it is the
    same request; a key reused for another request is refused."""
    entry = _existing_entry(coop, key)
    if entry is not None and not matches(entry):
        raise _reused_key(entry)
    return entry


def _replay(
    entry: JournalEntry,
    *,
    lines: Sequence[LineInput],
    date: datetime.date,
    memo: str,
    reverses: JournalEntry | None = None,
) -> JournalEntry:
    """The entry a retried request already posted; a reused key with other content is refused."""
    same = (
        entry.date == date
        and entry.memo == memo
        and entry.reverses_id == (reverses.pk if reverses else None)
        and _fingerprint(entry.lines.all()) == _fingerprint(lines)
    )
    if not same:
        raise _reused_key(entry)
    return entry


def _check_lines(
    coop: Cooperative, lines: Sequence[LineInput], *, cap: bool = True
) -> list[LineInput]:
    if len(lines) < 2:
        raise LedgerError(_("Jurnal memerlukan sedikitnya satu baris debit dan satu baris kredit."))
    cleaned = []
    for line in lines:
        if line.side not in (Side.DEBIT, Side.CREDIT):
            raise LedgerError(_("Sisi baris jurnal harus debit atau kredit."))
        cleaned.append(
            LineInput(
                line.account_id,
                line.side,
                money_clean(line.amount, cap=cap),
                line.savings_account_id,
                line.membership_id,
            )
        )
    debit = sum((x.amount for x in cleaned if x.side == Side.DEBIT), Decimal(0))
    credit = sum((x.amount for x in cleaned if x.side == Side.CREDIT), Decimal(0))
    if debit != credit or debit <= 0:
        raise LedgerError(
            _("Jurnal tidak seimbang: debit Rp %(d)s, kredit Rp %(k)s.")
            % {"d": f"{debit:,.0f}".replace(",", "."), "k": f"{credit:,.0f}".replace(",", ".")}
        )
    return cleaned


def _lock_accounts(coop: Cooperative, lines: Sequence[LineInput]) -> dict[int, Account]:
    ids = sorted({line.account_id for line in lines})
    # Lock in pk order so two postings touching the same accounts cannot deadlock.
    accounts = {
        a.pk: a for a in Account.objects.select_for_update().filter(pk__in=ids).order_by("pk")
    }
    if len(accounts) != len(ids) or any(a.coop_id != coop.pk for a in accounts.values()):
        raise LedgerError(_("Akun tidak ditemukan di koperasi ini."))
    if any(not a.is_active for a in accounts.values()):
        raise LedgerError(_("Akun yang dinonaktifkan tidak dapat dipakai."))
    return accounts


def _check_member_tags(
    coop: Cooperative, lines: Sequence[LineInput], accounts: dict[int, Account]
) -> None:
    """Sub-ledger accounts need their member, or the buku pembantu stops reconciling."""
    savings_codes = set(CONTROL_ACCOUNT_CODES.values())
    for line in lines:
        account = accounts[line.account_id]
        if account.code in savings_codes and not line.savings_account_id:
            raise LedgerError(
                _("Akun %(account)s hanya diisi lewat transaksi simpanan di halaman anggota.")
                % {"account": account}
            )
        if account.code in MEMBER_TAGGED_CODES and not line.membership_id:
            raise LedgerError(
                _(
                    "Baris akun %(account)s harus menyebut anggotanya. Penjualan kepada "
                    "non-anggota dicatat di akun %(nonmember)s."
                )
                % {"account": account, "nonmember": NONMEMBER_SALES}
            )
        if account.code in NONMEMBER_CODES and line.membership_id:
            raise LedgerError(
                _(
                    "Akun %(account)s untuk transaksi dengan non-anggota; transaksi dengan "
                    "anggota dicatat di akun anggota dengan namanya."
                )
                % {"account": account}
            )
    ids = {line.membership_id for line in lines if line.membership_id}
    if ids and Membership.objects.filter(pk__in=ids, coop=coop).count() != len(ids):
        raise LedgerError(_("Anggota tidak ditemukan di koperasi ini."))


def _apply_savings(
    coop: Cooperative, lines: Sequence[LineInput], accounts: dict[int, Account]
) -> None:
    """Move cached sub-ledger balances; a savings balance may never go below zero."""
    ids = sorted({x.savings_account_id for x in lines if x.savings_account_id})
    if not ids:
        return
    locked = {
        s.pk: s
        # Savings rows after the accounts, in pk order, like every posting.
        for s in SavingsAccount.objects.select_for_update()
        .select_related("membership")
        .filter(pk__in=ids)
        .order_by("pk")
    }
    for line in lines:
        if not line.savings_account_id:
            continue
        savings = locked.get(line.savings_account_id)
        if savings is None or savings.membership.coop_id != coop.pk:
            raise LedgerError(_("Rekening simpanan tidak ditemukan di koperasi ini."))
        if accounts[line.account_id].code != CONTROL_ACCOUNT_CODES[savings.kind]:
            raise LedgerError(_("Baris simpanan harus memakai akun kontrolnya."))
        delta = line.amount if line.side == Side.CREDIT else -line.amount
        savings.balance += delta
    for savings in locked.values():
        if savings.balance < 0:
            raise LedgerError(
                _("Saldo %(kind)s tidak cukup.") % {"kind": savings.get_kind_display().lower()}
            )
        # update(), not save(): only the cached balance changes, on the row locked above.
        SavingsAccount.objects.filter(pk=savings.pk).update(balance=savings.balance)


def _check_cash_not_negative(
    day: datetime.date, lines: Sequence[LineInput], accounts: dict[int, Account]
) -> None:
    """Kas cannot pay what it does not hold: a posting that takes a cash account below zero
    on its date, or on any later day (a back-dated payment), is refused. The accounts are
    row-locked by the caller, so two payments cannot both spend the same rupiah."""
    outflow: dict[int, Decimal] = {}
    for line in lines:
        if accounts[line.account_id].code in CASH_CODES:
            delta = line.amount if line.side == Side.DEBIT else -line.amount
            outflow[line.account_id] = outflow.get(line.account_id, Decimal(0)) - delta
    for account_id, amount in outflow.items():
        if amount > 0 and _lowest_balance_from(accounts[account_id], day) < amount:
            raise LedgerError(
                _("Saldo %(account)s tidak cukup pada %(d)s; kas tidak boleh minus.")
                % {"account": accounts[account_id], "d": f"{day:%d-%m-%Y}"}
            )


def _lowest_balance_from(account: Account, day: datetime.date) -> Decimal:
    """The lowest end-of-day debit balance of `account` on `day` or any later day."""
    posted = JournalLine.objects.posted().filter(account=account)
    signed = models.Sum(
        models.Case(
            models.When(side=Side.DEBIT, then=models.F("amount")),
            default=-models.F("amount"),
            output_field=models.DecimalField(max_digits=17, decimal_places=0),
        )
    )
    balance = posted.filter(entry__date__lte=day).aggregate(b=signed)["b"] or Decimal(0)
    lowest = balance
    later = (
        posted.filter(entry__date__gt=day)
        .values("entry__date")
        .annotate(net=signed)
        .order_by("entry__date")
    )
    for row in later:
        balance += row["net"]
        lowest = min(lowest, balance)
    return lowest


def _receipt_kind(lines: Sequence[LineInput], accounts: dict[int, Account]) -> ReceiptKind:
    """Money received gets a kuitansi (KW), money paid out a bukti kas keluar (BKK)."""
    net = sum(
        (
            line.amount if line.side == Side.DEBIT else -line.amount
            for line in lines
            if accounts[line.account_id].code in CASH_CODES
        ),
        Decimal(0),
    )
    return ReceiptKind.IN if net >= 0 else ReceiptKind.OUT


def _receipt_number(coop: Cooperative, day: datetime.date, kind: ReceiptKind) -> str:
    ReceiptSequence.objects.get_or_create(coop=coop, kind=kind, year=day.year)
    # Numbers are gap-free per kind and year: the sequence row is locked while one is taken.
    seq = ReceiptSequence.objects.select_for_update().get(coop=coop, kind=kind, year=day.year)
    seq.last_number += 1
    seq.save(update_fields=["last_number"])
    return f"{kind.value}-{day.year}-{seq.last_number:05d}"


@transaction.atomic
def journal_entry_post(
    *,
    coop: Cooperative,
    date: datetime.date,
    memo: str,
    lines: Sequence[LineInput],
    by: User,
    idempotency_key: str | None = None,
    receipt: bool = False,
    reverses: JournalEntry | None = None,
    workflow: Workflow | None = None,
) -> JournalEntry:
    """Post a balanced entry (ΣD = ΣK > 0) into an open period; one entry per idempotency key.

    A service that posts for a workflow (closing, SHU, opening balance, exit) names it in
    `workflow`: the journal's "Batalkan" then refuses the entry (journal_entry_reverse).
    `Workflow.CLOSING` is the year-end closing entry (jurnal penutup, fiscal_year_close) and its
    reversal: see _check_closing."""
    return _post(
        _Posting.of(
            coop=coop,
            date=date,
            memo=memo,
            lines=lines,
            by=by,
            idempotency_key=idempotency_key,
            receipt=receipt,
            reverses=reverses,
            workflow=workflow,
        )
    )


def _check_closing(coop: Cooperative, date: datetime.date, lines: Sequence[LineInput]) -> None:
    """The closing entry may go into a closed month: closing the last month before the tahun
    buku is the normal order of work. So it may only move income and expense balances into SHU
    tahun berjalan, on the month's last day, and nothing else can enter a closed period."""
    ids = {line.account_id for line in lines}
    allowed = Account.objects.filter(coop=coop, pk__in=ids).filter(
        models.Q(account_class__in=INCOME_EXPENSE) | models.Q(code=CURRENT_SURPLUS)
    )
    if allowed.count() != len(ids):
        raise LedgerError(_("Jurnal penutup hanya memindahkan pendapatan dan beban ke SHU."))
    if date != _month_bounds(date)[1]:
        raise LedgerError(_("Jurnal penutup dicatat pada hari terakhir tahun buku."))


@dataclass(frozen=True)
class _Posting:
    """One posting request, its lines already checked (_check_lines)."""

    coop: Cooperative
    date: datetime.date
    memo: str
    lines: list[LineInput]
    by: User
    idempotency_key: str | None
    receipt: bool
    reverses: JournalEntry | None
    into_closed_period: bool
    workflow: Workflow | None

    @classmethod
    def of(
        cls,
        *,
        coop: Cooperative,
        date: datetime.date,
        memo: str,
        lines: Sequence[LineInput],
        by: User,
        idempotency_key: str | None,
        receipt: bool = False,
        reverses: JournalEntry | None = None,
        workflow: Workflow | None = None,
    ) -> _Posting:
        """A request with its lines cleaned (amounts parsed; the cap only off workflows)."""
        closing = workflow == Workflow.CLOSING
        if closing:
            _check_closing(coop, date, lines)
        return cls(
            coop=coop,
            date=date,
            memo=(memo or "").strip()[:200],
            lines=_check_lines(coop, lines, cap=workflow is None),
            by=by,
            idempotency_key=idempotency_key or None,
            receipt=receipt,
            reverses=reverses,
            into_closed_period=closing,
            workflow=workflow,
        )


def _post(posting: _Posting) -> JournalEntry:
    """Check, lock, check what needs the locks, write. Runs in the caller's transaction."""
    coop = posting.coop
    if existing := _existing_entry(coop, posting.idempotency_key):
        return _replay_posting(existing, posting)
    _check_header(posting)
    # The cooperative row is the posting lock: numbers stay gap-free and a retried request
    # with the same key waits here, then finds the first one's entry.
    Cooperative.objects.select_for_update().get(pk=coop.pk)
    if existing := _existing_entry(coop, posting.idempotency_key):
        return _replay_posting(existing, posting)
    period = _open_period(posting)
    accounts = _lock_accounts(coop, posting.lines)
    _check_member_tags(coop, posting.lines, accounts)
    _check_cash_not_negative(posting.date, posting.lines, accounts)
    _apply_savings(coop, posting.lines, accounts)
    receipt = _receipt_kind(posting.lines, accounts) if posting.receipt else None
    entry = _insert_entry(posting, period, receipt)
    _insert_lines(entry, posting.lines)
    # Posting is the last write: the database refuses lines added to a posted entry (0005),
    # and checks the balance when posted_at is set.
    entry.posted_at = timezone.now()
    JournalEntry.objects.filter(pk=entry.pk).update(posted_at=entry.posted_at)
    _bump_members(posting.lines)
    return entry


def _bump_members(lines: Sequence[LineInput]) -> None:
    """The cached portal page (lms.fastpage) of every member this posting touches shows it
    at once: the lines tagged with them and their savings moved (update(), no signals)."""
    memberships = {line.membership_id for line in lines if line.membership_id}
    savings = {line.savings_account_id for line in lines if line.savings_account_id}
    if memberships or savings:
        members = Membership.objects.filter(
            models.Q(pk__in=memberships) | models.Q(savings__pk__in=savings)
        ).values_list("member_id", flat=True)
        bump_person(*members)


def _replay_posting(existing: JournalEntry, posting: _Posting) -> JournalEntry:
    return _replay(
        existing,
        lines=posting.lines,
        date=posting.date,
        memo=posting.memo,
        reverses=posting.reverses,
    )


def book_date_problem(*, coop: Cooperative, day: datetime.date) -> str | None:
    """Why `day` cannot carry a posting (future, before the coop was founded), or None.

    The one place of the rule: forms show it on the date field, the ledger refuses with it."""
    if day > timezone.localdate():
        return _("Tanggal transaksi tidak boleh di masa depan.")
    if coop.founded_on and day < coop.founded_on:
        return _("Tanggal transaksi sebelum koperasi berdiri (%(d)s).") % {
            "d": f"{coop.founded_on:%d-%m-%Y}"
        }
    return None


def closed_period_problem(*, coop: Cooperative, day: datetime.date) -> str | None:
    """Why a posting on `day` is refused because its month is closed, or None."""
    start = _month_bounds(day)[0]
    period = AccountingPeriod.objects.filter(coop=coop, start_date=start).first()
    if period is None or not period.is_closed:
        return None
    return _closed_period_message(period)


def _closed_period_message(period: AccountingPeriod) -> str:
    return _("Periode %(period)s sudah ditutup; koreksi dicatat di periode yang masih terbuka.") % {
        "period": f"{period.start_date:%m/%Y}"
    }


def _check_header(posting: _Posting) -> None:
    if problem := book_date_problem(coop=posting.coop, day=posting.date):
        raise LedgerError(problem)
    if not posting.memo:
        raise LedgerError(_("Keterangan jurnal wajib diisi."))


def _open_period(posting: _Posting) -> AccountingPeriod:
    """The entry's month, row-locked; closed months take only the closing entry."""
    period = accounting_period_for(coop=posting.coop, day=posting.date)
    if period.is_closed and not posting.into_closed_period:
        raise LedgerError(_closed_period_message(period))
    return period


def _insert_entry(
    posting: _Posting, period: AccountingPeriod, receipt: ReceiptKind | None = None
) -> JournalEntry:
    """The entry as a draft (posted_at NULL), numbered after the last one (under the lock)."""
    coop = posting.coop
    last = (
        JournalEntry.objects.filter(coop=coop)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    try:
        with transaction.atomic():
            return JournalEntry.objects.create(
                coop=coop,
                period=period,
                number=(last or 0) + 1,
                date=posting.date,
                memo=posting.memo,
                receipt_number=_receipt_number(coop, posting.date, receipt) if receipt else "",
                idempotency_key=posting.idempotency_key,
                reverses=posting.reverses,
                created_by=posting.by,
                workflow=posting.workflow,
            )
    except IntegrityError:
        if posting.reverses is not None:  # the OneToOne: a second reversal of the same entry
            raise LedgerError(_("Jurnal ini sudah dibatalkan.")) from None
        raise


def _insert_lines(entry: JournalEntry, lines: list[LineInput]) -> None:
    JournalLine.objects.bulk_create(
        JournalLine(
            entry=entry,
            account_id=x.account_id,
            side=x.side,
            amount=x.amount,
            savings_account_id=x.savings_account_id,
            membership_id=x.membership_id,
        )
        for x in lines
    )


@transaction.atomic
def journal_entry_reverse(
    *,
    entry: JournalEntry,
    by: User,
    date: datetime.date | None = None,
    idempotency_key: str | None = None,
) -> JournalEntry:
    """The journal's "Batalkan": correct an officer's posted entry with a new entry that
    exactly negates it; both remain. Entries a workflow posted are refused: their records
    (distribution, paid shares, closed months, ended membership) would no longer match."""
    if entry.workflow is not None:
        raise LedgerError(
            _(
                "Jurnal JU-%(n)05d dibuat oleh proses %(workflow)s dan tidak dapat dibatalkan "
                "dari jurnal umum. Pembatalannya hanya lewat proses itu sendiri."
            )
            % {"n": entry.number, "workflow": Workflow(entry.workflow).label.lower()}
        )
    return _reverse(entry=entry, by=by, date=date, idempotency_key=idempotency_key)


@transaction.atomic
def workflow_entry_reverse(
    *,
    entry: JournalEntry,
    workflow: Workflow,
    by: User,
    date: datetime.date | None = None,
    idempotency_key: str | None = None,
) -> JournalEntry:
    """Reverse an entry of `workflow`; only that workflow's guarded service calls this."""
    if entry.workflow != workflow:
        raise LedgerError(_("Jurnal ini bukan milik proses yang membatalkannya."))
    return _reverse(entry=entry, by=by, date=date, idempotency_key=idempotency_key)


def _reverse(
    *,
    entry: JournalEntry,
    by: User,
    date: datetime.date | None,
    idempotency_key: str | None,
) -> JournalEntry:
    existing = _existing_entry(entry.coop, idempotency_key)
    if existing:
        if existing.reverses_id != entry.pk:
            raise LedgerError(
                _("Kunci transaksi ini sudah dipakai untuk jurnal JU-%(n)05d yang lain.")
                % {"n": existing.number}
            )
        return existing
    if entry.reverses_id is not None:
        raise LedgerError(_("Jurnal pembalik tidak dapat dibalik lagi."))
    if JournalEntry.objects.filter(reverses=entry).exists():
        raise LedgerError(_("Jurnal ini sudah dibatalkan."))
    reversal = journal_entry_post(
        coop=entry.coop,
        date=date or timezone.localdate(),
        memo=_("Pembalik JU-%(n)05d: %(memo)s") % {"n": entry.number, "memo": entry.shown_memo},
        lines=_swapped_lines(entry),
        by=by,
        idempotency_key=idempotency_key,
        reverses=entry,
        workflow=Workflow(entry.workflow) if entry.workflow else None,
    )
    # A reversed wajib payment is owed again.
    WajibPayment.objects.filter(entry=entry).delete()
    return reversal


def _swapped_lines(entry: JournalEntry) -> list[LineInput]:
    """The entry's lines with debit and credit swapped, keeping savings account and member."""
    return [
        LineInput(
            line.account_id,
            Side.CREDIT if line.side == Side.DEBIT else Side.DEBIT,
            line.amount,
            line.savings_account_id,
            line.membership_id,
        )
        for line in entry.lines.all()
    ]
