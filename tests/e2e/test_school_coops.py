"""School cooperatives in the browser: found one, run its books, members see their savings."""

from __future__ import annotations

import datetime
import re
import subprocess
from zoneinfo import ZoneInfo

from playwright.sync_api import Page, expect

from tests.e2e.helpers import login, logout, refreshed_numbers

DEMO_COOP = "kopsis-tunas-bangsa"
VOTES = {
    "ketua": "Siswa Harapan 01",
    "sekretaris": "Siswa Harapan 02",
    "bendahara": "Siswa Harapan 03",
    "pengawas": "Siswa Harapan 04",
}


def _today() -> str:
    return datetime.datetime.now(ZoneInfo("Asia/Jakarta")).date().isoformat()


def _approve(page: Page, next_step: str) -> None:
    page.get_by_test_id("approve-step").click()
    expect(page.locator(".steps li.current")).to_contain_text(next_step)


def _select_account(form, code: str) -> None:
    select = form.get_by_label("Akun lawan")
    select.select_option(select.locator("option", has_text=code).get_attribute("value"))


def _no_sideways_scroll(page: Page) -> None:
    assert not page.evaluate("document.documentElement.scrollWidth > window.innerWidth")


def _pdf_text(pdf: bytes) -> str:
    """Text of a PDF via poppler's pdftotext (scripts/install.sh installs poppler-utils)."""
    assert pdf[:5] == b"%PDF-" and pdf.rstrip().endswith(b"%%EOF")
    result = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return " ".join(result.stdout.decode().split())


# What each founding document for the dinas must say about the coop founded below.
DOCUMENT_TEXT = {
    "berita-acara": ["BERITA ACARA RAPAT PEMBENTUKAN", "KOPSIS HARAPAN JAYA", "Siswa Harapan 03"],
    "daftar-hadir": ["DAFTAR HADIR", "Siswa Harapan 01", "Siswa Harapan 22"],
    "ad-art": ["KOPSIS HARAPAN JAYA", "Simpanan pokok Rp 5.000", "Cadangan 25%"],
    "pengurus": ["DAFTAR PENGURUS DAN PENGAWAS", "Bendahara", "Siswa Harapan 03"],
}


