"""A content editor writes a question in the Wagtail admin (demo user `editor`)."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.helpers import login


def test_question_form_shows_only_the_fields_of_the_chosen_kind(desktop: Page, base_url: str):
    # given: the editor opens a new bank question
    login(desktop, base_url, "editor")
    desktop.goto(f"{base_url}/admin/snippets/courses/question/add/")
    kind = desktop.locator('select[name="kind"]')
    numeric = desktop.locator('[data-question-kinds="numeric"]')
    true_false = desktop.locator('[data-question-kinds="true_false"]')
    choices = desktop.locator('[data-question-kinds="single multiple matching ordering"]')
    short = desktop.locator('[data-question-kinds="short_text"]')
    # before a kind is chosen only the common fields show
    expect(desktop.locator("#id_prompt")).to_be_visible()
    for panel in (numeric, true_false, choices, short):
        expect(panel).to_be_hidden()
    # when: the editor picks "Jawaban angka"
    kind.select_option("numeric")
    # then: the number fields show and the others stay hidden
    expect(numeric).to_be_visible()
    expect(desktop.locator("#id_numeric_tolerance")).to_be_visible()
    for panel in (true_false, choices, short):
        expect(panel).to_be_hidden()
    # a matching question shows the pairs, without the "correct" tick of choice questions
    kind.select_option("matching")
    expect(choices).to_be_visible()
    expect(numeric).to_be_hidden()
    desktop.get_by_role("button", name="Tambah Pilihan / pasangan / urutan").first.click()
    row = desktop.locator('[id^="inline_child_choices-"]').first
    expect(row.locator('[data-question-kinds="matching"]')).to_be_visible()
    expect(row.locator('[data-question-kinds="single multiple"]')).to_be_hidden()
    kind.select_option("single")
    expect(row.locator('[data-question-kinds="single multiple"]')).to_be_visible()
    expect(row.locator('[data-question-kinds="matching"]')).to_be_hidden()
