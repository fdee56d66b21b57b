"""After the year-end closing: a loss charged to cadangan, and re-opening a closed tahun buku.

docs/domain.md §9 case 9 (a loss is not distributed; the AD covers it from cadangan) and case 19
(closing zeroes income and expense into SHU tahun berjalan; re-opening needs a reversal).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.accounts.models import User
from school_coops.chart import CURRENT_SURPLUS, RESERVE
from school_coops.exceptions import CooperativeRuleError
from school_coops.models import (
    AccountingPeriod,
    Cooperative,
    JournalEntry,
    RatRecord,
    ShuDistribution,
    Side,
    Workflow,
)
from school_coops.selectors import account_balance
from school_coops.selectors.shu import fiscal_year_bounds, fiscal_year_surplus
from school_coops.services.closing import closing_entry_for
from school_coops.services.ledger import (
    LineInput,
    account_by_code,
    journal_entry_post,
    workflow_entry_reverse,
)


def _loss_key(coop: Cooperative, fiscal_year: int) -> str:
    return f"shu-loss-{coop.pk}-{fiscal_year}"


def _loss_entries(coop: Cooperative, fiscal_year: int) -> models.QuerySet[JournalEntry]:
    # A charge undone and made again gets the key with "-2", "-3" (like the closing entry).
    return JournalEntry.objects.filter(
        coop=coop, idempotency_key__startswith=_loss_key(coop, fiscal_year)
    )


def loss_charge_for(*, coop: Cooperative, fiscal_year: int) -> JournalEntry | None:
    """The entry that charged the year's loss to cadangan, unless it was reversed."""
    return _loss_entries(coop, fiscal_year).filter(reversed_by__isnull=True).first()


def _year_is_closed(coop: Cooperative, end: datetime.date) -> bool:
    last_month = AccountingPeriod.objects.filter(coop=coop, start_date=end.replace(day=1)).first()
    return last_month is not None and last_month.is_closed


@transaction.atomic
def shu_loss_charge(
    *, coop: Cooperative, fiscal_year: int, by: User, date: datetime.date | None = None
) -> JournalEntry:
    """Cover a closed year's loss from cadangan: D 3-1301 Cadangan / K 3-1501 SHU tahun berjalan.

    Per the AD the loss is charged to cadangan after the RAT; at most the cadangan there is,
    so any rest stays in SHU tahun berjalan as an uncovered loss. Idempotent: a second call
    returns the first entry.
    """
    # The coop row is the posting lock: two charges of one loss cannot both pass the check.
    Cooperative.objects.select_for_update().get(pk=coop.pk)
    if existing := loss_charge_for(coop=coop, fiscal_year=fiscal_year):
        return existing
    undone = _loss_entries(coop, fiscal_year).count()
    key = _loss_key(coop, fiscal_year) + (f"-{undone + 1}" if undone else "")
    loss = _closed_year_loss(coop, fiscal_year)
    day = _on_or_after_rat(coop, fiscal_year, date or timezone.localdate())
    reserve = account_by_code(coop=coop, code=RESERVE)
    available = account_balance(account=reserve)
    if available <= 0:
        raise CooperativeRuleError(
            _("Cadangan kosong; rugi tetap tercatat di SHU tahun berjalan sampai diputuskan RAT.")
        )
    amount = min(loss, available)
    surplus = account_by_code(coop=coop, code=CURRENT_SURPLUS)
    return journal_entry_post(
        coop=coop,
        date=day,
        by=by,
        lines=[
            LineInput(reserve.pk, Side.DEBIT, amount),
            LineInput(surplus.pk, Side.CREDIT, amount),
        ],
        memo=_("Rugi tahun buku %(y)s ditutup dari cadangan (AD/ART)") % {"y": fiscal_year},
        idempotency_key=key,
        workflow=Workflow.LOSS_CHARGE,
    )


def _closed_year_loss(coop: Cooperative, fiscal_year: int) -> Decimal:
    """The (positive) loss of a closed tahun buku; refused while open or without a loss."""
    start, end = fiscal_year_bounds(coop=coop, fiscal_year=fiscal_year)
    if not _year_is_closed(coop, end):
        raise CooperativeRuleError(
            _("Tutup tahun buku %(y)s dulu, agar rugi tahun itu final.") % {"y": fiscal_year}
        )
    loss = -fiscal_year_surplus(coop=coop, start=start, end=end)
    if loss <= 0:
        raise CooperativeRuleError(_("Tahun buku %(y)s tidak rugi.") % {"y": fiscal_year})
    return loss


