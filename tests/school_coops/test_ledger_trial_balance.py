"""Trial balance per month, per tahun buku and cumulative (docs/domain.md §9 case 18)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from school_coops.models import Side
from school_coops.selectors import trial_balance
from school_coops.services.ledger import LineInput, account_by_code, journal_entry_post
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


def _post(coop, teacher, debit, credit, amount, day):
    d = account_by_code(coop=coop, code=debit)
    k = account_by_code(coop=coop, code=credit)
    journal_entry_post(
        coop=coop,
        date=day,
        memo="tx",
        by=teacher,
        lines=[
            LineInput(d.pk, Side.DEBIT, Decimal(amount)),
            LineInput(k.pk, Side.CREDIT, Decimal(amount), None, member_tag(coop, credit)),
        ],
    )


@pytest.fixture
def books(coop, teacher):
    _post(coop, teacher, "1-1101", "3-1401", 100_000, dt.date(2025, 11, 3))
    _post(coop, teacher, "1-1101", "4-1101", 30_000, dt.date(2026, 2, 10))
    _post(coop, teacher, "6-1201", "1-1101", 12_000, dt.date(2026, 2, 20))
    _post(coop, teacher, "1-1101", "4-1301", 5_000, dt.date(2026, 3, 1))
    return coop


def _page(client, coop, **params):
    url = reverse("school_coops:trial-balance", args=[coop.slug])
    return client.get(url, params).content.decode()


def test_selector_sums_only_the_chosen_period(books):
    february = trial_balance(coop=books, since=dt.date(2026, 2, 1), until=dt.date(2026, 2, 28))
    assert february["balanced"] and february["total_debit"] == Decimal(30_000)
    year = trial_balance(coop=books, since=dt.date(2026, 1, 1), until=dt.date(2026, 12, 31))
    assert year["balanced"] and year["total_debit"] == Decimal(35_000)
    everything = trial_balance(coop=books)
    assert everything["balanced"] and everything["total_debit"] == Decimal(135_000)


@pytest.mark.parametrize(
    ("params", "debit", "heading"),
    [
        ({"scope": "bulan", "month": "2026-02"}, "Rp 30.000", "Mutasi 1 Feb 2026"),
        ({"scope": "tahun", "year": "2026"}, "Rp 35.000", "Mutasi 1 Jan 2026"),
        ({"scope": "tahun", "year": "2025"}, "Rp 100.000", "31 Des 2025"),
        ({"scope": "kumulatif"}, "Rp 135.000", "Kumulatif sampai"),
        ({}, "Rp 135.000", "Kumulatif sampai"),
    ],
)
def test_period_selector_on_the_page(client, books, teacher, params, debit, heading):
    client.force_login(teacher)
    html = _page(client, books, **params)
    total = html.split('data-testid="total-debit"><strong>')[1].split("<")[0]
    assert total == debit
    assert heading in html and "Seimbang" in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"scope": "bulan", "month": "februari"}, "TTTT-BB"),
        ({"scope": "bulan", "month": "2026-13"}, "TTTT-BB"),
        ({"scope": "tahun", "year": "abc"}, "angka tahun"),
        ({"scope": "tahun"}, "Isi tahun buku"),
        ({"scope": "minggu"}, "Pilih periode"),
    ],
)
def test_junk_periods_fall_back_to_cumulative_with_a_message(
    client, books, teacher, params, message
):
    client.force_login(teacher)
    html = _page(client, books, **params)
    assert message in html and "Kumulatif sampai" in html


def test_htmx_request_gets_the_table_only(client, books, teacher):
    client.force_login(teacher)
    url = reverse("school_coops:trial-balance", args=[books.slug])
    html = client.get(
        url, {"scope": "bulan", "month": "2026-03"}, headers={"HX-Request": "true"}
    ).content.decode()
    assert html.lstrip().startswith('<div id="trial-balance">') and "<html" not in html
    assert "Rp 5.000" in html
