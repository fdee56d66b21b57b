"""The course "Kewirausahaan Koperasi untuk Pelajar": seeded, gradable, and its numbers agree.

Lesson 4's worked examples and numeric answers are recomputed with the same calculator the
students' worksheet uses (courses/worksheets/pricing.py).
"""

import re
from decimal import Decimal

import pytest

from courses import demo
from courses.curriculum import kewirausahaan
from courses.curriculum.kewirausahaan import (
    ASSIGNMENTS,
    COURSE,
    PRICING_EXAMPLES,
    PRICING_WORKED_EXAMPLES,
    RUBRIC,
    RUBRIC_MAX_POINTS,
)
from courses.grading import is_correct
from courses.models import CoursePage, LessonPage, Question, Quiz
from courses.worksheets.canvas import BLOCKS
from courses.worksheets.pricing import calculate_price

LESSONS = {lesson["slug"]: lesson for lesson in COURSE["lessons"]}
PRICING = LESSONS["hpp-harga-dan-titik-impas"]


def _rupiah(amount: Decimal | int) -> str:
    return f"{int(amount):,}".replace(",", ".")


def _text(value: object) -> str:
    if isinstance(value, dict):
        return " ".join(_text(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return " ".join(_text(v) for v in value)
    return str(value)


def _worked_examples(lesson: dict) -> dict[str, dict]:
    return {value["title"]: value for kind, value in lesson["body"] if kind == "worked_example"}


def test_course_has_seven_lessons_with_english_titles_and_quizzes():
    assert len(COURSE["lessons"]) >= 7 and COURSE["title_en"] and COURSE["summary_en"]
    assert len(LESSONS) == len(COURSE["lessons"])
    for lesson in COURSE["lessons"]:
        assert lesson["title_en"] and lesson["summary_en"], lesson["slug"]
        assert lesson["title_en"] != lesson["title"], lesson["slug"]
        questions = lesson["quiz"]["questions"]
        assert len(questions) >= 5 and len({q["kind"] for q in questions}) >= 3, lesson["slug"]


@pytest.mark.parametrize("title", sorted(PRICING_WORKED_EXAMPLES))
def test_each_pricing_worked_example_shows_the_calculators_numbers(title):
    block = _worked_examples(PRICING)[title]
    inputs = PRICING_EXAMPLES[PRICING_WORKED_EXAMPLES[title]]
    result = calculate_price(**inputs)
    text = _text(block)
    figures = [
        result.price,
        result.contribution_margin,
        result.break_even_revenue,
        result.profit_at_volume,
        result.total_cost,
    ]
    if "margin_percent" in inputs:  # a target price is given, the HPP is not the point
        figures.append(result.hpp_per_unit)
    for figure in figures:
        assert _rupiah(figure) in text, (title, figure)
    assert re.search(rf"\b{result.break_even_units} (cup|gelas)\b", text), title


def test_lesson_four_has_a_worked_example_for_each_named_case():
    assert set(PRICING_WORKED_EXAMPLES) <= set(_worked_examples(PRICING))
    assert set(PRICING_WORKED_EXAMPLES.values()) <= set(PRICING_EXAMPLES)


def test_every_numeric_pricing_answer_is_the_calculators():
    numeric = [q for q in PRICING["quiz"]["questions"] if q["kind"] == "numeric"]
    assert len(numeric) >= 5
    for question in numeric:
        case, field = question["check"]
        result = calculate_price(**PRICING_EXAMPLES[case])
        assert Decimal(question["answer"]) == Decimal(getattr(result, field)), question["prompt"]
        assert question["tolerance"] == 0


def test_every_numeric_answer_is_a_whole_number():
    for lesson in COURSE["lessons"]:
        for question in lesson["quiz"]["questions"]:
            if question["kind"] == "numeric":
                assert isinstance(question["answer"], int), question["prompt"]


def test_shu_example_and_answers_follow_participation():
    """Jasa usaha by purchases, jasa modal by savings (docs/domain.md §3.3)."""
    lesson = LESSONS["usaha-tim-sebagai-koperasi"]
    jua = Decimal(120_000) / Decimal(6_000_000) * 300_000
    jma = Decimal(50_000) / Decimal(4_000_000) * 200_000
    text = _text(_worked_examples(lesson)["SHU Rina"])
    for figure in (jua, jma, jua + jma):
        assert f"Rp {_rupiah(figure)}" in text
    answers = [q["answer"] for q in lesson["quiz"]["questions"] if q["kind"] == "numeric"]
    assert answers == [Decimal(160_000) / Decimal(8_000_000) * 400_000, jua + jma]


def test_survey_tally_adds_up_to_the_respondents():
    text = _text(_worked_examples(LESSONS["riset-pasar-sederhana"])["Menghitung hasil survei"])
    counts = [int(n) for n in re.findall(r"\((\d+)\)", text)]
    assert counts == [8, 12, 6, 2, 2] and sum(counts) == 30
    question = LESSONS["riset-pasar-sederhana"]["quiz"]["questions"][2]
    assert question["answer"] == counts[1] + counts[2] + counts[3]


def test_pitch_timing_is_three_minutes():
    question = next(
        q
        for q in LESSONS["pitching-dan-rencana-usaha"]["quiz"]["questions"]
        if q["kind"] == "numeric"
    )
    assert question["answer"] == sum(map(int, re.findall(r"(\d+)", question["prompt"]))) == 180


def test_canvas_lesson_teaches_the_nine_worksheet_blocks():
    lesson = LESSONS["kanvas-model-bisnis"]
    text = _text(lesson["body"])
    assert all(block.title in text for block in BLOCKS)
    assert lesson["quiz"]["questions"][0]["answer"] == len(BLOCKS) == 9


def test_assignments_name_existing_lessons_and_say_what_to_hand_in():
    assert set(ASSIGNMENTS) <= set(LESSONS)
    assert "pitching-dan-rencana-usaha" in ASSIGNMENTS
    for slug, task in ASSIGNMENTS.items():
        assert task["title"] and task["title_en"] and len(task["instructions"]) > 80, slug
        assert task["worksheet"] in (None, "canvas", "pricing"), slug
    assert ASSIGNMENTS["pitching-dan-rencana-usaha"]["rubric"] == "RUBRIC"
    assert getattr(kewirausahaan, ASSIGNMENTS["pitching-dan-rencana-usaha"]["rubric"]) is RUBRIC


def test_rubric_is_a_full_grid_with_falling_points():
    criteria = RUBRIC["criteria"]
    assert len(criteria) >= 5 and len({c["key"] for c in criteria}) == len(criteria)
    labels = [level["label"] for level in criteria[0]["levels"]]
    for criterion in criteria:
        assert criterion["title"] and criterion["title_en"]
        assert [level["label"] for level in criterion["levels"]] == labels
        points = [level["points"] for level in criterion["levels"]]
        assert points == sorted(points, reverse=True) and len(set(points)) == len(points)
        assert all(p > 0 for p in points)
        assert all(len(level["description"]) > 20 for level in criterion["levels"])
    assert RUBRIC_MAX_POINTS == sum(c["levels"][0]["points"] for c in criteria) == 32


@pytest.mark.django_db
def test_seeded_course_is_published_and_every_quiz_grades_its_own_key():
    demo.seed()
    course = CoursePage.objects.get(slug=COURSE["slug"])
    assert course.live and course.title_en == COURSE["title_en"]
    lessons = LessonPage.objects.descendant_of(course)
    assert lessons.count() == len(COURSE["lessons"])
    assert all(lesson.live and lesson.title_en for lesson in lessons)
    for lesson in lessons:
        quiz = Quiz.objects.get(pk=lesson.quiz_id)
        questions = [qq.question for qq in quiz.quiz_questions.select_related("question")]
        assert len(questions) == len(LESSONS[lesson.slug]["quiz"]["questions"])
    numeric = Question.objects.filter(topic=course.title, kind="numeric")
    assert numeric.count() >= 10
    for question in numeric:
        assert is_correct(question, [], {"value": str(question.numeric_answer)})
        assert not is_correct(question, [], {"value": str(question.numeric_answer + 1)})
