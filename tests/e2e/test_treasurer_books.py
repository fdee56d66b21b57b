"""The student treasurer on a 360 px phone: a preset cash entry, and a trial balance whose
label column stays visible with no amount cut (issue 11 point 2)."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.helpers import login

DEMO_COOP = "kopsis-tunas-bangsa"


def test_treasurer_posts_a_preset_and_reads_the_trial_balance_on_a_phone(
    phone: Page, base_url: str
) -> None:
    # given siswa, the bendahara of the demo coop, on a phone
    login(phone, base_url, "siswa")
    phone.goto(f"{base_url}/koperasi/{DEMO_COOP}/jurnal/kas/")
    form = phone.locator("#cash-preset-form")

    # when they pick "Penjualan tunai" and type only the amount and a note
    form.get_by_label("Penjualan tunai (bukan per anggota)").check()
    form.get_by_label("Jumlah (Rp)").fill("12.500")
    form.get_by_label("Catatan (boleh kosong)").fill("kantin istirahat")
    form.get_by_role("button", name="Simpan").click()

    # then the entry is posted with its kuitansi, and junk is refused on the same form
    saved = phone.get_by_test_id("preset-saved")
    expect(saved).to_contain_text("Penjualan tunai (bukan per anggota): kantin istirahat")
    expect(saved).to_contain_text("KW-")
    form = phone.locator("#cash-preset-form")
    form.get_by_label("Setoran kas ke bank").check()
    form.get_by_label("Jumlah (Rp)").fill("dua ribu")
    form.get_by_role("button", name="Simpan").click()
    expect(phone.locator("#cash-preset-form .field-error")).to_be_visible()

    # and on the trial balance the label column stays in view while the amounts scroll
    phone.goto(f"{base_url}/koperasi/{DEMO_COOP}/neraca-saldo/")
    wrap = phone.locator(".table-wrap.wide").first
    table = phone.get_by_test_id("trial-balance-table")
    expect(table).to_be_visible()
    wrap.evaluate("el => { el.scrollLeft = el.scrollWidth; }")
    phone.wait_for_timeout(200)
    label = table.get_by_test_id("tb-label").first
    box = label.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 360
    # no amount cell is cut: every one shows all its digits (no overflow inside the cell)
    cut = table.evaluate(
        """t => [...t.querySelectorAll('td.num')].filter(
            td => td.scrollWidth > td.clientWidth + 1).map(td => td.textContent)"""
    )
    assert cut == []
    # the last amount column, scrolled into view, lies inside the viewport and beside the label
    last = table.get_by_test_id("total-credit")
    last_box = last.bounding_box()
    assert last_box is not None and last_box["x"] + last_box["width"] <= 361
    assert last_box["x"] >= box["x"] + box["width"] - 1
    # the page itself never scrolls sideways; only the table does
    assert phone.evaluate("document.documentElement.scrollWidth") <= 361
