"""The candidate's own side of juru buku certification, in the browser on a 360 px phone.

The demo school cooperative's treasurer (`siswa`, bendahara of Kopsis Tunas Bangsa) applies to
a new batch that uses the training course "Pembukuan Koperasi untuk Juru Buku"
(courses/curriculum/juru_buku.py), attaches the books she kept as portfolio evidence (a
reversed period is refused first), and after the trainer accepts her she reads every lesson
and passes every lesson's quiz, the last one being the written test. The trainer copies the
course progress into the batch; the assessor then sees the training completion and the
written-test score, and reads her cooperative's books for that period, read only.
"""

from __future__ import annotations

import datetime
import re
import time
from typing import Any
from zoneinfo import ZoneInfo

from playwright.sync_api import Locator, Page, expect

from courses.curriculum.juru_buku import COURSE
from tests.e2e.helpers import login, logout

COOP = "Kopsis Tunas Bangsa"  # school_coops/demo.py
JAKARTA = ZoneInfo("Asia/Jakarta")
WRITTEN_TEST = COURSE["lessons"][-1]["quiz"]["title"]


def _answer(item: Locator, keys: dict[str, Any]) -> None:
    """The correct answer from the curriculum (the page never carries it)."""
    key = keys[item.locator(".prompt").inner_text().strip()]
    kind = key["kind"]
    if kind in ("single", "multiple"):
        for text, correct in key["choices"]:
            if correct:
                item.get_by_label(text, exact=True).check()
    elif kind == "true_false":
        item.get_by_label("Benar" if key["answer"] else "Salah", exact=True).check()
    elif kind == "numeric":
        item.get_by_label(re.compile("Jawaban")).fill(f"{key['answer']:,}".replace(",", "."))
    elif kind == "short_text":
        item.get_by_label("Jawaban singkat").fill(key["accepted"][0])
    elif kind == "matching":
        for left, right in key["pairs"]:  # the label's own text, then its options
            own = re.compile(rf"^\s*{re.escape(left)}\s+Pilih pasangan")
            item.locator("label").filter(has_text=own).locator("select").select_option(label=right)
    elif kind == "ordering":
        for rank, text in enumerate(key["items"], start=1):
            step = item.locator("label.opt").filter(has=item.page.get_by_text(text, exact=True))
            step.locator("select").select_option(label=str(rank))
    if kind in ("numeric", "short_text"):
        item.get_by_role("button", name="Simpan jawaban").click()
    expect(item).to_contain_text("Jawaban tersimpan")


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
    page.get_by_label("Kursus pelatihan").select_option(label=COURSE["title"])
    page.get_by_label("Tes tulis (kuis)").select_option(label=WRITTEN_TEST)
    page.get_by_label("Dr. Maria Ulfa").check()
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_role("heading", name=re.compile(name))).to_be_visible()
    return re.search(r"/angkatan/(\d+)/", page.url).group(1)


