"""The practical case: generator, sandbox ledger and the grader on hand-made answers."""

from __future__ import annotations

import copy
import datetime
from decimal import Decimal

import pytest

from certificates.exceptions import CertificationError
from certificates.models import GradingRun, PracticalCase, SandboxEntry
from certificates.practical.generator import generate_case
from certificates.practical.grader import Answer, grade_case
from certificates.practical.services import (
    SandboxLineInput,
    grading_run_execute,
    grading_run_start,
    practical_case_grade,
    practical_case_open,
    practical_case_submit,
    sandbox_entry_record,
    sandbox_trial_balance,
)
from school_coops.models import JournalEntry
from tests.certificates.conftest import apply
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CASE = generate_case(20261103)
TOTAL = 4 * len(CASE["transactions"])


def perfect() -> dict[str, Answer]:
    return {
        tx["ref"]: Answer(
            tx["ref"],
            [tx["date"]],
            [(x["account"], x["side"], x["amount"]) for x in tx["lines"]],
        )
        for tx in CASE["transactions"]
    }


def earned(answers: dict[str, Answer]) -> int:
    return grade_case(CASE, answers)["earned"]


def test_same_seed_same_case_and_two_seeds_different_numbers() -> None:
    assert generate_case(20261103) == CASE
    other = generate_case(20261104)
    assert [t["lines"] for t in other["transactions"]] != [t["lines"] for t in CASE["transactions"]]
    # same difficulty: the same kinds of transaction with the same accounts and sides
    shape = [[(x["account"], x["side"]) for x in t["lines"]] for t in CASE["transactions"]]
    assert shape == [[(x["account"], x["side"]) for x in t["lines"]] for t in other["transactions"]]


def test_every_generated_transaction_is_balanced_and_in_the_month() -> None:
    for seed in range(50):
        case = generate_case(seed)
        for tx in case["transactions"]:
            debit = sum(x["amount"] for x in tx["lines"] if x["side"] == "D")
            credit = sum(x["amount"] for x in tx["lines"] if x["side"] == "K")
            assert debit == credit > 0
            assert datetime.date.fromisoformat(tx["date"]).month == case["month"]


def test_perfect_answer_scores_100() -> None:
    result = grade_case(CASE, perfect())
    assert result["earned"] == TOTAL and result["percent"] == "100.00"


def test_swapped_debit_and_credit_loses_exactly_the_sides_point() -> None:
    answers = perfect()
    a = answers["BKT-03"]
    a.lines = [(c, "K" if s == "D" else "D", n) for c, s, n in a.lines]
    result = grade_case(CASE, answers)
    assert result["earned"] == TOTAL - 1
    row = result["rows"][2]
    assert row["points"] == {"date": True, "accounts": True, "sides": False, "amounts": True}


def test_wrong_account_loses_exactly_the_accounts_point() -> None:
    answers = perfect()
    a = answers["BKT-10"]  # ATK for own use: expense 6-1201, not supplies 1-1601
    a.lines = [("1-1601" if c == "6-1201" else c, s, n) for c, s, n in a.lines]
    result = grade_case(CASE, answers)
    assert result["earned"] == TOTAL - 1 and not result["rows"][9]["points"]["accounts"]


def test_wrong_amount_loses_exactly_the_amounts_point() -> None:
    answers = perfect()
    a = answers["BKT-06"]
    a.lines = [(c, s, n + 1000) for c, s, n in a.lines]
    result = grade_case(CASE, answers)
    assert result["earned"] == TOTAL - 1 and not result["rows"][5]["points"]["amounts"]


def test_wrong_date_loses_exactly_the_date_point() -> None:
    answers = perfect()
    answers["BKT-01"].dates = [f"{CASE['year']}-{CASE['month']:02d}-01"]
    result = grade_case(CASE, answers)
    assert result["earned"] == TOTAL - 1 and not result["rows"][0]["points"]["date"]


def test_missing_entry_loses_exactly_that_transaction() -> None:
    answers = perfect()
    del answers["BKT-12"]
    result = grade_case(CASE, answers)
    assert result["earned"] == TOTAL - 4 and result["rows"][11]["flags"] == ["tidak dicatat"]


