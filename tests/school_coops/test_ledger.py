import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from school_coops.exceptions import CooperativeRuleError, LedgerError
from school_coops.models import AccountingPeriod, JournalEntry, JournalLine, Side
from school_coops.selectors import trial_balance
from school_coops.services.closing import accounting_period_close
from school_coops.services.ledger import (
    LineInput,
    account_by_code,
    journal_entry_post,
    journal_entry_reverse,
    money_clean,
)
from tests.school_coops.roles import member_tag

pytestmark = pytest.mark.django_db


def _cash_grant(coop, teacher, amount, key=None, date=None):
    cash = account_by_code(coop=coop, code="1-1101")
    grant = account_by_code(coop=coop, code="3-1401")
    return journal_entry_post(
        coop=coop,
        date=date or timezone.localdate(),
        memo="Hibah komite",
        by=teacher,
        lines=[LineInput(cash.pk, Side.DEBIT, amount), LineInput(grant.pk, Side.CREDIT, amount)],
        idempotency_key=key,
    )


def test_chart_of_accounts_is_seeded_from_the_domain_table(coop):
    codes = set(coop.accounts.values_list("code", flat=True))
    assert {"1-1101", "2-1201", "2-1402", "3-1101", "3-1201", "6-1901"} <= codes
    assert coop.accounts.get(code="1-1409").normal_side == Side.CREDIT  # contra asset


def test_balanced_entry_posts_and_the_trial_balance_balances(coop, teacher):
    entry = _cash_grant(coop, teacher, Decimal(50000))
    assert entry.posted_at is not None and entry.lines.count() == 2
    tb = trial_balance(coop=coop)
    assert tb["balanced"] and tb["total_debit"] == Decimal(50000)


def test_unbalanced_entry_is_refused_and_nothing_changes(coop, teacher):
    cash = account_by_code(coop=coop, code="1-1101")
    grant = account_by_code(coop=coop, code="3-1401")
    with pytest.raises(LedgerError, match="tidak seimbang"):
        journal_entry_post(
            coop=coop,
            date=timezone.localdate(),
            memo="x",
            by=teacher,
            lines=[
                LineInput(cash.pk, Side.DEBIT, Decimal(100)),
                LineInput(grant.pk, Side.CREDIT, Decimal(90)),
            ],
        )
    assert not JournalEntry.objects.filter(coop=coop, memo="x").exists()


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("-5", "lebih dari nol"),
        ("0", "lebih dari nol"),
        ("10.5", "rupiah utuh"),
        ("sepuluh", "tanpa huruf"),
        ("1e20", "terlalu besar"),
        ("NaN", "tanpa huruf"),
        (1.5, "float"),
        ("1.5", "rupiah utuh"),
        ("5.00", "rupiah utuh"),
    ],
)
def test_bad_amounts_get_an_indonesian_message(raw, message):
    with pytest.raises(LedgerError, match=message):
        money_clean(raw)


@pytest.mark.parametrize(
    ("raw", "amount"),
    [("5000", 5000), ("5.000", 5000), ("1.250.000", 1250000), (Decimal("7000.00"), 7000)],
)
def test_amount_text_is_read_as_indonesians_write_it(raw, amount):
    assert money_clean(raw) == Decimal(amount)


def test_same_idempotency_key_yields_one_entry(coop, teacher):
    first = _cash_grant(coop, teacher, Decimal(1000), key="abc")
    second = _cash_grant(coop, teacher, Decimal(1000), key="abc")
    assert first.pk == second.pk
    assert JournalEntry.objects.filter(coop=coop, idempotency_key="abc").count() == 1


def test_accounts_of_another_coop_are_refused(coop, other_coop, teacher):
    cash = account_by_code(coop=coop, code="1-1101")
    foreign = account_by_code(coop=other_coop, code="3-1401")
    with pytest.raises(LedgerError, match="tidak ditemukan"):
        journal_entry_post(
            coop=coop,
            date=timezone.localdate(),
            memo="x",
            by=teacher,
            lines=[
                LineInput(cash.pk, Side.DEBIT, Decimal(100)),
                LineInput(foreign.pk, Side.CREDIT, Decimal(100)),
            ],
        )


def test_reversal_negates_the_entry_and_both_remain(coop, teacher):
    entry = _cash_grant(coop, teacher, Decimal(7000))
    reversal = journal_entry_reverse(entry=entry, by=teacher)
    assert reversal.reverses_id == entry.pk
    assert {(line.account_id, line.side) for line in reversal.lines.all()} == {
        (line.account_id, "K" if line.side == "D" else "D") for line in entry.lines.all()
    }
    assert trial_balance(coop=coop)["rows"] == []  # everything back to zero
    with pytest.raises(CooperativeRuleError, match="sudah dibatalkan"):
        journal_entry_reverse(entry=entry, by=teacher)


