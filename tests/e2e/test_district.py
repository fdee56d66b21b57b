"""The district office (dinas) in the browser, at 360 px and 1280 px: the overview of its
kabupaten, the cooperative list with a filter, the CSV export and a cooperative's profile.
Read-only on the demo."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import login

SCREENS = Path(os.environ.get("E2E_ARTIFACTS", "var/e2e-artifacts")) / "screens"


@pytest.mark.parametrize("width", ["360", "1280"])
def test_dinas_sees_the_overview_opens_a_list_and_downloads_it(
    phone: Page, desktop: Page, base_url: str, width: str
) -> None:
    page = phone if width == "360" else desktop
    SCREENS.mkdir(parents=True, exist_ok=True)
    login(page, base_url, "dinas")
    page.get_by_role("link", name="Wilayah").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kabupaten Muara Enim")
    expect(page.locator("[data-refreshed]")).to_contain_text("Angka per")
    expect(page.locator("svg.chart").first).to_be_visible()
    # Nothing wider than the screen: the charts and cards fit 360 px.
    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
    assert not overflow
    page.screenshot(path=str(SCREENS / f"dinas-ringkasan-{width}.png"), full_page=True)

    page.locator('.indicator[data-key="coops_tidak_aktif"] a').click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Koperasi sekolah")
    table = page.locator("#coop-table")
    expect(table).to_contain_text("Kopsis SMK Negeri 2 Muara Enim (demo)")
    expect(table).not_to_contain_text("Kopsis SMA Negeri 1 Muara Enim (demo)")
    page.screenshot(path=str(SCREENS / f"dinas-daftar-koperasi-{width}.png"), full_page=True)

    with page.expect_download() as info:
        table.get_by_role("link", name="CSV").click()
    text = Path(info.value.path()).read_text(encoding="utf-8-sig")
    assert "Kopsis SMK Negeri 2 Muara Enim (demo)" in text
    assert "Kopsis SMA Negeri 1 Muara Enim (demo)" not in text  # the filter applies
    # the cooperative's profile: status history, RATs, statements, officers
    table.get_by_role("link", name="Kopsis SMK Negeri 2 Muara Enim (demo)").click()
    expect(page.get_by_test_id("status-history")).to_be_visible()
    assert not page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
    page.screenshot(path=str(SCREENS / f"dinas-profil-koperasi-{width}.png"), full_page=True)
    assert page.console_errors == []  # type: ignore[attr-defined]


def test_dinas_downloads_the_pdf_report_rendered_by_the_worker(
    desktop: Page, base_url: str
) -> None:
    login(desktop, base_url, "dinas")
    desktop.goto(f"{base_url}/sekolah/dinas/")
    desktop.get_by_role("button", name="Laporan PDF untuk kepala daerah").click()
    link = desktop.get_by_role("link", name="Unduh laporan PDF")
    expect(link).to_be_visible(timeout=60_000)  # the real Celery worker renders it
    with desktop.expect_download() as info:
        link.click()
    assert Path(info.value.path()).read_bytes()[:4] == b"%PDF"
