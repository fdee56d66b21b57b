"""A team writes its business plan on phones; the teacher returns it, then grades it.

Runs against the live demo server (scripts/e2e.sh): the demo seeds "Tim Sarapan" (siswa =
Siti Rahmawati, and siswa01) with a filled canvas and price sheet in the kewirausahaan
course's final assignment, not handed in yet; `guru` teaches class 8A.
"""

from __future__ import annotations

import csv
import io
import subprocess
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from courses.curriculum.kewirausahaan import COURSE, RUBRIC, RUBRIC_MAX_POINTS
from tests.e2e.conftest import PHONE, _context, _screenshot_on_failure, _watch_errors
from tests.e2e.helpers import login
from tests.programs import require_program

LESSON = "pitching-dan-rencana-usaha"
FIRST = "Siswa kelas 8 yang belum sempat sarapan di rumah."
REVISED = "Siswa dan guru yang belum sempat sarapan, datang sebelum pukul 07.00."


@pytest.fixture
def teacher(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """The teacher on a 360 px phone too, allowed to download the export."""
    context = _context(browser, PHONE, is_mobile=True, has_touch=True, accept_downloads=True)
    page = context.new_page()
    page.console_errors = _watch_errors(page)  # type: ignore[attr-defined]
    yield page
    _screenshot_on_failure(page, request, "teacher")
    context.close()


def _no_overflow(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"{page.url} is {width} px wide at 360 px"


def _box(page: Page, title: str) -> Locator:
    return page.locator("form.ws-box", has=page.get_by_label(title, exact=True))


def _write_box(page: Page, title: str, text: str) -> None:
    """Type into a canvas box and leave it: it saves on change and says "Tersimpan"."""
    box = _box(page, title)
    box.get_by_label(title, exact=True).fill(text)
    box.get_by_label(title, exact=True).blur()
    expect(_box(page, title).locator(".ws-status")).to_contain_text("Tersimpan")
    expect(_box(page, title).get_by_label(title, exact=True)).to_have_value(text)


def _pdf_text(page: Page, base_url: str, link: Locator) -> str:
    pdftotext = require_program("pdftotext")  # fails, never skips, when poppler is missing
    href = link.get_attribute("href")
    assert href
    response = page.request.get(f"{base_url}{href}")  # the page's cookies: the teacher
    assert response.ok and response.headers["content-type"] == "application/pdf"
    done = subprocess.run([pdftotext, "-", "-"], input=response.body(), capture_output=True)
    assert done.returncode == 0, done.stderr
    return " ".join(done.stdout.decode().split())


def _open_grading(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/belajar/kelas/")
    page.get_by_role("link", name=COURSE["title"]).first.click()
    page.locator("#assignments").get_by_role("link").first.click()
    page.locator("#submissions").get_by_role("link", name="Siti Rahmawati").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Siti Rahmawati")


def _pick_levels(page: Page, index: int) -> None:
    """The `index`-th level (0 = best) of every rubric criterion."""
    for criterion in RUBRIC["criteria"]:
        level = criterion["levels"][index]
        group = page.locator("fieldset", has_text=criterion["title"])
        group.get_by_label(f"{level['label']} ({level['points']})", exact=True).check()


def _student_revises_and_hands_in(phone: Page, base_url: str) -> None:
    # given: Siti (a member of Tim Sarapan) opens the final task on her phone
    login(phone, base_url, "siswa")
    phone.goto(f"{base_url}/kursus/{COURSE['slug']}/{LESSON}/")
    phone.get_by_role("link", name="Buka tugas dan kumpulkan").click()
    expect(phone.locator("section.worksheet")).to_have_count(2)
    expect(phone.get_by_test_id("status")).to_contain_text("Belum dikumpulkan")
    _no_overflow(phone)

    # when: two canvas boxes are rewritten; each saves on change (the second one's page
    # still names the version before the first save: the per-field merge keeps both)
    _write_box(phone, "Segmen pelanggan", FIRST)
    _write_box(phone, "Saluran", "Kantin sekolah dan pesanan lewat ketua kelas.")

    # the price calculator recalculates as the team types, twice in a row: the second save
    # only succeeds when the first one's new version reached the form (out of band)
    pricing = phone.locator("form.ws-pricing")
    pricing.get_by_label("Biaya tetap per periode (Rp)").fill("60.000")
    pricing.get_by_label("Biaya variabel per unit (Rp)").fill("2500")
    pricing.get_by_label("Rencana jumlah produksi (unit)").fill("120")
    pricing.get_by_label("Persentase keuntungan (%)").fill("20")
    expect(phone.get_by_test_id("hpp")).to_have_text("Rp 3.000")
    expect(phone.get_by_test_id("price")).to_have_text("Rp 3.600")
    expect(pricing.locator(".ws-result")).to_contain_text("Tersimpan")
    pricing.get_by_label("Persentase keuntungan (%)").fill("50")
    expect(phone.get_by_test_id("price")).to_have_text("Rp 4.500")
    expect(phone.get_by_test_id("break-even")).to_contain_text("30 unit")
    expect(pricing.locator(".ws-result")).to_contain_text("Tersimpan")
    expect(pricing.locator(".alert")).to_have_count(0)
    _no_overflow(phone)

    # then: after a reload the page shows what was saved, and the plan is handed in
    phone.reload()
    expect(_box(phone, "Segmen pelanggan").get_by_label("Segmen pelanggan")).to_have_value(FIRST)
    expect(pricing.get_by_label("Persentase keuntungan (%)")).to_have_value("50")
    expect(phone.get_by_test_id("price")).to_have_text("Rp 4.500")
    phone.get_by_role("button", name="Kumpulkan", exact=True).click()
    expect(phone.get_by_test_id("status")).to_contain_text("Dikumpulkan")
    expect(phone.locator("#hand-in")).to_contain_text("Versi 1")
    _no_overflow(phone)


def test_team_plan_returned_revised_graded_and_exported(
    phone: Page, teacher: Page, base_url: str
) -> None:
    _student_revises_and_hands_in(phone, base_url)

    # the teacher grades with the rubric but returns the plan for revision
    login(teacher, base_url, "guru")
    _open_grading(teacher, base_url)
    _no_overflow(teacher)
    first_pdf = teacher.get_by_role("link", name="Cetak PDF versi 1")
    assert FIRST in _pdf_text(teacher, base_url, first_pdf)
    _pick_levels(teacher, 1)
    teacher.get_by_label("Komentar").fill("Tambahkan jam buka di segmen pelanggan.")
    teacher.get_by_role("button", name="Kembalikan untuk revisi").click()
    expect(teacher.locator("#submissions tr", has_text="Siti Rahmawati")).to_contain_text(
        "Dikembalikan"
    )

    # the team revises the box and hands in again
    phone.reload()
    expect(phone.get_by_test_id("status")).to_contain_text("Dikembalikan untuk revisi")
    expect(phone.locator("#hand-in")).to_contain_text("Tambahkan jam buka")
    # typed, then straight to the button: leaving the box saves it before the hand-in
    _box(phone, "Segmen pelanggan").get_by_label("Segmen pelanggan").fill(REVISED)
    phone.get_by_role("button", name="Kumpulkan ulang").click()
    expect(_box(phone, "Segmen pelanggan").locator(".ws-status")).to_contain_text("Tersimpan")
    expect(phone.get_by_test_id("status")).to_contain_text("Dikumpulkan")
    expect(phone.locator("#hand-in")).to_contain_text("Versi 2")

    # the teacher prints each version as it was handed in, then grades the best levels
    _open_grading(teacher, base_url)
    first = _pdf_text(teacher, base_url, teacher.get_by_role("link", name="Cetak PDF versi 1"))
    assert FIRST in first and REVISED not in first  # the snapshot, not today's worksheet
    second = _pdf_text(teacher, base_url, teacher.get_by_role("link", name="Cetak PDF versi 2"))
    assert REVISED in second and "Rp 4.500" in second
    _pick_levels(teacher, 0)
    teacher.get_by_role("button", name="Simpan nilai").click()
    row = teacher.locator("#submissions tr", has_text="Siti Rahmawati")
    expect(row).to_contain_text("Dinilai")
    expect(row).to_contain_text(str(RUBRIC_MAX_POINTS))

    # the grade shows in the course's progress grid and in its export
    teacher.goto(f"{base_url}/belajar/kelas/")
    teacher.get_by_role("link", name=COURSE["title"]).first.click()
    grade = f"{RUBRIC_MAX_POINTS}/{RUBRIC_MAX_POINTS}"
    row = teacher.locator("#progress-grid tr", has_text="Siti Rahmawati")
    expect(row.get_by_test_id("assignment-grade")).to_have_text(f"Tugas {grade}")
    with teacher.expect_download() as download_info:
        teacher.get_by_role("link", name="Unduh CSV").click()
    text = open(download_info.value.path(), encoding="utf-8-sig").read()  # noqa: SIM115
    rows = list(csv.reader(io.StringIO(text)))
    title = next(lesson["title"] for lesson in COURSE["lessons"] if lesson["slug"] == LESSON)
    final = rows[0].index(f"{title} – nilai tugas")
    line = next(r for r in rows if len(r) > 1 and r[1] == "siswa")
    assert line[final] == grade, (rows[0][final], line[final])
    assert phone.console_errors == []  # type: ignore[attr-defined]
    assert teacher.console_errors == []  # type: ignore[attr-defined]
