"""Consignment (titipan): paying consignors, and an approved student plan as a consigned item.

Lock order: the business units holding the consignor's goods (pk order), then the consignor
row, then journal_entry_post's cooperative and account rows: the order of sale_record and
sale_return_record (unit, then the ledger), so a sale, a return and a payout never deadlock,
and a return cannot lower what is owed while a payout is reading it (docs/domain.md, "Titipan").
"""

from __future__ import annotations

import datetime
from decimal import ROUND_DOWN, Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.selectors.assignments import PlanRow, school_plan
from lms.accounts.models import User
from school_coops.chart import CASH, CONSIGNMENT_PAYABLE
from school_coops.exceptions import CooperativeRuleError
from school_coops.models import BusinessUnit, Consignor, ConsignorPayout, Item, Side
from school_coops.selectors.consignment import consignor_owed
from school_coops.services.business import _key, _lock_unit, _money, item_create
from school_coops.services.ledger import LineInput, account_by_code, journal_entry_post
from school_coops.templatetags.coop_tags import rupiah

# A team's share of each sale when the plan names none: the price less the canteen's part for
# selling it (10 %), rounded down to the Rp 100 a canteen gives change in.
DEFAULT_SHARE_PERCENT = Decimal(90)
SHARE_STEP = Decimal(100)


def _replayed_payout(consignor: Consignor, key: str, amount: Decimal) -> ConsignorPayout | None:
    payout = ConsignorPayout.objects.filter(coop=consignor.coop, idempotency_key=key).first()
    if payout is None:
        return None
    if payout.consignor_id != consignor.pk or payout.amount != amount:
        raise CooperativeRuleError(
            _("Kunci formulir ini sudah dipakai untuk pembayaran lain. Muat ulang halaman.")
        )
    return payout


def _lock_consignor(consignor: Consignor) -> Consignor:
    unit_ids = set(Item.objects.filter(consigned_by=consignor).values_list("unit_id", flat=True))
    units = BusinessUnit.objects.filter(pk__in=unit_ids).select_for_update().order_by("pk")
    list(units.values_list("pk", flat=True))
    return Consignor.objects.select_for_update().select_related("coop").get(pk=consignor.pk)


@transaction.atomic
def consignor_payout(
    *,
    consignor: Consignor,
    amount: Any,
    by: User,
    idempotency_key: str,
    date: datetime.date | None = None,
) -> ConsignorPayout:
    """Pay a consignor in cash: D utang konsinyasi / K Kas with a bukti kas keluar (BKK).

    At most what is owed (shares of goods sold, net of returns, less earlier payouts) and what
    Kas holds (journal_entry_post refuses cash below zero). The same key pays once."""
    key, amount = _key(idempotency_key), _money(amount, _("Jumlah pembayaran"))
    if existing := _replayed_payout(consignor, key, amount):
        return existing
    consignor = _lock_consignor(consignor)
    # Under the locks: a double tap that waited for the first request finds its payout here.
    if existing := _replayed_payout(consignor, key, amount):
        return existing
    owed = consignor_owed(consignor=consignor)
    if amount > owed:
        raise CooperativeRuleError(
            _("Pembayaran %(a)s melebihi yang masih terutang kepada %(name)s (%(owed)s).")
            % {"a": rupiah(amount), "name": consignor.name, "owed": rupiah(max(owed, 0))}
        )
    return _post_payout(consignor, amount, key, by, date or timezone.localdate())


def _post_payout(
    consignor: Consignor, amount: Decimal, key: str, by: User, day: datetime.date
) -> ConsignorPayout:
    coop = consignor.coop
    lines = [
        LineInput(account_by_code(coop=coop, code=CONSIGNMENT_PAYABLE).pk, Side.DEBIT, amount),
        LineInput(account_by_code(coop=coop, code=CASH).pk, Side.CREDIT, amount),
    ]
    entry = journal_entry_post(
        coop=coop,
        date=day,
        by=by,
        lines=lines,
        memo=_("Pembayaran bagian penitip %(name)s") % {"name": consignor.name},
        idempotency_key=f"penitip-{key}",
        receipt=True,
    )
    return ConsignorPayout.objects.create(
        coop=coop,
        consignor=consignor,
        date=day,
        amount=amount,
        entry=entry,
        idempotency_key=key,
        created_by=by,
    )


# --- From an approved plan to the canteen (issue 14 point 4) -------------------------------


def plan_default_share(price: Decimal) -> Decimal:
    """The team's share per unit sold when the officers keep the suggestion."""
    share = price * DEFAULT_SHARE_PERCENT / 100
    return (share / SHARE_STEP).to_integral_value(rounding=ROUND_DOWN) * SHARE_STEP


def _approved_plan(unit: BusinessUnit, submission_id: int) -> tuple[PlanRow, Decimal]:
    plan = school_plan(school_id=unit.coop.school_id, submission_id=submission_id)
    if plan is None:
        raise CooperativeRuleError(_("Rencana usaha tidak ditemukan di sekolah ini."))
    if not plan.approved:
        raise CooperativeRuleError(
            _("Rencana usaha %(name)s belum disetujui guru; belum dapat didaftarkan.")
            % {"name": plan.name}
        )
    if plan.price is None or plan.price <= 0:
        raise CooperativeRuleError(
            _("Rencana usaha %(name)s belum memuat harga jual yang sah.") % {"name": plan.name}
        )
    return plan, plan.price


def _plan_consignor(unit: BusinessUnit, plan: PlanRow) -> Consignor:
    consignor, created = Consignor.objects.get_or_create(
        coop=unit.coop,
        plan_submission_id=plan.submission_id,
        defaults={"name": plan.name[:120]},
    )
    if created:
        consignor.members.set(plan.member_ids)
    return consignor


def _plan_item_name(unit: BusinessUnit, plan: PlanRow) -> str:
    product = (plan.product or plan.title).strip()[:80]
    if not Item.objects.filter(unit=unit, name__iexact=product).exists():
        return product
    return f"{product[:60]} ({plan.name[:16]})"


@transaction.atomic
def plan_consignment_register(
    *, unit: BusinessUnit, submission_id: int, share: Any = None, by: User
) -> Item:
    """A team's approved business plan as a consigned item of the unit: consignor = the team,
    price from the plan, the team's share per unit (default: plan_default_share).

    Registering the same plan again returns the same item (one per plan and unit)."""
    unit = _lock_unit(unit)
    plan, price = _approved_plan(unit, submission_id)
    consignor = _plan_consignor(unit, plan)
    if existing := Item.objects.filter(unit=unit, consigned_by=consignor).first():
        return existing
    return item_create(
        unit=unit,
        name=_plan_item_name(unit, plan),
        price=price,
        consigned_by=consignor,
        consignor_share=plan_default_share(price) if share in (None, "") else share,
    )