def _apply_with_books(page: Page, base_url: str, name: str) -> str:
    login(page, base_url, "siswa")
    page.goto(f"{base_url}/sertifikat/")
    page.locator("li", has_text=name).get_by_role("link", name="Daftar").click()
    page.get_by_label("Nama koperasi", exact=True).fill(COOP)
    page.get_by_label("Jabatan di koperasi").fill("Bendahara")
    page.get_by_role("button", name="Kirim pendaftaran").click()
    expect(page.get_by_test_id("application-status")).to_contain_text("Diajukan")
    candidate_id = re.search(r"/pendaftaran/(\d+)/", page.url).group(1)
    today = datetime.datetime.now(tz=JAKARTA).date()  # the server's TIME_ZONE
    form = page.get_by_test_id("books-form")
    form.get_by_label("Koperasi yang pembukuannya Anda kerjakan").select_option(label=COOP)
    form.get_by_label("Periode dari").fill(today.isoformat())
    form.get_by_label("Periode sampai").fill((today - datetime.timedelta(days=30)).isoformat())
    form.get_by_role("button", name="Lampirkan pembukuan").click()
    expect(page.get_by_text("tidak boleh setelah tanggal akhir")).to_be_visible()
    form = page.get_by_test_id("books-form")
    form.get_by_label("Periode dari").fill((today - datetime.timedelta(days=30)).isoformat())
    form.get_by_label("Periode sampai").fill(today.isoformat())
    form.get_by_label("Untuk unit").select_option(index=1)
    form.get_by_role("button", name="Lampirkan pembukuan").click()
    expect(page.get_by_text("Pembukuan koperasi dilampirkan sebagai bukti.")).to_be_visible()
    expect(page.get_by_test_id("evidence-list")).to_contain_text(f"Pembukuan {COOP}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    logout(page)
    return candidate_id


def _accept(page: Page, base_url: str, candidate_id: str) -> None:
    page.goto(f"{base_url}/sertifikat/peserta/{candidate_id}/")
    page.get_by_label("Terima").check()
    page.get_by_role("button", name="Simpan verifikasi").click()
    expect(page.get_by_text("Verifikasi disimpan.")).to_be_visible()


def _take_the_course(page: Page, base_url: str, candidate_id: str) -> None:
    login(page, base_url, "siswa")
    page.goto(f"{base_url}/sertifikat/pendaftaran/{candidate_id}/")
    page.get_by_role("link", name=re.compile(f"Ikuti kursus {COURSE['title']}")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(COURSE["title"])
    course_url = page.url.rstrip("/")
    for lesson in COURSE["lessons"]:
        keys = {q["prompt"]: q for q in lesson["quiz"]["questions"]}
        page.goto(f"{course_url}/{lesson['slug']}/")
        expect(page.get_by_role("heading", level=1)).to_have_text(lesson["title"])
        page.get_by_role("button", name="Mulai kuis").click()
        items = page.locator("li.question")
        expect(items).to_have_count(len(keys))
        for index in range(len(keys)):
            _answer(items.nth(index), keys)
        page.get_by_role("button", name="Kirim jawaban").click()
        expect(page.get_by_role("status")).to_contain_text("Nilai: 100")
        expect(page.locator("#lesson-done")).to_contain_text("Pelajaran selesai")
    logout(page)


def _assessor_reads(page: Page, base_url: str, candidate_id: str) -> None:
    login(page, base_url, "asesor")
    page.goto(f"{base_url}/sertifikat/peserta/{candidate_id}/")
    tests = page.get_by_test_id("tests-form")
    expect(tests.get_by_label("Pelatihan selesai (hadir)")).to_be_checked()
    expect(tests.get_by_label("Nilai tes tulis (0–100)")).to_have_value(re.compile(r"^100"))
    page.get_by_test_id("evidence-list").get_by_role("link", name=f"Pembukuan {COOP}").click()
    expect(page.get_by_test_id("books-period")).to_be_visible()
    expect(page.get_by_test_id("books-journal").locator("tbody tr").first).to_contain_text("JU-")
    expect(page.get_by_test_id("books-balanced")).to_contain_text("Seimbang")
    expect(page.get_by_role("heading", name=re.compile("Buku besar"))).to_contain_text("1-1101")
    expect(page.get_by_test_id("books-ledger").locator("tbody tr").first).to_contain_text("Rp")
    expect(page.get_by_test_id("books-journal")).not_to_contain_text("Siti Rahmawati")
    assert page.get_by_role("button", name=re.compile("Simpan|Batalkan|Catat")).count() == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    logout(page)


def test_candidate_takes_the_course_and_attaches_her_books(
    desktop: Page, phone: Page, base_url: str
):
    name = f"Angkatan Kopsis E2E {time.time_ns()}"
    batch_id = _create_batch(desktop, base_url, name)
    candidate_id = _apply_with_books(phone, base_url, name)
    _accept(desktop, base_url, candidate_id)
    _take_the_course(phone, base_url, candidate_id)
    desktop.goto(f"{base_url}/sertifikat/angkatan/{batch_id}/")
    desktop.get_by_role("button", name="Perbarui kemajuan kursus & tes tulis").click()
    row = desktop.get_by_test_id("board-row").filter(has_text="Siti Rahmawati")
    expect(row).to_be_visible()
    logout(desktop)
    _assessor_reads(phone, base_url, candidate_id)
    assert not phone.console_errors and not desktop.console_errors