def _on_or_after_rat(coop: Cooperative, fiscal_year: int, day: datetime.date) -> datetime.date:
    """The RAT decides how a loss is covered, so the charge needs a recorded RAT before it."""
    rat = RatRecord.objects.filter(coop=coop, fiscal_year=fiscal_year).first()
    if rat is None:
        raise CooperativeRuleError(
            _("Penutupan rugi diputuskan RAT: catat dulu RAT tahun buku %(y)s.")
            % {"y": fiscal_year}
        )
    if day < rat.held_on:
        raise CooperativeRuleError(_("Rugi ditutup pada atau setelah tanggal RAT."))
    return day


@transaction.atomic
def shu_loss_charge_reverse(*, coop: Cooperative, fiscal_year: int, by: User) -> JournalEntry:
    """Undo a loss charged to cadangan (the guru pembina's route; the journal's "Batalkan"
    refuses it). Idempotent: a second call returns the first reversal."""
    # The coop row is the posting lock, as for the charge it undoes.
    Cooperative.objects.select_for_update().get(pk=coop.pk)
    entry = loss_charge_for(coop=coop, fiscal_year=fiscal_year)
    if entry is None:
        raise CooperativeRuleError(
            _("Rugi tahun buku %(y)s belum ditutup dari cadangan.") % {"y": fiscal_year}
        )
    return workflow_entry_reverse(
        entry=entry,
        workflow=Workflow.LOSS_CHARGE,
        by=by,
        idempotency_key=f"shu-loss-reverse-{entry.pk}",
    )


@transaction.atomic
def fiscal_year_reopen(*, coop: Cooperative, fiscal_year: int, by: User) -> JournalEntry | None:
    """Re-open a closed tahun buku: reverse its closing entry on the same day, open its months.

    Refused once its SHU was distributed or its loss charged to cadangan (those entries stand
    on the closed result), or when the next tahun buku is closed too. Returns the reversal
    (None when the year had no income or expense to close).
    """
    # The coop row is the posting lock: no entry lands in the year while it is re-opened.
    Cooperative.objects.select_for_update().get(pk=coop.pk)
    start, end = fiscal_year_bounds(coop=coop, fiscal_year=fiscal_year)
    _reopen_check(coop, fiscal_year, end)
    periods = AccountingPeriod.objects.select_for_update().filter(
        coop=coop, start_date__gte=start, start_date__lte=end
    )
    # Open the months first: the reversal goes on the closing entry's own day, inside the year.
    periods.update(closed_at=None, closed_by=None)
    entry = closing_entry_for(coop=coop, start=start)
    if entry is None:
        return None
    return workflow_entry_reverse(
        entry=entry,
        workflow=Workflow.CLOSING,
        by=by,
        date=entry.date,
        idempotency_key=f"fiscal-year-reopen-{entry.pk}",
    )


def _reopen_check(coop: Cooperative, fiscal_year: int, end: datetime.date) -> None:
    """Closed; nothing built on its result (SHU paid, loss charged); the next year still open."""
    if not _year_is_closed(coop, end):
        raise CooperativeRuleError(_("Tahun buku %(y)s belum ditutup.") % {"y": fiscal_year})
    if ShuDistribution.objects.filter(coop=coop, fiscal_year=fiscal_year).exists():
        raise CooperativeRuleError(
            _("SHU tahun buku %(y)s sudah dibagikan; tahun buku tidak dapat dibuka kembali.")
            % {"y": fiscal_year}
        )
    if loss_charge_for(coop=coop, fiscal_year=fiscal_year):
        raise CooperativeRuleError(
            _(
                "Rugi tahun buku %(y)s sudah ditutup dari cadangan; batalkan penutupan rugi "
                "itu dulu di halaman SHU."
            )
            % {"y": fiscal_year}
        )
    next_end = fiscal_year_bounds(coop=coop, fiscal_year=fiscal_year + 1)[1]
    if _year_is_closed(coop, next_end):
        raise CooperativeRuleError(
            _("Tahun buku %(y)s sudah ditutup; buka kembali tahun buku terakhir dulu.")
            % {"y": fiscal_year + 1}
        )
