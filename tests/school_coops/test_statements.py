"""Financial statements (docs/domain.md §4.2, §9 cases 18 and 21).

Exact figures from known postings.
"""

import datetime
import subprocess
from decimal import Decimal

import pytest
from django.urls import reverse

from school_coops.selectors.shu import shu_plan
from school_coops.selectors.statements import financial_statements
from school_coops.services.closing import fiscal_year_close
from school_coops.services.cooperative import cooperative_create, cooperative_rat_record
from school_coops.services.ledger import LineInput, account_by_code, journal_entry_post
from school_coops.services.members import membership_register
from school_coops.services.participation import member_purchase_record
from school_coops.services.savings import savings_wajib_pay
from school_coops.services.shu import shu_distribution_confirm
from tests.factories import make_student
from tests.programs import require_program
from tests.school_coops.rat_helpers import rat_with_shu_approved

pytestmark = pytest.mark.django_db

D = Decimal
FOUNDED = datetime.date(2025, 1, 6)
YEAR_START, YEAR_END = datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)


def post(coop, by, day, debit, credit, amount):
    journal_entry_post(
        coop=coop,
        date=day,
        memo=f"{debit}/{credit}",
        by=by,
        lines=[
            LineInput(account_by_code(coop=coop, code=debit).pk, "D", D(amount)),
            LineInput(account_by_code(coop=coop, code=credit).pk, "K", D(amount)),
        ],
    )


@pytest.fixture
def books(school, classroom, teacher):
    """Tahun buku 2025 of a store: SHU 95.000, of which 50.000 from non-member sales.

    Members' business 250.000 − 150.000 = 100.000; non-members 120.000 − 70.000 = 50.000;
    fotokopi 30.000; ATK 25.000 and depreciation 60.000.
    """
    coop = cooperative_create(school=school, name="Kopsis Laporan", by=teacher, founded_on=FOUNDED)
    ani, _budi = (
        membership_register(
            coop=coop,
            member=make_student(classroom, username=f"lap-{name}"),
            category="siswa",
            by=teacher,
            date=FOUNDED,
        )
        for name in ("ani", "budi")
    )  # pokok 2 × 10.000 into Kas
    savings_wajib_pay(
        membership=ani, period=datetime.date(2025, 1, 1), by=teacher, date=FOUNDED
    )  # wajib 2.000 into Kas
    day = datetime.date
    post(coop, teacher, day(2025, 1, 10), "1-1201", "3-1401", 500_000)  # hibah into the bank
    post(coop, teacher, day(2025, 1, 15), "1-2101", "1-1201", 300_000)  # equipment
    post(coop, teacher, day(2025, 1, 20), "1-1501", "2-1101", 400_000)  # stock on credit
    member_purchase_record(membership=ani, amount=250_000, by=teacher, date=day(2025, 2, 1))
    post(coop, teacher, day(2025, 2, 1), "5-1101", "1-1501", 150_000)
    post(coop, teacher, day(2025, 3, 1), "1-1101", "4-1201", 120_000)
    post(coop, teacher, day(2025, 3, 1), "5-1201", "1-1501", 70_000)
    post(coop, teacher, day(2025, 4, 1), "1-1101", "4-1301", 30_000)
    post(coop, teacher, day(2025, 5, 1), "6-1201", "1-1101", 25_000)
    post(coop, teacher, day(2025, 6, 1), "2-1101", "1-1101", 100_000)
    post(coop, teacher, day(2025, 12, 31), "6-1301", "1-2109", 60_000)
    return coop


def lines_by_code(section):
    return {line.code: line.amount for line in section.lines}


