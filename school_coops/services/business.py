"""Business units (canteen, shop): items, stock in, sales, returns, stock counts, daily close.

Every write locks the unit row first: sales, returns and counts of one unit are serialised,
so the last item is sold once and receipt numbers stay gap-free. Each money movement posts
one balanced entry through services/ledger.py, which locks the cooperative and the accounts
after the unit (the same order everywhere, so no deadlock). The identities kept (tested in
tests/school_coops/test_business_properties.py):

* the inventory account of a unit = Σ stock_qty × cost of its own (not consigned) items;
* member sales (4-1101, per member) = what members bought, net of returns (their Va for SHU).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.accounts.models import User
from school_coops.chart import (
    CASH,
    CASH_DIFFERENCE,
    CONSIGNMENT_PAYABLE,
    INVENTORY_DIFFERENCE,
    MEMBER_COST,
    MEMBER_SALES,
    NONMEMBER_COST,
    NONMEMBER_SALES,
    RECEIVABLE_MEMBERS,
    SUPPLIER_PAYABLE,
)
from school_coops.exceptions import CooperativeRuleError
from school_coops.models import (
    Account,
    AccountClass,
    BusinessUnit,
    Consignor,
    Cooperative,
    DayClose,
    Item,
    JournalEntry,
    Membership,
    MovementKind,
    PaymentMethod,
    Sale,
    SaleLine,
    SaleReturn,
    Side,
    StockMovement,
    UnitKind,
)
from school_coops.money import parse_rupiah
from school_coops.services.ledger import (
    LineInput,
    account_by_code,
    book_date_problem,
    closed_period_problem,
    journal_entry_post,
)

MAX_QTY = 100_000
KEY_PATTERN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
# Accounts outside the default chart, created on first use: (code, name, class, normal side).
FIRST_USE_ACCOUNTS = {
    INVENTORY_DIFFERENCE: ("Beban selisih persediaan", AccountClass.EXPENSE, Side.DEBIT),
    CASH_DIFFERENCE: ("Selisih kas (kurang/lebih)", AccountClass.EXPENSE, Side.DEBIT),
}


@dataclass(frozen=True)
class SaleLineInput:
    item_id: int
    qty: int


# --- Small helpers --------------------------------------------------------------------------


def _account(coop: Cooperative, code: str) -> Account:
    if code in FIRST_USE_ACCOUNTS:
        name, account_class, side = FIRST_USE_ACCOUNTS[code]
        Account.objects.get_or_create(
            coop=coop,
            code=code,
            defaults={"name": name, "account_class": account_class, "normal_side": side},
        )
    return account_by_code(coop=coop, code=code)


def _line(
    coop: Cooperative, code: str, side: str, amount: Decimal, member: int | None = None
) -> LineInput:
    return LineInput(_account(coop, code).pk, side, amount, None, member)


def _drop_empty(lines: list[LineInput]) -> list[LineInput]:
    """Net lines of the same account, side and member; drop zero amounts (the ledger refuses)."""
    net: dict[tuple[int, int | None], Decimal] = {}
    for x in lines:
        key = (x.account_id, x.membership_id)
        net[key] = net.get(key, Decimal(0)) + (x.amount if x.side == Side.DEBIT else -x.amount)
    return [
        LineInput(acc, Side.DEBIT if v > 0 else Side.CREDIT, abs(v), None, member)
        for (acc, member), v in net.items()
        if v != 0
    ]


def _qty(value: Any) -> int:
    """A whole number of items > 0, or a refusal in Indonesian."""
    if isinstance(value, bool | float):
        value = "x"
    try:
        qty = int(str(value).strip())
    except ValueError:
        raise CooperativeRuleError(_("Jumlah barang harus bilangan bulat.")) from None
    if qty <= 0:
        raise CooperativeRuleError(_("Jumlah barang harus lebih dari nol."))
    if qty > MAX_QTY:
        raise CooperativeRuleError(_("Jumlah barang terlalu besar."))
    return qty


def _key(value: str | None) -> str:
    if not value or not KEY_PATTERN.match(value):
        raise CooperativeRuleError(
            _("Formulir ini rusak atau kedaluwarsa. Muat ulang halaman, lalu isi lagi.")
        )
    return value


def _money(value: Any, what: str, *, allow_zero: bool = False) -> Decimal:
    """Whole rupiah; a refusal names the field (negative prices, junk)."""
    try:
        return parse_rupiah(value, allow_zero=allow_zero)
    except CooperativeRuleError as exc:
        raise CooperativeRuleError(f"{what}: {exc}") from None


def _lock_unit(unit: BusinessUnit) -> BusinessUnit:
    return BusinessUnit.objects.select_for_update().select_related("coop").get(pk=unit.pk)


def _day(coop: Cooperative, date: datetime.date | None) -> datetime.date:
    return date or timezone.localdate()


def counter_day_problem(
    *, unit: BusinessUnit, day: datetime.date, stock: bool = True
) -> str | None:
    """Why the counter of `unit` cannot record `day` (a sale, a return, its close), or None.

    The one place of the catch-up rule: a counter day is today or an earlier day whose sales
    are entered later from the paper note. It may not be in the future or before the coop was
    founded, its month must be open (a closed tahun buku closes its months), the day must not
    be closed yet and no later day of the unit closed (a till closes its days in order). With
    `stock` (sales and returns move stock) it may not lie before the unit's last stock count:
    a count is a snapshot, a movement dated before it would break it."""
    coop = unit.coop
    return (
        book_date_problem(coop=coop, day=day)
        or closed_period_problem(coop=coop, day=day)
        or _closed_day_problem(unit, day)
        or (_stock_count_problem(unit, day) if stock else None)
    )


def _closed_day_problem(unit: BusinessUnit, day: datetime.date) -> str | None:
    closes = DayClose.objects.filter(unit=unit)
    if closes.filter(date=day).exists():
        msg = _("Kas %(unit)s tanggal %(d)s sudah ditutup; transaksi tidak dapat dicatat lagi.")
        return msg % {"unit": unit.name, "d": f"{day:%d-%m-%Y}"}
    later = closes.filter(date__gt=day).order_by("-date").values_list("date", flat=True).first()
    if later is None:
        return None
    msg = _(
        "Kas %(unit)s sudah ditutup sampai tanggal %(later)s; hari sebelumnya tidak dapat "
        "dicatat lagi (kas ditutup berurutan)."
    )
    return msg % {"unit": unit.name, "later": f"{later:%d-%m-%Y}"}


def _stock_count_problem(unit: BusinessUnit, day: datetime.date) -> str | None:
    counts = StockMovement.objects.filter(item__unit=unit, kind=MovementKind.ADJUSTMENT)
    last = counts.order_by("-date").values_list("date", flat=True).first()
    if last is None or day >= last:
        return None
    msg = _(
        "Tanggal %(d)s sebelum stok opname terakhir %(unit)s (%(count)s); penjualan dan retur "
        "dicatat pada atau sesudah tanggal opname."
    )
    return msg % {"d": f"{day:%d-%m-%Y}", "unit": unit.name, "count": f"{last:%d-%m-%Y}"}


def _refuse_counter_day(unit: BusinessUnit, day: datetime.date, *, stock: bool = True) -> None:
    if problem := counter_day_problem(unit=unit, day=day, stock=stock):
        raise CooperativeRuleError(problem)


# --- Units and items ------------------------------------------------------------------------


@transaction.atomic
def business_unit_create(
    *, coop: Cooperative, kind: str, name: str, code: str | None = None
) -> BusinessUnit:
    """A canteen or shop of the cooperative; its code is the <unit> of its URLs."""
    if kind not in UnitKind.values:
        raise CooperativeRuleError(_("Jenis unit usaha harus kantin atau toko."))
    name = (name or "").strip()
    if not name:
        raise CooperativeRuleError(_("Nama unit usaha wajib diisi."))
    code = (code or kind).strip().lower()
    if not re.fullmatch(r"[a-z0-9-]{2,20}", code):
        raise CooperativeRuleError(_("Kode unit hanya huruf kecil, angka dan tanda minus."))
    if BusinessUnit.objects.filter(coop=coop, code=code).exists():
        raise CooperativeRuleError(_("Kode unit %(code)s sudah dipakai.") % {"code": code})
    return BusinessUnit.objects.create(coop=coop, kind=kind, code=code, name=name[:80])


@transaction.atomic
def item_create(
    *,
    unit: BusinessUnit,
    name: str,
    price: Any,
    measure: str = "pcs",
    cost: Any = 0,
    consignor: User | None = None,
    consignor_share: Any = 0,
    consigned_by: Consignor | None = None,
) -> Item:
    """An item with no stock yet. Own goods need a cost; consigned goods (a member's, or a
    `consigned_by` team's) have the consignor's share per unit instead (their cost is not the
    cooperative's)."""
    name = (name or "").strip()[:80]
    if not name:
        raise CooperativeRuleError(_("Nama barang wajib diisi."))
    price = _money(price, _("Harga jual"))
    if consignor is None and consigned_by is None:
        cost, share = _money(cost, _("Harga pokok"), allow_zero=True), Decimal(0)
    else:
        cost, share = Decimal(0), _money(consignor_share, _("Bagian penitip"), allow_zero=True)
        if share > price:
            raise CooperativeRuleError(_("Bagian penitip tidak boleh melebihi harga jual."))
    if Item.objects.filter(unit=unit, name__iexact=name).exists():
        raise CooperativeRuleError(_("Barang %(name)s sudah ada.") % {"name": name})
    if consignor is not None and consigned_by is None:
        consigned_by = consignor_of_member(coop=unit.coop, user=consignor)
    return Item.objects.create(
        unit=unit,
        name=name,
        measure=(measure or "pcs").strip()[:20] or "pcs",
        price=price,
        cost=cost,
        consignor=consignor,
        consigned_by=consigned_by,
        consignor_share=share,
    )


def consignor_of_member(*, coop: Cooperative, user: User) -> Consignor:
    """The member's consignor record in this cooperative (one per member), made on first use."""
    consignor, created = Consignor.objects.get_or_create(
        coop=coop, user=user, defaults={"name": user.get_full_name()[:120]}
    )
    if created:
        consignor.members.add(user)
    return consignor


@transaction.atomic
def item_price_set(*, item: Item, price: Any) -> Item:
    """A new selling price (costs change only through purchases, so the ledger keeps up)."""
    price = _money(price, _("Harga jual"))
    _lock_unit(item.unit)
    item.refresh_from_db()
    if item.consignor_share > price:
        raise CooperativeRuleError(_("Bagian penitip tidak boleh melebihi harga jual."))
    item.price = price
    item.save(update_fields=["price"])
    return item


# --- Stock in -------------------------------------------------------------------------------


def _replayed_movement(item: Item, kind: str, key: str) -> StockMovement | None:
    return StockMovement.objects.filter(item=item, kind=kind, idempotency_key=key).first()


def _average_cost(item: Item, qty: int, paid: Decimal) -> tuple[Decimal, Decimal]:
    """The new moving average cost and the rounding the inventory account absorbs.

    Value on hand becomes (stock × cost + paid); rounded to whole rupiah per unit, the
    inventory account is set to new_qty × new_cost exactly and the few rupiah of rounding go
    to INVENTORY_DIFFERENCE, so the ledger always equals counts × cost."""
    new_qty = item.stock_qty + qty
    value = item.cost * item.stock_qty + paid
    new_cost = (value / new_qty).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return new_cost, new_cost * new_qty - value


@transaction.atomic
def stock_purchase_record(
    *,
    item: Item,
    qty: Any,
    paid: Any,
    by: User,
    idempotency_key: str,
    on_credit: bool = False,
    date: datetime.date | None = None,
) -> StockMovement:
    """Goods bought from a supplier: D inventory / K Kas (or K utang pemasok on credit)."""
    # long: one transaction in lock order (unit, then the ledger), read as a single story.
    key = _key(idempotency_key)
    qty, paid = _qty(qty), _money(paid, _("Total pembelian"))
    unit = _lock_unit(item.unit)
    item = Item.objects.get(pk=item.pk)
    if existing := _replayed_movement(item, MovementKind.PURCHASE, key):
        return existing
    if item.is_consignment:
        raise CooperativeRuleError(
            _("Barang titipan dicatat lewat titipan masuk, bukan pembelian.")
        )
    coop, day = unit.coop, _day(unit.coop, date)
    new_cost, rounding = _average_cost(item, qty, paid)
    credit = SUPPLIER_PAYABLE if on_credit else CASH
    lines = [
        _line(coop, unit.inventory_code, Side.DEBIT, paid + rounding),
        _line(coop, credit, Side.CREDIT, paid),
        _line(coop, INVENTORY_DIFFERENCE, Side.CREDIT, rounding),
    ]
    entry = journal_entry_post(
        coop=coop,
        date=day,
        by=by,
        lines=_drop_empty(lines),
        memo=_("Pembelian %(n)s %(m)s %(item)s (%(unit)s)")
        % {"n": qty, "m": item.measure, "item": item.name, "unit": unit.name},
        idempotency_key=f"beli-{key}",
    )
    Item.objects.filter(pk=item.pk).update(stock_qty=item.stock_qty + qty, cost=new_cost)
    return StockMovement.objects.create(
        item=item,
        kind=MovementKind.PURCHASE,
        date=day,
        qty=qty,
        unit_cost=new_cost,
        paid=paid,
        entry=entry,
        idempotency_key=key,
        created_by=by,
    )


@transaction.atomic
def consignment_receive(
    *,
    item: Item,
    qty: Any,
    by: User,
    idempotency_key: str,
    date: datetime.date | None = None,
) -> StockMovement:
    """A consignor's goods come in: counted in stock, not in the ledger (not the coop's goods)."""
    key = _key(idempotency_key)
    qty = _qty(qty)
    unit = _lock_unit(item.unit)
    item = Item.objects.get(pk=item.pk)
    if existing := _replayed_movement(item, MovementKind.CONSIGNMENT_IN, key):
        return existing
    if not item.is_consignment:
        raise CooperativeRuleError(_("Barang ini bukan barang titipan."))
    Item.objects.filter(pk=item.pk).update(stock_qty=item.stock_qty + qty)
    return StockMovement.objects.create(
        item=item,
        kind=MovementKind.CONSIGNMENT_IN,
        date=_day(unit.coop, date),
        qty=qty,
        idempotency_key=key,
        created_by=by,
    )


# --- Sales ----------------------------------------------------------------------------------


def _clean_sale_lines(lines: Sequence[SaleLineInput]) -> dict[int, int]:
    """{item_id: qty}, the same item tapped twice added up."""
    wanted: dict[int, int] = {}
    for line in lines:
        wanted[int(line.item_id)] = wanted.get(int(line.item_id), 0) + _qty(line.qty)
    if not wanted:
        raise CooperativeRuleError(_("Pilih sedikitnya satu barang."))
    return wanted


def _check_buyer(
    coop: Cooperative, membership: Membership | None, payment: str, day: datetime.date
) -> None:
    if payment not in PaymentMethod.values:
        raise CooperativeRuleError(_("Cara bayar harus tunai atau kredit anggota."))
    if membership is None:
        if payment == PaymentMethod.MEMBER_CREDIT:
            raise CooperativeRuleError(_("Kredit hanya untuk anggota: pilih anggota yang membeli."))
        return
    if membership.coop_id != coop.pk or membership.status != Membership.Status.ACTIVE:
        raise CooperativeRuleError(_("Anggota tidak ditemukan atau tidak aktif di koperasi ini."))
    if membership.joined_on and day < membership.joined_on:
        raise CooperativeRuleError(_("Tanggal transaksi sebelum tanggal masuk anggota."))


def _replayed_sale(coop: Cooperative, key: str, **request: Any) -> Sale | None:
    """The sale a retried request already saved; a reused key with other content is refused."""
    sale = Sale.objects.filter(coop=coop, idempotency_key=key).select_related("unit").first()
    if sale is None:
        return None
    same = (
        sale.unit_id == request["unit"].pk
        and sale.membership_id == (request["membership"].pk if request["membership"] else None)
        and sale.payment == request["payment"]
        and dict(sale.lines.values_list("item_id", "qty")) == request["wanted"]
    )
    if not same:
        raise CooperativeRuleError(
            _(
                "Kunci transaksi ini sudah dipakai untuk struk %(no)s dengan isi yang berbeda. "
                "Muat ulang halaman, lalu catat penjualan ini lagi."
            )
            % {"no": sale.receipt_number}
        )
    return sale


def _items_in_stock(unit: BusinessUnit, wanted: dict[int, int]) -> dict[int, Item]:
    items = {i.pk: i for i in Item.objects.filter(unit=unit, pk__in=wanted, is_active=True)}
    if len(items) != len(wanted):
        raise CooperativeRuleError(_("Barang tidak ditemukan di unit usaha ini."))
    for pk, qty in wanted.items():
        item = items[pk]
        if qty > item.stock_qty:
            raise CooperativeRuleError(
                _("Stok %(item)s tinggal %(n)s %(m)s; tidak bisa menjual %(q)s.")
                % {"item": item.name, "n": item.stock_qty, "m": item.measure, "q": qty}
            )
    return items


@dataclass(frozen=True)
class _Split:
    gross: Decimal  # what the buyer pays
    income: Decimal  # the cooperative's sales income (gross less the consignors' share)
    consignors: Decimal  # owed to consignors
    cost: Decimal  # cost of goods sold (own goods)


def _split(items: dict[int, Item], wanted: dict[int, int]) -> _Split:
    gross = sum((items[pk].price * q for pk, q in wanted.items()), Decimal(0))
    consignors = sum((items[pk].consignor_share * q for pk, q in wanted.items()), Decimal(0))
    cost = sum((items[pk].cost * q for pk, q in wanted.items()), Decimal(0))
    return _Split(gross, gross - consignors, consignors, cost)


def _sale_lines(
    unit: BusinessUnit, split: _Split, membership: Membership | None, payment: str
) -> list[LineInput]:
    """D Kas or piutang anggota / K sales (member: named) and K utang konsinyasi;
    D cost of goods sold / K inventory."""
    coop, member = unit.coop, (membership.pk if membership else None)
    paid_to = RECEIVABLE_MEMBERS if payment == PaymentMethod.MEMBER_CREDIT else CASH
    lines = [
        _line(coop, paid_to, Side.DEBIT, split.gross, member if paid_to != CASH else None),
        _line(coop, MEMBER_SALES if member else NONMEMBER_SALES, Side.CREDIT, split.income, member),
        _line(coop, CONSIGNMENT_PAYABLE, Side.CREDIT, split.consignors),
        _line(coop, MEMBER_COST if member else NONMEMBER_COST, Side.DEBIT, split.cost),
        _line(coop, unit.inventory_code, Side.CREDIT, split.cost),
    ]
    return _drop_empty(lines)


@transaction.atomic
def sale_record(
    *,
    unit: BusinessUnit,
    lines: Sequence[SaleLineInput],
    payment: str,
    by: User,
    idempotency_key: str,
    membership: Membership | None = None,
    date: datetime.date | None = None,
) -> Sale:
    """One counter sale: stock out, one journal entry, a numbered receipt (struk).

    `date` is the counter day: today, or an earlier day entered later from the paper note
    (the catch-up rule: counter_day_problem). Idempotent: the same key returns the first sale
    (a resend after the connection dropped), even once its day is closed.
    """
    # long: one transaction in lock order (unit, then the ledger), read as a single story.
    key, wanted = _key(idempotency_key), _clean_sale_lines(lines)
    request = {"unit": unit, "membership": membership, "payment": payment, "wanted": wanted}
    if existing := _replayed_sale(unit.coop, key, **request):
        return existing
    unit = _lock_unit(unit)
    # Under the lock: a resend that waited for the first request finds its sale here.
    if existing := _replayed_sale(unit.coop, key, **request):
        return existing
    coop, day = unit.coop, _day(unit.coop, date)
    _check_buyer(coop, membership, payment, day)
    _refuse_counter_day(unit, day)
    items = _items_in_stock(unit, wanted)
    split = _split(items, wanted)
    number = (unit.sales.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    entry = journal_entry_post(
        coop=coop,
        date=day,
        by=by,
        lines=_sale_lines(unit, split, membership, payment),
        memo=_sale_memo(unit, number, membership),
        idempotency_key=f"jual-{key}",
    )
    sale = Sale.objects.create(
        coop=coop,
        unit=unit,
        number=number,
        date=day,
        membership=membership,
        payment=payment,
        total=split.gross,
        idempotency_key=key,
        entry=entry,
        sold_by=by,
    )
    _sale_stock_out(sale, items, wanted, by)
    return sale


def _sale_memo(unit: BusinessUnit, number: int, membership: Membership | None) -> str:
    receipt = f"{unit.code.upper()}-{number:05d}"
    if membership is None:
        return _("Penjualan %(unit)s struk %(no)s (non-anggota)") % {
            "unit": unit.name,
            "no": receipt,
        }
    return _("Penjualan %(unit)s struk %(no)s kepada anggota %(name)s") % {
        "unit": unit.name,
        "no": receipt,
        "name": membership.member.get_full_name(),
    }


def _sale_stock_out(sale: Sale, items: dict[int, Item], wanted: dict[int, int], by: User) -> None:
    for pk, qty in sorted(wanted.items()):
        item = items[pk]
        line = SaleLine.objects.create(
            sale=sale,
            item=item,
            qty=qty,
            unit_price=item.price,
            unit_cost=item.cost,
            consignor_share=item.consignor_share,
        )
        Item.objects.filter(pk=pk).update(stock_qty=item.stock_qty - qty)
        StockMovement.objects.create(
            item=item,
            kind=MovementKind.SALE,
            date=sale.date,
            qty=-qty,
            unit_cost=item.cost,
            sale_line=line,
            entry=sale.entry,
            created_by=by,
        )


# --- Returns --------------------------------------------------------------------------------


def _return_lines(line: SaleLine, item: Item, qty: int) -> list[LineInput]:
    """The sale's lines for `qty` units, reversed; the goods come back at today's cost and a
    change of cost since the sale goes to INVENTORY_DIFFERENCE."""
    sale, unit = line.sale, item.unit
    coop, member = unit.coop, sale.membership_id
    gross, share = line.unit_price * qty, line.consignor_share * qty
    sold_cost, back_cost = line.unit_cost * qty, item.cost * qty
    credit_member = sale.payment == PaymentMethod.MEMBER_CREDIT
    paid_from = RECEIVABLE_MEMBERS if credit_member else CASH
    lines = [
        _line(coop, MEMBER_SALES if member else NONMEMBER_SALES, Side.DEBIT, gross - share, member),
        _line(coop, CONSIGNMENT_PAYABLE, Side.DEBIT, share),
        _line(coop, paid_from, Side.CREDIT, gross, member if credit_member else None),
        _line(coop, unit.inventory_code, Side.DEBIT, back_cost),
        _line(coop, MEMBER_COST if member else NONMEMBER_COST, Side.CREDIT, sold_cost),
        _line(coop, INVENTORY_DIFFERENCE, Side.CREDIT, back_cost - sold_cost),
    ]
    return _drop_empty(lines)


@transaction.atomic
def sale_return_record(
    *,
    line: SaleLine,
    qty: Any,
    by: User,
    idempotency_key: str,
    date: datetime.date | None = None,
) -> SaleReturn:
    """Goods brought back: refunded as paid (cash, or less on the member's credit), in stock
    again, and the member's purchases reduced. At most what was sold and not yet returned."""
    # long: one transaction in lock order (unit, then the ledger), read as a single story.
    key, qty = _key(idempotency_key), _qty(qty)
    unit = _lock_unit(line.sale.unit)
    line = SaleLine.objects.select_related("sale__membership__member").get(pk=line.pk)
    if existing := SaleReturn.objects.filter(line=line, idempotency_key=key).first():
        return existing
    if qty > line.qty - line.returned_qty:
        raise CooperativeRuleError(
            _("Retur paling banyak %(n)s: sisa yang terjual dan belum diretur.")
            % {"n": line.qty - line.returned_qty}
        )
    day = _day(unit.coop, date)
    if day < line.sale.date:
        raise CooperativeRuleError(_("Tanggal retur sebelum tanggal penjualan."))
    _refuse_counter_day(unit, day)
    item = Item.objects.select_related("unit__coop").get(pk=line.item_id)
    entry = journal_entry_post(
        coop=unit.coop,
        date=day,
        by=by,
        lines=_return_lines(line, item, qty),
        memo=_("Retur %(n)s %(item)s dari struk %(no)s")
        % {"n": qty, "item": item.name, "no": line.sale.receipt_number},
        idempotency_key=f"retur-{key}",
    )
    SaleLine.objects.filter(pk=line.pk).update(returned_qty=line.returned_qty + qty)
    Item.objects.filter(pk=item.pk).update(stock_qty=item.stock_qty + qty)
    StockMovement.objects.create(
        item=item,
        kind=MovementKind.RETURN,
        date=day,
        qty=qty,
        unit_cost=item.cost,
        sale_line=line,
        entry=entry,
        created_by=by,
    )
    return SaleReturn.objects.create(
        line=line,
        date=day,
        qty=qty,
        refund=line.unit_price * qty,
        entry=entry,
        idempotency_key=key,
        created_by=by,
    )


# --- Stock count ----------------------------------------------------------------------------


def _count_value(items: dict[int, Item], counts: dict[int, int]) -> Decimal:
    """Own goods' difference at cost: > 0 more on the shelf than in the books."""
    return sum(((counts[pk] - items[pk].stock_qty) * items[pk].cost for pk in counts), Decimal(0))


def _clean_counts(unit: BusinessUnit, counts: dict[int, Any]) -> dict[int, Item]:
    items = {i.pk: i for i in Item.objects.filter(unit=unit, pk__in=list(counts))}
    if not counts or len(items) != len(counts):
        raise CooperativeRuleError(_("Barang tidak ditemukan di unit usaha ini."))
    for pk, value in counts.items():
        try:
            counted = int(str(value).strip())
        except ValueError:
            raise CooperativeRuleError(_("Hasil hitung harus bilangan bulat.")) from None
        if counted < 0 or counted > MAX_QTY:
            raise CooperativeRuleError(_("Hasil hitung tidak boleh negatif."))
        counts[pk] = counted
    return items


@transaction.atomic
def stock_count_record(
    *,
    unit: BusinessUnit,
    counts: dict[int, Any],
    by: User,
    idempotency_key: str,
    date: datetime.date | None = None,
) -> list[StockMovement]:
    """Stock opname: each counted item set to the count; the own goods' difference at cost is
    posted (D/K inventory against INVENTORY_DIFFERENCE). Consigned goods: stock only.
    Counting again with the same numbers changes nothing."""
    key = _key(idempotency_key)
    unit = _lock_unit(unit)
    counts = dict(counts)
    items = _clean_counts(unit, counts)
    changed = {pk: n for pk, n in counts.items() if n != items[pk].stock_qty}
    if not changed:
        return []
    coop, day = unit.coop, _day(unit.coop, date)
    value, entry = _count_value(items, changed), None
    if value != 0:
        lines = [
            _line(coop, unit.inventory_code, Side.DEBIT, value),
            _line(coop, INVENTORY_DIFFERENCE, Side.CREDIT, value),
        ]
        entry = journal_entry_post(
            coop=coop,
            date=day,
            by=by,
            lines=_drop_empty(lines),
            memo=_("Penyesuaian stok opname %(unit)s") % {"unit": unit.name},
            idempotency_key=f"opname-{key}",
        )
    return [_adjust(items[pk], n, day, entry, by) for pk, n in sorted(changed.items())]


def _adjust(
    item: Item, counted: int, day: datetime.date, entry: JournalEntry | None, by: User
) -> StockMovement:
    Item.objects.filter(pk=item.pk).update(stock_qty=counted)
    return StockMovement.objects.create(
        item=item,
        kind=MovementKind.ADJUSTMENT,
        date=day,
        qty=counted - item.stock_qty,
        counted_qty=counted,
        unit_cost=item.cost,
        entry=entry if item.cost else None,
        created_by=by,
    )


# --- Daily close ----------------------------------------------------------------------------


def expected_cash(*, unit: BusinessUnit, day: datetime.date) -> Decimal:
    """Cash the day's sales brought in, less cash refunded for returns that day."""
    sold = sum(
        unit.sales.filter(date=day, payment=PaymentMethod.CASH).values_list("total", flat=True),
        Decimal(0),
    )
    refunded = sum(
        SaleReturn.objects.filter(
            line__sale__unit=unit, line__sale__payment=PaymentMethod.CASH, date=day
        ).values_list("refund", flat=True),
        Decimal(0),
    )
    return sold - refunded


@transaction.atomic
def day_close(
    *, unit: BusinessUnit, counted: Any, by: User, date: datetime.date | None = None
) -> DayClose:
    """Close the counter's day: the cash counted against the cash expected; a difference is
    posted to CASH_DIFFERENCE (short: D selisih / K Kas; over: D Kas / K selisih). A day is
    closed once; afterwards no sale or return is recorded on it, nor on any earlier day."""
    counted = _money(counted, _("Kas dihitung"), allow_zero=True)
    unit = _lock_unit(unit)
    day = _day(unit.coop, date)
    if day > timezone.localdate():
        raise CooperativeRuleError(_("Hari yang belum tiba tidak dapat ditutup."))
    if done := DayClose.objects.filter(unit=unit, date=day).first():
        raise CooperativeRuleError(
            _("Kas %(unit)s tanggal %(d)s sudah ditutup pada %(at)s; tidak dapat ditutup lagi.")
            % {
                "unit": unit.name,
                "d": f"{day:%d-%m-%Y}",
                "at": f"{timezone.localtime(done.closed_at):%d-%m-%Y %H:%M}",
            }
        )
    _refuse_counter_day(unit, day, stock=False)
    expected = expected_cash(unit=unit, day=day)
    close = DayClose(
        unit=unit, date=day, expected_cash=expected, counted_cash=counted, closed_by=by
    )
    if close.difference != 0:
        close.entry = _post_difference(unit, day, close.difference, by)
    close.save()
    return close


def _post_difference(
    unit: BusinessUnit, day: datetime.date, difference: Decimal, by: User
) -> JournalEntry:
    coop = unit.coop
    lines = [
        _line(coop, CASH, Side.DEBIT, difference),
        _line(coop, CASH_DIFFERENCE, Side.CREDIT, difference),
    ]
    return journal_entry_post(
        coop=coop,
        date=day,
        by=by,
        lines=_drop_empty(lines),
        memo=_("Selisih kas tutup harian %(unit)s %(d)s")
        % {"unit": unit.name, "d": f"{day:%d-%m-%Y}"},
        idempotency_key=f"tutup-{unit.pk}-{day:%Y%m%d}",
    )
