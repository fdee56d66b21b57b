from decimal import Decimal

import pytest
from django.http import QueryDict

from courses.exceptions import CourseRuleError
from courses.grading import (
    is_correct,
    normalise_text,
    parse_response,
    parse_rupiah,
    question_view,
)
from tests.courses.factories import all_kinds_questions

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("1240000", Decimal(1240000)),
        ("1.240.000", Decimal(1240000)),
        ("Rp 1.240.000", Decimal(1240000)),
        ("rp1.240.000,00", Decimal(1240000)),
        ("105.582,08", Decimal("105582.08")),
        ("2,5", Decimal("2.5")),
        ("2.5", Decimal("2.5")),
        ("-300", Decimal(-300)),
        (" 14 650 ", Decimal(14650)),
    ],
)
def test_rupiah_is_read_as_indonesians_write_it(raw, value):
    assert parse_rupiah(raw) == value


@pytest.mark.parametrize("raw", ["satu juta", "1,2,3", "", "1.24.000", "=1+1"])
def test_non_numbers_are_refused(raw):
    with pytest.raises(CourseRuleError):
        parse_rupiah(raw)


def test_text_is_normalised_for_exact_match():
    assert normalise_text("  Rapat   Anggota  TAHUNAN. ") == "rapat anggota tahunan"


class FakeAttempt:
    """Orders as a started attempt stores them, without shuffling."""

    def __init__(self, questions):
        self.item_orders = {str(q.pk): [c.pk for c in q.choices.all()] for q in questions}
        self.match_orders = {
            str(q.pk): list(reversed([c.pk for c in q.choices.all()])) for q in questions
        }


def grade(question, attempt, **fields):
    data = QueryDict(mutable=True)
    for key, value in fields.items():
        data.setlist(key.replace("_", "-"), value if isinstance(value, list) else [value])
    response = parse_response(question_view(attempt, question), dict(data.lists()))
    return is_correct(question, list(question.choices.all()), response)


def test_every_kind_is_graded_on_the_server():
    single, multiple, true_false, numeric, short, matching, ordering = all_kinds_questions()
    attempt = FakeAttempt([single, multiple, true_false, numeric, short, matching, ordering])
    assert grade(single, attempt, answer="1") and not grade(single, attempt, answer="0")
    assert grade(multiple, attempt, answer=["0", "1"])
    assert not grade(multiple, attempt, answer=["0"])  # all-or-nothing
    assert not grade(multiple, attempt, answer=["0", "1", "2"])
    assert grade(true_false, attempt, answer="false") and not grade(
        true_false, attempt, answer="true"
    )
    assert grade(numeric, attempt, answer="Rp 1.240.000")
    assert grade(numeric, attempt, answer="1240001")  # within the tolerance of Rp 1
    assert not grade(numeric, attempt, answer="1240002")
    assert grade(short, attempt, answer=" rat ") and grade(
        short, attempt, answer="Rapat anggota tahunan"
    )
    assert not grade(short, attempt, answer="RA")
    # Right-hand sides are shown reversed: position 2 is the first pair's partner.
    assert grade(matching, attempt, match_0="2", match_1="1", match_2="0")
    assert not grade(matching, attempt, match_0="0", match_1="1", match_2="2")
    assert grade(ordering, attempt, rank_0="0", rank_1="1", rank_2="2", rank_3="3")
    assert not grade(ordering, attempt, rank_0="1", rank_1="0", rank_2="2", rank_3="3")


@pytest.mark.parametrize(
    "fields",
    [
        {"answer": "9"},
        {"answer": "-1"},
        {"answer": "x"},
        {"answer": ["0", "1"]},
        {},
    ],
)
def test_unknown_or_malformed_options_are_refused(fields):
    single = all_kinds_questions()[0]
    with pytest.raises(CourseRuleError):
        grade(single, FakeAttempt([single]), **fields)


def test_ordering_ranks_must_be_a_permutation():
    ordering = all_kinds_questions()[-1]
    with pytest.raises(CourseRuleError, match="tepat satu kali"):
        grade(ordering, FakeAttempt([ordering]), rank_0="0", rank_1="0", rank_2="2", rank_3="3")