def _found_the_coop(teacher: Page, student: Page, base_url: str, meeting_day: str) -> str:
    """Teacher (desktop) and a student initiator (phone) found the coop; returns its slug."""
    # given the teacher of the second demo school, which has no cooperative yet
    login(teacher, base_url, "guru-harapan")
    teacher.goto(f"{base_url}/koperasi/baru/")
    teacher.get_by_label("Nama koperasi").fill("Kopsis Harapan Jaya")
    teacher.get_by_role("button", name="Simpan").click()
    expect(teacher).to_have_url(re.compile(r"/koperasi/kopsis-harapan-jaya/pendirian/$"))
    founding_url = teacher.url

    # step 1: the founding committee, with a student initiator
    teacher.get_by_label("Susunan panitia pendiri").fill("Ketua panitia: Wahyu Pratama\nOSIS")
    teacher.get_by_role("group", name="Pemrakarsa").get_by_label("Siswa Harapan 01").check()
    teacher.get_by_role("button", name="Simpan").click()
    expect(teacher.get_by_text("Tersimpan.")).to_be_visible()
    _approve(teacher, "Rapat pembentukan")

    # step 2: the student initiator takes attendance on a phone; the teacher approves
    login(student, base_url, "harapan01")
    student.goto(founding_url)
    assert _serious_violations(student) == []
    student.get_by_label("Tanggal rapat").fill(meeting_day)
    student.get_by_label("Tempat").fill("Aula sekolah")
    student.get_by_label("Pimpinan rapat").fill("Siswa Harapan 01")
    student.get_by_label("Notulis").fill("Siswa Harapan 02")
    boxes = student.locator('input[name="attendees"]')
    for i in range(5):
        boxes.nth(i).check()
    student.get_by_role("button", name="Simpan").click()
    expect(student.get_by_text("Tersimpan.")).to_be_visible()
    expect(student.get_by_text("Menunggu persetujuan guru pembina.")).to_be_visible()
    _no_sideways_scroll(student)
    teacher.reload()
    teacher.get_by_test_id("approve-step").click()
    expect(teacher.get_by_role("alert").filter(has_text="minimal 20")).to_be_visible()
    student.reload()
    boxes = student.locator('input[name="attendees"]')
    for i in range(boxes.count()):
        boxes.nth(i).check()
    student.get_by_role("button", name="Simpan").click()
    expect(student.get_by_text("Langkah ini lengkap.")).to_be_visible()
    teacher.reload()
    _approve(teacher, "AD/ART")

    # step 3: the AD/ART from the template with the coop's own values and SHU split; the
    # textbook split that sums to 105 % is refused
    student.reload()
    expect(student.get_by_label("Teks AD/ART")).to_contain_text("Kopsis Harapan Jaya")
    student.get_by_label("Simpanan pokok (Rp)").fill("5.000")
    student.get_by_label("SHU: Cadangan (%)").fill("35")
    student.get_by_role("button", name="Simpan").click()
    expect(student.get_by_role("alert").filter(has_text="bukan 105%")).to_be_visible()
    student.get_by_label("SHU: Cadangan (%)").fill("25")
    student.get_by_label("SHU: Dana pendidikan (%)").fill("15")
    student.get_by_role("button", name="Simpan").click()
    expect(student.get_by_text("Tersimpan.")).to_be_visible()
    _no_sideways_scroll(student)
    teacher.reload()
    _approve(teacher, "Pemilihan")

    # step 4: one member one vote; 12 of 22 ballots reach the 51 % quorum
    for n in range(1, 13):
        teacher.get_by_label("Pemilih").select_option(label=f"Siswa Harapan {n:02d}")
        for role, name in VOTES.items():
            teacher.locator(f"#id_{role}").select_option(label=name)
        teacher.get_by_role("button", name="Catat suara").click()
        expect(teacher.get_by_text(f"Suara masuk: {n} ")).to_be_visible()
    assert _serious_violations(teacher) == []
    teacher.get_by_label("Pemilih").select_option(label="Siswa Harapan 01")
    for role, name in VOTES.items():
        teacher.locator(f"#id_{role}").select_option(label=name)
    teacher.get_by_role("button", name="Catat suara").click()
    expect(teacher.get_by_text("sudah memberikan suara")).to_be_visible()
    _approve(teacher, "Anggota pertama")

    # step 5: first members pay simpanan pokok; the opening balance records the grant
    teacher.get_by_label("Modal awal/hibah untuk neraca awal (Rp)").fill("150000")
    teacher.get_by_role("button", name="Simpan").click()
    expect(teacher.get_by_text("Tersimpan.")).to_be_visible()
    teacher.get_by_test_id("approve-step").click()

    # then the coop is aktif and every document for the dinas is a PDF saying what it should
    expect(teacher.get_by_test_id("founding-done")).to_contain_text("Menunggu pengukuhan")
    for doc, phrases in DOCUMENT_TEXT.items():
        href = teacher.get_by_test_id(f"doc-{doc}").get_attribute("href")
        response = teacher.request.get(f"{base_url}{href}")
        assert response.ok and response.headers["content-type"] == "application/pdf"
        text = _pdf_text(response.body())
        for phrase in phrases:
            assert phrase in text, (doc, phrase)
    teacher.get_by_role("link", name="Buka koperasi").click()
    expect(teacher.get_by_test_id("cash-balance")).to_have_text(
        "Rp 260.000"
    )  # 150.000 + 22 × 5.000
    expect(teacher.get_by_text("Bendahara: Siswa Harapan 03")).to_be_visible()
    # and the student, now a founding member and ketua, sees their savings
    student.goto(f"{base_url}/koperasi/saya/")
    expect(student.get_by_test_id("portal-pokok")).to_have_text("Rp 5.000")
    return "kopsis-harapan-jaya"


def _dated(form, day: datetime.date) -> None:
    form.get_by_label("Tanggal transaksi").fill(day.isoformat())


