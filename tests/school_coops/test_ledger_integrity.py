"""Ledger integrity (issue 8, domain audit): member sales name the member, line UPDATEs are
guarded on both entries, reads see posted entries only, the Rp 1 triliun cap is for single
postings, Kas never goes below zero, the cash flow nets mixed entries, one money parser."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from school_coops.exceptions import LedgerError
from school_coops.forms import RupiahField
from school_coops.models import JournalEntry, JournalLine, Side
from school_coops.selectors import (
    account_balance,
    cash_book,
    general_journal,
    trial_balance,
)
from school_coops.selectors.statements import cash_flow
from school_coops.services.closing import closing_entry_for, fiscal_year_close
from school_coops.services.cooperative import cooperative_create
from school_coops.services.ledger import (
    LineInput,
    account_by_code,
    accounting_period_for,
    journal_entry_post,
    money_clean,
)

pytestmark = pytest.mark.django_db

D = Decimal


def _acc(coop, code):
    return account_by_code(coop=coop, code=code)


def post(coop, by, day, lines, memo="tx"):
    return journal_entry_post(
        coop=coop,
        date=day,
        memo=memo,
        by=by,
        lines=[
            LineInput(_acc(coop, code).pk, side, D(amount), None, member)
            for code, side, amount, member in lines
        ],
    )


def simple(coop, by, day, debit, credit, amount, member=None):
    return post(coop, by, day, [(debit, "D", amount, None), (credit, "K", amount, member)])


# ---- sales to members name the member ---------------------------------------------------


@pytest.mark.parametrize("code", ["4-1101", "4-1401"])
def test_a_sale_to_a_member_must_name_the_member(coop, member, teacher, code):
    with pytest.raises(LedgerError, match=r"harus menyebut anggotanya.*4-1201"):
        simple(coop, teacher, timezone.localdate(), "1-1101", code, 5_000)
    assert not JournalEntry.objects.filter(coop=coop, memo="tx").exists()
    entry = simple(coop, teacher, timezone.localdate(), "1-1101", code, 5_000, member.pk)
    assert entry.lines.get(account__code=code).membership_id == member.pk


def test_a_non_member_sale_goes_to_its_own_account_without_a_member(coop, member, teacher):
    with pytest.raises(LedgerError, match="non-anggota"):
        simple(coop, teacher, timezone.localdate(), "1-1101", "4-1201", 5_000, member.pk)
    entry = simple(coop, teacher, timezone.localdate(), "1-1101", "4-1201", 5_000)
    assert entry.lines.get(account__code="4-1201").membership_id is None


# ---- a line UPDATE is guarded on the entry it leaves and the entry it joins ------------------


def _draft(coop, teacher, amount):
    """An unposted entry with one line, as exists for a moment inside journal_entry_post."""
    period = accounting_period_for(coop=coop, day=timezone.localdate())
    draft = JournalEntry.objects.create(
        coop=coop,
        period=period,
        number=9999,
        date=timezone.localdate(),
        memo="draft",
        created_by=teacher,
    )
    JournalLine.objects.create(
        entry=draft, account=_acc(coop, "1-1101"), side=Side.DEBIT, amount=D(amount)
    )
    return draft


def test_a_line_cannot_be_moved_into_a_posted_entry_by_raw_sql(coop, teacher):
    posted = simple(coop, teacher, timezone.localdate(), "1-1101", "3-1401", 1_000)
    draft = _draft(coop, teacher, 500)
    line = draft.lines.get()
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE school_coops_journalline SET entry_id = %s WHERE id = %s", [posted.pk, line.pk]
        )
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    assert posted.lines.count() == 2
    line.refresh_from_db()
    assert line.entry_id == draft.pk


# ---- reads see posted entries only -----------------------------------------------------


def test_selectors_read_posted_entries_only(coop, teacher):
    simple(coop, teacher, timezone.localdate(), "1-1101", "3-1401", 1_000)
    draft = _draft(coop, teacher, 777)  # unbalanced and unposted: must count nowhere
    kas = _acc(coop, "1-1101")
    assert account_balance(account=kas) == D(1_000)
    tb = trial_balance(coop=coop)
    assert tb["balanced"] and tb["total_debit"] == D(1_000)
    assert draft not in general_journal(coop=coop)
    assert [row.balance for row in cash_book(coop=coop)] == [D(1_000)]


# ---- the Rp 1 triliun cap is for single postings ---------------------------------------------


def test_the_cap_is_for_single_postings_not_for_the_closing_total(school, teacher):
    coop = cooperative_create(
        school=school, name="Kopsis Besar", by=teacher, founded_on=datetime.date(2025, 1, 6)
    )
    with pytest.raises(LedgerError, match="terlalu besar"):
        simple(coop, teacher, datetime.date(2025, 3, 1), "1-1101", "4-1201", 1_000_000_000_001)
    for month in (3, 4):  # two sales of Rp 600 miliar
        simple(coop, teacher, datetime.date(2025, month, 1), "1-1101", "4-1201", 600_000_000_000)
    closing = fiscal_year_close(
        coop=coop,
        start=datetime.date(2025, 1, 1),
        end=datetime.date(2025, 12, 31),
        by=teacher,
    )
    assert closing == closing_entry_for(coop=coop, start=datetime.date(2025, 1, 1))
    assert account_balance(account=_acc(coop, "3-1501")) == D(1_200_000_000_000)


# ---- Kas never below zero ----------------------------------------------------------------


def test_a_payment_kas_cannot_cover_is_refused(coop, teacher):
    today = timezone.localdate()
    simple(coop, teacher, today, "1-1101", "3-1401", 5_000)
    with pytest.raises(LedgerError, match="kas tidak boleh minus"):
        simple(coop, teacher, today, "6-1201", "1-1101", 5_001)
    assert account_balance(account=_acc(coop, "1-1101")) == D(5_000)
    simple(coop, teacher, today, "6-1201", "1-1101", 5_000)  # exactly what there is
    assert account_balance(account=_acc(coop, "1-1101")) == 0


def test_a_back_dated_payment_may_not_empty_kas_on_a_later_day(school, teacher):
    coop = cooperative_create(
        school=school, name="Kopsis Mundur", by=teacher, founded_on=datetime.date(2025, 1, 6)
    )
    day = datetime.date(2025, 3, 1)
    simple(coop, teacher, day.replace(day=10), "1-1101", "3-1401", 10_000)
    simple(coop, teacher, day.replace(day=20), "6-1201", "1-1101", 8_000)
    # before any money came in
    with pytest.raises(LedgerError, match="kas tidak boleh minus"):
        simple(coop, teacher, day.replace(day=5), "6-1201", "1-1101", 1_000)
    # enough on the 15th (10.000), but the 20th would go to −3.000
    with pytest.raises(LedgerError, match="kas tidak boleh minus"):
        simple(coop, teacher, day.replace(day=15), "6-1201", "1-1101", 5_000)
    simple(coop, teacher, day.replace(day=15), "6-1201", "1-1101", 2_000)
    assert account_balance(account=_acc(coop, "1-1101")) == 0


# ---- cash flow by net effect ----------------------------------------------------------------


def test_the_cash_flow_shows_a_mixed_entry_by_its_net_effect(school, teacher):
    coop = cooperative_create(
        school=school, name="Kopsis Arus", by=teacher, founded_on=datetime.date(2025, 1, 6)
    )
    # a sale of 150.000 of which 50.000 was settled by the buyer paying a supplier bill for us:
    # only 100.000 reached Kas
    post(
        coop,
        teacher,
        datetime.date(2025, 3, 1),
        [
            ("1-1101", "D", 100_000, None),
            ("6-1201", "D", 50_000, None),
            ("4-1201", "K", 150_000, None),
        ],
    )
    flow = cash_flow(coop=coop, fiscal_year=2025)
    lines = [(line.code, line.amount) for s in flow.sections for line in s.lines]
    assert lines == [("4-1201", D(100_000))]
    assert flow.reconciles and flow.closing == D(100_000)


# ---- one money parser ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "amount"),
    [("1.500.000,00", 1_500_000), ("Rp 1.500.000,00", 1_500_000), ("5.000,-", 5_000)],
)
def test_whole_rupiah_with_zero_cents_is_accepted_by_form_and_service(raw, amount):
    assert money_clean(raw) == D(amount)
    assert RupiahField().clean(raw) == D(amount)


@pytest.mark.parametrize("raw", ["50 00", "1 500 000", "5.000 00"])
def test_a_space_inside_a_number_is_refused_by_form_and_service(raw):
    with pytest.raises(LedgerError, match="spasi"):
        money_clean(raw)
    from django import forms

    with pytest.raises(forms.ValidationError, match="spasi"):
        RupiahField().clean(raw)


# ---- issue 15: the rule lives in the service, the forms only show it --------------------------


def test_the_ledger_itself_refuses_an_entry_before_the_founding_date(coop, teacher):
    day = coop.founded_on - datetime.timedelta(days=1)
    with pytest.raises(LedgerError, match="sebelum koperasi berdiri"):
        simple(coop, teacher, day, "1-1101", "3-1401", 1_000)
    assert not JournalEntry.objects.filter(coop=coop).exists()