def test_posting_into_a_closed_period_is_refused(coop, teacher):
    entry = _cash_grant(coop, teacher, Decimal(1000))
    accounting_period_close(period=entry.period, by=teacher)
    with pytest.raises(LedgerError, match="sudah ditutup"):
        _cash_grant(coop, teacher, Decimal(500))
    assert JournalEntry.objects.filter(coop=coop).count() == 1
    with pytest.raises(LedgerError, match="sudah ditutup"):
        accounting_period_close(period=AccountingPeriod.objects.get(pk=entry.period_id), by=teacher)


def test_future_dates_are_refused(coop, teacher):
    with pytest.raises(LedgerError, match="masa depan"):
        _cash_grant(
            coop, teacher, Decimal(1000), date=timezone.localdate() + datetime.timedelta(days=3)
        )


def test_raw_sql_update_of_a_posted_line_is_rejected_by_the_database(coop, teacher):
    entry = _cash_grant(coop, teacher, Decimal(1000))
    line = entry.lines.first()
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE school_coops_journalline SET amount = 1 WHERE id = %s", [line.pk])
    line.refresh_from_db()
    assert line.amount == Decimal(1000)


def test_raw_sql_delete_of_posted_rows_is_rejected_by_the_database(coop, teacher):
    entry = _cash_grant(coop, teacher, Decimal(1000))
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM school_coops_journalline WHERE entry_id = %s", [entry.pk])
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE school_coops_journalentry SET memo = 'x' WHERE id = %s", [entry.pk])
    with pytest.raises(IntegrityError), transaction.atomic():
        JournalLine.objects.filter(entry=entry).delete()
    assert entry.lines.count() == 2


def test_receipt_numbers_follow_a_sequence(coop, teacher, member):
    from school_coops.services.savings import savings_deposit

    first = savings_deposit(membership=member, amount=Decimal(1000), by=teacher)
    second = savings_deposit(membership=member, amount=Decimal(1000), by=teacher)
    year = timezone.localdate().year
    numbers = sorted(
        JournalEntry.objects.filter(pk__in=[first.pk, second.pk]).values_list(
            "receipt_number", flat=True
        )
    )
    assert numbers[1].startswith(f"KW-{year}-") and int(numbers[1][-5:]) == int(numbers[0][-5:]) + 1


def test_fiscal_year_close_moves_income_and_expense_to_shu_and_locks_the_year(school, teacher):
    # docs/domain.md §9 cases 18 and 19
    import datetime as dt

    from school_coops.services.cooperative import cooperative_create

    # founded before the 2025 books below: an entry before the founding date is refused
    coop = cooperative_create(
        school=school, name="Kopsis Uji", by=teacher, founded_on=dt.date(2025, 1, 6)
    )

    from school_coops.selectors import account_balance, balance_sheet
    from school_coops.services.closing import fiscal_year_close

    def post(code_d, code_k, amount, day):
        d = account_by_code(coop=coop, code=code_d)
        k = account_by_code(coop=coop, code=code_k)
        journal_entry_post(
            coop=coop,
            date=day,
            memo="tx",
            by=teacher,
            lines=[
                LineInput(d.pk, Side.DEBIT, Decimal(amount)),
                LineInput(k.pk, Side.CREDIT, Decimal(amount), None, member_tag(coop, code_k)),
            ],
        )

    post("1-1101", "3-1401", 100_000, dt.date(2025, 2, 1))
    post("1-1101", "4-1101", 60_000, dt.date(2025, 3, 5))
    post("6-1201", "1-1101", 15_000, dt.date(2025, 4, 9))
    sheet = balance_sheet(coop=coop)
    assert sheet["balanced"] and sheet["surplus"] == Decimal(45_000)
    entry = fiscal_year_close(
        coop=coop, start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31), by=teacher
    )
    assert entry.date == dt.date(2025, 12, 31)
    assert account_balance(account=coop.accounts.get(code="3-1501")) == Decimal(45_000)
    assert account_balance(account=coop.accounts.get(code="4-1101")) == 0
    assert account_balance(account=coop.accounts.get(code="6-1201")) == 0
    sheet = balance_sheet(coop=coop)
    assert sheet["balanced"] and sheet["surplus"] == 0 and sheet["equity"] == Decimal(145_000)
    with pytest.raises(LedgerError, match="sudah ditutup"):
        post("1-1101", "4-1101", 1_000, dt.date(2025, 6, 1))
    with pytest.raises(LedgerError, match="setelah berakhir"):
        fiscal_year_close(
            coop=coop, start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31), by=teacher
        )