def _run_a_month(treasurer: Page, base_url: str, slug: str, founded: datetime.date) -> None:
    """The bendahara (a student, on a phone) enters a month of paper receipts, each dated."""
    login(treasurer, base_url, "harapan03")
    treasurer.goto(f"{base_url}/koperasi/{slug}/anggota/?q=Harapan+05")
    treasurer.get_by_role("link", name="Siswa Harapan 05").click()
    member_url = treasurer.url
    _no_sideways_scroll(treasurer)
    for days, amount, expected in ((2, "20.000", "Rp 20.000"), (9, "15000", "Rp 35.000")):
        form = treasurer.get_by_test_id("deposit-form")
        _dated(form, founded + datetime.timedelta(days=days))
        form.get_by_label("Jumlah (Rp)").fill(amount)
        form.get_by_role("button", name="Setor").click()
        expect(treasurer.get_by_test_id("balance-sukarela")).to_have_text(expected)
    # a withdrawal dated tomorrow is stopped by the phone's date picker (max = today; the
    # server refuses it too, tests/school_coops/test_savings_dates.py), then recorded
    form = treasurer.get_by_test_id("withdraw-form")
    _dated(form, datetime.date.fromisoformat(_today()) + datetime.timedelta(days=1))
    form.get_by_label("Jumlah (Rp)").fill("7.500")
    form.get_by_role("button", name="Tarik").click()
    date_input = form.get_by_label("Tanggal transaksi")
    assert date_input.evaluate("input => input.validity.rangeOverflow")
    expect(treasurer.get_by_test_id("balance-sukarela")).to_have_text("Rp 35.000")
    _dated(form, founded + datetime.timedelta(days=16))
    form.get_by_label("Jumlah (Rp)").fill("7.500")
    form.get_by_role("button", name="Tarik").click()
    expect(treasurer.get_by_test_id("balance-sukarela")).to_have_text("Rp 27.500")
    # simpanan wajib for the founding month, paid on its third day
    form = treasurer.get_by_test_id("wajib-form")
    form.get_by_label("Periode simpanan wajib").select_option(index=0)
    _dated(form, founded + datetime.timedelta(days=3))
    form.get_by_role("button", name="Bayar").click()
    expect(treasurer.get_by_test_id("balance-wajib")).to_have_text("Rp 2.000")
    # a purchase by the member, counted for jasa usaha at SHU time
    form = treasurer.get_by_test_id("purchase-form")
    _dated(form, founded + datetime.timedelta(days=5))
    form.get_by_label("Jumlah (Rp)").fill("12.000")
    form.get_by_role("button", name="Catat pembelian").click()
    expect(treasurer.get_by_text("Transaksi dicatat.")).to_be_visible()
    treasurer.goto(member_url)
    expect(treasurer.get_by_text("Setoran sukarela Siswa Harapan 05")).to_have_count(2)
    _no_sideways_scroll(treasurer)

    # cash journal entries: weekly canteen sales and one purchase of supplies
    treasurer.goto(f"{base_url}/koperasi/{slug}/jurnal/kas/")
    entries = [
        (4, "masuk", "4-1201", "31000", "Penjualan kantin minggu ke-1"),
        (11, "masuk", "4-1201", "28500", "Penjualan kantin minggu ke-2"),
        (13, "keluar", "6-1201", "17000", "Beli kertas dan spidol"),
        (18, "masuk", "4-1301", "9000", "Jasa fotokopi"),
        (25, "masuk", "4-1201", "33000", "Penjualan kantin minggu ke-4"),
    ]
    for days, direction, code, amount, memo in entries:
        form = treasurer.locator("#cash-entry-form")
        form.get_by_label("Tanggal").fill((founded + datetime.timedelta(days=days)).isoformat())
        form.get_by_label("Jenis").select_option(direction)
        _select_account(form, code)
        form.get_by_label("Jumlah (Rp)").fill(amount)
        form.get_by_label("Keterangan").fill(memo)
        form.get_by_role("button", name="Simpan").click()
        expect(treasurer.locator("#cash-entry-form").get_by_label("Jumlah (Rp)")).to_have_value("")
        expect(treasurer.locator("#cash-entry-form .alert.success")).to_contain_text("dicatat")
    _no_sideways_scroll(treasurer)
    treasurer.goto(f"{base_url}/koperasi/{slug}/buku-kas/")
    for _d, _dir, _c, _a, memo in entries:
        expect(treasurer.get_by_text(memo)).to_be_visible()


