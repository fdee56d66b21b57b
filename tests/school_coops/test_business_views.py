"""The counter (kasir) and the other business unit screens, through the views."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from school_coops.models import DayClose, Item, JournalEntry, Sale, SaleReturn
from school_coops.services.business import (
    business_unit_create,
    item_create,
    stock_purchase_record,
)
from tests.school_coops.business_helpers import assert_identities, grant_cash, key
from tests.school_coops.conftest import FOUNDED
from tests.school_coops.roles import officer

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit(coop):
    return business_unit_create(coop=coop, kind="kantin", name="Kantin Sehat")


@pytest.fixture
def rice(unit, treasurer):
    grant_cash(unit.coop, treasurer, 500_000, FOUNDED)
    item = item_create(unit=unit, name="Nasi kuning", measure="porsi", price=7000)
    stock_purchase_record(item=item, qty=10, paid=50_000, by=treasurer, idempotency_key=key())
    return Item.objects.get(pk=item.pk)


@pytest.fixture
def tea(unit, treasurer):
    item = item_create(unit=unit, name="Es teh", measure="gelas", price=3000)
    stock_purchase_record(item=item, qty=20, paid=24_000, by=treasurer, idempotency_key=key())
    return Item.objects.get(pk=item.pk)


def kasir(unit):
    return reverse("school_coops:kasir", args=[unit.coop.slug, unit.code])


def sale_post(client, unit, items, *, member="", payment="tunai", k=None, **extra):
    data = {f"qty_{pk}": qty for pk, qty in items.items()}
    data.update(member=member, payment=payment, idempotency_key=k or key(), simpan="1", **extra)
    return client.post(kasir(unit), data)


def test_counter_page_carries_a_key_and_items(client, unit, rice, treasurer):
    client.force_login(treasurer)
    page = client.get(kasir(unit)).content.decode()
    assert 'name="idempotency_key"' in page
    assert "Nasi kuning" in page and "Simpan" in page


def test_a_sale_through_the_screen_posts_once(client, unit, rice, tea, member, treasurer):
    client.force_login(treasurer)
    entries = JournalEntry.objects.count()
    response = sale_post(client, unit, {rice.pk: 2, tea.pk: 1}, member=member.pk)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Tersimpan: struk no. KANTIN-00001" in page
    sale = Sale.objects.get()
    assert sale.membership == member and sale.total == Decimal(17_000)
    assert JournalEntry.objects.count() == entries + 1
    assert Item.objects.get(pk=rice.pk).stock_qty == 8
    assert sale.idempotency_key not in page  # the next buyer gets a NEW key
    assert_identities(unit.coop, [unit])
    receipt = client.get(
        reverse("school_coops:receipt-print", args=[unit.coop.slug, unit.code, "KANTIN-00001"])
    )
    assert receipt.status_code == 200
    assert member.member.get_full_name() in receipt.content.decode()


def test_the_same_key_twice_gives_the_same_receipt(client, unit, rice, treasurer):
    client.force_login(treasurer)
    k = key()
    first = sale_post(client, unit, {rice.pk: 1}, k=k)
    entries = JournalEntry.objects.count()
    again = sale_post(client, unit, {rice.pk: 1}, k=k)  # the connection dropped; resent
    assert "Tersimpan: struk no. KANTIN-00001" in first.content.decode()
    page = again.content.decode()
    assert "KANTIN-00001" in page and "tidak dicatat dua kali" in page
    assert Sale.objects.count() == 1
    assert JournalEntry.objects.count() == entries
    assert Item.objects.get(pk=rice.pk).stock_qty == 9


def test_taps_add_and_remove_without_saving(client, unit, rice, treasurer):
    client.force_login(treasurer)
    k = key()
    data = {f"qty_{rice.pk}": "1", "idempotency_key": k, "payment": "tunai", "member": ""}
    page = client.post(kasir(unit), {**data, "tap": f"+{rice.pk}"}).content.decode()
    assert f'name="qty_{rice.pk}" value="2"' in page and "Rp 14.000" in page
    assert k in page  # the same key until saved
    page = client.post(kasir(unit), {**data, "tap": f"-{rice.pk}"}).content.decode()
    assert f'name="qty_{rice.pk}" value="0"' in page
    assert not Sale.objects.exists()


def test_member_picker_searches_active_members(client, unit, rice, member, treasurer):
    client.force_login(treasurer)
    name = member.member.get_full_name()
    page = client.post(kasir(unit), {"q": name[:4], "tap": "cari", "idempotency_key": key()})
    assert name in page.content.decode()


@pytest.mark.parametrize(
    ("items", "extra", "message"),
    [
        ({"junk": 1}, {}, "Jumlah barang harus"),
        ({"RICE": "abc"}, {}, "Jumlah barang harus bilangan bulat"),
        ({"RICE": "-3"}, {}, "Jumlah barang harus antara"),
        ({"RICE": "99"}, {}, "Stok Nasi kuning tinggal 10"),
        ({}, {}, "Pilih sedikitnya satu barang"),
        ({"RICE": 1}, {"member_override": "999999"}, "Anggota tidak ditemukan"),
        ({"RICE": 1}, {"member_override": "x1"}, "Anggota tidak ditemukan"),
        ({"RICE": 1}, {"payment": "kredit"}, "Kredit hanya untuk anggota"),
        ({"RICE": 1}, {"payment": "gratis"}, "Cara bayar harus"),
    ],
)
def test_junk_is_refused_in_indonesian_nothing_changed(
    client, unit, rice, treasurer, items, extra, message
):
    client.force_login(treasurer)
    entries = JournalEntry.objects.count()
    data = {}
    for k, v in items.items():
        data[f"qty_{rice.pk}" if k == "RICE" else f"qty_{k}"] = v
    extra = dict(extra)
    member = extra.pop("member_override", "")
    if "junk" in items:  # an item id that is no number
        message = "Barang tidak ditemukan"
    response = client.post(
        kasir(unit),
        {
            **data,
            "member": member,
            "payment": extra.get("payment", "tunai"),
            "idempotency_key": key(),
            "simpan": "1",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page and "Tidak ada yang dicatat" in page
    assert not Sale.objects.exists()
    assert JournalEntry.objects.count() == entries
    assert Item.objects.get(pk=rice.pk).stock_qty == 10


def test_broken_key_refused(client, unit, rice, treasurer):
    client.force_login(treasurer)
    response = sale_post(client, unit, {rice.pk: 1}, k="pendek")
    assert "Formulir ini rusak" in response.content.decode()
    assert not Sale.objects.exists()


def test_other_cooperatives_item_is_refused(client, unit, rice, treasurer, teacher):
    from school_coops.services.cooperative import cooperative_create
    from tests.factories import SchoolFactory

    other = cooperative_create(
        school=SchoolFactory(), name="Kopsis Lain", by=teacher, founded_on=FOUNDED
    )
    other_unit = business_unit_create(coop=other, kind="kantin", name="Kantin Lain")
    foreign = item_create(unit=other_unit, name="Roti", price=2000, consignor=teacher)
    client.force_login(treasurer)
    response = sale_post(client, unit, {foreign.pk: 1})
    assert "Barang tidak ditemukan di unit usaha ini" in response.content.decode()
    assert not Sale.objects.exists()
    # Its unit's pages answer 404 to this cooperative's treasurer.
    assert client.get(kasir(other_unit)).status_code == 404


def test_member_who_is_not_an_officer_is_refused(client, unit, rice, member, classroom, teacher):
    client.force_login(member.member)
    assert client.get(kasir(unit)).status_code in (403, 404)
    assert sale_post(client, unit, {rice.pk: 1}).status_code in (403, 404)
    pengawas = officer(unit.coop, classroom, teacher, "pengawas", "pengawas1", FOUNDED)
    client.force_login(pengawas)
    assert client.get(kasir(unit)).status_code in (403, 404)
    assert not Sale.objects.exists()


def test_pembina_may_sell(client, unit, rice, teacher):
    client.force_login(teacher)
    assert "Tersimpan" in sale_post(client, unit, {rice.pk: 1}).content.decode()


def test_unknown_receipt_is_404(client, unit, rice, treasurer):
    client.force_login(treasurer)
    for number in ["KANTIN-00009", "TOKO-00001", "junk"]:
        url = reverse("school_coops:receipt-print", args=[unit.coop.slug, unit.code, number])
        assert client.get(url).status_code == 404


def test_day_close_twice_refused(client, unit, rice, treasurer):
    client.force_login(treasurer)
    sale_post(client, unit, {rice.pk: 2})
    url = reverse("school_coops:day-close", args=[unit.coop.slug, unit.code])
    assert "Rp 14.000" in client.get(url).content.decode()
    first = client.post(url, {"counted": "14.000"})
    assert first.status_code == 302
    close = DayClose.objects.get()
    assert close.difference == 0
    again = client.post(url, {"counted": "14000"})
    assert "tidak dapat ditutup lagi" in again.content.decode()
    assert DayClose.objects.count() == 1
    # Sales after the close are refused, nothing posted.
    refused = sale_post(client, unit, {rice.pk: 1}).content.decode()
    assert "sudah ditutup" in refused and Sale.objects.count() == 1


def test_return_from_a_receipt(client, unit, rice, treasurer):
    client.force_login(treasurer)
    sale_post(client, unit, {rice.pk: 2})
    line = Sale.objects.get().lines.get()
    url = reverse("school_coops:sale-return", args=[unit.coop.slug, unit.code, "KANTIN-00001"])
    too_many = client.post(url, {"line": line.pk, "qty": "5", "idempotency_key": key()})
    assert "Retur paling banyak 2" in too_many.content.decode()
    k = key()
    assert client.post(url, {"line": line.pk, "qty": "1", "idempotency_key": k}).status_code == 302
    client.post(url, {"line": line.pk, "qty": "1", "idempotency_key": k})  # resent
    assert SaleReturn.objects.count() == 1
    assert Item.objects.get(pk=rice.pk).stock_qty == 9
    assert_identities(unit.coop, [unit])


def test_items_add_price_stock_in_and_count(client, unit, member, treasurer):
    client.force_login(treasurer)
    grant_cash(unit.coop, treasurer, 100_000, FOUNDED)
    slug, code = unit.coop.slug, unit.code
    items = reverse("school_coops:unit-items", args=[slug, code])
    junk = client.post(items, {"name": "Bakwan", "measure": "pcs", "price": "-5"})
    assert junk.status_code == 200 and not Item.objects.exists()
    client.post(items, {"name": "Bakwan", "measure": "pcs", "price": "1.000", "cost": "0"})
    client.post(
        items,
        {
            "name": "Bolu",
            "measure": "pcs",
            "price": "3000",
            "consignor": member.member_id,
            "consignor_share": "2500",
        },
    )
    bakwan, bolu = Item.objects.get(name="Bakwan"), Item.objects.get(name="Bolu")
    assert bolu.consignor == member.member and bolu.consignor_share == Decimal(2500)
    price = reverse("school_coops:item-price", args=[slug, code, bakwan.pk])
    assert client.post(price, {"price": "1500"}).status_code == 302
    assert Item.objects.get(pk=bakwan.pk).price == Decimal(1500)
    buy = reverse("school_coops:stock-purchase", args=[slug, code])
    k = key()
    data = {"item": bakwan.pk, "qty": "10", "paid": "8000", "idempotency_key": k}
    assert client.post(buy, data).status_code == 302
    client.post(buy, data)  # resent: one purchase
    assert Item.objects.get(pk=bakwan.pk).stock_qty == 10
    other_form = client.post(buy, {**data, "item": bolu.pk, "idempotency_key": key()})
    assert other_form.status_code == 200  # a consigned item is not a purchase choice
    titip = reverse("school_coops:consignment-in", args=[slug, code])
    received = client.post(titip, {"item": bolu.pk, "qty": "6", "idempotency_key": key()})
    assert received.status_code == 302
    assert Item.objects.get(pk=bolu.pk).stock_qty == 6
    count = reverse("school_coops:stock-count", args=[slug, code])
    bad = client.post(count, {f"count_{bakwan.pk}": "x", "idempotency_key": key()})
    assert "Hasil hitung harus bilangan bulat" in bad.content.decode()
    ok = client.post(count, {f"count_{bakwan.pk}": "9", "idempotency_key": key()})
    assert ok.status_code == 302 and Item.objects.get(pk=bakwan.pk).stock_qty == 9
    assert_identities(unit.coop, [unit])


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_same_form_sent_twice_at_once_saves_one_sale(coop, treasurer):
    """A double tap on "Simpan" (two requests, one key) racing: one sale, both see its receipt."""
    import threading

    from django.db import connections
    from django.test import Client

    unit = business_unit_create(coop=coop, kind="kantin", name="Kantin Serentak")
    item = item_create(unit=unit, name="Roti", price=5000, cost=0)
    stock_purchase_record(
        item=item, qty=5, paid=10_000, by=treasurer, idempotency_key=key(), on_credit=True
    )
    k, barrier, pages = key(), threading.Barrier(2), []

    def send() -> None:
        try:
            client = Client()
            client.force_login(treasurer)
            barrier.wait()
            pages.append(sale_post(client, unit, {item.pk: 2}, k=k).content.decode())
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(pages) == 2 and all("KANTIN-00001" in p for p in pages)
    assert Sale.objects.filter(coop=coop).count() == 1
    assert Item.objects.get(pk=item.pk).stock_qty == 3
    assert_identities(coop, [unit])


def test_junk_consignor_and_return_line_are_refused(client, unit, rice, treasurer, teacher):
    client.force_login(treasurer)
    items = reverse("school_coops:unit-items", args=[unit.coop.slug, unit.code])
    data = {"name": "Kue", "measure": "pcs", "price": "2000", "consignor_share": "1000"}
    for junk in [str(teacher.pk), "abc", "99999999"]:  # the pembina is no member
        page = client.post(items, {**data, "consignor": junk}).content.decode()
        assert "Penitip harus anggota" in page or "pilihan yang valid" in page
    assert not Item.objects.filter(name="Kue").exists()
    sale_post(client, unit, {rice.pk: 1})
    url = reverse("school_coops:sale-return", args=[unit.coop.slug, unit.code, "KANTIN-00001"])
    for line in ["x", "999999", ""]:
        page = client.post(url, {"line": line, "qty": "1", "idempotency_key": key()})
        assert "Baris struk tidak ditemukan" in page.content.decode()
    assert not SaleReturn.objects.exists()
