"""Helpers for the browser suite."""

from __future__ import annotations

from playwright.sync_api import Page

DEMO_PASSWORD = "kopsis-demo"


def login(page: Page, base_url: str, username: str, password: str = DEMO_PASSWORD) -> None:
    page.goto(f"{base_url}/akun/masuk/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk").last.click()
    page.wait_for_load_state("domcontentloaded")


def logout(page: Page) -> None:
    page.get_by_role("button", name="Keluar").click()
    page.wait_for_load_state("domcontentloaded")


def refreshed_numbers(page: Page, base_url: str, *keys: str) -> dict[str, int]:
    """Click "Perbarui angka", wait for the worker's new snapshot, read the indicators."""
    page.goto(f"{base_url}/sekolah/dinas/")
    before = page.locator("[data-refreshed]").get_attribute("data-refreshed")
    page.get_by_role("button", name="Perbarui angka").click()
    for _attempt in range(60):
        page.goto(f"{base_url}/sekolah/dinas/")
        if page.locator("[data-refreshed]").get_attribute("data-refreshed") != before:
            break
        page.wait_for_timeout(1000)
    else:
        raise AssertionError("the overview was not refreshed by the worker")
    return {
        key: int(page.locator(f'.indicator[data-key="{key}"] .value').inner_text().replace(".", ""))
        for key in keys
    }


def fits_360(page: Page) -> None:
    """The page never scrolls sideways on a 360 px phone (tables scroll inside their wrap)."""
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"{page.url} is {width} px wide at 360 px"


def pdf_text(pdf: bytes) -> str:
    """Text of a PDF via poppler's pdftotext, whitespace collapsed (fails if it is missing)."""
    import shutil
    import subprocess

    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "pdftotext (poppler-utils) is needed by the browser suite"
    assert pdf[:5] == b"%PDF-"
    out = subprocess.run(
        [pdftotext, "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return " ".join(out.stdout.decode().split())


def rupiah(amount: object) -> str:
    """ "Rp 12.500" as the `rupiah` filter prints a whole-rupiah amount."""
    from decimal import Decimal

    value = Decimal(str(amount))
    sign = "-" if value < 0 else ""
    return f"{sign}Rp {abs(value):,.0f}".replace(",", ".")
