"""A loss charged to cadangan (docs/domain.md §9 case 9) and re-opening a closed year (case 19)."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from school_coops.exceptions import CooperativeRuleError
from school_coops.models import AccountingPeriod, JournalEntry, ShuDistribution, Side
from school_coops.selectors import account_balance, trial_balance
from school_coops.selectors.shu import shu_plan
from school_coops.selectors.statements import financial_statements
from school_coops.services.closing import closing_entry_for, fiscal_year_close
from school_coops.services.cooperative import cooperative_create, cooperative_rat_record
from school_coops.services.ledger import LineInput, account_by_code, journal_entry_post
from school_coops.services.shu import shu_distribution_confirm
from school_coops.services.year_end import fiscal_year_reopen, shu_loss_charge
from tests.school_coops.rat_helpers import rat_with_shu_approved
from tests.school_coops.roles import member_tag

pytestmark = pytest.mark.django_db

D = Decimal
YEAR_START, YEAR_END = datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)
RAT_ON = datetime.date(2026, 2, 20)


def post(coop, by, day, debit, credit, amount):
    return journal_entry_post(
        coop=coop,
        date=day,
        memo=f"{debit}/{credit}",
        by=by,
        lines=[
            LineInput(account_by_code(coop=coop, code=debit).pk, Side.DEBIT, D(amount)),
            LineInput(
                account_by_code(coop=coop, code=credit).pk,
                Side.CREDIT,
                D(amount),
                None,
                member_tag(coop, credit),
            ),
        ],
    )


def balance(coop, code):
    return account_balance(account=account_by_code(coop=coop, code=code))


@pytest.fixture
def old_coop(school, teacher):
    return cooperative_create(
        school=school, name="Kopsis Tutup", by=teacher, founded_on=datetime.date(2025, 1, 6)
    )


@pytest.fixture
def loss_year(old_coop, teacher):
    """2025: cadangan 100.000 from earlier years (a grant booked there), a loss of 80.000."""
    post(old_coop, teacher, datetime.date(2025, 1, 10), "1-1101", "3-1301", 100_000)
    post(old_coop, teacher, datetime.date(2025, 3, 1), "1-1101", "4-1101", 20_000)
    post(old_coop, teacher, datetime.date(2025, 4, 1), "6-1601", "1-1101", 100_000)
    fiscal_year_close(coop=old_coop, start=YEAR_START, end=YEAR_END, by=teacher)
    return old_coop


# ---- case 9: a loss -----------------------------------------------------------------------


def test_a_confirmed_loss_is_charged_to_cadangan_once(loss_year, teacher):
    # given the closed loss year and its RAT
    assert balance(loss_year, "3-1501") == D(-80_000)
    cooperative_rat_record(coop=loss_year, fiscal_year=2025, held_on=RAT_ON, by=teacher)
    # when the guru pembina confirms it (twice: a double click)
    entry = shu_loss_charge(coop=loss_year, fiscal_year=2025, by=teacher)
    again = shu_loss_charge(coop=loss_year, fiscal_year=2025, by=teacher)
    # then one entry D Cadangan / K SHU tahun berjalan for the whole loss
    assert entry.pk == again.pk
    lines = {(ln.account.code, ln.side): ln.amount for ln in entry.lines.all()}
    assert lines == {("3-1301", Side.DEBIT): 80_000, ("3-1501", Side.CREDIT): 80_000}
    assert balance(loss_year, "3-1301") == 20_000 and balance(loss_year, "3-1501") == 0
    assert trial_balance(coop=loss_year)["balanced"]
    # the loss is still not distributed, and the PHU of 2025 still shows it
    with pytest.raises(CooperativeRuleError, match="rugi"):
        shu_distribution_confirm(coop=loss_year, fiscal_year=2025, by=teacher)
    s = financial_statements(coop=loss_year, fiscal_year=2025)
    assert s["phu"].surplus == -80_000 and (s["phu"].member_part, s["phu"].nonmember_part) == (0, 0)
    # and the 2026 equity statement shows the charge
    rows = {
        r.code: r for r in financial_statements(coop=loss_year, fiscal_year=2026)["equity_rows"]
    }
    assert (rows["3-1301"].opening, rows["3-1301"].decrease, rows["3-1301"].closing) == (
        100_000,
        80_000,
        20_000,
    )
    assert (rows["3-1501"].opening, rows["3-1501"].increase, rows["3-1501"].closing) == (
        -80_000,
        80_000,
        0,
    )


def test_the_charge_is_limited_to_the_cadangan_there_is(old_coop, teacher):
    post(old_coop, teacher, datetime.date(2025, 1, 10), "1-1101", "3-1301", 30_000)
    post(old_coop, teacher, datetime.date(2025, 1, 11), "1-1101", "3-1401", 100_000)
    post(old_coop, teacher, datetime.date(2025, 4, 1), "6-1601", "1-1101", 50_000)
    fiscal_year_close(coop=old_coop, start=YEAR_START, end=YEAR_END, by=teacher)
    cooperative_rat_record(coop=old_coop, fiscal_year=2025, held_on=RAT_ON, by=teacher)
    entry = shu_loss_charge(coop=old_coop, fiscal_year=2025, by=teacher)
    assert entry.lines.get(account__code="3-1301").amount == 30_000
    assert balance(old_coop, "3-1301") == 0 and balance(old_coop, "3-1501") == -20_000


def test_a_loss_charge_needs_the_rat_a_closed_year_and_a_loss(old_coop, loss_year, teacher):
    with pytest.raises(CooperativeRuleError, match="Tutup tahun buku 2024"):
        shu_loss_charge(coop=loss_year, fiscal_year=2024, by=teacher)  # 2024 is not closed
    with pytest.raises(CooperativeRuleError, match="catat dulu RAT"):
        shu_loss_charge(coop=loss_year, fiscal_year=2025, by=teacher)
    assert not JournalEntry.objects.filter(idempotency_key__startswith="shu-loss-").exists()


def test_a_profitable_year_has_no_loss_to_charge(old_coop, teacher):
    post(old_coop, teacher, datetime.date(2025, 3, 1), "1-1101", "4-1101", 20_000)
    fiscal_year_close(coop=old_coop, start=YEAR_START, end=YEAR_END, by=teacher)
    cooperative_rat_record(coop=old_coop, fiscal_year=2025, held_on=RAT_ON, by=teacher)
    with pytest.raises(CooperativeRuleError, match="tidak rugi"):
        shu_loss_charge(coop=old_coop, fiscal_year=2025, by=teacher)


def test_only_the_guru_pembina_charges_a_loss(client, loss_year, teacher, outsider):
    cooperative_rat_record(coop=loss_year, fiscal_year=2025, held_on=RAT_ON, by=teacher)
    url = reverse("school_coops:shu-loss-charge", args=[loss_year.slug])
    client.force_login(outsider)
    assert client.post(url, {"fiscal_year": "2025"}).status_code == 404
    client.force_login(teacher)
    preview = client.get(reverse("school_coops:shu", args=[loss_year.slug]), {"tahun": "2025"})
    assert 'data-testid="shu-loss-charge"' in preview.content.decode()
    response = client.post(url, {"fiscal_year": "2025"}, follow=True)
    assert "ditutup dari cadangan" in response.content.decode()
    assert balance(loss_year, "3-1501") == 0
    assert client.post(url, {"fiscal_year": "abc"}).status_code == 404


# ---- case 19: re-opening a closed year ------------------------------------------------------


@pytest.fixture
def profit_year(old_coop, teacher):
    """2025: SHU 45.000 (member sales 60.000 − ATK 15.000), closed."""
    post(old_coop, teacher, datetime.date(2025, 2, 1), "1-1101", "3-1401", 100_000)
    post(old_coop, teacher, datetime.date(2025, 12, 5), "1-1101", "4-1101", 60_000)
    post(old_coop, teacher, datetime.date(2025, 12, 9), "6-1201", "1-1101", 15_000)
    fiscal_year_close(coop=old_coop, start=YEAR_START, end=YEAR_END, by=teacher)
    return old_coop


def open_months(coop):
    return AccountingPeriod.objects.filter(
        coop=coop, start_date__year=2025, closed_at__isnull=True
    ).count()


def test_reopening_reverses_the_closing_entry_and_opens_the_months(profit_year, teacher):
    closing = closing_entry_for(coop=profit_year, start=YEAR_START)
    assert balance(profit_year, "3-1501") == 45_000 and open_months(profit_year) == 0
    # when re-opened
    reversal = fiscal_year_reopen(coop=profit_year, fiscal_year=2025, by=teacher)
    # then the closing entry is reversed on its own day; income and expense are back
    assert reversal.reverses_id == closing.pk and reversal.date == YEAR_END
    assert balance(profit_year, "3-1501") == 0
    assert balance(profit_year, "4-1101") == 60_000 and balance(profit_year, "6-1201") == 15_000
    assert (
        open_months(profit_year) == 12
        and closing_entry_for(coop=profit_year, start=YEAR_START) is None
    )
    # a correction can now go into the year, and the statements follow it
    post(profit_year, teacher, datetime.date(2025, 12, 20), "6-1601", "1-1101", 5_000)
    s = financial_statements(coop=profit_year, fiscal_year=2025)
    assert s["phu"].surplus == 40_000 and s["position"].balanced and not s["year_closed"]
    # closing again posts a new closing entry with the corrected result
    again = fiscal_year_close(coop=profit_year, start=YEAR_START, end=YEAR_END, by=teacher)
    assert again.pk not in (closing.pk, reversal.pk)
    assert balance(profit_year, "3-1501") == 40_000 and balance(profit_year, "4-1101") == 0
    assert fiscal_year_close(coop=profit_year, start=YEAR_START, end=YEAR_END, by=teacher) == again
    s = financial_statements(coop=profit_year, fiscal_year=2025)
    assert s["phu"].surplus == 40_000 and s["year_closed"]
    rows = {r.code: r for r in s["equity_rows"]}
    assert rows["3-1501"].increase == 40_000 and rows["3-1501"].reconciles


def test_reopening_is_refused_once_the_shu_is_distributed(profit_year, teacher):
    rat_with_shu_approved(coop=profit_year, fiscal_year=2025, held_on=RAT_ON, by=teacher)
    assert shu_plan(coop=profit_year, fiscal_year=2025).problems == []
    shu_distribution_confirm(coop=profit_year, fiscal_year=2025, by=teacher)
    with pytest.raises(CooperativeRuleError, match="sudah dibagikan"):
        fiscal_year_reopen(coop=profit_year, fiscal_year=2025, by=teacher)
    assert open_months(profit_year) == 0 and ShuDistribution.objects.count() == 1
    assert closing_entry_for(coop=profit_year, start=YEAR_START) is not None


def test_reopening_is_refused_after_a_loss_was_charged(loss_year, teacher):
    cooperative_rat_record(coop=loss_year, fiscal_year=2025, held_on=RAT_ON, by=teacher)
    shu_loss_charge(coop=loss_year, fiscal_year=2025, by=teacher)
    with pytest.raises(CooperativeRuleError, match="cadangan"):
        fiscal_year_reopen(coop=loss_year, fiscal_year=2025, by=teacher)
    assert open_months(loss_year) == 0


def test_an_open_year_cannot_be_reopened(old_coop, teacher):
    post(old_coop, teacher, datetime.date(2025, 3, 1), "1-1101", "4-1101", 1_000)
    with pytest.raises(CooperativeRuleError, match="belum ditutup"):
        fiscal_year_reopen(coop=old_coop, fiscal_year=2025, by=teacher)


def test_only_the_guru_pembina_reopens(client, profit_year, teacher, classroom):
    from school_coops.models import PositionRole
    from school_coops.services.members import membership_register, position_assign
    from tests.factories import make_student

    ketua = membership_register(
        coop=profit_year,
        member=make_student(classroom, username="ketua-tutup"),
        category="siswa",
        by=teacher,
        date=datetime.date(2026, 1, 5),
    )
    position_assign(
        membership=ketua, role=PositionRole.KETUA, by=teacher, started_on=datetime.date(2026, 1, 5)
    )
    url = reverse("school_coops:fiscal-year-reopen", args=[profit_year.slug])
    client.force_login(ketua.member)
    assert client.post(url, {"fiscal_year": "2025"}).status_code == 404
    assert open_months(profit_year) == 0
    client.force_login(teacher)
    periods = client.get(reverse("school_coops:periods", args=[profit_year.slug]))
    assert 'data-testid="fiscal-year-reopen"' in periods.content.decode()
    html = client.post(url, {"fiscal_year": "2025"}, follow=True).content.decode()
    assert "Tahun buku 2025 dibuka kembali." in html and "Jurnal penutup dibalik" in html
    assert open_months(profit_year) == 12
    html = client.post(url, {"fiscal_year": "2025"}, follow=True).content.decode()
    assert "belum ditutup" in html  # a second click changes nothing