def assert_2025_figures(s):
    phu = s["phu"]
    assert lines_by_code(phu.member_revenue) == {"4-1101": 250_000, "4-1401": 0}
    assert (phu.member_revenue.total, phu.member_cost.total, phu.member_net) == (
        250_000,
        150_000,
        100_000,
    )
    assert (phu.nonmember_sales.total, phu.nonmember_cost.total, phu.nonmember_gross) == (
        120_000,
        70_000,
        50_000,
    )
    assert phu.other_income.total == 30_000 and lines_by_code(phu.other_income)["4-1301"] == 30_000
    assert phu.expenses.total == 85_000
    assert {c: a for c, a in lines_by_code(phu.expenses).items() if a} == {
        "6-1201": 25_000,
        "6-1301": 60_000,
    }
    assert (phu.before_tax, phu.tax.total, phu.surplus) == (95_000, 0, 95_000)
    assert (phu.member_part, phu.nonmember_part) == (45_000, 50_000)
    assert all(isinstance(x, Decimal) for x in (phu.surplus, phu.member_part))

    pos = s["position"]
    assets = lines_by_code(pos.assets)
    assert assets == {
        "1-1101": 297_000,
        "1-1201": 200_000,
        "1-1501": 180_000,
        "1-2101": 300_000,
        "1-2109": -60_000,
    }
    assert next(x for x in pos.assets.lines if x.code == "1-2109").contra
    assert lines_by_code(pos.liabilities) == {"2-1101": 300_000}
    assert lines_by_code(pos.equity) == {
        "3-1101": 20_000,
        "3-1201": 2_000,
        "3-1401": 500_000,
        "3-1501": 95_000,
    }
    assert (pos.assets.total, pos.liabilities.total, pos.equity.total) == (
        917_000,
        300_000,
        617_000,
    )
    assert pos.balanced  # case 18

    rows = {r.code: r for r in s["equity_rows"]}
    assert (rows["3-1501"].opening, rows["3-1501"].increase, rows["3-1501"].closing) == (
        0,
        95_000,
        95_000,
    )
    assert rows["3-1401"].increase == 500_000 and all(r.reconciles for r in rows.values())
    assert s["equity_totals"]["closing"] == pos.equity.total

    cash = s["cash_flow"]
    operating, investing, financing = cash.sections
    assert lines_by_code(operating) == {
        "2-1101": -100_000,
        "4-1101": 250_000,
        "4-1201": 120_000,
        "4-1301": 30_000,
        "6-1201": -25_000,
    }
    assert (operating.total, investing.total, financing.total) == (275_000, -300_000, 522_000)
    assert (cash.opening, cash.net_change, cash.closing) == (0, 497_000, 497_000)
    assert cash.reconciles


def test_statements_of_a_known_year_before_closing(books):
    s = financial_statements(coop=books, fiscal_year=2025)
    assert_2025_figures(s)
    assert not s["year_closed"]


def test_statements_are_the_same_after_the_year_is_closed(books, teacher):
    # given the closed year: income and expense are zero in the ledger
    entry = fiscal_year_close(coop=books, start=YEAR_START, end=YEAR_END, by=teacher)
    assert entry is not None
    # then the PHU still shows the year's activity and the position is unchanged
    s = financial_statements(coop=books, fiscal_year=2025)
    assert_2025_figures(s)
    assert s["year_closed"]


def test_the_phu_split_is_the_one_the_shu_distribution_uses(books, teacher):
    fiscal_year_close(coop=books, start=YEAR_START, end=YEAR_END, by=teacher)
    cooperative_rat_record(
        coop=books, fiscal_year=2025, held_on=datetime.date(2026, 2, 20), by=teacher
    )
    plan = shu_plan(coop=books, fiscal_year=2025)
    phu = financial_statements(coop=books, fiscal_year=2025)["phu"]
    assert (plan.total, plan.member_part, plan.nonmember_part) == (
        phu.surplus,
        phu.member_part,
        phu.nonmember_part,
    )


def test_next_year_shows_the_distribution_as_an_equity_movement(books, teacher):
    # given 2025 closed and its SHU distributed after the RAT in February 2026
    fiscal_year_close(coop=books, start=YEAR_START, end=YEAR_END, by=teacher)
    rat_with_shu_approved(
        coop=books, fiscal_year=2025, held_on=datetime.date(2026, 2, 20), by=teacher
    )
    shu_distribution_confirm(
        coop=books, fiscal_year=2025, by=teacher, date=datetime.date(2026, 2, 21)
    )
    # when the 2026 statements are read
    s = financial_statements(coop=books, fiscal_year=2026)
    # then SHU tahun berjalan opens at 95.000 and is emptied; cadangan got its share
    rows = {r.code: r for r in s["equity_rows"]}
    surplus = rows["3-1501"]
    assert (surplus.opening, surplus.decrease, surplus.closing) == (95_000, 95_000, 0)
    # cadangan 30 % of the members' 45.000 plus the 50.000 from non-members (+ residuals)
    assert rows["3-1301"].opening == 0 and rows["3-1301"].increase >= 13_500 + 50_000
    assert all(r.reconciles for r in rows.values())
    assert s["position"].balanced and s["phu"].surplus == 0
    assert s["equity_totals"]["closing"] == s["position"].equity.total


