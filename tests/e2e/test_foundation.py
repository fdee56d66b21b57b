"""A student, a teacher and a trainer log in and reach their dashboards, on phone and desktop."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import login, logout

ROLES = [("siswa", "student"), ("guru", "teacher"), ("pelatih", "dinas")]


@pytest.mark.parametrize(("username", "panel"), ROLES)
def test_role_reaches_dashboard_on_phone(
    phone: Page, base_url: str, username: str, panel: str
) -> None:
    login(phone, base_url, username)
    expect(phone).to_have_url(re.compile(r"/akun/dasbor/$"))
    expect(phone.locator(f'[data-panel="{panel}"]')).to_be_visible()
    # Nothing overflows sideways at 360 px.
    overflow = phone.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert not overflow
    assert phone.console_errors == []  # type: ignore[attr-defined]
    logout(phone)
    expect(phone.get_by_role("link", name="Masuk").first).to_be_visible()


@pytest.mark.parametrize(("username", "panel"), ROLES)
def test_role_reaches_dashboard_on_desktop(
    desktop: Page, base_url: str, username: str, panel: str
) -> None:
    login(desktop, base_url, username)
    expect(desktop.locator(f'[data-panel="{panel}"]')).to_be_visible()
    assert desktop.console_errors == []  # type: ignore[attr-defined]


def test_wrong_password_shows_indonesian_message(phone: Page, base_url: str) -> None:
    login(phone, base_url, "siswa", "salah-sandi")
    expect(phone.get_by_text("Username atau kata sandi salah")).to_be_visible()


def test_teacher_prints_login_cards_through_the_worker(desktop: Page, base_url: str) -> None:
    login(desktop, base_url, "guru")
    desktop.get_by_role("link", name="8A").first.click()
    desktop.get_by_role("button", name="Cetak kartu login kelas ini").click()
    # The real Celery worker renders the PDF while htmx polls the progress bar.
    download_link = desktop.get_by_role("link", name="Unduh PDF kartu login")
    expect(download_link).to_be_visible(timeout=60_000)
    with desktop.expect_download() as info:
        download_link.click()
    path = info.value.path()
    with open(path, "rb") as pdf:
        assert pdf.read(4) == b"%PDF"


def test_student_with_one_time_password_must_choose_a_new_one(phone: Page, base_url: str) -> None:
    login(phone, base_url, "siswa03", "demo-0003")
    expect(phone).to_have_url(re.compile(r"/akun/ganti-sandi/$"))
    phone.get_by_label("Kata sandi lama").fill("demo-0003")
    phone.get_by_label("Kata sandi baru", exact=True).fill("koperasi-jaya-26")
    phone.get_by_label("Ulangi kata sandi baru").fill("koperasi-jaya-26")
    phone.get_by_role("button", name="Simpan kata sandi").click()
    expect(phone.locator('[data-panel="student"]')).to_be_visible()


def test_english_is_selectable(phone: Page, base_url: str) -> None:
    login(phone, base_url, "siswa")
    phone.get_by_label("Bahasa").select_option("en")
    phone.get_by_role("button", name="Ganti").click()
    expect(phone.locator("html")).to_have_attribute("lang", "en")
    expect(phone.get_by_role("button", name="Sign out")).to_be_visible()
