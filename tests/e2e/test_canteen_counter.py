"""The canteen counter (kasir) on a 360 px phone: the demo treasurer sells and closes the day."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.helpers import login

DEMO_COOP = "kopsis-tunas-bangsa"
TREASURER = "siswa"  # bendahara of the demo cooperative (school_coops/demo.py)
MEMBER = "Joko Susilo"


def _fits_360(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def _tap(page: Page, item: str, qty: str) -> None:
    row = page.locator(".tap-item", has_text=item)
    row.locator(".tap-add").click()
    expect(row.locator("input[type=number]")).to_have_value(qty)


def _save(page: Page) -> str:
    page.get_by_test_id("sale-save").click()
    saved = page.get_by_test_id("sale-saved")
    expect(saved).to_contain_text("Tersimpan: struk no. KANTIN-")
    match = re.search(r"KANTIN-\d{5}", saved.inner_text())
    assert match
    return match.group(0)


def test_treasurer_sells_at_the_counter_and_closes_the_day(phone: Page, base_url: str) -> None:
    login(phone, base_url, TREASURER)
    phone.goto(f"{base_url}/koperasi/{DEMO_COOP}/")
    phone.get_by_role("link", name="Unit usaha").click()
    phone.get_by_test_id("kasir-link-kantin").click()
    expect(phone).to_have_url(re.compile(r"/usaha/kantin/kasir/$"))
    _fits_360(phone)

    # two items to a member, named through the picker
    phone.get_by_placeholder("Cari nama anggota").fill("Joko")
    phone.get_by_test_id("member-search").click()
    phone.get_by_label(MEMBER).check()
    _tap(phone, "Nasi kuning", "1")
    _tap(phone, "Es teh", "1")
    _tap(phone, "Es teh", "2")
    expect(phone.get_by_test_id("kasir-total")).to_have_text("Rp 13.000")
    _fits_360(phone)
    first = _save(phone)
    phone.get_by_test_id("receipt-link").click()
    expect(phone.get_by_test_id("receipt-number")).to_have_text(first)
    expect(phone.get_by_test_id("receipt")).to_contain_text(MEMBER)
    _fits_360(phone)

    # one item to a non-member (the default buyer of a fresh form)
    phone.go_back()
    phone.goto(f"{base_url}/koperasi/{DEMO_COOP}/usaha/kantin/kasir/")
    expect(phone.get_by_test_id("non-member")).to_be_checked()
    _tap(phone, "Bolu pandan", "1")
    second = _save(phone)
    assert int(second[-5:]) == int(first[-5:]) + 1
    expect(phone.get_by_test_id("sale-saved")).to_contain_text("Rp 3.000")

    # the daily close: cash counted = the cash sales of today; a second close is refused
    phone.goto(f"{base_url}/koperasi/{DEMO_COOP}/usaha/kantin/tutup-kas/")
    expect(phone.get_by_test_id("expected-cash")).to_have_text("Rp 16.000")
    _fits_360(phone)
    phone.get_by_label("Uang tunai yang dihitung (Rp)").fill("16.000")
    phone.get_by_test_id("day-close-save").click()
    expect(phone.get_by_text("Kas hari ini ditutup")).to_be_visible()
    phone.get_by_label("Uang tunai yang dihitung (Rp)").fill("16.000")
    phone.get_by_test_id("day-close-save").click()
    expect(phone.get_by_role("alert")).to_contain_text("tidak dapat ditutup lagi")
    _fits_360(phone)
