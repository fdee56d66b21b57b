"""Juru buku certification in the browser: a trainer creates a batch from the demo scheme, a
candidate applies and self-assesses on a phone, the trainer accepts and records training
and the written test, the candidate does the practical case, the assessor grades (Celery),
fills the checklist on a phone and signs K/BK, the pleno confirms and the board shows it; the
trainer issues the certificate (Celery, progress bar), downloads the ZIP, the QR code read off
the PDF opens "berlaku" on a phone, the trainer revokes it and the same page says "dicabut"."""

from __future__ import annotations

import re
import subprocess
import tempfile
import time
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Page, expect

from tests.e2e.helpers import login, logout

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
UNITS = [f"JBK.0{n}" for n in range(1, 9)]


def _create_batch(page: Page, base_url: str, name: str) -> str:
    login(page, base_url, "pelatih")
    page.goto(f"{base_url}/sertifikat/")
    page.get_by_role("link", name="Buat angkatan").click()
    page.get_by_label("Dinas (wilayah)").select_option(index=1)
    page.get_by_label("Skema").select_option(label="JBK v1 Juru Buku Koperasi")
    page.get_by_label("Nama angkatan").fill(name)
    page.get_by_label("Mulai pelatihan").fill("2026-12-07")
    page.get_by_label("Selesai pelatihan").fill("2026-12-10")
    page.get_by_label("Tanggal uji").fill("2026-12-11")
    page.get_by_label("Tempat uji (TUK)").fill("Aula Dinas Koperasi Muara Enim")
    page.get_by_label("Kuota peserta").fill("25")
    page.get_by_label("Dr. Maria Ulfa").check()
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_role("heading", name=re.compile(name))).to_be_visible()
    return re.search(r"/angkatan/(\d+)/", page.url).group(1)