def test_a_cooperative_founded_from_nothing_runs_its_first_month(
    desktop: Page, phone: Page, base_url: str
) -> None:
    teacher, student = desktop, phone
    today = datetime.date.fromisoformat(_today())
    founded = today - datetime.timedelta(days=28)  # the founding meeting, four weeks ago
    slug = _found_the_coop(teacher, student, base_url, founded.isoformat())

    # when the bendahara enters the month's receipts on a phone
    logout(student)
    _run_a_month(student, base_url, slug, founded)

    # then the member sees their own balances and history on the phone
    logout(student)
    login(student, base_url, "harapan05")
    student.goto(f"{base_url}/koperasi/saya/")
    expect(student.get_by_test_id("portal-pokok")).to_have_text("Rp 5.000")
    expect(student.get_by_test_id("portal-wajib")).to_have_text("Rp 2.000")
    expect(student.get_by_test_id("portal-sukarela")).to_have_text("Rp 27.500")
    expect(student.get_by_test_id("portal-shu")).to_have_text("Rp 0")
    history = student.get_by_test_id("portal-history")
    expect(history).to_contain_text("Penarikan sukarela")
    expect(history.locator("li")).to_have_count(5)  # pokok, wajib, 2 deposits, withdrawal
    if founded.month != today.month:  # this month's wajib is still owed
        expect(student.get_by_test_id("portal-arrears")).to_contain_text("Rp 2.000")
    _no_sideways_scroll(student)
    assert _serious_violations(student) == []

    # and the teacher finds the books of this same coop balanced and the cards reconciled
    teacher.goto(f"{base_url}/koperasi/{slug}/neraca-saldo/")
    expect(teacher.get_by_test_id("trial-balance-status")).to_contain_text("Seimbang")
    total_debit = teacher.get_by_test_id("total-debit").inner_text()
    assert total_debit == teacher.get_by_test_id("total-credit").inner_text()
    teacher.goto(f"{base_url}/koperasi/{slug}/")
    # 260.000 + 35.000 − 7.500 + 2.000 + 12.000 + 31.000 + 28.500 − 17.000 + 9.000 + 33.000
    expect(teacher.get_by_test_id("cash-balance")).to_have_text("Rp 386.000")
    expect(teacher.get_by_text("Tidak", exact=True)).to_have_count(0)  # reconciliation
    expect(teacher.get_by_role("cell", name="Ya", exact=True)).to_have_count(3)

    # the teacher submits it to the district office, which recognises it: the overview counts it
    _submitted_and_recognised(teacher, base_url, slug)
    for page in (teacher, student):
        assert page.console_errors == []  # type: ignore[attr-defined]


def _submitted_and_recognised(teacher: Page, base_url: str, slug: str) -> None:
    teacher.goto(f"{base_url}/koperasi/{slug}/pengukuhan/")
    expect(teacher.get_by_test_id("coop-status")).to_contain_text("Menunggu pengukuhan")
    teacher.get_by_label("Catatan untuk dinas").fill("Koperasi baru, mohon dikukuhkan.")
    teacher.get_by_role("button", name="Kirim pengajuan").click()
    expect(teacher.get_by_test_id("submission-diajukan")).to_be_visible()
    logout(teacher)
    login(teacher, base_url, "dinas")
    counts = ("coops_aktif", "coops_menunggu_pengukuhan")
    before = refreshed_numbers(teacher, base_url, *counts)
    teacher.goto(f"{base_url}/koperasi/wilayah/pengukuhan/")
    queue = teacher.get_by_test_id("recognition-queue")
    queue.get_by_role("link", name="Kopsis Harapan Jaya").click()
    teacher.get_by_role("button", name="Kukuhkan koperasi").click()
    expect(teacher.get_by_test_id("submission-status")).to_contain_text("Dikukuhkan")
    after = refreshed_numbers(teacher, base_url, *counts)
    assert after["coops_aktif"] == before["coops_aktif"] + 1
    assert after["coops_menunggu_pengukuhan"] == before["coops_menunggu_pengukuhan"] - 1
    logout(teacher)
    login(teacher, base_url, "guru-harapan")
    teacher.goto(f"{base_url}/koperasi/{slug}/pengukuhan/")
    expect(teacher.get_by_test_id("coop-status")).to_contain_text("Aktif")


