"""Shared set-up and ledger identities for the business unit tests."""

from __future__ import annotations

import datetime
import secrets
from decimal import Decimal

from django.db.models import Q, Sum

from school_coops.chart import CASH, GRANTS, MEMBER_SALES, NONMEMBER_SALES
from school_coops.models import BusinessUnit, Cooperative, Item, JournalLine, Sale, Side
from school_coops.selectors import account_balance
from school_coops.services.ledger import LineInput, account_by_code, journal_entry_post

D = Decimal


def key() -> str:
    return secrets.token_urlsafe(18)


def grant_cash(coop: Cooperative, by, amount: int, day: datetime.date) -> None:
    """Cash from a grant (hibah), so purchases and refunds have cash to pay from."""
    journal_entry_post(
        coop=coop,
        date=day,
        by=by,
        memo="Hibah komite",
        lines=[
            LineInput(account_by_code(coop=coop, code=CASH).pk, Side.DEBIT, D(amount)),
            LineInput(account_by_code(coop=coop, code=GRANTS).pk, Side.CREDIT, D(amount)),
        ],
    )


def balance(coop: Cooperative, code: str) -> Decimal:
    return account_balance(account=account_by_code(coop=coop, code=code))


def stock_value(unit: BusinessUnit) -> Decimal:
    """Σ counts × cost of the unit's own goods (consigned goods are not the coop's)."""
    return sum(
        (i.stock_qty * i.cost for i in Item.objects.filter(unit=unit, consigned_by__isnull=True)),
        D(0),
    )


def member_purchases(coop: Cooperative) -> Decimal:
    """What the SHU's jasa usaha reads: 4-1101 lines per member, credit less debit."""
    sums = (
        JournalLine.objects.posted()
        .filter(entry__coop=coop, account__code=MEMBER_SALES, membership__isnull=False)
        .aggregate(
            k=Sum("amount", filter=Q(side=Side.CREDIT), default=D(0)),
            d=Sum("amount", filter=Q(side=Side.DEBIT), default=D(0)),
        )
    )
    return sums["k"] - sums["d"]


def sales_income_from_records(coop: Cooperative, *, members: bool) -> Decimal:
    """The cooperative's income from its sale records: (price − consignor share) × net qty."""
    total = D(0)
    for sale in Sale.objects.filter(coop=coop, membership__isnull=not members):
        for line in sale.lines.all():
            total += (line.unit_price - line.consignor_share) * (line.qty - line.returned_qty)
    return total


def assert_identities(coop: Cooperative, units: list[BusinessUnit]) -> None:
    for unit in units:
        assert balance(coop, unit.inventory_code) == stock_value(unit), unit.code
    assert member_purchases(coop) == balance(coop, MEMBER_SALES)
    assert balance(coop, MEMBER_SALES) == sales_income_from_records(coop, members=True)
    assert balance(coop, NONMEMBER_SALES) == sales_income_from_records(coop, members=False)
    for sale in Sale.objects.filter(coop=coop).select_related("entry"):
        lines = sale.entry.lines.all()
        debit = sum((x.amount for x in lines if x.side == Side.DEBIT), D(0))
        credit = sum((x.amount for x in lines if x.side == Side.CREDIT), D(0))
        assert debit == credit > 0