def test_errors_add_up_independently() -> None:
    answers = perfect()
    answers["BKT-01"].dates = ["2026-01-01"] if CASE["month"] != 1 else ["2026-02-01"]
    del answers["BKT-02"]
    a = answers["BKT-04"]
    a.lines = [(c, "K" if s == "D" else "D", n) for c, s, n in a.lines]
    assert earned(answers) == TOTAL - 1 - 4 - 1


def test_unbalanced_answer_is_caught_and_scores_nothing_for_that_transaction() -> None:
    answers = perfect()
    a = answers["BKT-05"]
    a.lines = [*a.lines[:-1]]  # the credit to inventory is missing
    result = grade_case(CASE, answers)
    assert result["rows"][4]["flags"] == ["tidak seimbang"]
    assert result["earned"] == TOTAL - 4


def test_perfect_answer_with_sides_in_other_order_still_scores_100() -> None:
    answers = perfect()
    answers["BKT-05"].lines = list(reversed(answers["BKT-05"].lines))
    assert earned(answers) == TOTAL


# --- sandbox through the services --------------------------------------------------------


def record_answer_key(case: PracticalCase, user, mutate=None) -> None:
    for tx in case.case["transactions"]:
        lines = copy.deepcopy(tx["lines"])
        if mutate:
            lines = mutate(tx["ref"], lines)
        if lines is None:
            continue
        sandbox_entry_record(
            case=case,
            by=user,
            date=datetime.date.fromisoformat(tx["date"]),
            memo=tx["text"][:50],
            transaction_ref=tx["ref"],
            lines=[SandboxLineInput(x["account"], x["side"], str(x["amount"])) for x in lines],
        )


def test_sandbox_perfect_answer_grades_100_and_never_touches_the_real_books(
    accepted, applicant
) -> None:
    case = practical_case_open(candidate=accepted, by=applicant)
    assert practical_case_open(candidate=accepted, by=applicant).pk == case.pk
    record_answer_key(case, applicant)
    practical_case_submit(case=case, by=applicant)
    graded = practical_case_grade(case_id=case.pk)
    assert graded.score_percent == Decimal("100.00")
    assert JournalEntry.objects.count() == 0
    balance = sandbox_trial_balance(case=case)
    assert sum(r["debit"] for r in balance) == sum(r["credit"] for r in balance)


def test_sandbox_refuses_an_unbalanced_entry_and_saves_nothing(accepted, applicant) -> None:
    case = practical_case_open(candidate=accepted, by=applicant)
    day = datetime.date(case.case["year"], case.case["month"], 5)
    with pytest.raises(
        CertificationError, match=r"tidak seimbang: debit Rp 10\.000, kredit Rp 9\.000"
    ):
        sandbox_entry_record(
            case=case,
            by=applicant,
            date=day,
            memo="x",
            transaction_ref="BKT-01",
            lines=[
                SandboxLineInput("1-1101", "D", "10.000"),
                SandboxLineInput("3-1101", "K", "9000"),
            ],
        )
    assert not SandboxEntry.objects.exists()


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        ([("9-9999", "D", "1000"), ("1-1101", "K", "1000")], "pilih akun"),
        ([("1-1101", "X", "1000"), ("3-1101", "K", "1000")], "debit atau kredit"),
        ([("1-1101", "D", "10,5"), ("3-1101", "K", "10,5")], "rupiah utuh"),
        ([("1-1101", "D", "-5"), ("3-1101", "K", "-5")], "lebih dari nol"),
        ([("1-1101", "D", "1000")], "paling sedikit dua baris"),
    ],
)
def test_sandbox_bad_lines_are_refused(accepted, applicant, lines, message) -> None:
    case = practical_case_open(candidate=accepted, by=applicant)
    day = datetime.date(case.case["year"], case.case["month"], 5)
    with pytest.raises(CertificationError, match=message):
        sandbox_entry_record(
            case=case,
            by=applicant,
            date=day,
            memo="x",
            transaction_ref="",
            lines=[SandboxLineInput(*x) for x in lines],
        )
    assert not SandboxEntry.objects.exists()


