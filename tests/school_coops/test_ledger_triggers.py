"""Raw SQL cannot add to a posted entry; runs on SQLite and on PostgreSQL (migration 0005)."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from school_coops.models import JournalEntry, JournalLine, Side
from school_coops.selectors import trial_balance
from school_coops.services.ledger import LineInput, account_by_code, journal_entry_post

pytestmark = pytest.mark.django_db

LINE_SQL = (
    "INSERT INTO school_coops_journalline (entry_id, account_id, side, amount) "
    "VALUES (%s, %s, %s, %s)"
)
ENTRY_SQL = (
    "INSERT INTO school_coops_journalentry (coop_id, period_id, number, date, memo, "
    "receipt_number, created_by_id, posted_at) VALUES (%s, %s, %s, %s, 'raw', '', %s, %s)"
)


def _grant(coop, teacher, amount=1000):
    cash = account_by_code(coop=coop, code="1-1101")
    grant = account_by_code(coop=coop, code="3-1401")
    return journal_entry_post(
        coop=coop,
        date=timezone.localdate(),
        memo="Hibah",
        by=teacher,
        lines=[LineInput(cash.pk, Side.DEBIT, amount), LineInput(grant.pk, Side.CREDIT, amount)],
    )


def _at_commit(cursor):
    # PostgreSQL checks the balance at COMMIT; this runs that check now, inside the test.
    if connection.vendor == "postgresql":
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def test_a_balanced_extra_pair_of_lines_cannot_be_inserted_into_a_posted_entry(coop, teacher):
    entry = _grant(coop, teacher)
    cash = account_by_code(coop=coop, code="1-1101")
    sales = account_by_code(coop=coop, code="4-1101")
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(LINE_SQL, [entry.pk, cash.pk, "D", 500])
        cursor.execute(LINE_SQL, [entry.pk, sales.pk, "K", 500])
        _at_commit(cursor)
    assert entry.lines.count() == 2
    assert trial_balance(coop=coop)["total_debit"] == Decimal(1000)


def test_an_entry_cannot_be_inserted_already_posted(coop, teacher):
    period = _grant(coop, teacher).period
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            ENTRY_SQL,
            [coop.pk, period.pk, 999, timezone.localdate(), teacher.pk, timezone.now()],
        )
    assert not JournalEntry.objects.filter(number=999).exists()


def test_posting_an_unbalanced_draft_is_rejected_by_the_database(coop, teacher):
    period = _grant(coop, teacher).period
    cash = account_by_code(coop=coop, code="1-1101")
    with (
        pytest.raises(IntegrityError, match="not balanced"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(ENTRY_SQL, [coop.pk, period.pk, 998, timezone.localdate(), teacher.pk, None])
        draft = JournalEntry.objects.get(coop=coop, number=998)
        cursor.execute(LINE_SQL, [draft.pk, cash.pk, "D", 500])
        cursor.execute(
            "UPDATE school_coops_journalentry SET posted_at = %s WHERE id = %s",
            [timezone.now(), draft.pk],
        )
        _at_commit(cursor)
    assert not JournalEntry.objects.filter(number=998).exists()


def test_a_balanced_draft_posts_through_the_database_guards(coop, teacher):
    # The service's own order: draft entry, lines, then posted_at.
    entry = _grant(coop, teacher, amount=2500)
    entry.refresh_from_db()
    assert entry.posted_at is not None
    assert [(x.side, x.amount) for x in JournalLine.objects.filter(entry=entry)] == [
        ("D", Decimal(2500)),
        ("K", Decimal(2500)),
    ]
    with connection.cursor() as cursor:
        _at_commit(cursor)  # the deferred balance check passes


def test_the_insert_guards_are_installed_in_the_database():
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        else:
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        names = {row[0] for row in cursor.fetchall()}
    assert {
        "school_coops_line_no_insert_posted",
        "school_coops_entry_insert_draft",
        "school_coops_entry_post_balanced",
    } <= names
