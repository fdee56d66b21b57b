"""The RAT in the browser at 360 px: the guru pembina schedules and opens it, records the
daftar hadir until the kuorum is met, opens a vote; two members vote on their own phones, a
member without a phone votes with a one-time code the teacher enters; the live results follow
without a reload; the vote is closed and decided, a second vote is refused in Indonesian, the
RAT is closed and its notulen PDF reads back with the counts."""

from __future__ import annotations

import datetime
import re
import uuid
from collections.abc import Iterator
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import PHONE, _context, _screenshot_on_failure, _watch_errors
from tests.e2e.helpers import fits_360, login, pdf_text
from tests.e2e.worlds import build

MOTION = "Pengesahan laporan pertanggungjawaban pengurus"


@pytest.fixture(scope="module")
def world() -> dict:
    return build(f"rat_world({'rat' + uuid.uuid4().hex[:6]!r})")


@pytest.fixture
def phones(browser: Browser, request: pytest.FixtureRequest) -> Iterator[list[Page]]:
    """Three phones, each its own browser context: the teacher and two members."""
    contexts = [
        _context(browser, PHONE, is_mobile=True, has_touch=True, accept_downloads=True)
        for _i in range(3)
    ]
    pages = [c.new_page() for c in contexts]
    for page in pages:
        page.console_errors = _watch_errors(page)  # type: ignore[attr-defined]
    yield pages
    for i, page in enumerate(pages):
        _screenshot_on_failure(page, request, f"phone{i}")
    for context in contexts:
        context.close()


def _today() -> str:
    return datetime.datetime.now(ZoneInfo("Asia/Jakarta")).date().isoformat()


def _mark_present(teacher: Page, *names: str) -> None:
    form = teacher.get_by_test_id("rat-attendance-form")
    for name in names:
        form.get_by_label(re.compile(name)).check()
    form.get_by_role("button", name="Catat hadir").click()
    expect(teacher.get_by_test_id("rat-done")).to_contain_text(
        f"{len(names)} anggota dicatat hadir"
    )


def _schedule_and_start(teacher: Page, base_url: str, world: dict) -> None:
    login(teacher, base_url, world["teacher"])
    teacher.goto(f"{base_url}/koperasi/{world['slug']}/rapat-anggota/")
    form = teacher.get_by_test_id("rat-schedule-form")
    expect(form.get_by_label("Tahun buku")).to_have_value(str(world["year"]))
    form.get_by_label("Tanggal RAT").fill(_today())
    form.get_by_label("Tempat").fill("Aula sekolah")
    form.get_by_role("button", name="Jadwalkan dan undang anggota").click()
    expect(teacher).to_have_url(re.compile(rf"/rapat-anggota/{world['year']}/$"))
    expect(teacher.get_by_test_id("rat-quorum")).to_contain_text("Hadir 0 dari 5 anggota")
    fits_360(teacher)
    start = teacher.get_by_test_id("rat-start-form")
    start.get_by_label("Pimpinan rapat").fill("Ani Rapat")
    start.get_by_label("Notulis").fill("Budi Rapat")
    start.get_by_role("button", name="Mulai RAT").click()
    expect(teacher.get_by_test_id("rat-done")).to_have_text("RAT dimulai.")


def _quorum_then_open(teacher: Page) -> str:
    """Two of five present: no vote; the third makes the 51 % kuorum (3); returns the motion pk."""
    _mark_present(teacher, "Ani Rapat", "Budi Rapat")
    expect(teacher.get_by_test_id("rat-quorum")).to_contain_text("Kuorum belum tercapai.")
    form = teacher.get_by_test_id("motion-form")
    form.get_by_label("Jenis").select_option("lpj")
    form.get_by_label("Judul").fill(MOTION)
    form.get_by_label("Isi usulan").fill(
        "Laporan organisasi, usaha dan keuangan.\nDibacakan ketua."
    )
    form.get_by_role("button", name="Tambahkan").click()
    expect(teacher.get_by_test_id("rat-done")).to_have_text("Usulan keputusan ditambahkan.")
    opener = teacher.locator("[data-testid^=open-form-]")
    motion_pk = (opener.get_attribute("data-testid") or "").removeprefix("open-form-")
    opener.get_by_role("button", name="Buka pemungutan suara").click()
    expect(teacher.get_by_test_id("rat-error")).to_contain_text("RAT belum mencapai kuorum")
    _mark_present(teacher, "Citra Rapat")
    expect(teacher.get_by_test_id("rat-quorum")).to_contain_text("Hadir 3 dari 5 anggota")
    expect(teacher.get_by_test_id("rat-quorum")).to_contain_text("Kuorum tercapai.")
    teacher.get_by_test_id(f"open-form-{motion_pk}").get_by_label("Lama (menit)").fill("10")
    teacher.get_by_test_id(f"open-form-{motion_pk}").get_by_role("button").click()
    expect(teacher.get_by_test_id("rat-done")).to_have_text("Pemungutan suara dibuka.")
    expect(teacher.locator("#rat-results")).to_have_attribute("data-polling", "ya")
    fits_360(teacher)
    return motion_pk


def _open_ballot(member: Page, base_url: str, username: str) -> None:
    """The member signs in on their phone and follows the dashboard's open-vote link."""
    login(member, base_url, username)
    link = member.get_by_test_id("rat-vote-link")
    expect(link).to_have_text(MOTION)
    link.click()
    expect(member.get_by_test_id("open-motion")).to_contain_text(MOTION)
    expect(member.get_by_test_id("open-motion")).to_contain_text("Dibacakan ketua.")
    fits_360(member)