def _apply_and_self_assess(page: Page, base_url: str, name: str) -> str:
    login(page, base_url, "jurubuku04")
    page.goto(f"{base_url}/sertifikat/")
    page.locator("li", has_text=name).get_by_role("link", name="Daftar").click()
    page.get_by_label("Nama koperasi", exact=True).fill("Koperasi Desa Merah Putih Tanjung Enim")
    page.get_by_label("Jabatan di koperasi").fill("Juru buku")
    page.get_by_role("button", name="Kirim pendaftaran").click()
    expect(page.get_by_test_id("application-status")).to_contain_text("Diajukan")
    for code in UNITS:
        row = page.get_by_test_id(f"self-{code}")
        row.get_by_role("button", name="Kompeten", exact=True).click()
        expect(page.get_by_test_id(f"self-{code}")).to_contain_text("Tersimpan")
    # a file that is not a PDF or image is refused, a PDF is kept
    page.locator("input[name=file]").set_input_files(
        files=[{"name": "bukti.pdf", "mimeType": "application/pdf", "buffer": b"<script>x"}]
    )
    page.get_by_role("button", name="Unggah bukti").click()
    expect(page.get_by_text("Bukti harus berupa PDF atau gambar")).to_be_visible()
    page.locator("input[name=file]").set_input_files(
        files=[{"name": "ijazah.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.get_by_role("button", name="Unggah bukti").click()
    expect(page.get_by_role("link", name="ijazah.pdf")).to_be_visible()
    candidate_url = page.url
    logout(page)
    return re.search(r"/pendaftaran/(\d+)/", candidate_url).group(1)


def _accept_and_record_tests(page: Page, base_url: str, candidate_id: str) -> None:
    page.goto(f"{base_url}/sertifikat/peserta/{candidate_id}/")
    page.get_by_label("Terima").check()
    page.get_by_role("button", name="Simpan verifikasi").click()
    expect(page.get_by_text("Verifikasi disimpan.")).to_be_visible()
    page.get_by_label("Pelatihan selesai (hadir)").check()
    page.get_by_label("Nilai tes tulis (0–100)").fill("85")
    page.get_by_role("button", name="Simpan kemajuan").click()
    expect(page.get_by_text("Kemajuan peserta disimpan.")).to_be_visible()


def _practical_case(page: Page, base_url: str, candidate_id: str) -> None:
    login(page, base_url, "jurubuku04")
    page.goto(f"{base_url}/sertifikat/pendaftaran/{candidate_id}/")
    page.get_by_role("link", name="Kerjakan studi kasus pembukuan").click()
    text = page.get_by_test_id("tx-BKT-01").inner_text()
    day = re.search(r"(\d{4}-\d{2}-\d{2})", text).group(1)
    count = int(re.search(r"dari (\d+) anggota", text).group(1))
    each = int(re.search(r"@ Rp ([\d.]+)", text).group(1).replace(".", ""))
    amount = str(count * each)
    page.get_by_label("Nomor bukti").select_option("BKT-01")
    page.get_by_label("Tanggal").fill(day)
    accounts = page.locator("select[name=account]")
    sides = page.locator("select[name=side]")
    amounts = page.locator("input[name=amount]")
    # unbalanced first: refused with the amounts
    accounts.nth(0).select_option("1-1101")
    sides.nth(0).select_option("D")
    amounts.nth(0).fill(amount)
    accounts.nth(1).select_option("3-1101")
    sides.nth(1).select_option("K")
    amounts.nth(1).fill("1000")
    page.get_by_role("button", name="Simpan jurnal").click()
    expect(page.get_by_text("Jurnal tidak seimbang")).to_be_visible()
    page.locator("input[name=amount]").nth(1).fill(amount)
    page.get_by_role("button", name="Simpan jurnal").click()
    expect(page.get_by_text("Jurnal BKT-01 dicatat.")).to_be_visible()
    expect(page.get_by_test_id("sandbox-entry")).to_have_count(1)
    page.get_by_role("button", name="Kumpulkan jawaban").click()
    expect(page.get_by_text("Jawaban studi kasus dikumpulkan.")).to_be_visible()
    logout(page)


def _grade_and_decide(page: Page, base_url: str, batch_id: str, candidate_id: str) -> None:
    login(page, base_url, "asesor")
    page.goto(f"{base_url}/sertifikat/angkatan/{batch_id}/")
    page.get_by_role("button", name="Nilai semua studi kasus (Celery)").click()
    expect(page.get_by_test_id("grading-done")).to_contain_text("1/1", timeout=30_000)
    page.goto(f"{base_url}/sertifikat/peserta/{candidate_id}/studi-kasus/")
    expect(page.get_by_test_id("diff-row")).to_have_count(12)
    page.goto(f"{base_url}/sertifikat/peserta/{candidate_id}/keputusan/")
    for code in UNITS:
        form = page.get_by_test_id(f"unit-{code}")
        form.get_by_label("Kompeten", exact=True).check()
        form.get_by_label("Bukti yang dinilai").fill("Studi kasus dan observasi")
        form.get_by_role("button", name="Simpan unit").click()
        expect(page.get_by_test_id(f"unit-{code}")).to_contain_text("Tersimpan")
    page.get_by_label(re.compile("Saya menandatangani keputusan ini")).check()
    page.get_by_role("button", name="Tandatangani").click()
    expect(page.get_by_test_id("signed")).to_contain_text("Kompeten")
    logout(page)


def _checklist_on_phone(page: Page, base_url: str, candidate_id: str) -> None:
    login(page, base_url, "asesor")
    page.goto(f"{base_url}/sertifikat/peserta/{candidate_id}/observasi/")
    first = page.locator("form.choices").first
    first.get_by_role("button", name="Ya").click()
    expect(page.locator("form.choices").first).to_contain_text("Tersimpan")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, width
    logout(page)


def _pleno(page: Page, base_url: str, batch_id: str) -> None:
    page.goto(f"{base_url}/sertifikat/angkatan/{batch_id}/pleno/")
    page.get_by_label("Tanggal rapat pleno").fill("2026-12-12")
    page.get_by_role("button", name="Kukuhkan keputusan").click()
    expect(page.get_by_text("Pleno mengukuhkan 1 keputusan.")).to_be_visible()
    row = page.get_by_test_id("board-row").filter(has_text="Bambang Sutrisno")
    expect(row).to_contain_text("K")
    expect(page.get_by_test_id("board-counts")).to_contain_text("Diputuskan: 1")


def test_main_certification_flow_at_360_and_1280(desktop: Page, phone: Page, base_url: str):
    name = f"Angkatan E2E {time.time_ns()}"
    batch_id = _create_batch(desktop, base_url, name)
    candidate_id = _apply_and_self_assess(phone, base_url, name)
    _accept_and_record_tests(desktop, base_url, candidate_id)
    _practical_case(phone, base_url, candidate_id)
    _checklist_on_phone(phone, base_url, candidate_id)
    logout(desktop)
    _grade_and_decide(desktop, base_url, batch_id, candidate_id)
    login(desktop, base_url, "pelatih")
    _pleno(desktop, base_url, batch_id)
    verify_path = _issue_and_download(desktop, base_url, batch_id)
    phone.goto(f"{base_url}{verify_path}")
    expect(phone.locator('[data-verify-state="berlaku"]')).to_be_visible()
    _revoke(desktop)
    phone.goto(f"{base_url}{verify_path}")
    revoked = phone.locator('[data-verify-state="dicabut"]')
    expect(revoked).to_contain_text("Nama pada berkas keliru")
    assert not phone.console_errors and not desktop.console_errors


def _qr_path_of(pdf: bytes, folder: Path) -> str:
    """The path of the URL in the certificate's QR code, read off the rendered first page."""
    (folder / "cert.pdf").write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", "cert.pdf", "page"],
        cwd=folder,
        check=True,
    )
    (png,) = folder.glob("page*.png")
    decoded = subprocess.run(
        ["zbarimg", "--quiet", "--raw", str(png)], capture_output=True, text=True, check=True
    ).stdout.strip()
    url = urlsplit(decoded)
    assert url.path.startswith("/v/") and url.fragment, decoded  # signed payload in the fragment
    return url.path.rstrip("/") + "/"


def _issue_and_download(page: Page, base_url: str, batch_id: str) -> str:
    """The trainer issues the batch, watches the bar finish, downloads the ZIP; returns the
    verification path in the QR of the one certificate."""
    page.goto(f"{base_url}/sertifikat/angkatan/{batch_id}/sertifikat/")
    page.get_by_role("button", name="Terbitkan sertifikat angkatan ini").click()
    expect(page.locator("#issuance-bar")).to_be_attached()
    expect(page.locator('[data-run-status="done"]')).to_be_visible(timeout=90_000)
    expect(page.locator("#issuance-progress")).to_contain_text("Terbit 1 dari 1, gagal 0")
    page.reload()  # the state is the database's: a reload shows the same
    expect(page.locator('[data-cert-status="terbit"]')).to_have_count(1)
    page.get_by_role("button", name="Unduh ZIP").click()
    link = page.get_by_role("link", name="Unduh berkas ZIP")
    expect(link).to_be_visible(timeout=60_000)
    with page.expect_download() as zipped:
        link.click()
    archive = zipfile.ZipFile(zipped.value.path())
    (pdf_name,) = [n for n in archive.namelist() if n.endswith(".pdf")]
    with tempfile.TemporaryDirectory() as folder:
        return _qr_path_of(archive.read(pdf_name), Path(folder))


def _revoke(page: Page) -> None:
    page.locator('[data-cert-status="terbit"] a').first.click()
    page.get_by_label("Alasan pencabutan").fill("Nama pada berkas keliru, uji coba E2E.")
    page.get_by_role("button", name="Cabut sertifikat").click()
    expect(page.get_by_test_id("revocation")).to_contain_text("Nama pada berkas keliru")
