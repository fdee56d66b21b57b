"""UU PDP in the browser: a guardian exports the child's data through the real worker; the
school admin reads who opened a student's savings."""

from __future__ import annotations

import io
import json
import zipfile

from playwright.sync_api import Page, expect

from tests.e2e.helpers import login


def test_guardian_exports_the_childs_data_through_the_worker(desktop: Page, base_url: str) -> None:
    login(desktop, base_url, "wali")
    desktop.get_by_role("link", name="Data pribadi").first.click()
    desktop.get_by_role("link", name="Siti Rahmawati").click()
    desktop.get_by_test_id("export-request").click()
    # The real Celery worker builds the ZIP while htmx polls the progress.
    download_link = desktop.get_by_test_id("export-download")
    expect(download_link).to_be_visible(timeout=60_000)
    with desktop.expect_download() as info:
        download_link.click()
    with open(info.value.path(), "rb") as handle:
        archive = zipfile.ZipFile(io.BytesIO(handle.read()))
    data = json.loads(archive.read("data.json"))
    assert data["subject"]["name"] == "Siti Rahmawati"
    assert "RINGKASAN DATA PRIBADI" in archive.read("ringkasan.txt").decode()
    assert desktop.console_errors == []  # type: ignore[attr-defined]


def test_school_admin_sees_who_opened_a_students_data(phone: Page, base_url: str) -> None:
    login(phone, base_url, "guru")
    phone.get_by_role("link", name="Data pribadi").first.click()
    phone.get_by_role("link", name="Siapa membuka simpanan dan nilai siswa").first.click()
    log = phone.get_by_test_id("access-log")
    expect(log).to_contain_text("Siti Rahmawati")
    expect(log).to_contain_text("Rahmat Hidayat")  # the guardian (demo data)
    overflow = phone.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert not overflow
    assert phone.console_errors == []  # type: ignore[attr-defined]
