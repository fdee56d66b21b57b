"""Closing the books: a month (accounting period) and a tahun buku (fiscal year)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.accounts.models import User
from school_coops.exceptions import LedgerError
from school_coops.models import (
    AccountingPeriod,
    Cooperative,
    JournalEntry,
    JournalLine,
    Side,
    Workflow,
)
from school_coops.services.ledger import (
    CURRENT_SURPLUS,
    INCOME_EXPENSE,
    LineInput,
    account_by_code,
    accounting_period_for,
    journal_entry_post,
)


@transaction.atomic
def accounting_period_close(*, period: AccountingPeriod, by: User) -> AccountingPeriod:
    """Close a month: later postings into it are refused (corrections go to an open period)."""
    # Locked so a posting into this month waits until it is closed (then it is refused).
    period = AccountingPeriod.objects.select_for_update().get(pk=period.pk)
    if period.is_closed:
        raise LedgerError(_("Periode ini sudah ditutup."))
    period.closed_at = timezone.now()
    period.closed_by = by
    period.save(update_fields=["closed_at", "closed_by"])
    return period


def _closing_lines(coop: Cooperative, start: datetime.date, end: datetime.date) -> list[LineInput]:
    """Lines that bring every income and expense account of the year to zero, net to SHU."""
    lines = []
    net = Decimal(0)  # credit-positive: income − expense
    totals = (
        JournalLine.objects.posted()
        .filter(
            entry__coop=coop,
            entry__date__gte=start,
            entry__date__lte=end,
            account__account_class__in=INCOME_EXPENSE,
        )
        # Per member too: member sales (4-1101) are closed member by member, so each closing
        # line names its member like the sales it zeroes.
        .values("account_id", "membership_id")
        .annotate(
            d=models.Sum("amount", filter=models.Q(side=Side.DEBIT), default=Decimal(0)),
            k=models.Sum("amount", filter=models.Q(side=Side.CREDIT), default=Decimal(0)),
        )
        .order_by("account_id", "membership_id")
    )
    for row in totals:
        balance = row["k"] - row["d"]
        side = Side.DEBIT if balance > 0 else Side.CREDIT
        if balance:
            lines.append(
                LineInput(row["account_id"], side, abs(balance), None, row["membership_id"])
            )
        net += balance
    if lines and net:
        surplus = account_by_code(coop=coop, code=CURRENT_SURPLUS)
        side = Side.CREDIT if net > 0 else Side.DEBIT
        lines.append(LineInput(surplus.pk, side, abs(net)))
    return lines


def _closing_key(coop: Cooperative, start: datetime.date) -> str:
    return f"fiscal-year-close-{coop.pk}-{start.isoformat()}"


def _closing_entries(coop: Cooperative, start: datetime.date) -> models.QuerySet[JournalEntry]:
    return JournalEntry.objects.filter(
        coop=coop, idempotency_key__startswith=_closing_key(coop, start)
    )


def closing_entry_for(*, coop: Cooperative, start: datetime.date) -> JournalEntry | None:
    """The year's closing entry in force: posted by fiscal_year_close and not reversed."""
    return _closing_entries(coop, start).filter(reversed_by__isnull=True).first()


@transaction.atomic
def fiscal_year_close(
    *, coop: Cooperative, start: datetime.date, end: datetime.date, by: User
) -> JournalEntry | None:
    """Close a tahun buku: income and expense go to SHU tahun berjalan, then every month closes.

    Months of the year may already be closed (the usual order: December is closed with the
    monthly routine, then the year); the closing entry still goes on the year's last day.
    Re-opening only goes through fiscal_year_reopen(), which reverses this entry; closing
    again then posts a new one under a new key.
    """
    if end >= timezone.localdate():
        raise LedgerError(_("Tahun buku hanya dapat ditutup setelah berakhir."))
    # The coop row is the posting lock: no entry lands in the year while it is being closed.
    Cooperative.objects.select_for_update().get(pk=coop.pk)
    entry = closing_entry_for(coop=coop, start=start)
    reversed_before = _closing_entries(coop, start).filter(reversed_by__isnull=False).count()
    key = _closing_key(coop, start) + (f"-{reversed_before + 1}" if reversed_before else "")
    lines = _closing_lines(coop, start, end) if entry is None else []
    if lines:
        entry = journal_entry_post(
            coop=coop,
            date=end,
            by=by,
            lines=lines,
            memo=_("Penutupan tahun buku %(y)s ke SHU tahun berjalan") % {"y": start.year},
            idempotency_key=key,
            workflow=Workflow.CLOSING,
        )
    day = start.replace(day=1)
    while day <= end:
        period = accounting_period_for(coop=coop, day=day)
        if not period.is_closed:
            accounting_period_close(period=period, by=by)
        day = (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return entry
