"""Reads of consignment (titipan): what the cooperative owes each consignor, and why.

Owed = Σ over the consignor's sale lines of (sold − returned) × share per unit, less the
payouts. The same number is the consignor's part of CONSIGNMENT_PAYABLE (2-1102): each sale
credits the share, each return debits it back, each payout debits what was paid
(docs/domain.md, "Titipan").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import DecimalField, ExpressionWrapper, F, Sum

from lms.accounts.models import User
from school_coops.models import (
    BusinessUnit,
    Consignor,
    ConsignorPayout,
    Cooperative,
    Item,
    SaleLine,
)

_EARNED = ExpressionWrapper(
    (F("qty") - F("returned_qty")) * F("consignor_share"),
    output_field=DecimalField(max_digits=17, decimal_places=0),
)


@dataclass
class ConsignorBalance:
    consignor: Consignor
    earned: Decimal  # shares of the goods sold, net of returns
    paid: Decimal
    lines: list[SaleLine] = field(default_factory=list)
    payouts: list[ConsignorPayout] = field(default_factory=list)

    @property
    def owed(self) -> Decimal:
        return self.earned - self.paid


def consignor_earned(*, consignor: Consignor) -> Decimal:
    lines = SaleLine.objects.filter(item__consigned_by=consignor)
    return lines.aggregate(v=Sum(_EARNED, default=Decimal(0)))["v"]


def consignor_paid(*, consignor: Consignor) -> Decimal:
    payouts = ConsignorPayout.objects.filter(consignor=consignor)
    return payouts.aggregate(v=Sum("amount", default=Decimal(0)))["v"]


def consignor_owed(*, consignor: Consignor) -> Decimal:
    """What the cooperative still owes the consignor (one query)."""
    return consignor_earned(consignor=consignor) - consignor_paid(consignor=consignor)


def unit_consignors(*, unit: BusinessUnit) -> list[ConsignorBalance]:
    """The consignors with goods in this unit and their balances (three queries)."""
    consignors = list(Consignor.objects.filter(items__unit=unit).distinct().order_by("name", "pk"))
    ids = [c.pk for c in consignors]
    earned = dict(
        SaleLine.objects.filter(item__consigned_by__in=ids)
        .values_list("item__consigned_by")
        .annotate(v=Sum(_EARNED))
    )
    paid = dict(
        ConsignorPayout.objects.filter(consignor__in=ids)
        .values_list("consignor")
        .annotate(v=Sum("amount"))
    )
    return [
        ConsignorBalance(c, earned.get(c.pk) or Decimal(0), paid.get(c.pk) or Decimal(0))
        for c in consignors
    ]


def consignor_statement(*, consignor: Consignor) -> ConsignorBalance:
    """The balance with the sales and payouts behind it (four queries)."""
    lines = list(
        SaleLine.objects.filter(item__consigned_by=consignor, consignor_share__gt=0)
        .select_related("sale__unit", "item")
        .order_by("-sale__date", "-pk")
    )
    payouts = list(
        ConsignorPayout.objects.filter(consignor=consignor)
        .select_related("entry")
        .order_by("-date", "-pk")
    )
    earned = sum(((ln.qty - ln.returned_qty) * ln.consignor_share for ln in lines), Decimal(0))
    paid = sum((p.amount for p in payouts), Decimal(0))
    return ConsignorBalance(consignor, earned, paid, lines, payouts)


def consignor_in_unit(*, unit: BusinessUnit, pk: int) -> Consignor | None:
    """A consignor with goods in this unit; other units' and cooperatives' are None."""
    return Consignor.objects.filter(items__unit=unit, pk=pk).distinct().first()


def consignors_of_member(*, user: User) -> list[Consignor]:
    """The consignor records naming the user (their own goods, their team's plan)."""
    return list(Consignor.objects.filter(members=user).select_related("coop").order_by("name"))


def plan_items(*, unit: BusinessUnit, submission_ids: list[int]) -> dict[int, Item]:
    """{plan submission id: the unit's item registered from it} (one query)."""
    items = Item.objects.filter(unit=unit, consigned_by__plan_submission_id__in=submission_ids)
    found: dict[int, Item] = {}
    for item in items.select_related("consigned_by"):
        plan = item.consigned_by.plan_submission_id if item.consigned_by else None
        if plan is not None:
            found[plan] = item
    return found


def consignor_for_plan(*, coop: Cooperative, submission_id: int) -> Consignor | None:
    return Consignor.objects.filter(coop=coop, plan_submission_id=submission_id).first()


def payout_by_key(*, coop: Cooperative, key: str) -> ConsignorPayout | None:
    return ConsignorPayout.objects.filter(coop=coop, idempotency_key=key).first()
