"""Issue 11's acceptance walkthrough at 360 px: a cooperative's year, from the canteen counter
to the SHU in a member's portal and the RAT pack.

The fixture (tests/e2e/worlds.py `year_world`) founds a fresh coop in the last tahun buku
through the services: six members, a hibah as opening capital, a canteen stocked in January.
Everything else is the browser. The server's clock is not moved: the treasurer enters three
August days of the last tahun buku from the paper notes ("Ganti hari", catch-up counter days),
members and non-members, cash and member credit, and closes each day (one is Rp 1.000 short);
today a supplier delivery, a consignment and a stock count with a difference are recorded.
Then the teacher closes the last tahun buku, holds its RAT with the kuorum, the members vote on
the SHU on their own phones, the SHU is confirmed and paid, the member reads it in the portal,
and the RAT pack's totals are checked against the selectors' numbers (which now include the
browser's sales)."""

from __future__ import annotations

import datetime
import re
import uuid
from collections.abc import Iterator
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import PHONE, _context, _screenshot_on_failure, _watch_errors
from tests.e2e.helpers import fits_360, login, pdf_text, rupiah
from tests.e2e.worlds import build

SHU_MOTION = "Pembagian SHU tahun buku"


@pytest.fixture(scope="module")
def world() -> dict:
    return build(f"year_world({'thn' + uuid.uuid4().hex[:6]!r})")


@pytest.fixture
def phones(browser: Browser, request: pytest.FixtureRequest) -> Iterator[list[Page]]:
    """Four phones, each its own browser context: treasurer, teacher and two members."""
    contexts = [
        _context(browser, PHONE, is_mobile=True, has_touch=True, accept_downloads=True)
        for _i in range(4)
    ]
    pages = [c.new_page() for c in contexts]
    for page in pages:
        page.console_errors = _watch_errors(page)  # type: ignore[attr-defined]
    yield pages
    for i, page in enumerate(pages):
        _screenshot_on_failure(page, request, f"phone{i}")
    for context in contexts:
        context.close()


def _today() -> datetime.date:
    return datetime.datetime.now(ZoneInfo("Asia/Jakarta")).date()


DAY_NAMES = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
MONTHS = "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember"


def _long(day: datetime.date) -> str:
    """ "Senin, 4 Agustus 2025" as the counter prints the day."""
    return f"{DAY_NAMES[day.weekday()]}, {day.day} {MONTHS.split()[day.month - 1]} {day.year}"


def _tap(page: Page, item: str, qty: str) -> None:
    row = page.locator(".tap-item", has_text=item)
    row.locator(".tap-add").click()
    expect(row.locator("input[type=number]")).to_have_value(qty)


def _switch_day(page: Page, day: datetime.date) -> None:
    """ "Ganti hari" on the page at hand (the counter or the daily close)."""
    page.get_by_label("Tanggal hari kas").fill(day.isoformat())
    page.get_by_test_id("day-switch-go").click()
    expect(page.get_by_test_id("counter-day")).to_have_text(f"Hari kas: {_long(day)}")


def _sell(
    page: Page,
    day: datetime.date,
    taps: list[str],
    total: str,
    member: str = "",
    credit: bool = False,
) -> None:
    """One sale on the counter day: taps are item names, one tap each (repeats add up)."""
    if member:
        page.get_by_placeholder("Cari nama anggota").fill(member.split()[0])
        page.get_by_test_id("member-search").click()
        page.get_by_label(member).check()
    counts: dict[str, int] = {}
    for item in taps:
        counts[item] = counts.get(item, 0) + 1
        _tap(page, item, str(counts[item]))
    if credit:
        page.get_by_test_id("pay-credit").check()
    expect(page.get_by_test_id("kasir-total")).to_have_text(total)
    page.get_by_test_id("sale-save").click()
    saved = page.get_by_test_id("sale-saved")
    expect(saved).to_contain_text("Tersimpan: struk no. KANTIN-")
    expect(saved).to_contain_text(f"{_long(day)} · {total}")
    expect(page.get_by_test_id("non-member")).to_be_checked()  # the next buyer starts afresh


def _close(page: Page, day: datetime.date, expected: str, counted: str, difference: str) -> None:
    """The daily close page, already on `day`: the cash counted against the cash expected."""
    expect(page.get_by_test_id("counter-day")).to_have_text(f"Hari kas: {_long(day)}")
    expect(page.get_by_test_id("expected-cash")).to_have_text(expected)
    page.get_by_label("Uang tunai yang dihitung (Rp)").fill(counted)
    page.get_by_test_id("day-close-save").click()
    expect(
        page.get_by_text(f"Kas hari {_long(day)} ditutup. Selisih: {difference}.")
    ).to_be_visible()
    expect(page.get_by_test_id("day-closed")).to_be_visible()
    fits_360(page)