def test_treasurer_records_savings_and_cash_and_the_trial_balance_balances(
    desktop: Page, base_url: str
) -> None:
    # given siswa, the bendahara of the demo coop with a month of transactions
    login(desktop, base_url, "siswa")
    desktop.goto(f"{base_url}/koperasi/{DEMO_COOP}/anggota/")
    desktop.get_by_role("link", name="Joko Susilo").click()
    before = desktop.get_by_test_id("balance-sukarela").inner_text()
    assert before == "Rp 15.000"

    # when deposits and withdrawals are recorded, and bad input is refused
    deposit = desktop.get_by_test_id("deposit-form")
    deposit.get_by_label("Jumlah (Rp)").fill("7.500")
    deposit.get_by_role("button", name="Setor").click()
    expect(desktop.get_by_test_id("balance-sukarela")).to_have_text("Rp 22.500")
    withdraw = desktop.get_by_test_id("withdraw-form")
    withdraw.get_by_label("Jumlah (Rp)").fill("1.000.000")
    withdraw.get_by_role("button", name="Tarik").click()
    expect(desktop.get_by_test_id("withdraw-form")).to_contain_text("tidak cukup")
    withdraw = desktop.get_by_test_id("withdraw-form")
    withdraw.get_by_label("Jumlah (Rp)").fill("sepuluh ribu")
    withdraw.get_by_role("button", name="Tarik").click()
    expect(desktop.get_by_test_id("withdraw-form")).to_contain_text("tanpa huruf")
    withdraw = desktop.get_by_test_id("withdraw-form")
    withdraw.get_by_label("Jumlah (Rp)").fill("2500")
    withdraw.get_by_role("button", name="Tarik").click()
    expect(desktop.get_by_test_id("balance-sukarela")).to_have_text("Rp 20.000")

    # and a cash sale plus a cash expense go through the journal form
    desktop.goto(f"{base_url}/koperasi/{DEMO_COOP}/jurnal/kas/")
    form = desktop.locator("#cash-entry-form")
    form.get_by_label("Jenis").select_option("masuk")
    _select_account(form, "4-1201")
    form.get_by_label("Jumlah (Rp)").fill("12000")
    form.get_by_label("Keterangan").fill("Penjualan kantin hari ini")
    form.get_by_role("button", name="Simpan").click()
    expect(desktop.locator("#cash-entry-form .alert.success")).to_contain_text("dicatat")
    form = desktop.locator("#cash-entry-form")
    form.get_by_label("Jenis").select_option("keluar")
    _select_account(form, "6-1201")
    form.get_by_label("Jumlah (Rp)").fill("10,5")
    form.get_by_label("Keterangan").fill("Beli spidol")
    form.get_by_role("button", name="Simpan").click()
    expect(desktop.locator("#cash-entry-form")).to_contain_text("rupiah utuh")
    desktop.locator("#cash-entry-form").get_by_label("Jumlah (Rp)").fill("8000")
    desktop.locator("#cash-entry-form").get_by_role("button", name="Simpan").click()
    expect(desktop.locator("#cash-entry-form .alert.success")).to_contain_text("dicatat")

    # and a week-by-week month of canteen sales, dated on the form
    today = datetime.date.fromisoformat(_today())
    for weeks_ago in (4, 3, 2, 1):
        day = today - datetime.timedelta(weeks=weeks_ago)
        form = desktop.locator("#cash-entry-form")
        form.get_by_label("Tanggal").fill(day.isoformat())
        form.get_by_label("Jenis").select_option("masuk")
        _select_account(form, "4-1201")
        form.get_by_label("Jumlah (Rp)").fill(f"{20_000 + weeks_ago * 1_000}")
        form.get_by_label("Keterangan").fill(f"Penjualan kantin minggu ke-{5 - weeks_ago}")
        form.get_by_role("button", name="Simpan").click()
        # A fresh, empty form (with a new idempotency key) means this entry was posted.
        expect(desktop.locator("#cash-entry-form").get_by_label("Jumlah (Rp)")).to_have_value("")
        expect(desktop.locator("#cash-entry-form .alert.success")).to_contain_text("dicatat")

    # then the cash book shows them and the trial balance balances, cards reconciled
    desktop.goto(f"{base_url}/koperasi/{DEMO_COOP}/buku-kas/")
    expect(desktop.get_by_text("Penjualan kantin hari ini")).to_be_visible()
    desktop.goto(f"{base_url}/koperasi/{DEMO_COOP}/buku-besar/4-1201/")
    for week in range(1, 5):
        expect(desktop.get_by_text(f"Penjualan kantin minggu ke-{week}")).to_be_visible()
    desktop.goto(f"{base_url}/koperasi/{DEMO_COOP}/neraca-saldo/")
    expect(desktop.get_by_test_id("trial-balance-status")).to_contain_text("Seimbang")
    total_debit = desktop.get_by_test_id("total-debit").inner_text()
    assert total_debit == desktop.get_by_test_id("total-credit").inner_text()
    expect(desktop.get_by_text("Tidak", exact=True)).to_have_count(0)
    assert desktop.console_errors == []  # type: ignore[attr-defined]


