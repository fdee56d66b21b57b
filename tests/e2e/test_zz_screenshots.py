"""Screenshots of each role's dashboard at phone and desktop width (for docs/ and review).

Written to $E2E_ARTIFACTS/screens; `scripts/screenshots.sh` copies them into docs/screenshots.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.e2e.helpers import login

SCREENS = Path(os.environ.get("E2E_ARTIFACTS", "var/e2e-artifacts")) / "screens"
PAGES = [
    ("siswa", "/akun/dasbor/", "siswa-dasbor"),
    ("guru", "/akun/dasbor/", "guru-dasbor"),
    ("guru", "/sekolah/impor-siswa/", "guru-impor-siswa"),
    ("pelatih", "/akun/dasbor/", "pelatih-dasbor"),
    ("siswa", "/belajar/", "siswa-belajar"),
    ("siswa", "/kursus/koperasi-sekolah-untuk-pelajar/mengenal-koperasi/", "siswa-pelajaran"),
    ("siswa", "/koperasi/saya/", "siswa-koperasi-saya"),
    ("guru", "/belajar/kelas/", "guru-kelas-belajar"),
    ("guru", "/koperasi/kopsis-tunas-bangsa/", "guru-koperasi"),
    ("guru", "/koperasi/kopsis-tunas-bangsa/neraca-saldo/", "guru-neraca-saldo"),
    ("guru", "/koperasi/kopsis-tunas-bangsa/jurnal/umum/", "guru-jurnal-umum"),
    ("guru", "/koperasi/kopsis-tunas-bangsa/shu/", "guru-shu"),
    ("guru", "/koperasi/kopsis-tunas-bangsa/ad-art/", "guru-ad-art"),
    ("guru", "/koperasi/kopsis-tunas-bangsa/laporan-keuangan/?tahun=2025", "guru-laporan-keuangan"),
    ("guru-harapan", "/koperasi/baru/", "guru-pendirian"),
]


@pytest.mark.parametrize(("username", "path", "name"), PAGES)
def test_capture(
    phone: Page, desktop: Page, base_url: str, username: str, path: str, name: str
) -> None:
    SCREENS.mkdir(parents=True, exist_ok=True)
    for page, kind in ((phone, "360"), (desktop, "1280")):
        login(page, base_url, username)
        page.goto(f"{base_url}{path}")
        page.screenshot(path=str(SCREENS / f"{name}-{kind}.png"), full_page=True)
        assert page.console_errors == []  # type: ignore[attr-defined]