# ---- the page and the PDF ------------------------------------------------------------------


def url(coop, name="school_coops:financial-statements"):
    return reverse(name, args=[coop.slug])


def test_page_shows_the_statements_with_the_standard_labels(client, books, teacher):
    client.force_login(teacher)
    html = client.get(url(books), {"tahun": "2025"}).content.decode()
    for label in (
        "Laporan Posisi Keuangan",
        "Laporan Perhitungan Hasil Usaha",
        "Laporan Perubahan Ekuitas",
        "Laporan Arus Kas",
        "Partisipasi bruto anggota",
        "Partisipasi neto anggota",
        "Penjualan kepada non-anggota",
        "Laba kotor dari non-anggota",
        "SHU dari anggota",
        "SHU dari non-anggota",
        "Jumlah liabilitas dan ekuitas",
    ):
        assert label in html, label
    assert 'data-testid="shu-member">Rp 45.000<' in html
    assert 'data-testid="shu-nonmember">Rp 50.000<' in html
    assert 'data-testid="total-aset">Rp 917.000<' in html
    assert 'data-testid="liabilities-and-equity">Rp 917.000<' in html
    assert "(Rp 60.000)" in html  # akumulasi penyusutan shown as a reduction
    assert "Seimbang: Aset = Liabilitas + Ekuitas = Rp 917.000." in html
    assert reverse("school_coops:financial-statements", args=[books.slug]) in html  # nav link


def test_pdf_carries_the_same_statements(client, books, teacher, tmp_path):
    client.force_login(teacher)
    response = client.get(url(books, "school_coops:financial-statements-pdf"), {"tahun": "2025"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "laporan-keuangan-" in response["Content-Disposition"]
    pdftotext = require_program("pdftotext")  # fails in CI when missing, never skips there
    pdf = tmp_path / "lk.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(
        [pdftotext, "-layout", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for label in (
        "Laporan Posisi Keuangan",
        "Laporan Perhitungan Hasil Usaha",
        "Laporan Perubahan Ekuitas",
        "Laporan Arus Kas",
        "SHU dari non-anggota",
        "Kopsis Laporan",
    ):
        assert label in text, label
    assert "Rp 917.000" in text and "Rp 45.000" in text


def test_default_is_the_current_tahun_buku(client, books, teacher):
    client.force_login(teacher)
    html = client.get(url(books)).content.decode()
    assert "Tahun buku 2026:" in html and 'data-testid="year-error"' not in html


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("abc", "Tahun buku harus berupa angka tahun"),
        ("2999", "Tahun buku 2999 belum dimulai."),
        ("1200", "Tahun buku paling awal 1990."),
        ("2025.5", "Tahun buku harus berupa angka tahun"),
    ],
)
def test_a_junk_year_gives_a_clear_message_and_the_current_year(
    client, books, teacher, value, message
):
    client.force_login(teacher)
    response = client.get(url(books), {"tahun": value})
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html and "Ditampilkan tahun buku 2026." in html
    assert "Tahun buku 2026:" in html


def test_an_officer_may_read_the_aggregates(client, coop, treasurer):
    client.force_login(treasurer)
    assert client.get(url(coop)).status_code == 200
    assert client.get(url(coop, "school_coops:financial-statements-pdf")).status_code == 200


def test_members_outsiders_and_other_coops_get_404(
    client, coop, member, outsider, other_coop, teacher
):
    for user in (member.member, outsider):
        client.force_login(user)
        assert client.get(url(coop)).status_code == 404
        assert client.get(url(coop, "school_coops:financial-statements-pdf")).status_code == 404
    client.force_login(teacher)
    assert client.get(url(other_coop)).status_code == 404
    assert client.get(url(other_coop, "school_coops:financial-statements-pdf")).status_code == 404
    client.logout()
    assert client.get(url(coop)).status_code == 302
