"""Year-end closing when the months of the year were already closed (docs/domain.md §9 case 19)."""

import datetime as dt
from decimal import Decimal

import pytest

from school_coops.exceptions import LedgerError
from school_coops.models import AccountingPeriod, JournalEntry, Side, Workflow
from school_coops.selectors import account_balance, balance_sheet, trial_balance
from school_coops.services.closing import accounting_period_close, fiscal_year_close
from school_coops.services.ledger import (
    LineInput,
    account_by_code,
    accounting_period_for,
    journal_entry_post,
)
from tests.school_coops.roles import member_tag

pytestmark = pytest.mark.django_db


@pytest.fixture
def coop(school, teacher):
    """A coop founded before the 2025 books these tests post: the ledger refuses an entry
    dated before the cooperative was founded."""
    from school_coops.services.cooperative import cooperative_create

    return cooperative_create(
        school=school, name="Kopsis Uji", by=teacher, founded_on=dt.date(2025, 1, 6)
    )


YEAR_START, YEAR_END = dt.date(2025, 1, 1), dt.date(2025, 12, 31)


def _post(coop, teacher, debit, credit, amount, day):
    d = account_by_code(coop=coop, code=debit)
    k = account_by_code(coop=coop, code=credit)
    return journal_entry_post(
        coop=coop,
        date=day,
        memo="tx",
        by=teacher,
        lines=[
            LineInput(d.pk, Side.DEBIT, Decimal(amount)),
            LineInput(k.pk, Side.CREDIT, Decimal(amount), None, member_tag(coop, credit)),
        ],
    )


def test_year_end_closing_works_after_december_was_closed_as_a_month(coop, teacher):
    # given a year with a surplus of Rp 45.000 whose December was closed by the monthly routine
    _post(coop, teacher, "1-1101", "3-1401", 100_000, dt.date(2025, 2, 1))
    _post(coop, teacher, "1-1101", "4-1101", 60_000, dt.date(2025, 12, 5))
    _post(coop, teacher, "6-1201", "1-1101", 15_000, dt.date(2025, 12, 9))
    december = accounting_period_for(coop=coop, day=YEAR_END)
    accounting_period_close(period=december, by=teacher)

    # when the tahun buku is closed
    entry = fiscal_year_close(coop=coop, start=YEAR_START, end=YEAR_END, by=teacher)

    # then the closing entry sits on 31 Dec in December and moves the surplus into SHU
    assert entry is not None and entry.date == YEAR_END and entry.period_id == december.pk
    assert account_balance(account=coop.accounts.get(code="3-1501")) == Decimal(45_000)
    assert account_balance(account=coop.accounts.get(code="4-1101")) == 0
    assert account_balance(account=coop.accounts.get(code="6-1201")) == 0
    assert balance_sheet(coop=coop)["balanced"] and trial_balance(coop=coop)["balanced"]
    assert not AccountingPeriod.objects.filter(
        coop=coop, start_date__year=2025, closed_at__isnull=True
    ).exists()
    # and ordinary postings into the closed December are still refused
    with pytest.raises(LedgerError, match="sudah ditutup"):
        _post(coop, teacher, "1-1101", "4-1101", 1_000, dt.date(2025, 12, 31))


def test_closing_the_year_twice_posts_one_closing_entry(coop, teacher):
    _post(coop, teacher, "1-1101", "4-1101", 20_000, dt.date(2025, 3, 5))
    first = fiscal_year_close(coop=coop, start=YEAR_START, end=YEAR_END, by=teacher)
    again = fiscal_year_close(coop=coop, start=YEAR_START, end=YEAR_END, by=teacher)
    assert first.pk == again.pk
    assert JournalEntry.objects.filter(coop=coop, memo__startswith="Penutupan").count() == 1


def test_a_loss_year_debits_shu_tahun_berjalan(coop, teacher):
    _post(coop, teacher, "1-1101", "3-1401", 50_000, dt.date(2025, 2, 1))
    _post(coop, teacher, "6-1601", "1-1101", 7_000, dt.date(2025, 5, 1))
    accounting_period_close(period=accounting_period_for(coop=coop, day=YEAR_END), by=teacher)
    entry = fiscal_year_close(coop=coop, start=YEAR_START, end=YEAR_END, by=teacher)
    line = entry.lines.get(account__code="3-1501")
    assert (line.side, line.amount) == (Side.DEBIT, Decimal(7_000))


def test_the_closing_path_cannot_smuggle_other_postings_into_a_closed_period(coop, teacher):
    december = accounting_period_for(coop=coop, day=YEAR_END)
    accounting_period_close(period=december, by=teacher)
    cash = account_by_code(coop=coop, code="1-1101")
    sales = account_by_code(coop=coop, code="4-1101")
    surplus = account_by_code(coop=coop, code="3-1501")
    with pytest.raises(LedgerError, match="pendapatan dan beban"):
        journal_entry_post(
            workflow=Workflow.CLOSING,
            coop=coop,
            date=YEAR_END,
            memo="x",
            by=teacher,
            idempotency_key="smuggle-1",
            lines=[
                LineInput(cash.pk, Side.DEBIT, Decimal(500)),
                LineInput(sales.pk, Side.CREDIT, Decimal(500)),
            ],
        )
    with pytest.raises(LedgerError, match="hari terakhir"):
        journal_entry_post(
            workflow=Workflow.CLOSING,
            coop=coop,
            date=dt.date(2025, 12, 30),
            memo="x",
            by=teacher,
            idempotency_key="smuggle-2",
            lines=[
                LineInput(sales.pk, Side.DEBIT, Decimal(500)),
                LineInput(surplus.pk, Side.CREDIT, Decimal(500)),
            ],
        )
    assert not JournalEntry.objects.filter(coop=coop).exists()
