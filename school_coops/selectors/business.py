"""Reads for the business unit screens (kasir, items, receipts); scoped to one cooperative."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db.models import Q, QuerySet

from lms.accounts.models import User
from school_coops.models import (
    BusinessUnit,
    Cooperative,
    DayClose,
    Item,
    Membership,
    Sale,
    SaleLine,
)

MEMBER_PICKS = 8


def business_units(*, coop: Cooperative) -> QuerySet[BusinessUnit]:
    return BusinessUnit.objects.filter(coop=coop).order_by("name")


def unit_items(*, unit: BusinessUnit, active_only: bool = False) -> QuerySet[Item]:
    items = Item.objects.filter(unit=unit).select_related("consigned_by").order_by("name")
    return items.filter(is_active=True) if active_only else items


def unit_sales(*, unit: BusinessUnit) -> QuerySet[Sale]:
    return (
        Sale.objects.filter(unit=unit)
        .select_related("unit", "membership__member")
        .order_by("-number")
    )


def sale_by_receipt(*, unit: BusinessUnit, receipt: str) -> Sale | None:
    """KANTIN-00012 of this unit, or None (junk and other units' numbers alike)."""
    prefix, _sep, digits = receipt.upper().rpartition("-")
    if prefix != unit.code.upper() or not digits.isdigit() or len(digits) > 9:
        return None
    return (
        Sale.objects.filter(unit=unit, number=int(digits))
        .select_related("unit", "membership__member", "sold_by")
        .prefetch_related("lines__item")
        .first()
    )


def sale_by_key(*, coop: Cooperative, key: str) -> Sale | None:
    return Sale.objects.filter(coop=coop, idempotency_key=key).select_related("unit").first()


def active_members(*, coop: Cooperative, search: str = "") -> QuerySet[Membership]:
    """Active members by name for the member picker (capped: a phone list, not a register)."""
    members = Membership.objects.filter(coop=coop, status=Membership.Status.ACTIVE).select_related(
        "member"
    )
    if search:
        members = members.filter(
            Q(member__full_name__icontains=search) | Q(member__username__icontains=search)
        )
    return members.order_by("member__full_name")


def cart_total(*, items: dict[int, Item], wanted: dict[int, int]) -> Decimal:
    return sum((items[pk].price * q for pk, q in wanted.items() if pk in items), Decimal(0))


def day_close_of(*, unit: BusinessUnit, day: datetime.date) -> DayClose | None:
    return DayClose.objects.filter(unit=unit, date=day).select_related("closed_by").first()


def day_closes(*, unit: BusinessUnit) -> QuerySet[DayClose]:
    return DayClose.objects.filter(unit=unit).select_related("closed_by").order_by("-date")


def open_sale_days(
    *, unit: BusinessUnit, before: datetime.date, limit: int = 3
) -> list[datetime.date]:
    """Earlier days with sales whose cash is not closed yet, oldest first (the counter's notice).

    Only those after the unit's last closed day: earlier ones can no longer be closed."""
    last_close = day_closes(unit=unit).values_list("date", flat=True).first()
    sales = Sale.objects.filter(unit=unit, date__lt=before)
    if last_close is not None:
        sales = sales.filter(date__gt=last_close)
    days = sales.order_by("date").values_list("date", flat=True).distinct()
    return list(days[:limit])


def sale_line_of(*, sale: Sale, raw: str) -> SaleLine | None:
    """A line of this receipt by the posted id; junk and other receipts' lines are None."""
    if not raw.isdigit() or len(raw) > 12:
        return None
    return SaleLine.objects.filter(sale=sale, pk=int(raw)).select_related("item").first()


def coop_member_user(*, coop: Cooperative, raw: str) -> User | None:
    """A member (any status) of this cooperative by user id: a consignor of goods."""
    if not raw.isdigit() or len(raw) > 12:
        return None
    membership = Membership.objects.filter(coop=coop, member_id=int(raw)).select_related("member")
    found = membership.first()
    return found.member if found else None
