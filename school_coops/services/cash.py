"""Cash presets: the common transactions of a school shop with their accounts filled in."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from lms.accounts.models import User
from school_coops.chart import CashPreset
from school_coops.models import Cooperative, JournalEntry, Side
from school_coops.services.ledger import (
    LineInput,
    account_by_code,
    journal_entry_post,
    money_clean,
)


@transaction.atomic
def cash_preset_record(
    *,
    coop: Cooperative,
    preset: CashPreset,
    amount: Decimal | int,
    date: datetime.date,
    note: str,
    by: User,
    idempotency_key: str | None = None,
) -> JournalEntry:
    """Post one preset (D preset.debit / K preset.credit) through the ledger, which checks the
    date, the open period, the accounts and that cash never goes below zero."""
    amount = money_clean(amount)
    label = _(preset.label)
    note = (note or "").strip()
    return journal_entry_post(
        coop=coop,
        date=date,
        memo=f"{label}: {note}" if note else label,
        lines=[
            LineInput(account_by_code(coop=coop, code=preset.debit).pk, Side.DEBIT, amount),
            LineInput(account_by_code(coop=coop, code=preset.credit).pk, Side.CREDIT, amount),
        ],
        by=by,
        idempotency_key=idempotency_key,
        receipt=preset.receipt,
    )