def _counter_days(cashier: Page, unit_url: str, days: list[datetime.date]) -> None:
    """Three August days of the last tahun buku from the paper notes, each closed in order."""
    first, second, third = days
    cashier.goto(f"{unit_url}/kasir/")
    expect(cashier.get_by_test_id("counter-day")).to_have_text(f"Hari kas: {_long(_today())}")
    _switch_day(cashier, first)
    fits_360(cashier)
    _sell(cashier, first, ["Nasi uduk", "Teh manis", "Teh manis"], "Rp 11.000", "Sari Anggota")
    _sell(cashier, first, ["Kue lapis", "Teh manis"], "Rp 4.500")
    # On to the next day before closing: the counter says the first day is still open.
    _switch_day(cashier, second)
    notice = cashier.get_by_test_id("open-day")
    expect(notice).to_contain_text(f"Hari {_long(first)} belum ditutup.")
    notice.get_by_role("link", name="Tutup kas hari itu").click()
    _close(cashier, first, "Rp 15.500", "15.500", "Rp 0")

    cashier.goto(f"{unit_url}/kasir/")
    _switch_day(cashier, second)
    expect(cashier.get_by_test_id("open-day")).to_have_count(0)
    _sell(cashier, second, ["Nasi uduk", "Nasi uduk"], "Rp 12.000", "Tono Anggota", credit=True)
    _sell(cashier, second, ["Nasi uduk", "Teh manis"], "Rp 8.500")
    cashier.goto(f"{unit_url}/tutup-kas/")
    _switch_day(cashier, second)
    _close(cashier, second, "Rp 8.500", "7.500", "-Rp 1.000")  # one thousand short

    cashier.goto(f"{unit_url}/kasir/")
    _switch_day(cashier, third)
    _sell(cashier, third, ["Teh manis", "Teh manis", "Kue lapis"], "Rp 7.000", "Umi Anggota")
    _sell(cashier, third, ["Nasi uduk"], "Rp 6.000")
    cashier.goto(f"{unit_url}/tutup-kas/")
    _switch_day(cashier, third)
    _close(cashier, third, "Rp 13.000", "13.000", "Rp 0")
    history = cashier.locator("ul").filter(has_text="seharusnya")
    for day in days:
        expect(history).to_contain_text(f"{day:%d-%m-%Y}")
    expect(history).to_contain_text("selisih -Rp 1.000")

    # A closed day cannot be reopened for sales: the counter refuses and stays on today.
    cashier.goto(f"{unit_url}/kasir/")
    cashier.get_by_label("Tanggal hari kas").fill(second.isoformat())
    cashier.get_by_test_id("day-switch-go").click()
    expect(cashier.get_by_test_id("sale-error")).to_contain_text("sudah ditutup")
    expect(cashier.get_by_test_id("counter-day")).to_have_text(f"Hari kas: {_long(_today())}")


def _stock_day(cashier: Page, unit_url: str) -> None:
    """Today: a supplier delivery, a consignment received, and a stock count one portion short."""
    cashier.goto(f"{unit_url}/pembelian/")
    cashier.get_by_label("Barang", exact=True).select_option(label="Teh manis")
    cashier.get_by_label("Jumlah", exact=True).fill("20")
    cashier.get_by_label("Total dibayar ke pemasok (Rp)").fill("20.000")
    cashier.get_by_role("button", name="Simpan").click()
    expect(cashier.get_by_text("Stok masuk dicatat: 20 gelas Teh manis.")).to_be_visible()
    fits_360(cashier)
    cashier.goto(f"{unit_url}/titipan/")
    cashier.get_by_label("Barang titipan").select_option(label="Kue lapis")
    cashier.get_by_label("Jumlah diterima").fill("10")
    cashier.get_by_role("button", name="Simpan").click()
    expect(cashier.get_by_text("Stok masuk dicatat: 10 pcs Kue lapis.")).to_be_visible()
    cashier.goto(f"{unit_url}/opname/")
    # 60 bought in January, 1 + 2 + 1 + 1 sold in August: 55 on the books; 54 on the shelf
    rice = cashier.get_by_label(re.compile(r"^Nasi uduk"))
    expect(cashier.locator("label", has_text="Nasi uduk")).to_contain_text("di buku 55 porsi")
    rice.fill("54")
    cashier.get_by_role("button", name="Simpan").click()
    expect(cashier.get_by_text("Stok opname dicatat: 1 barang disesuaikan.")).to_be_visible()
    expect(cashier.locator("label", has_text="Nasi uduk")).to_contain_text("di buku 54 porsi")
    # tea: 80 - 6 + 20; cake: 20 - 2 + 10
    expect(cashier.locator("label", has_text="Teh manis")).to_contain_text("di buku 94 gelas")
    expect(cashier.locator("label", has_text="Kue lapis")).to_contain_text("di buku 28 pcs")
    fits_360(cashier)