def test_the_ledger_guards_are_installed_in_the_database():
    # A later migration that rebuilds these tables on SQLite would silently drop the triggers.
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        else:
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        names = {row[0] for row in cursor.fetchall()}
    expected = (
        {
            "school_coops_line_no_update",
            "school_coops_line_no_delete",
            "school_coops_entry_no_update",
            "school_coops_entry_no_delete",
        }
        if connection.vendor == "sqlite"
        else {
            "school_coops_line_immutable",
            "school_coops_entry_immutable",
            "school_coops_line_balanced",
            "school_coops_entry_balanced",
        }
    )
    assert expected <= names


def test_a_reused_idempotency_key_with_other_content_is_refused(coop, teacher):
    first = _cash_grant(coop, teacher, Decimal(1000), key="kunci-1")
    with pytest.raises(LedgerError, match="sudah dipakai untuk jurnal JU-00001"):
        _cash_grant(coop, teacher, Decimal(2000), key="kunci-1")
    cash = account_by_code(coop=coop, code="1-1101")
    sales = account_by_code(coop=coop, code="4-1101")
    with pytest.raises(LedgerError, match="isi yang berbeda"):
        journal_entry_post(
            coop=coop,
            date=timezone.localdate(),
            memo="Hibah komite",
            by=teacher,
            lines=[
                LineInput(cash.pk, Side.DEBIT, Decimal(1000)),
                LineInput(sales.pk, Side.CREDIT, Decimal(1000)),
            ],
            idempotency_key="kunci-1",
        )
    with pytest.raises(LedgerError, match="isi yang berbeda"):
        _cash_grant(
            coop, teacher, Decimal(1000), key="kunci-1", date=first.date - datetime.timedelta(1)
        )
    assert JournalEntry.objects.filter(coop=coop).count() == 1


def test_a_retry_with_the_same_lines_in_another_order_returns_the_first_entry(coop, teacher):
    first = _cash_grant(coop, teacher, Decimal(1000), key="kunci-2")
    cash = account_by_code(coop=coop, code="1-1101")
    grant = account_by_code(coop=coop, code="3-1401")
    again = journal_entry_post(
        coop=coop,
        date=first.date,
        memo="  Hibah komite ",
        by=teacher,
        lines=[LineInput(grant.pk, Side.CREDIT, "1000"), LineInput(cash.pk, Side.DEBIT, 1000)],
        idempotency_key="kunci-2",
    )
    assert again.pk == first.pk


def test_a_reversal_key_cannot_be_reused_for_another_entry(coop, teacher):
    one = _cash_grant(coop, teacher, Decimal(1000))
    two = _cash_grant(coop, teacher, Decimal(3000))
    journal_entry_reverse(entry=one, by=teacher, idempotency_key="batal-1")
    assert journal_entry_reverse(entry=one, by=teacher, idempotency_key="batal-1").reverses == one
    with pytest.raises(LedgerError, match="sudah dipakai"):
        journal_entry_reverse(entry=two, by=teacher, idempotency_key="batal-1")
    assert not JournalEntry.objects.filter(reverses=two).exists()


@pytest.mark.parametrize("code", ["1-1301", "2-1401", "2-1402"])
def test_member_sub_ledger_lines_without_a_member_are_refused(coop, teacher, code):
    account = account_by_code(coop=coop, code=code)
    cash = account_by_code(coop=coop, code="1-1101")
    with pytest.raises(LedgerError, match="harus menyebut anggotanya"):
        journal_entry_post(
            coop=coop,
            date=timezone.localdate(),
            memo="x",
            by=teacher,
            lines=[
                LineInput(account.pk, Side.DEBIT, Decimal(100)),
                LineInput(cash.pk, Side.CREDIT, Decimal(100)),
            ],
        )
    assert not JournalEntry.objects.filter(coop=coop).exists()


def test_savings_control_accounts_move_only_with_a_savings_account(coop, teacher, member):
    sukarela = account_by_code(coop=coop, code="2-1201")
    cash = account_by_code(coop=coop, code="1-1101")
    with pytest.raises(LedgerError, match="halaman anggota"):
        journal_entry_post(
            coop=coop,
            date=timezone.localdate(),
            memo="x",
            by=teacher,
            lines=[
                LineInput(cash.pk, Side.DEBIT, Decimal(100)),
                LineInput(sukarela.pk, Side.CREDIT, Decimal(100), None, member.pk),
            ],
        )


def test_a_member_of_another_coop_is_refused(coop, other_coop, teacher):
    receivable = account_by_code(coop=coop, code="1-1301")
    sales = account_by_code(coop=coop, code="4-1101")
    foreign = other_coop.memberships.first()
    with pytest.raises(LedgerError, match="Anggota tidak ditemukan"):
        journal_entry_post(
            coop=coop,
            date=timezone.localdate(),
            memo="x",
            by=teacher,
            lines=[
                LineInput(receivable.pk, Side.DEBIT, Decimal(100), None, foreign.pk),
                LineInput(sales.pk, Side.CREDIT, Decimal(100), None, foreign.pk),
            ],
        )
