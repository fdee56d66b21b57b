"""axe-core (WCAG 2 A/AA rules) finds no serious or critical problem on the core pages."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from tests.e2e.helpers import login

AXE = Axe()
OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21aa"]}}
PAGES = [
    (None, "/"),
    (None, "/akun/masuk/"),
    ("siswa", "/akun/dasbor/"),
    ("guru", "/akun/dasbor/"),
    ("guru", "/sekolah/kelas/"),
    ("guru", "/sekolah/impor-siswa/"),
    ("wali", "/akun/dasbor/"),
    ("pelatih", "/akun/dasbor/"),
    ("siswa", "/belajar/"),
    ("siswa", "/kursus/koperasi-sekolah-untuk-pelajar/mengenal-koperasi/"),
    ("siswa", "/belajar/cari/?q=koperasi"),
    ("siswa", "/koperasi/saya/"),
    ("guru", "/belajar/kelas/"),
    ("guru", "/koperasi/kopsis-tunas-bangsa/"),
    ("guru", "/koperasi/kopsis-tunas-bangsa/anggota/"),
    ("guru", "/koperasi/kopsis-tunas-bangsa/jurnal/kas/"),
    ("guru", "/koperasi/kopsis-tunas-bangsa/neraca-saldo/"),
    ("guru", "/koperasi/kopsis-tunas-bangsa/jurnal/umum/"),
    ("guru", "/koperasi/kopsis-tunas-bangsa/shu/"),
    ("guru", "/koperasi/kopsis-tunas-bangsa/ad-art/"),
    ("guru", "/koperasi/kopsis-tunas-bangsa/laporan-keuangan/?tahun=2025"),
    ("guru-harapan", "/koperasi/baru/"),
]


def serious_violations(page: Page) -> list[str]:
    results = AXE.run(page, options=OPTIONS)
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}x)"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize(("username", "path"), PAGES)
def test_page_has_no_serious_accessibility_violations(
    phone: Page, base_url: str, username: str | None, path: str
) -> None:
    if username:
        login(phone, base_url, username)
    phone.goto(f"{base_url}{path}")
    assert serious_violations(phone) == []


def test_the_checker_catches_an_unlabelled_field(phone: Page, base_url: str) -> None:
    phone.goto(f"{base_url}/akun/masuk/")
    phone.evaluate("document.querySelector('form').insertAdjacentHTML('beforeend', '<input>')")
    assert any(v.startswith("label:") for v in serious_violations(phone))