def _close_year(teacher: Page, base_url: str, world: dict) -> None:
    teacher.goto(f"{base_url}/koperasi/{world['slug']}/periode/")
    teacher.locator("#fiscal-year").fill(str(world["year"]))
    teacher.get_by_role("button", name="Tutup tahun buku", exact=True).click()
    expect(teacher.get_by_text(f"Tahun buku {world['year']} ditutup")).to_be_visible()
    fits_360(teacher)


def _start_rat(teacher: Page, base_url: str, world: dict) -> None:
    """Scheduled today, opened, five of six present (kuorum 51 % of 6 = 4)."""
    teacher.goto(f"{base_url}/koperasi/{world['slug']}/rapat-anggota/")
    form = teacher.get_by_test_id("rat-schedule-form")
    form.get_by_label("Tahun buku").fill(str(world["year"]))
    form.get_by_label("Tanggal RAT").fill(_today().isoformat())
    form.get_by_role("button", name="Jadwalkan dan undang anggota").click()
    start = teacher.get_by_test_id("rat-start-form")
    start.get_by_label("Pimpinan rapat").fill("Tono Anggota")
    start.get_by_label("Notulis").fill("Umi Anggota")
    start.get_by_role("button", name="Mulai RAT").click()
    expect(teacher.get_by_test_id("rat-done")).to_have_text("RAT dimulai.")
    attendance = teacher.get_by_test_id("rat-attendance-form")
    for member in world["members"][:5]:
        attendance.get_by_label(re.compile(member["name"])).check()
    attendance.get_by_role("button", name="Catat hadir").click()
    expect(teacher.get_by_test_id("rat-quorum")).to_contain_text("Hadir 5 dari 6 anggota")
    expect(teacher.get_by_test_id("rat-quorum")).to_contain_text("Kuorum tercapai.")
    fits_360(teacher)


def _open_shu_vote(teacher: Page, world: dict) -> str:
    form = teacher.get_by_test_id("motion-form")
    form.get_by_label("Jenis").select_option("shu")
    form.get_by_label("Judul").fill(f"{SHU_MOTION} {world['year']}")
    form.get_by_role("button", name="Tambahkan").click()
    expect(teacher.get_by_test_id("rat-done")).to_have_text("Usulan keputusan ditambahkan.")
    opener = teacher.locator("[data-testid^=open-form-]")
    motion_pk = (opener.get_attribute("data-testid") or "").removeprefix("open-form-")
    opener.get_by_role("button", name="Buka pemungutan suara").click()
    expect(teacher.get_by_test_id("rat-done")).to_have_text("Pemungutan suara dibuka.")
    return motion_pk


def _member_votes(member: Page, base_url: str, username: str) -> None:
    login(member, base_url, username)
    member.get_by_test_id("rat-vote-link").click()
    form = member.get_by_test_id("vote-form")
    expect(member.get_by_test_id("open-motion")).to_contain_text(SHU_MOTION)
    form.get_by_label("Setuju", exact=True).check()
    form.get_by_role("button", name="Kirim suara").click()
    expect(member.get_by_test_id("vote-cast")).to_be_visible()
    fits_360(member)


def _paper_vote(teacher: Page, motion_pk: str, name: str) -> None:
    card = teacher.locator("section.card", has=teacher.get_by_test_id(f"decide-{motion_pk}"))
    details = card.locator("details")
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    form = card.locator("form").filter(
        has=teacher.get_by_role("button", name="Catat suara", exact=True)
    )
    form.get_by_label("Anggota").select_option(label=name)
    form.get_by_label("Pilihan").select_option(label="Setuju")
    form.get_by_role("button", name="Catat suara", exact=True).click()
    expect(teacher.get_by_test_id("rat-done")).to_have_text("Suara kertas tercatat.")


