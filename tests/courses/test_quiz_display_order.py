"""The order in which matching pairs and ordering steps are shown must not give the key away."""

import re

import pytest
from django.urls import reverse

from courses.admin_forms import question_errors
from courses.models import QuestionKind, QuizAttempt
from courses.services import quiz_attempt_submit
from tests.courses.factories import add_choices, make_course, make_question, make_quiz

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}
PAIRS = [("Pengurus", "Menjalankan usaha"), ("Pengawas", "Memeriksa"), ("RAT", "Memutuskan")]
STEPS = ["Bukti transaksi", "Jurnal umum", "Buku besar"]


def _question_html(html: str, kind: str) -> str:
    pattern = rf'<li id="q-\d+" class="question" data-kind="{kind}">(.*?)</li>'
    return re.search(pattern, html, re.S)[1]


def _shown_matching(html: str) -> tuple[list[str], list[str]]:
    block = _question_html(html, "matching")
    lefts = re.findall(r"<label>([^<]+?)\s*<select name=\"match-\d+\"", block)
    first_select = re.search(r'<select name="match-0".*?</select>', block, re.S)[0]
    rights = re.findall(r'<option value="\d+">([^<]+)</option>', first_select)
    return lefts, rights


def _shown_steps(html: str) -> list[str]:
    return re.findall(r"</select> <span>([^<]+)</span>", _question_html(html, "ordering"))


def test_rendered_quiz_never_shows_matching_or_ordering_in_key_order(client, student, monkeypatch):
    # given: a quiz with a three-pair matching and a three-step ordering question
    matching = add_choices(
        make_question(QuestionKind.MATCHING, "Jodohkan organ."), [(a, False, b) for a, b in PAIRS]
    )
    ordering = add_choices(
        make_question(QuestionKind.ORDERING, "Urutkan."), [(s, False, "") for s in STEPS]
    )
    quiz = make_quiz([matching, ordering], max_attempts=0, title="Urutan tampilan")
    _course, (lesson,) = make_course(lessons=1, quiz=quiz, slug="urutan")
    client.force_login(student)
    key = dict(PAIRS)
    seen_left_orders = set()
    # when: many attempts start, each from a different (fixed, so repeatable) random seed
    for seed in range(40):
        monkeypatch.setattr("courses.services.secrets.randbits", lambda _bits, s=seed: s)
        html = client.post(
            reverse("courses:attempt-start", args=[lesson.pk]), headers=HTMX
        ).content.decode()
        lefts, rights = _shown_matching(html)
        steps = _shown_steps(html)
        # then: the right column is never aligned with the left, the steps never in order
        assert sorted(lefts) == sorted(key) and sorted(rights) == sorted(key.values())
        assert [key[left] for left in lefts] != rights, (seed, lefts, rights)
        assert sorted(steps) == sorted(STEPS) and steps != STEPS, (seed, steps)
        seen_left_orders.add(tuple(lefts))
        attempt = QuizAttempt.objects.get(student=student, status="in_progress")
        quiz_attempt_submit(attempt_id=attempt.pk, student=student)
    assert len(seen_left_orders) > 1  # the left column is shuffled too


@pytest.mark.parametrize("kind", ["matching", "ordering"])
def test_matching_and_ordering_need_three_items(kind):
    rows = [{"text": "a", "match_text": "x"}, {"text": "b", "match_text": "y"}]
    errors = question_errors(kind, rows, {})
    assert errors and "tiga" in errors[0][1]
    rows.append({"text": "c", "match_text": "z"})
    assert question_errors(kind, rows, {}) == []
