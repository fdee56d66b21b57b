"""A student learns on a phone (with a lost connection mid-quiz); the teacher sees it.

Runs against the live demo server (scripts/e2e.sh): `siswa` is in class 8A, which has
"Koperasi Sekolah untuk Pelajar" assigned by the demo seed.
"""

from __future__ import annotations

import csv
import io
import re

from playwright.sync_api import BrowserContext, Locator, Page, expect

from courses.curriculum.koperasi_sekolah import COURSE
from tests.e2e.helpers import login

FIRST_LESSON = COURSE["lessons"][0]
KEYS = {q["prompt"]: q for q in FIRST_LESSON["quiz"]["questions"]}


def _answer(item: Locator) -> None:
    """Fill in the correct answer; the page itself never carries it, the curriculum does."""
    prompt = item.locator(".prompt").inner_text().strip()
    key = KEYS[prompt]
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
        for left, right in key["pairs"]:
            item.locator("label", has_text=left).locator("select").select_option(label=right)
    elif kind == "ordering":
        for rank, text in enumerate(key["items"], start=1):
            item.locator("label", has_text=text).locator("select").select_option(label=str(rank))
    if kind in ("numeric", "short_text"):  # typed answers: saved with the button (or on leaving)
        item.get_by_role("button", name="Simpan jawaban").click()
    # choices, pairs and steps are saved as soon as they change


def test_student_learns_loses_connection_resumes_and_teacher_exports(
    phone: Page, desktop: Page, context: BrowserContext, base_url: str
) -> None:
    # given: the student on a 360 px phone opens the course assigned to class 8A
    login(phone, base_url, "siswa")
    phone.get_by_role("link", name="Belajar saya").first.click()
    card = phone.locator(f'[data-course="{COURSE["slug"]}"]')
    expect(card).to_contain_text(f"0 dari {len(COURSE['lessons'])} pelajaran selesai")
    card.get_by_role("link", name="Mulai belajar").click()

    # the student reads the first lesson
    expect(phone.get_by_role("heading", level=1)).to_have_text(FIRST_LESSON["title"])
    expect(phone.get_by_role("heading", name="Pengertian koperasi")).to_be_visible()
    assert not phone.evaluate("document.documentElement.scrollWidth > window.innerWidth")

    # when: the quiz starts over htmx (no page load) and two answers are saved on change
    phone.get_by_role("button", name="Mulai kuis").click()
    items = phone.locator("li.question")
    expect(items).to_have_count(len(KEYS))
    url_before = phone.url
    for index in range(2):
        _answer(items.nth(index))
        expect(items.nth(index)).to_contain_text("Jawaban tersimpan")
    assert phone.url == url_before
    expect(phone.locator("#quiz-submit")).to_contain_text("2 dari 5 soal sudah dijawab")
    assert phone.console_errors == []  # type: ignore[attr-defined]

    # the student changes their mind on the true/false question before submitting
    true_false = items.filter(has=phone.get_by_label("Benar", exact=True))
    key = KEYS[true_false.locator(".prompt").inner_text().strip()]
    wrong = "Salah" if key["answer"] else "Benar"
    # The order is shuffled: the true/false question was answered above if it is one of the
    # first two, and changing it then does not add to the count.
    prompts = [p.strip() for p in items.locator(".prompt").all_inner_texts()]
    answered = 2 if prompts.index(true_false.locator(".prompt").inner_text().strip()) < 2 else 3
    true_false.get_by_label(wrong, exact=True).check()
    expect(true_false.locator(".save-state")).to_contain_text(f"Jawaban tersimpan: {wrong}")
    _answer(true_false)
    right = "Benar" if key["answer"] else "Salah"
    # rendered text: the saved state is shown once the request is over, not while it runs
    expect(true_false.locator(".save-state")).to_contain_text(
        f"Jawaban tersimpan: {right}", use_inner_text=True
    )
    expect(phone.locator("#quiz-submit")).to_contain_text(f"{answered} dari 5 soal sudah dijawab")

    # the connection drops: the next answer cannot reach the server, and its question says so
    pending = next(
        i
        for i in range(len(KEYS))
        if "Jawaban tersimpan" not in (items.nth(i).text_content() or "")
    )
    context.set_offline(True)
    _answer(items.nth(pending))
    notice = phone.locator("#connection-notice")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("Koneksi terputus")
    expect(items.nth(pending).locator(".save-state .offline")).to_be_visible()
    expect(items.nth(pending)).to_contain_text("Belum tersimpan", use_inner_text=True)
    expect(items.nth(pending)).not_to_contain_text("Jawaban tersimpan")
    context.set_offline(False)  # back online: the answer is sent again by itself
    expect(items.nth(pending)).to_contain_text("Jawaban tersimpan")
    expect(notice).to_be_hidden()

    # then: after reconnecting, the lesson reopens the same attempt with the saved answers
    phone.reload()
    items = phone.locator("li.question")
    expect(items).to_have_count(len(KEYS))
    expect(phone.locator("li.question .saved")).to_have_count(answered + 1)
    expect(true_false.get_by_label(right, exact=True)).to_be_checked()

    # submitting with a question left asks first and names it; nothing is graded yet
    phone.get_by_role("button", name="Kirim jawaban").click()
    confirm = phone.locator("#quiz-confirm .confirm-submit")
    expect(confirm).to_contain_text(f"{len(KEYS) - answered - 1} soal belum dijawab")
    left = [i for i in range(len(KEYS)) if "Belum dijawab" in items.nth(i).inner_text()]
    for index in left:
        expect(confirm).to_contain_text(f"Soal {index + 1}")
    expect(phone.get_by_role("button", name="Tetap kirim sekarang")).to_be_visible()
    expect(phone.get_by_role("button", name="Kirim jawaban")).to_be_hidden()
    for index in left:
        _answer(items.nth(index))
        expect(items.nth(index)).to_contain_text("Jawaban tersimpan")
    expect(confirm).to_be_hidden()  # all answered: the warning is gone
    phone.get_by_role("button", name="Kirim jawaban").click()
    expect(phone.get_by_role("status")).to_contain_text("Nilai: 100")
    expect(phone.locator("#quiz-panel .ok").first).to_contain_text("Benar")  # feedback
    expect(phone.locator("#lesson-done")).to_contain_text("Pelajaran selesai")
    # the only errors logged are the two requests sent while offline
    unexpected = [
        e
        for e in phone.console_errors  # type: ignore[attr-defined]
        if "DISCONNECTED" not in e and not e.startswith(("htmx:sendError", "htmx:afterRequest"))
    ]
    assert unexpected == []

    phone.goto(f"{base_url}/belajar/")
    expect(card).to_contain_text(f"1 dari {len(COURSE['lessons'])} pelajaran selesai")
    expect(card.get_by_role("link", name="Lanjutkan belajar")).to_be_visible()

    # the teacher sees the attempt in the class grid and downloads the export
    login(desktop, base_url, "guru")
    desktop.goto(f"{base_url}/belajar/kelas/")
    desktop.get_by_role("link", name=COURSE["title"]).first.click()
    row = desktop.locator("#progress-grid tr", has_text="Siti Rahmawati")
    expect(row).to_contain_text("1/6")
    expect(row).to_contain_text("100")
    with desktop.expect_download() as download_info:
        desktop.get_by_role("link", name="Unduh CSV").click()
    text = open(download_info.value.path(), encoding="utf-8-sig").read()  # noqa: SIM115
    line = next(r for r in csv.reader(io.StringIO(text)) if r and r[1] == "siswa")
    assert line[0] == "Siti Rahmawati" and line[2] == "1/6" and line[3] == "ya"
    with desktop.expect_download() as download_info:
        desktop.get_by_role("link", name="Unduh Excel (XLSX)").click()
    assert download_info.value.suggested_filename.endswith(".xlsx")
    assert desktop.console_errors == []  # type: ignore[attr-defined]