def _decide_and_close(teacher: Page, motion_pk: str) -> None:
    tally = teacher.get_by_test_id(f"motion-{motion_pk}").get_by_test_id("motion-tally")
    expect(tally).to_contain_text("Setuju 4 · Tidak setuju 0 · Abstain 0", timeout=10_000)
    teacher.get_by_test_id(f"decide-{motion_pk}").click()
    expect(teacher.get_by_test_id("rat-done")).to_have_text("Keputusan dicatat: Disetujui.")
    teacher.once("dialog", lambda dialog: dialog.accept())
    teacher.get_by_test_id("rat-close").click()
    expect(teacher.get_by_test_id("rat-done")).to_have_text("RAT ditutup dan dicatat.")
    fits_360(teacher)


def _confirm_and_pay(teacher: Page, base_url: str, world: dict, member: str) -> None:
    teacher.goto(f"{base_url}/koperasi/{world['slug']}/shu/?tahun={world['year']}")
    expect(teacher.get_by_test_id("shu-problems")).to_have_count(0)
    teacher.get_by_test_id("shu-confirm").click()
    expect(teacher.get_by_test_id("shu-distribution")).to_be_visible()
    fits_360(teacher)
    row = teacher.get_by_test_id("shu-shares").locator("tr", has_text=member)
    row.get_by_role("button", name="Bayar tunai").click()
    expect(teacher.get_by_text(f"SHU {member} dibayar.")).to_be_visible()


def _pack_text(teacher: Page, base_url: str, world: dict) -> str:
    teacher.goto(f"{base_url}/koperasi/{world['slug']}/rapat-anggota/{world['year']}/")
    with teacher.expect_download() as download:
        teacher.get_by_test_id("rat-pack").click()
    with open(download.value.path(), "rb") as handle:
        return pdf_text(handle.read())


def test_a_cooperative_year_from_the_counter_to_the_shu_in_the_portal(
    phones: list[Page], base_url: str, world: dict
) -> None:
    cashier, teacher, sari, tono = phones
    unit_url = f"{base_url}/koperasi/{world['slug']}/usaha/{world['unit']}"
    days = [datetime.date(world["year"], 8, d) for d in (4, 5, 6)]
    login(cashier, base_url, world["treasurer"])
    _counter_days(cashier, unit_url, days)
    _stock_day(cashier, unit_url)

    login(teacher, base_url, world["teacher"])
    _close_year(teacher, base_url, world)
    _start_rat(teacher, base_url, world)
    motion_pk = _open_shu_vote(teacher, world)
    members = world["members"]
    _member_votes(sari, base_url, members[1]["username"])
    _member_votes(tono, base_url, members[2]["username"])
    for member in (members[0], members[3]):  # the treasurer and Umi vote on paper
        _paper_vote(teacher, motion_pk, member["name"])
    _decide_and_close(teacher, motion_pk)
    _confirm_and_pay(teacher, base_url, world, members[1]["name"])

    expected = build(f"year_expected({world['slug']!r}, {world['year']})")
    assert expected["counter_days"] == [d.isoformat() for d in days]
    assert expected["counter_sales_in_year"] == 6  # the browser's sales, all in the closed year
    share = expected["shares"][members[1]["username"]]
    assert Decimal(share) > 0 and Decimal(expected["surplus"]) > 0
    sari.goto(f"{base_url}/koperasi/saya/")
    expect(sari.get_by_test_id("portal-shu")).to_have_text(rupiah(share))
    history = sari.get_by_test_id("portal-shu-history")
    expect(history).to_contain_text(f"Tahun buku {world['year']}: {rupiah(share)}")
    expect(history).to_contain_text("dibayar")
    fits_360(sari)

    text = _pack_text(teacher, base_url, world)
    assert f"SHU tahun berjalan {rupiah(expected['surplus'])}" in text
    assert f"Seimbang: Aset = Liabilitas + Ekuitas = {rupiah(expected['total_assets'])}" in text
    assert f"Kas dan bank akhir tahun {rupiah(expected['cash_closing'])}" in text
    assert f"SHU: {rupiah(expected['shu_total'])}" in text
    for amount in expected["allocation"]:
        assert rupiah(amount) in text
    yes, no, abstain = expected["votes"]
    assert (
        f"{SHU_MOTION} {world['year']} disetujui RAT ({yes} setuju, {no} tidak setuju, "
        f"{abstain} abstain): SHU {rupiah(expected['shu_total'])}."
    ) in text
    assert (yes, no, abstain) == (4, 0, 0)
    for page in phones:
        assert page.console_errors == []  # type: ignore[attr-defined]
