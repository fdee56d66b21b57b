"""Bulk downloads in the browser: the demo's ZIP is ready on the issuance page; the merged PDF
is built by the real worker while the htmx bar polls, then downloaded."""

from __future__ import annotations

import re
import zipfile

from playwright.sync_api import Page, expect

from tests.e2e.helpers import login


def test_a_trainer_downloads_the_zip_and_a_merged_pdf_built_in_the_background(
    desktop: Page, base_url: str
):
    page = desktop
    login(page, base_url, "pelatih")
    page.goto(f"{base_url}/sertifikat/")
    page.get_by_role("link", name=re.compile(r"\(selesai\)")).first.click()
    page.get_by_role("link", name="Sertifikat", exact=True).click()
    expect(page.get_by_role("heading", name="Unduh semua sertifikat")).to_be_visible()
    # The demo built the ZIP: one live certificate (the others are revoked / superseded).
    with page.expect_download() as zipped:
        page.get_by_role("link", name="Unduh berkas ZIP").click()
    names = zipfile.ZipFile(zipped.value.path()).namelist()
    assert "daftar-sertifikat.csv" in names and len(names) == 2, names
    # The merged PDF is built by the worker; the fragment polls until the link appears.
    page.get_by_role("button", name="Unduh PDF gabungan (siap cetak)").click()
    link = page.get_by_role("link", name="Unduh PDF gabungan", exact=True)
    expect(link).to_be_visible(timeout=60_000)
    with page.expect_download() as merged:
        link.click()
    with open(merged.value.path(), "rb") as fh:
        assert fh.read(5) == b"%PDF-"
    assert page.console_errors == []  # type: ignore[attr-defined]
