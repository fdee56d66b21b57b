"""Recognition and pendataan in the browser: a teacher (360 px) submits Kopsis Melati, dinas
(1280 px) recognises it and a refresh of the overview counts it as aktif, the teacher confirms
this year's pendataan, dinas (360 px) sees one fewer missing on the overview, opens who has not
submitted yet and downloads the district export. Kopsis Melati is seeded for this test only
(school_coops/demo.py)."""

from __future__ import annotations

import datetime
import os
from pathlib import Path
from zoneinfo import ZoneInfo

from playwright.sync_api import Page, expect

from tests.e2e.helpers import login, logout, refreshed_numbers

SCREENS = Path(os.environ.get("E2E_ARTIFACTS", "var/e2e-artifacts")) / "screens"
SLUG = "kopsis-melati"


def test_teacher_submits_dinas_recognises_teacher_confirms_pendataan_dinas_exports(
    phone: Page, desktop: Page, base_url: str
) -> None:
    SCREENS.mkdir(parents=True, exist_ok=True)
    year = datetime.datetime.now(ZoneInfo("Asia/Jakarta")).year
    # a teacher submits the cooperative on the phone
    login(phone, base_url, "guru-melati")
    phone.goto(f"{base_url}/koperasi/{SLUG}/pengukuhan/")
    expect(phone.get_by_test_id("coop-status")).to_contain_text("Menunggu pengukuhan")
    phone.get_by_label("Catatan untuk dinas").fill("Mohon dikukuhkan.")
    phone.get_by_role("button", name="Kirim pengajuan").click()
    expect(phone.get_by_test_id("submission-diajukan")).to_be_visible()
    phone.screenshot(path=str(SCREENS / "guru-pengukuhan-360.png"), full_page=True)
    # dinas opens the queue on the desktop, reads a document and recognises it
    login(desktop, base_url, "dinas")
    counts = ("coops_aktif", "coops_menunggu_pengukuhan", "recognition_waiting")
    before = refreshed_numbers(desktop, base_url, *counts)
    assert before["recognition_waiting"] >= 1
    desktop.locator('.indicator[data-key="recognition_waiting"] a').click()
    expect(desktop.get_by_test_id("recognition-queue")).to_contain_text("Kopsis Melati")
    desktop.screenshot(path=str(SCREENS / "dinas-antrian-pengukuhan-1280.png"), full_page=True)
    desktop.get_by_role("link", name="Kopsis Melati").click()
    pdf = desktop.get_by_role("link", name="Daftar pengurus dan pengawas").get_attribute("href")
    assert desktop.request.get(f"{base_url}{pdf}").headers["content-type"] == "application/pdf"
    desktop.get_by_role("button", name="Kukuhkan koperasi").click()
    expect(desktop.get_by_test_id("submission-status")).to_contain_text("Dikukuhkan")
    expect(desktop.get_by_test_id("recognition-number")).to_contain_text("/PKS/")
    desktop.screenshot(path=str(SCREENS / "dinas-pengukuhan-1280.png"), full_page=True)
    # a refresh of the overview counts it as aktif, no longer waiting
    after = refreshed_numbers(desktop, base_url, *counts)
    assert after["coops_aktif"] == before["coops_aktif"] + 1
    assert after["coops_menunggu_pengukuhan"] == before["coops_menunggu_pengukuhan"] - 1
    assert after["recognition_waiting"] == before["recognition_waiting"] - 1
    # the teacher sees aktif and confirms the prefilled pendataan
    phone.goto(f"{base_url}/koperasi/{SLUG}/pengukuhan/")
    expect(phone.get_by_test_id("coop-status")).to_contain_text("Aktif")
    phone.goto(f"{base_url}/koperasi/{SLUG}/pendataan/{year}/")
    expect(phone.get_by_label("Jumlah pengurus")).to_have_value("3")
    phone.get_by_label("Jumlah karyawan").fill("1")
    missing = refreshed_numbers(desktop, base_url, "pendataan_missing")["pendataan_missing"]
    phone.get_by_role("button", name="Konfirmasi dan kirim ke dinas").click()
    expect(phone.get_by_test_id("pendataan-status")).to_contain_text("Terkirim")
    expect(phone.get_by_test_id("pendataan-corrections")).to_contain_text("Jumlah karyawan")
    phone.screenshot(path=str(SCREENS / "guru-pendataan-360.png"), full_page=True)
    # dinas, on the phone, sees one fewer missing and opens who has not submitted yet
    logout(phone)
    login(phone, base_url, "dinas")
    assert refreshed_numbers(phone, base_url, "pendataan_missing") == {
        "pendataan_missing": missing - 1
    }
    overflow = phone.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
    assert not overflow
    phone.locator('.indicator[data-key="pendataan_missing"] a').click()
    expect(phone.get_by_test_id("pendataan-missing")).to_contain_text(f"{missing - 1} dari")
    expect(phone.get_by_test_id("pendataan-table")).not_to_contain_text("Kopsis Melati")
    expect(phone.get_by_test_id("remind-form")).to_be_visible()
    phone.screenshot(path=str(SCREENS / "dinas-belum-pendataan-360.png"), full_page=True)
    # dinas downloads the district export
    desktop.goto(f"{base_url}/koperasi/wilayah/pendataan/{year}/")
    desktop.screenshot(path=str(SCREENS / "dinas-pendataan-1280.png"), full_page=True)
    with desktop.expect_download() as info:
        desktop.get_by_test_id("export-xlsx").click()
    assert info.value.suggested_filename == f"pendataan-koperasi-{year}.xlsx"
    assert phone.console_errors == [] and desktop.console_errors == []  # type: ignore[attr-defined]