def test_a_lesson_video_loads_its_player_only_when_the_student_presses_play(
    phone: Page, base_url: str
) -> None:
    player = "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
    requested: list[str] = []

    def fake_player(route):  # nothing leaves this machine
        requested.append(route.request.url)
        route.fulfill(body="<p>pemutar</p>", content_type="text/html")

    phone.route("https://www.youtube-nocookie.com/**", fake_player)
    login(phone, base_url, "siswa")
    phone.goto(f"{base_url}/kursus/{COURSE['slug']}/{FIRST_LESSON['slug']}/")
    # a video block as courses/blocks/video.html renders it for a YouTube link
    phone.evaluate(
        """(src) => document.querySelector('main').insertAdjacentHTML('beforeend',
        `<figure class="callout tip video" data-embed="${src}" data-title="Video RAT">
         <a href="https://youtu.be/dQw4w9WgXcQ">Video RAT</a>
         <p><button type="button" class="button small" data-play>Putar di sini</button></p>
         </figure>`)""",
        player,
    )
    phone.wait_for_timeout(300)
    assert requested == []  # nothing is fetched before the student asks
    phone.get_by_role("button", name="Putar di sini").click()
    frame = phone.locator("figure.video iframe")
    expect(frame).to_have_attribute("src", player)
    expect(frame).to_have_attribute("title", "Video RAT")
    expect(phone.frame_locator("figure.video iframe").locator("p")).to_have_text("pemutar")
    assert requested == [player]