def test_sandbox_date_outside_the_month_and_after_submit_are_refused(accepted, applicant) -> None:
    case = practical_case_open(candidate=accepted, by=applicant)
    month = case.case["month"]
    other = datetime.date(2026, month % 12 + 1, 1)
    ok = [SandboxLineInput("1-1101", "D", "1000"), SandboxLineInput("3-1101", "K", "1000")]
    with pytest.raises(CertificationError, match="bulan studi kasus"):
        sandbox_entry_record(
            case=case, by=applicant, date=other, memo="", transaction_ref="", lines=ok
        )
    with pytest.raises(CertificationError, match="Belum ada jurnal"):
        practical_case_submit(case=case, by=applicant)
    day = datetime.date(2026, month, 3)
    sandbox_entry_record(case=case, by=applicant, date=day, memo="", transaction_ref="", lines=ok)
    practical_case_submit(case=case, by=applicant)
    with pytest.raises(CertificationError, match="sudah dikumpulkan"):
        sandbox_entry_record(
            case=case, by=applicant, date=day, memo="", transaction_ref="", lines=ok
        )


def test_only_the_candidate_works_on_their_case(accepted, applicant, assessor) -> None:
    with pytest.raises(CertificationError, match="peserta sendiri"):
        practical_case_open(candidate=accepted, by=assessor)


def test_two_candidates_get_different_numbers(batch, accepted, applicant, trainer) -> None:
    from certificates.services.batches import candidate_review

    other_user = UserFactory()
    other = candidate_review(candidate=apply(batch, other_user), action="accept", by=trainer)
    a = practical_case_open(candidate=accepted, by=applicant)
    b = practical_case_open(candidate=other, by=other_user)
    assert a.seed != b.seed and a.case != b.case


def test_grading_a_batch_counts_progress_and_is_safe_to_run_twice(
    batch, accepted, applicant, assessor, django_capture_on_commit_callbacks
) -> None:
    case = practical_case_open(candidate=accepted, by=applicant)

    def wrong_amount(ref, lines):
        if ref == "BKT-06":
            for x in lines:
                x["amount"] += 500
        return None if ref == "BKT-12" else lines

    record_answer_key(case, applicant, wrong_amount)
    practical_case_submit(case=case, by=applicant)
    with django_capture_on_commit_callbacks(execute=True):
        run = grading_run_start(batch=batch, by=assessor)  # eager Celery in tests
    run.refresh_from_db()
    assert (run.status, run.total, run.done_count, run.failed_count) == ("done", 1, 1, 0)
    case.refresh_from_db()
    assert case.grading["earned"] == case.grading["total"] - 1 - 4
    grading_run_execute(run_id=run.pk)  # a redelivered message finds it done
    assert GradingRun.objects.get(pk=run.pk).done_count == 1


def test_one_broken_case_fails_alone_and_the_others_are_graded(
    batch, accepted, applicant, assessor, trainer
) -> None:
    from certificates.services.batches import candidate_review

    other_user = UserFactory()
    other = candidate_review(candidate=apply(batch, other_user), action="accept", by=trainer)
    good = practical_case_open(candidate=accepted, by=applicant)
    record_answer_key(good, applicant)
    practical_case_submit(case=good, by=applicant)
    broken = practical_case_open(candidate=other, by=other_user)
    record_answer_key(broken, other_user)
    practical_case_submit(case=broken, by=other_user)
    PracticalCase.objects.filter(pk=broken.pk).update(case={"transactions": None})
    run = GradingRun.objects.create(batch=batch, requested_by=assessor, total=2)
    run = grading_run_execute(run_id=run.pk)
    assert (run.status, run.done_count, run.failed_count) == ("done", 2, 1)
    good.refresh_from_db()
    broken.refresh_from_db()
    assert good.score_percent == Decimal("100.00") and broken.graded_at is None
