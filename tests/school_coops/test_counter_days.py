"""Catch-up counter days: a canteen enters an earlier day's sales later from the paper note.

One rule (services/business.py counter_day_problem) for sales, returns and the daily close:
not in the future, not before the coop was founded, in an open month (a closed tahun buku
closes its months), not a closed day, no later day closed, not before the last stock count."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from school_coops.exceptions import CooperativeRuleError
from school_coops.models import (
    DayClose,
    Item,
    JournalEntry,
    Membership,
    PaymentMethod,
    Sale,
    SaleReturn,
    StockMovement,
)
from school_coops.selectors.shu import shu_plan
from school_coops.services.business import (
    SaleLineInput,
    business_unit_create,
    day_close,
    item_create,
    sale_record,
    sale_return_record,
    stock_count_record,
    stock_purchase_record,
)
from school_coops.services.closing import fiscal_year_close
from school_coops.services.cooperative import cooperative_create
from school_coops.services.members import membership_register
from tests.school_coops.business_helpers import assert_identities, key
from tests.school_coops.conftest import FOUNDED

pytestmark = pytest.mark.django_db
D = Decimal


def ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


@pytest.fixture
def canteen(coop):
    return business_unit_create(coop=coop, kind="kantin", name="Kantin Sehat")


@pytest.fixture
def rice(canteen, teacher):
    item = item_create(unit=canteen, name="Nasi goreng", measure="porsi", price=8000)
    stock_purchase_record(
        item=item,
        qty=20,
        paid=120_000,
        by=teacher,
        idempotency_key=key(),
        on_credit=True,
        date=FOUNDED,
    )
    return Item.objects.get(pk=item.pk)


def sell(unit, by, item, qty=1, *, day=None, member=None, k=None, payment=PaymentMethod.CASH):
    return sale_record(
        unit=unit,
        lines=[SaleLineInput(item.pk, qty)],
        payment=payment,
        membership=member,
        by=by,
        idempotency_key=k or key(),
        date=day,
    )


def snapshot(coop, rice):
    return (
        Sale.objects.count(),
        JournalEntry.objects.filter(coop=coop).count(),
        Item.objects.get(pk=rice.pk).stock_qty,
        StockMovement.objects.count(),
        DayClose.objects.count(),
        SaleReturn.objects.count(),
    )


@pytest.fixture
def last_year_coop(school, teacher, student):
    """A coop founded in January of the last tahun buku, with a member and a stocked canteen."""
    founded = datetime.date(timezone.localdate().year - 1, 1, 6)
    coop = cooperative_create(school=school, name="Kopsis Lama", by=teacher, founded_on=founded)
    member = membership_register(
        coop=coop, member=student, category=Membership.Category.STUDENT, by=teacher, date=founded
    )
    unit = business_unit_create(coop=coop, kind="kantin", name="Kantin Lama")
    item = item_create(unit=unit, name="Nasi goreng", measure="porsi", price=8000)
    stock_purchase_record(
        item=item,
        qty=20,
        paid=120_000,
        by=teacher,
        idempotency_key=key(),
        on_credit=True,
        date=founded,
    )
    return coop, member, unit, Item.objects.get(pk=item.pk)


def test_a_catch_up_sale_posts_on_its_day_and_counts_in_that_years_patronage(
    last_year_coop, teacher
):
    coop, member, unit, rice = last_year_coop
    day = datetime.date(coop.founded_on.year, 8, 4)
    sale = sell(unit, teacher, rice, 2, day=day, member=member)
    assert sale.date == day and sale.entry.date == day
    assert set(
        StockMovement.objects.filter(sale_line__sale=sale).values_list("date", flat=True)
    ) == {day}
    last_year = {
        r.membership.pk: r.transactions for r in shu_plan(coop=coop, fiscal_year=day.year).shares
    }
    assert last_year[member.pk] == 16_000
    this_year = shu_plan(coop=coop, fiscal_year=timezone.localdate().year)
    assert all(r.transactions == 0 for r in this_year.shares if r.membership.pk == member.pk)
    close = day_close(unit=unit, counted=15_000, by=teacher, date=day)
    assert close.expected_cash == 16_000 and close.entry is not None
    assert close.entry.date == day
    assert_identities(coop, [unit])


def test_a_closed_tahun_buku_refuses_its_counter_days_with_nothing_changed(last_year_coop, teacher):
    coop, _member, unit, rice = last_year_coop
    year = coop.founded_on.year
    day = datetime.date(year, 8, 4)
    fiscal_year_close(
        coop=coop, start=datetime.date(year, 1, 1), end=datetime.date(year, 12, 31), by=teacher
    )
    before = snapshot(coop, rice)
    with pytest.raises(CooperativeRuleError, match=r"Periode 08/.* sudah ditutup"):
        sell(unit, teacher, rice, day=day)
    # A matching close posts no entry: the rule, not the ledger, refuses it.
    with pytest.raises(CooperativeRuleError, match=r"Periode 08/.* sudah ditutup"):
        day_close(unit=unit, counted=0, by=teacher, date=day)
    assert snapshot(coop, rice) == before


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("future", "masa depan"),
        ("before_founding", "sebelum koperasi berdiri"),
        ("closed_day", "sudah ditutup; transaksi tidak dapat dicatat lagi"),
        ("later_day_closed", r"sudah ditutup sampai tanggal .*kas ditutup berurutan"),
        ("before_stock_count", "sebelum stok opname terakhir"),
    ],
)
def test_a_counter_day_that_cannot_be_recorded_is_refused_with_nothing_changed(
    coop, canteen, rice, teacher, case, message
):
    day = {
        "future": timezone.localdate() + datetime.timedelta(days=1),
        "before_founding": FOUNDED - datetime.timedelta(days=1),
    }.get(case, ago(5))
    if case == "closed_day":
        day_close(unit=canteen, counted=0, by=teacher, date=ago(5))
    elif case == "later_day_closed":
        day_close(unit=canteen, counted=0, by=teacher, date=ago(3))
    elif case == "before_stock_count":
        stock_count_record(
            unit=canteen, counts={rice.pk: 19}, by=teacher, idempotency_key=key(), date=ago(3)
        )
    before = snapshot(coop, rice)
    with pytest.raises(CooperativeRuleError, match=message):
        sell(canteen, teacher, rice, day=day)
    assert snapshot(coop, rice) == before


def test_returns_and_closes_follow_the_same_rule(coop, canteen, rice, teacher):
    sale = sell(canteen, teacher, rice, 2, day=ago(6))
    returned = sale_return_record(
        line=sale.lines.get(), qty=1, by=teacher, idempotency_key=key(), date=ago(6)
    )
    assert returned.entry.date == ago(6)
    close = day_close(unit=canteen, counted=8000, by=teacher, date=ago(6))
    assert close.expected_cash == 8000 and close.difference == 0
    day_close(unit=canteen, counted=0, by=teacher, date=ago(2))
    before = snapshot(coop, rice)
    with pytest.raises(CooperativeRuleError, match="kas ditutup berurutan"):
        day_close(unit=canteen, counted=0, by=teacher, date=ago(4))
    with pytest.raises(CooperativeRuleError, match="kas ditutup berurutan"):
        sale_return_record(
            line=sale.lines.get(), qty=1, by=teacher, idempotency_key=key(), date=ago(4)
        )
    with pytest.raises(CooperativeRuleError, match="belum tiba"):
        day_close(unit=canteen, counted=0, by=teacher, date=ago(-1))
    assert snapshot(coop, rice) == before
    # The close moves no stock: a day before today's count may still close, not sell.
    stock_count_record(unit=canteen, counts={rice.pk: 17}, by=teacher, idempotency_key=key())
    with pytest.raises(CooperativeRuleError, match="sebelum stok opname"):
        sell(canteen, teacher, rice, day=ago(1))
    day_close(unit=canteen, counted=0, by=teacher, date=ago(1))


def test_a_resent_catch_up_sale_posts_once_even_after_its_day_closed(coop, canteen, rice, teacher):
    k = key()
    first = sell(canteen, teacher, rice, 2, day=ago(4), k=k)
    again = sell(canteen, teacher, rice, 2, day=ago(4), k=k)
    assert again.pk == first.pk and Sale.objects.count() == 1
    assert JournalEntry.objects.filter(idempotency_key=f"jual-{k}").count() == 1
    day_close(unit=canteen, counted=16_000, by=teacher, date=ago(4))
    assert sell(canteen, teacher, rice, 2, day=ago(4), k=k).pk == first.pk
    assert Item.objects.get(pk=rice.pk).stock_qty == 18


# --- Through the screens --------------------------------------------------------------------


def kasir(unit, **query):
    url = reverse("school_coops:kasir", args=[unit.coop.slug, unit.code])
    return url + (f"?hari={query['hari']}" if query else "")


def long_day(day: datetime.date) -> str:
    return date_format(day, "l, j F Y")


def test_the_counter_switches_day_and_sells_on_it(client, canteen, rice, treasurer):
    client.force_login(treasurer)
    day = ago(5)
    page = client.get(kasir(canteen, hari=day.isoformat())).content.decode()
    assert f"Hari kas: {long_day(day)}" in page
    assert f'name="hari" value="{day.isoformat()}"' in page
    data = {f"qty_{rice.pk}": 2, "member": "", "payment": "tunai", "simpan": "1"}
    response = client.post(kasir(canteen), {**data, "idempotency_key": key(), "hari": day})
    page = response.content.decode()
    assert "Tersimpan: struk no. KANTIN-00001" in page and long_day(day) in page
    assert Sale.objects.get().date == day
    # Back on today's counter, the earlier day with sales is flagged until it is closed.
    page = client.get(kasir(canteen)).content.decode()
    assert f"Hari {long_day(day)} belum ditutup." in page
    close_url = reverse("school_coops:day-close", args=[canteen.coop.slug, canteen.code])
    response = client.post(f"{close_url}?hari={day}", {"hari": day, "counted": "16.000"})
    assert response.status_code == 302
    assert DayClose.objects.get().date == day
    assert "belum ditutup" not in client.get(kasir(canteen)).content.decode()


@pytest.mark.parametrize(
    ("hari", "message"),
    [
        ("2999-01-01", "masa depan"),
        ("kemarin", "tidak terbaca"),
        ("2026-02-30", "tidak terbaca"),
    ],
)
def test_a_bad_counter_day_is_refused_on_screen_with_nothing_changed(
    client, canteen, rice, treasurer, hari, message
):
    client.force_login(treasurer)
    page = client.get(kasir(canteen, hari=hari)).content.decode()
    assert message in page
    assert f"Hari kas: {long_day(timezone.localdate())}" in page
    entries = JournalEntry.objects.count()
    data = {f"qty_{rice.pk}": 1, "member": "", "payment": "tunai", "simpan": "1"}
    page = client.post(kasir(canteen), {**data, "idempotency_key": key(), "hari": hari})
    assert message in page.content.decode()
    assert Sale.objects.count() == 0 and JournalEntry.objects.count() == entries
    close_url = reverse("school_coops:day-close", args=[canteen.coop.slug, canteen.code])
    client.post(f"{close_url}?hari={hari}", {"hari": hari, "counted": "0"})
    assert DayClose.objects.count() == 0


def test_a_return_on_a_catch_up_day_through_the_screen(client, canteen, rice, treasurer):
    client.force_login(treasurer)
    sale = sell(canteen, treasurer, rice, 2, day=ago(5))
    url = reverse(
        "school_coops:sale-return", args=[canteen.coop.slug, canteen.code, sale.receipt_number]
    )
    line = sale.lines.get()
    assert f"Hari kas: {long_day(ago(4))}" in client.get(f"{url}?hari={ago(4)}").content.decode()
    response = client.post(
        url, {"line": line.pk, "qty": 1, "idempotency_key": key(), "hari": ago(4)}
    )
    assert response.status_code == 302
    assert SaleReturn.objects.get().entry.date == ago(4)
    day_close(unit=canteen, counted=0, by=treasurer, date=ago(3))
    page = client.post(url, {"line": line.pk, "qty": 1, "idempotency_key": key(), "hari": ago(4)})
    assert "kas ditutup berurutan" in page.content.decode()
    assert SaleReturn.objects.count() == 1
