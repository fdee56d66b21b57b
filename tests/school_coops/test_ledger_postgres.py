"""PostgreSQL-only guarantees: row locks under real concurrency and the deferred balance check."""

import threading
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, connections, transaction
from django.utils import timezone

from school_coops.exceptions import CooperativeRuleError
from school_coops.models import JournalEntry, SavingsAccount, SavingsKind
from school_coops.selectors import savings_reconciliation, trial_balance
from school_coops.services.cooperative import cooperative_create
from school_coops.services.ledger import account_by_code, accounting_period_for
from school_coops.services.members import membership_register
from school_coops.services.savings import savings_deposit, savings_withdraw
from tests.factories import ClassroomFactory, SchoolFactory, make_student, make_teacher

pytestmark = pytest.mark.postgres


@pytest.mark.django_db(transaction=True)
def test_thirty_concurrent_withdrawals_of_ten_from_a_hundred_leave_exactly_ten_accepted():
    # given a member with Rp 100 of sukarela savings
    school = SchoolFactory()
    teacher = make_teacher(school)
    coop = cooperative_create(
        school=school, name="Kopsis Serentak", by=teacher, founded_on=timezone.localdate()
    )
    member = membership_register(
        coop=coop,
        member=make_student(ClassroomFactory(school=school)),
        category="siswa",
        by=teacher,
    )
    savings_deposit(membership=member, amount=Decimal(100), by=teacher)
    barrier = threading.Barrier(30)
    results: list[str] = []
    lock = threading.Lock()

    def withdraw(n: int) -> None:
        try:
            barrier.wait()
            savings_withdraw(
                membership=member, amount=Decimal(10), by=teacher, idempotency_key=f"w{n}"
            )
            outcome = "ok"
        except CooperativeRuleError:
            outcome = "refused"
        finally:
            connections.close_all()
        with lock:
            results.append(outcome)

    # when 30 threads withdraw Rp 10 at the same moment
    threads = [threading.Thread(target=withdraw, args=(n,)) for n in range(30)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    # then exactly 10 pass and the balance is 0, in the cache and in the books
    assert results.count("ok") == 10 and results.count("refused") == 20
    savings = SavingsAccount.objects.get(membership=member, kind=SavingsKind.SUKARELA)
    assert savings.balance == 0
    assert all(r["ok"] for r in savings_reconciliation(coop=coop))
    assert trial_balance(coop=coop)["balanced"]


@pytest.mark.django_db
def test_an_unbalanced_entry_is_rejected_at_commit_by_the_deferred_trigger(coop, teacher):
    cash = account_by_code(coop=coop, code="1-1101")
    period = accounting_period_for(coop=coop, day=timezone.localdate())
    with (
        pytest.raises(IntegrityError, match="not balanced"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        # The posting order (0005): a draft entry, its lines, then posted_at.
        cursor.execute(
            "INSERT INTO school_coops_journalentry (coop_id, period_id, number, date, memo, "
            "receipt_number, created_by_id) VALUES (%s, %s, 999, %s, 'raw', '', %s) "
            "RETURNING id",
            [coop.pk, period.pk, timezone.localdate(), teacher.pk],
        )
        entry_id = cursor.fetchone()[0]
        cursor.execute(
            "INSERT INTO school_coops_journalline (entry_id, account_id, side, amount) "
            "VALUES (%s, %s, 'D', 500)",
            [entry_id, cash.pk],
        )
        cursor.execute(
            "UPDATE school_coops_journalentry SET posted_at = now() WHERE id = %s", [entry_id]
        )
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # what COMMIT would do
    assert not JournalEntry.objects.filter(number=999).exists()


@pytest.mark.django_db(transaction=True)
def test_the_same_idempotency_key_from_ten_threads_posts_one_entry():
    school = SchoolFactory()
    teacher = make_teacher(school)
    coop = cooperative_create(
        school=school, name="Kopsis Kunci", by=teacher, founded_on=timezone.localdate()
    )
    member = membership_register(
        coop=coop,
        member=make_student(ClassroomFactory(school=school)),
        category="siswa",
        by=teacher,
    )
    barrier = threading.Barrier(10)
    ids: list[int] = []
    lock = threading.Lock()

    def retry() -> None:
        try:
            barrier.wait()
            entry = savings_deposit(
                membership=member, amount=Decimal(500), by=teacher, idempotency_key="double-click"
            )
            with lock:
                ids.append(entry.pk)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=retry) for _ in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(ids) == 10 and len(set(ids)) == 1
    assert SavingsAccount.objects.get(membership=member, kind=SavingsKind.SUKARELA).balance == 500


@pytest.mark.django_db(transaction=True)
def test_one_key_from_ten_threads_with_two_contents_posts_one_entry_and_refuses_the_rest():
    from school_coops.exceptions import LedgerError
    from school_coops.models import Side
    from school_coops.services.ledger import LineInput, journal_entry_post
    from tests.school_coops.roles import member_tag

    school = SchoolFactory()
    teacher = make_teacher(school)
    coop = cooperative_create(
        school=school, name="Kopsis Jurnal", by=teacher, founded_on=timezone.localdate()
    )
    cash = account_by_code(coop=coop, code="1-1101").pk
    sales = account_by_code(coop=coop, code="4-1101").pk
    buyer_pk = member_tag(coop, "4-1101")  # a sale to a member names the member
    barrier = threading.Barrier(10)
    outcomes: list[tuple[int, object]] = []
    lock = threading.Lock()

    def submit(n: int) -> None:
        amount = Decimal(500 if n % 2 else 700)
        try:
            barrier.wait()
            result: object = journal_entry_post(
                coop=coop,
                date=timezone.localdate(),
                memo="Penjualan kantin",
                by=teacher,
                lines=[
                    LineInput(cash, Side.DEBIT, amount),
                    LineInput(sales, Side.CREDIT, amount, None, buyer_pk),
                ],
                idempotency_key="form-double-submit",
            ).pk
        except LedgerError as exc:
            result = str(exc)
        finally:
            connections.close_all()
        with lock:
            outcomes.append((int(amount), result))

    threads = [threading.Thread(target=submit, args=(n,)) for n in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    entry = JournalEntry.objects.get(coop=coop, idempotency_key="form-double-submit")
    won = int(entry.lines.first().amount)
    assert all(result == entry.pk for amount, result in outcomes if amount == won)
    assert all("sudah dipakai" in result for amount, result in outcomes if amount != won)
    assert JournalEntry.objects.filter(coop=coop).count() == 1
    assert trial_balance(coop=coop)["total_debit"] == won
