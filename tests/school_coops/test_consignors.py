"""Consignors (issue 11 point 1): what the cooperative owes each consignor, and paying them."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from school_coops.chart import CASH, CONSIGNMENT_PAYABLE
from school_coops.exceptions import CooperativeRuleError
from school_coops.models import Consignor, ConsignorPayout, JournalEntry, PaymentMethod
from school_coops.selectors.consignment import (
    consignor_owed,
    consignor_statement,
    unit_consignors,
)
from school_coops.services.business import (
    SaleLineInput,
    business_unit_create,
    consignment_receive,
    item_create,
    sale_record,
    sale_return_record,
    stock_purchase_record,
)
from school_coops.services.consignment import consignor_payout
from tests.factories import make_student
from tests.school_coops.business_helpers import assert_identities, balance, key
from tests.school_coops.conftest import FOUNDED

pytestmark = pytest.mark.django_db
D = Decimal
DAY = FOUNDED + datetime.timedelta(days=3)


@pytest.fixture
def canteen(coop):
    return business_unit_create(coop=coop, kind="kantin", name="Kantin Sehat")


@pytest.fixture
def cake(canteen, treasurer, classroom):
    """Bolu pandan of a member-maker: price 3.000, share 2.500, 10 in stock."""
    maker = make_student(classroom, username="pembuat1", full_name="Rina Pembuat")
    item = item_create(
        unit=canteen, name="Bolu pandan", price=3000, consignor=maker, consignor_share=2500
    )
    consignment_receive(item=item, qty=10, by=treasurer, idempotency_key=key(), date=DAY)
    return item


def sell(unit, by, item, qty, *, k=None):
    return sale_record(
        unit=unit,
        lines=[SaleLineInput(item.pk, qty)],
        payment=PaymentMethod.CASH,
        by=by,
        idempotency_key=k or key(),
        date=DAY,
    )


def pay(consignor, amount, by, k=None):
    return consignor_payout(
        consignor=consignor, amount=amount, by=by, idempotency_key=k or key(), date=DAY
    )


def test_balance_is_the_shares_of_goods_sold_less_returns_and_payouts(canteen, cake, treasurer):
    # given: 4 sold, 1 of them returned, 2.500 paid
    sale = sell(canteen, treasurer, cake, 4)
    sale_return_record(line=sale.lines.get(), qty=1, by=treasurer, idempotency_key=key(), date=DAY)
    consignor = cake.consigned_by
    pay(consignor, 2500, treasurer)
    # then: 3 × 2.500 earned, 2.500 paid, 5.000 owed: the same as the 2-1102 account
    statement = consignor_statement(consignor=consignor)
    assert (statement.earned, statement.paid, statement.owed) == (D(7500), D(2500), D(5000))
    assert len(statement.lines) == 1 and len(statement.payouts) == 1
    assert consignor_owed(consignor=consignor) == D(5000)
    assert balance(canteen.coop, CONSIGNMENT_PAYABLE) == D(5000)
    (row,) = unit_consignors(unit=canteen)
    assert row.consignor == consignor and row.owed == D(5000)
    assert_identities(canteen.coop, [canteen])


def test_payout_posts_d_payable_k_cash_with_a_bkk_receipt(canteen, cake, treasurer):
    sell(canteen, treasurer, cake, 2)  # 6.000 cash in, 5.000 owed
    cash = balance(canteen.coop, CASH)
    payout = pay(cake.consigned_by, 5000, treasurer)
    entry = JournalEntry.objects.get(pk=payout.entry_id)
    lines = {(ln.account.code, ln.side): ln.amount for ln in entry.lines.all()}
    assert lines == {(CONSIGNMENT_PAYABLE, "D"): D(5000), (CASH, "K"): D(5000)}
    assert entry.receipt_number.startswith("BKK-")
    assert balance(canteen.coop, CASH) == cash - 5000
    assert consignor_owed(consignor=cake.consigned_by) == 0


def test_payout_above_what_is_owed_is_refused_and_changes_nothing(canteen, cake, treasurer):
    sell(canteen, treasurer, cake, 1)  # 2.500 owed
    before = JournalEntry.objects.count()
    with pytest.raises(CooperativeRuleError, match="melebihi yang masih terutang"):
        pay(cake.consigned_by, 2600, treasurer)
    assert JournalEntry.objects.count() == before and not ConsignorPayout.objects.exists()


def test_payout_above_the_cash_on_hand_is_refused(canteen, cake, treasurer, coop):
    sell(canteen, treasurer, cake, 4)  # 12.000 cash in, 10.000 owed
    # the cash left the till for other goods: only 2.000 is left
    rice = item_create(unit=canteen, name="Nasi", price=7000)
    spend = balance(coop, CASH) - 2000
    stock_purchase_record(
        item=rice, qty=2, paid=spend, by=treasurer, idempotency_key=key(), date=DAY
    )
    assert balance(coop, CASH) == D(2000)
    with pytest.raises(CooperativeRuleError, match="kas tidak boleh minus"):
        pay(cake.consigned_by, 5000, treasurer)
    assert not ConsignorPayout.objects.exists()
    assert pay(cake.consigned_by, 2000, treasurer).amount == D(2000)


def test_the_same_key_pays_once_and_a_reused_key_with_another_amount_is_refused(
    canteen, cake, treasurer
):
    sell(canteen, treasurer, cake, 4)
    k = key()
    first = pay(cake.consigned_by, 3000, treasurer, k=k)
    again = pay(cake.consigned_by, 3000, treasurer, k=k)
    assert again.pk == first.pk and ConsignorPayout.objects.count() == 1
    with pytest.raises(CooperativeRuleError, match="sudah dipakai"):
        pay(cake.consigned_by, 4000, treasurer, k=k)
    assert consignor_owed(consignor=cake.consigned_by) == D(7000)


def test_a_member_consignor_has_one_record_for_all_their_items(canteen, cake, treasurer):
    maker = cake.consignor
    other = item_create(
        unit=canteen, name="Donat", price=2000, consignor=maker, consignor_share=1500
    )
    assert other.consigned_by == cake.consigned_by
    assert Consignor.objects.get().members.get() == maker


# --- Screens ---------------------------------------------------------------------------------


def _urls(unit, consignor):
    args = [unit.coop.slug, unit.code]
    return (
        reverse("school_coops:consignor-list", args=args),
        reverse("school_coops:consignor-payout", args=[*args, consignor.pk]),
    )


def test_officer_sees_the_list_and_pays_through_the_screen_once(client, canteen, cake, treasurer):
    sell(canteen, treasurer, cake, 2)
    listing, payout_url = _urls(canteen, cake.consigned_by)
    client.force_login(treasurer)
    page = client.get(listing).content.decode()
    assert "Rina Pembuat" in page and "Rp 5.000" in page
    form = client.get(payout_url).content.decode()
    assert 'name="idempotency_key"' in form and "KANTIN-00001" in form
    k = key()
    for _tap in range(2):  # a double tap
        response = client.post(payout_url, {"amount": "5.000", "idempotency_key": k})
        assert response.status_code == 302
    assert ConsignorPayout.objects.count() == 1
    page = client.get(payout_url).content.decode()
    assert "BKK-" in page and "Rp 0" in page


def test_bad_amounts_are_refused_in_indonesian_and_pay_nothing(client, canteen, cake, treasurer):
    sell(canteen, treasurer, cake, 1)
    _listing, payout_url = _urls(canteen, cake.consigned_by)
    client.force_login(treasurer)
    for junk, message in (("-5", ""), ("abc", ""), ("9000", "melebihi")):
        page = client.post(payout_url, {"amount": junk, "idempotency_key": key()})
        assert page.status_code == 200 and message in page.content.decode()
    assert not ConsignorPayout.objects.exists()


def test_another_coops_consignor_answers_404(client, canteen, cake, treasurer, outsider):
    _listing, payout_url = _urls(canteen, cake.consigned_by)
    client.force_login(outsider)
    assert client.get(payout_url).status_code == 404
    client.force_login(treasurer)
    wrong = reverse(
        "school_coops:consignor-payout", args=[canteen.coop.slug, canteen.code, 999_999]
    )
    assert client.get(wrong).status_code == 404


def test_the_maker_sees_their_own_balance_only(client, canteen, cake, treasurer, classroom):
    sell(canteen, treasurer, cake, 2)
    url = reverse("school_coops:my-consignments")
    client.force_login(cake.consignor)
    page = client.get(url).content.decode()
    assert "Bolu pandan" in page and "Rp 5.000" in page
    # the member portal links to it
    assert f'href="{url}"' in client.get(reverse("school_coops:portal")).content.decode()
    stranger = make_student(classroom, username="orang-lain")
    client.force_login(stranger)
    assert "Bolu pandan" not in client.get(url).content.decode()
