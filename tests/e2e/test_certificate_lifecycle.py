"""The holder's "Sertifikat saya" in the browser (demo data, read-only): a juru buku whose
certificate was re-issued after a name correction sees both, downloads the PDF and is told
that no e-mail address is on file; the trainer's certificate page shows the history."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.helpers import login


def test_the_holder_sees_and_downloads_their_certificates_on_a_phone(
    phone: Page, base_url: str
) -> None:
    login(phone, base_url, "jurubuku11")
    phone.get_by_role("link", name="Sertifikat saya").first.click()
    own = phone.get_by_test_id("own-certificates")
    expect(own.locator('[data-cert-state="diganti"]')).to_have_count(1)
    expect(own.locator('[data-cert-state="berlaku"]')).to_have_count(1)
    with phone.expect_download() as download_info:
        own.get_by_test_id("pdf-link").first.click()
    assert download_info.value.suggested_filename.endswith(".pdf")
    phone.get_by_role("button", name="Kirim ke email saya").first.click()
    expect(phone.locator(".messages")).to_contain_text("belum punya alamat email")
    overflow = phone.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert overflow is False
    phone.get_by_role("link", name="Halaman verifikasi").last.click()
    expect(phone.locator("[data-verify-state]")).to_be_visible()


def test_the_trainer_sees_a_certificates_history(desktop: Page, base_url: str) -> None:
    login(desktop, base_url, "pelatih")
    desktop.goto(f"{base_url}/sertifikat/")
    desktop.get_by_role("link", name="Angkatan I 2026 · Juru Buku Koperasi (selesai)").first.click()
    desktop.goto(desktop.url.rstrip("/") + "/sertifikat/")
    block = desktop.get_by_test_id("issuance-lifecycle")
    expect(block).to_contain_text("Bukti portofolio ternyata milik orang lain.")
    block.get_by_role("link").first.click()
    expect(desktop.get_by_test_id("revocation")).to_contain_text("Agus Salim")