def _vote(member: Page, choice: str) -> None:
    form = member.get_by_test_id("vote-form")
    form.get_by_label(choice, exact=True).check()
    form.get_by_role("button", name="Kirim suara").click()
    expect(member.get_by_test_id("vote-cast")).to_have_text("Suara tercatat. Terima kasih.")
    expect(member.get_by_test_id("already-voted")).to_be_visible()


def _code_for(teacher: Page, motion_pk: str, name: str) -> str:
    """The one-time codes open on a new tab (to print); the code of the member named."""
    card = teacher.locator("section.card", has=teacher.get_by_test_id(f"decide-{motion_pk}"))
    card.get_by_text("Catat suara kertas").click()
    with teacher.context.expect_page() as opened:
        card.get_by_role("button", name="Buat kode suara sekali pakai (cetak)").click()
    codes = opened.value
    codes.wait_for_load_state("domcontentloaded")
    row = codes.get_by_test_id("ballot-codes").locator("tr", has_text=name)
    code = row.locator("code").inner_text()
    fits_360(codes)
    codes.close()
    assert re.fullmatch(r"[A-Z2-9]{5}-[A-Z2-9]{5}", code)
    return code


def _enter_code(teacher: Page, code: str, choice: str) -> None:
    form = teacher.locator("form", has=teacher.get_by_label("Kode suara"))
    form.get_by_label("Kode suara").fill(code.lower())  # typed from paper: case does not matter
    form.get_by_label("Pilihan").select_option(label=choice)
    form.get_by_role("button", name="Kirim suara").click()


def test_rat_with_quorum_phone_votes_a_code_vote_live_results_and_minutes(
    phones: list[Page], base_url: str, world: dict
) -> None:
    teacher, ani, budi = phones
    _schedule_and_start(teacher, base_url, world)
    motion_pk = _quorum_then_open(teacher)
    tally = teacher.get_by_test_id(f"motion-{motion_pk}").get_by_test_id("motion-tally")
    expect(tally).to_contain_text("Setuju 0 · Tidak setuju 0 · Abstain 0")

    # Ani has the ballot open on two tabs; she votes on one, then taps again on the other
    ani_name, budi_name = world["members"][0], world["members"][1]
    _open_ballot(ani, base_url, ani_name["username"])
    stale = ani.context.new_page()
    stale.goto(ani.url)
    _vote(ani, "Setuju")
    expect(tally).to_contain_text("Setuju 1 · Tidak setuju 0", timeout=10_000)  # polled
    stale.get_by_test_id("vote-form").get_by_label("Tidak setuju").check()
    stale.get_by_role("button", name="Kirim suara").click()
    expect(stale.get_by_test_id("vote-error")).to_have_text(
        "Anggota ini sudah memberikan suara untuk keputusan ini (satu anggota satu suara)."
    )
    stale.close()

    # Budi votes against from his own phone; the teacher's page follows without a reload
    _open_ballot(budi, base_url, budi_name["username"])
    _vote(budi, "Tidak setuju")
    expect(tally).to_contain_text("Setuju 1 · Tidak setuju 1", timeout=10_000)

    # Citra has no phone: a one-time code, typed in by the teacher; it works once only
    code = _code_for(teacher, motion_pk, "Citra Rapat")
    _enter_code(teacher, code, "Setuju")
    expect(teacher.get_by_test_id("rat-done")).to_have_text("Suara dengan kode tercatat.")
    expect(tally).to_contain_text("Setuju 2 · Tidak setuju 1 · Abstain 0")
    _enter_code(teacher, code, "Tidak setuju")
    expect(teacher.get_by_test_id("rat-error")).to_have_text(
        "Kode suara tidak dikenal atau sudah dipakai."
    )

    # close the vote and decide: passed 2-1; polling stops; Ani's ballot page says it is over
    teacher.get_by_test_id(f"decide-{motion_pk}").click()
    expect(teacher.get_by_test_id("rat-done")).to_have_text("Keputusan dicatat: Disetujui.")
    expect(teacher.locator("#rat-results")).to_have_attribute("data-polling", "tidak")
    ani.reload()
    expect(ani.get_by_test_id("no-open-motion")).to_be_visible()

    # the notulen, then the RAT is closed (it asks first) and nothing can change any more
    teacher.get_by_label("Notulen", exact=True).fill(
        "Rapat dibuka pukul 09.00 dan berjalan tertib."
    )
    teacher.get_by_role("button", name="Simpan notulen").click()
    expect(teacher.get_by_test_id("rat-done")).to_have_text("Notulen disimpan.")
    teacher.once("dialog", lambda dialog: dialog.accept())
    teacher.get_by_test_id("rat-close").click()
    expect(teacher.get_by_test_id("rat-done")).to_have_text("RAT ditutup dan dicatat.")
    expect(teacher.locator("#rat-body")).to_have_attribute("data-status", "selesai")
    expect(teacher.get_by_test_id("rat-minutes")).to_have_text(
        "Rapat dibuka pukul 09.00 dan berjalan tertib."
    )
    fits_360(teacher)

    with teacher.expect_download() as download:
        teacher.get_by_role("link", name="Notulen (PDF)").click()
    with open(download.value.path(), "rb") as handle:
        text = pdf_text(handle.read())
    assert "Hadir 3 dari 5 anggota; kuorum 51% = 3 anggota. Kuorum tercapai." in text
    # the decision row: the title wraps in its cell, the counts and the result follow it
    assert re.search(r"Pengesahan laporan pertanggungjawaban 2 1 0 Disetujui pengurus", text)
    assert "Rapat dibuka pukul 09.00 dan berjalan tertib." in text
    assert "Pimpinan rapat: Ani Rapat" in text and "Notulis: Budi Rapat" in text
    for page in phones:
        assert page.console_errors == []  # type: ignore[attr-defined]