def test_member_cards_are_printed_through_the_worker(desktop: Page, base_url: str) -> None:
    login(desktop, base_url, "guru")
    desktop.goto(f"{base_url}/koperasi/{DEMO_COOP}/anggota/")
    desktop.get_by_role("button", name="Cetak kartu anggota (PDF dengan QR)").click()
    # The real Celery worker renders the PDF while htmx polls the status.
    download = desktop.get_by_role("link", name="Unduh PDF kartu anggota")
    expect(download).to_be_visible(timeout=60_000)
    with desktop.expect_download() as info:
        download.click()
    with open(info.value.path(), "rb") as pdf:
        assert pdf.read(4) == b"%PDF"


def test_member_sees_own_balance_on_the_phone_and_others_see_nothing(
    phone: Page, base_url: str
) -> None:
    login(phone, base_url, "anggota04")
    phone.goto(f"{base_url}/koperasi/saya/")
    expect(phone.get_by_test_id("portal-pokok")).to_have_text("Rp 10.000")
    expect(phone.get_by_test_id("portal-sukarela")).to_have_text("Rp 25.000")
    _no_sideways_scroll(phone)
    # a member without an office: the books are not found
    response = phone.request.get(f"{base_url}/koperasi/{DEMO_COOP}/neraca-saldo/")
    assert response.status == 404
    # the guardian of siswa sees siswa's savings; a student of another school sees nothing
    logout(phone)
    login(phone, base_url, "wali")
    phone.goto(f"{base_url}/koperasi/saya/")
    expect(phone.get_by_text("Siti Rahmawati", exact=True)).to_be_visible()
    expect(phone.get_by_test_id("portal-sukarela")).to_have_text("Rp 25.000")
    detail = phone.get_by_role("link", name="Kartu simpanan lengkap").get_attribute("href")
    logout(phone)
    login(phone, base_url, "harapan05")
    assert phone.request.get(f"{base_url}{detail}").status == 404
    assert phone.console_errors == []  # type: ignore[attr-defined]


COOP_PAGES = [
    ("siswa", "/koperasi/saya/"),
    ("siswa", "/koperasi/"),
    ("siswa", f"/koperasi/{DEMO_COOP}/"),
    ("siswa", f"/koperasi/{DEMO_COOP}/anggota/"),
    ("siswa", f"/koperasi/{DEMO_COOP}/jurnal/"),
    ("siswa", f"/koperasi/{DEMO_COOP}/jurnal/kas/"),
    ("siswa", f"/koperasi/{DEMO_COOP}/buku-kas/"),
    ("siswa", f"/koperasi/{DEMO_COOP}/neraca-saldo/"),
    ("guru", f"/koperasi/{DEMO_COOP}/periode/"),
    ("guru", f"/koperasi/{DEMO_COOP}/buku-besar/"),
    ("guru", "/koperasi/baru/"),
]


def _serious_violations(page: Page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21aa"]}}
    results = Axe().run(page, options=options)
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}x)"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_cooperative_pages_have_no_serious_accessibility_violations(
    phone: Page, base_url: str
) -> None:
    user = None
    for username, path in COOP_PAGES:
        if username != user:
            if user:
                logout(phone)
            login(phone, base_url, username)
            user = username
        phone.goto(f"{base_url}{path}")
        assert _serious_violations(phone) == [], path
        _no_sideways_scroll(phone)
    phone.goto(f"{base_url}/koperasi/{DEMO_COOP}/anggota/")
    phone.get_by_role("link", name="Siti Rahmawati").click()
    assert _serious_violations(phone) == []
