"""Business units: items, stock in, counter sales, returns, stock counts and the daily close."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from school_coops.chart import (
    CASH,
    CASH_DIFFERENCE,
    CONSIGNMENT_PAYABLE,
    INVENTORY_CANTEEN,
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
    DayClose,
    Item,
    JournalEntry,
    PaymentMethod,
    Sale,
    SaleReturn,
    StockMovement,
)
from school_coops.selectors.shu import shu_plan
from school_coops.services.business import (
    SaleLineInput,
    business_unit_create,
    consignment_receive,
    day_close,
    item_create,
    item_price_set,
    sale_record,
    sale_return_record,
    stock_count_record,
    stock_purchase_record,
)
from tests.factories import make_student
from tests.school_coops.business_helpers import (
    assert_identities,
    balance,
    grant_cash,
    key,
    member_purchases,
)

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def canteen(coop):
    return business_unit_create(coop=coop, kind="kantin", name="Kantin Sehat")


@pytest.fixture
def stocked(canteen, teacher):
    """Nasi goreng (cost 6.000, price 8.000, 10 in stock) and a consigned cake (share 2.500)."""
    rice = item_create(unit=canteen, name="Nasi goreng", measure="porsi", price=8000, cost=0)
    stock_purchase_record(
        item=rice, qty=10, paid=60000, by=teacher, idempotency_key=key(), on_credit=True
    )
    maker = make_student(rice.unit.coop.school.classrooms.first(), username="penitip1")
    cake = item_create(
        unit=canteen, name="Bolu pandan", price=3000, consignor=maker, consignor_share=2500
    )
    consignment_receive(item=cake, qty=5, by=teacher, idempotency_key=key())
    rice.refresh_from_db()
    cake.refresh_from_db()
    return rice, cake


def sell(unit, by, *lines, member=None, payment=PaymentMethod.CASH, k=None):
    return sale_record(
        unit=unit,
        lines=[SaleLineInput(i.pk, q) for i, q in lines],
        payment=payment,
        membership=member,
        by=by,
        idempotency_key=k or key(),
    )


def test_purchase_sets_average_cost_and_inventory(stocked, coop, canteen, teacher):
    rice, _cake = stocked
    assert rice.cost == 6000 and rice.stock_qty == 10
    assert balance(coop, INVENTORY_CANTEEN) == 60000
    assert balance(coop, SUPPLIER_PAYABLE) == 60000
    # 5 more for 31.000: (60.000 + 31.000) / 15 = 6.066,67 → 6.067, 5 rupiah of rounding
    stock_purchase_record(
        item=rice, qty=5, paid=31000, by=teacher, idempotency_key=key(), on_credit=True
    )
    rice.refresh_from_db()
    assert rice.cost == 6067 and rice.stock_qty == 15
    assert balance(coop, INVENTORY_CANTEEN) == 15 * 6067
    assert balance(coop, INVENTORY_DIFFERENCE) == -5  # a gain: credit on an expense account
    assert_identities(coop, [canteen])


def test_member_sale_posts_income_cost_and_names_the_member(
    stocked, coop, canteen, member, teacher
):
    rice, cake = stocked
    sale = sell(canteen, teacher, (rice, 2), (cake, 1), member=member)
    assert sale.total == 2 * 8000 + 3000
    assert sale.receipt_number == "KANTIN-00001"
    lines = {(x.account.code, x.side): x for x in sale.entry.lines.select_related("account")}
    assert lines[(CASH, "D")].amount == 19000
    assert lines[(MEMBER_SALES, "K")].amount == 16000 + 500
    assert lines[(MEMBER_SALES, "K")].membership_id == member.pk
    assert lines[(CONSIGNMENT_PAYABLE, "K")].amount == 2500
    assert lines[(MEMBER_COST, "D")].amount == 12000
    assert lines[(INVENTORY_CANTEEN, "K")].amount == 12000
    rice.refresh_from_db()
    cake.refresh_from_db()
    assert (rice.stock_qty, cake.stock_qty) == (8, 4)
    assert member_purchases(coop) == 16500
    assert_identities(coop, [canteen])


def test_member_sales_feed_the_shu_purchases_basis(stocked, coop, canteen, member, teacher):
    rice, _cake = stocked
    sell(canteen, teacher, (rice, 3), member=member, payment=PaymentMethod.MEMBER_CREDIT)
    assert balance(coop, RECEIVABLE_MEMBERS) == 24000
    plan = shu_plan(coop=coop, fiscal_year=timezone.localdate().year)
    rows = {row.membership.pk: row.transactions for row in plan.shares}
    assert rows[member.pk] == 24000


def test_nonmember_sale_uses_the_nonmember_accounts(stocked, coop, canteen, teacher):
    rice, _cake = stocked
    sale = sell(canteen, teacher, (rice, 1))
    codes = {x.account.code: x for x in sale.entry.lines.select_related("account")}
    assert codes[NONMEMBER_SALES].amount == 8000 and codes[NONMEMBER_SALES].membership_id is None
    assert codes[NONMEMBER_COST].amount == 6000
    assert member_purchases(coop) == 0


def test_a_resent_sale_returns_the_same_receipt_and_posts_once(stocked, canteen, teacher):
    rice, _cake = stocked
    k = key()
    first = sell(canteen, teacher, (rice, 2), k=k)
    again = sell(canteen, teacher, (rice, 2), k=k)
    assert again.pk == first.pk
    assert Sale.objects.count() == 1
    assert JournalEntry.objects.filter(idempotency_key=f"jual-{k}").count() == 1
    rice.refresh_from_db()
    assert rice.stock_qty == 8
    with pytest.raises(CooperativeRuleError, match="isi yang berbeda"):
        sell(canteen, teacher, (rice, 3), k=k)


def _unchanged(coop, rice):
    return (
        Sale.objects.count(),
        JournalEntry.objects.filter(coop=coop).count(),
        Item.objects.get(pk=rice.pk).stock_qty,
        StockMovement.objects.count(),
    )


@pytest.mark.parametrize(
    ("lines", "kwargs", "message"),
    [
        ([("rice", 11)], {}, "Stok Nasi goreng tinggal 10 porsi"),
        ([("rice", 0)], {}, "lebih dari nol"),
        ([("rice", -2)], {}, "lebih dari nol"),
        ([("rice", "dua")], {}, "bilangan bulat"),
        ([], {}, "sedikitnya satu barang"),
        ([("rice", 1)], {"payment": PaymentMethod.MEMBER_CREDIT}, "Kredit hanya untuk anggota"),
        ([("rice", 1)], {"payment": "utang"}, "tunai atau kredit"),
        ([("rice", 1)], {"k": "pendek"}, "Muat ulang halaman"),
    ],
)
def test_bad_sales_are_refused_in_indonesian_with_nothing_changed(
    stocked, coop, canteen, teacher, lines, kwargs, message
):
    rice, _cake = stocked
    before = _unchanged(coop, rice)
    with pytest.raises(CooperativeRuleError, match=message):
        sell(canteen, teacher, *[(rice, q) for _, q in lines], **kwargs)
    assert _unchanged(coop, rice) == before


def test_items_and_members_of_another_cooperative_are_refused(
    stocked, coop, canteen, teacher, other_coop
):
    rice, _cake = stocked
    other_unit = business_unit_create(coop=other_coop, kind="toko", name="Toko Lain")
    other_item = item_create(unit=other_unit, name="Pensil", price=2000, cost=1500)
    stranger = other_coop.memberships.first()
    before = _unchanged(coop, rice)
    with pytest.raises(CooperativeRuleError, match="Barang tidak ditemukan"):
        sell(canteen, teacher, (other_item, 1))
    with pytest.raises(CooperativeRuleError, match="Anggota tidak ditemukan"):
        sell(canteen, teacher, (rice, 1), member=stranger)
    assert _unchanged(coop, rice) == before


def test_negative_price_and_share_above_price_are_refused(canteen, student):
    with pytest.raises(CooperativeRuleError, match="Harga jual: Jumlah tidak boleh negatif"):
        item_create(unit=canteen, name="Es teh", price="-3000", cost=1000)
    with pytest.raises(CooperativeRuleError, match="Harga pokok"):
        item_create(unit=canteen, name="Es teh", price="3000", cost="-1")
    with pytest.raises(CooperativeRuleError, match="melebihi harga jual"):
        item_create(unit=canteen, name="Kue", price=2000, consignor=student, consignor_share=2500)
    assert not Item.objects.exists()
    item = item_create(unit=canteen, name="Es teh", price=3000, cost=1000)
    with pytest.raises(CooperativeRuleError, match="negatif"):
        item_price_set(item=item, price="-500")
    item.refresh_from_db()
    assert item.price == 3000


def test_return_refunds_restocks_and_lowers_the_members_purchases(
    stocked, coop, canteen, member, teacher
):
    rice, cake = stocked
    sale = sell(canteen, teacher, (rice, 3), (cake, 2), member=member)
    cake_line = sale.lines.get(item=cake)
    rice_line = sale.lines.get(item=rice)
    k = key()
    sale_return_record(line=cake_line, qty=1, by=teacher, idempotency_key=k)
    sale_return_record(line=cake_line, qty=1, by=teacher, idempotency_key=k)  # resent: once
    sale_return_record(line=rice_line, qty=2, by=teacher, idempotency_key=key())
    assert SaleReturn.objects.count() == 2
    assert member_purchases(coop) == 8000 + 500
    assert balance(coop, CONSIGNMENT_PAYABLE) == 2500
    rice.refresh_from_db()
    assert rice.stock_qty == 9
    with pytest.raises(CooperativeRuleError, match="Retur paling banyak 1"):
        sale_return_record(line=rice_line, qty=2, by=teacher, idempotency_key=key())
    assert_identities(coop, [canteen])


def test_stock_count_adjusts_to_the_count_at_cost(stocked, coop, canteen, teacher):
    rice, cake = stocked
    stock_count_record(
        unit=canteen, counts={rice.pk: 7, cake.pk: 5}, by=teacher, idempotency_key=key()
    )
    rice.refresh_from_db()
    assert rice.stock_qty == 7
    assert balance(coop, INVENTORY_CANTEEN) == 7 * 6000
    assert balance(coop, INVENTORY_DIFFERENCE) == 3 * 6000
    # The same count again changes nothing.
    assert (
        stock_count_record(unit=canteen, counts={rice.pk: 7}, by=teacher, idempotency_key=key())
        == []
    )
    with pytest.raises(CooperativeRuleError, match="negatif"):
        stock_count_record(unit=canteen, counts={rice.pk: -1}, by=teacher, idempotency_key=key())
    assert_identities(coop, [canteen])


def test_day_close_posts_the_difference_and_refuses_a_second_close(stocked, coop, canteen, teacher):
    rice, _cake = stocked
    sell(canteen, teacher, (rice, 2))
    close = day_close(unit=canteen, counted="15.000", by=teacher)
    assert close.expected_cash == 16000 and close.difference == -1000
    assert balance(coop, CASH_DIFFERENCE) == 1000
    entries = JournalEntry.objects.count()
    with pytest.raises(CooperativeRuleError, match="sudah ditutup pada"):
        day_close(unit=canteen, counted="16.000", by=teacher)
    with pytest.raises(CooperativeRuleError, match="sudah ditutup"):
        sell(canteen, teacher, (rice, 1))
    assert JournalEntry.objects.count() == entries
    assert DayClose.objects.count() == 1


def test_a_matching_close_posts_nothing(stocked, canteen, teacher):
    rice, _cake = stocked
    sell(canteen, teacher, (rice, 1))
    entries = JournalEntry.objects.count()
    close = day_close(unit=canteen, counted=8000, by=teacher)
    assert close.entry is None and JournalEntry.objects.count() == entries
    with pytest.raises(CooperativeRuleError, match="negatif"):
        day_close(
            unit=canteen,
            counted="-1",
            by=teacher,
            date=timezone.localdate() - datetime.timedelta(days=1),
        )


def test_cash_purchase_needs_cash(canteen, coop, teacher):
    rice = item_create(unit=canteen, name="Mi", price=5000, cost=0)
    with pytest.raises(CooperativeRuleError, match="tidak boleh minus"):
        stock_purchase_record(item=rice, qty=100, paid=400000, by=teacher, idempotency_key=key())
    grant_cash(coop, teacher, 500000, timezone.localdate())
    stock_purchase_record(item=rice, qty=100, paid=400000, by=teacher, idempotency_key=key())
    assert balance(coop, INVENTORY_CANTEEN) == 400000
