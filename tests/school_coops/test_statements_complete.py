"""The complete report pack: prior-year column, notes (CALK) and the XLSX export.

Two tahun buku with known postings: 2025 from test_statements.books (SHU 95.000) and 2026 with
member sales 100.000, their cost 60.000 and ATK 10.000 (SHU 30.000).
"""

import datetime
import io
import subprocess
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from school_coops.models import Account
from school_coops.selectors.statement_pack import comparative_statements
from school_coops.selectors.statements import financial_statements
from school_coops.services.closing import fiscal_year_close
from school_coops.services.participation import member_purchase_record
from school_coops.services.shu import shu_distribution_confirm
from tests.programs import require_program
from tests.school_coops.rat_helpers import rat_with_shu_approved
from tests.school_coops.test_statements import YEAR_END, YEAR_START, books, post

pytestmark = pytest.mark.django_db
__all__ = ["books"]  # the fixture, imported for pytest

D = Decimal


@pytest.fixture
def two_years(books, teacher):
    fiscal_year_close(coop=books, start=YEAR_START, end=YEAR_END, by=teacher)
    rat_with_shu_approved(
        coop=books, fiscal_year=2025, held_on=datetime.date(2026, 2, 20), by=teacher
    )
    shu_distribution_confirm(
        coop=books, fiscal_year=2025, by=teacher, date=datetime.date(2026, 2, 21)
    )
    ani = books.memberships.get(member__username="lap-ani")
    member_purchase_record(
        membership=ani, amount=100_000, by=teacher, date=datetime.date(2026, 3, 2)
    )
    post(books, teacher, datetime.date(2026, 3, 2), "5-1101", "1-1501", 60_000)
    post(books, teacher, datetime.date(2026, 4, 1), "6-1201", "1-1101", 10_000)
    return books


def by_code(section, attr="amount"):
    return {line.code: getattr(line, attr) for line in section.lines}


def test_the_prior_column_is_the_prior_years_own_statements(two_years):
    s = comparative_statements(coop=two_years, fiscal_year=2026)
    own_2025 = financial_statements(coop=two_years, fiscal_year=2025)
    assert s["prior_year"] == 2025
    # the PHU: this year's and last year's figures side by side
    phu = s["phu"]
    assert by_code(phu.member_revenue)["4-1101"] == 100_000
    assert by_code(phu.member_revenue, "prior")["4-1101"] == 250_000
    assert (phu.member_cost.total, phu.member_cost.prior_total) == (60_000, 150_000)
    assert (phu.nonmember_sales.total, phu.nonmember_sales.prior_total) == (0, 120_000)
    assert by_code(phu.expenses, "prior")["6-1301"] == 60_000
    assert by_code(phu.expenses)["6-1301"] == 0
    assert (phu.surplus, s["prior"]["phu"].surplus) == (30_000, 95_000)
    # the position: every prior line equals the 2025 position's own line
    for name in ("assets", "liabilities", "equity"):
        now, before = getattr(s["position"], name), getattr(own_2025["position"], name)
        prior = {c: a for c, a in by_code(now, "prior").items() if a}
        assert prior == {c: a for c, a in by_code(before).items() if a}, name
        assert now.prior_total == before.total
    assert s["position"].assets.prior_total == 917_000
    assert s["position"].balanced and s["prior"]["position"].balanced
    # a line only 2025 had (3-1501 was emptied by the distribution) still shows its 95.000
    assert by_code(s["position"].equity, "prior")["3-1501"] == 95_000
    operating = s["cash_flow"].sections[0]
    assert operating.prior_total == 275_000
    assert s["cash_flow"].opening == s["prior"]["cash_flow"].closing == 497_000


def test_notes_give_policies_savings_by_kind_and_the_shu_allocation(two_years):
    s = comparative_statements(coop=two_years, fiscal_year=2025)
    notes = s["notes"]
    titles = [title for title, _text in notes["policies"]]
    assert "Pembulatan SHU" in titles and "Dasar penyusunan" in titles
    rounding = dict(notes["policies"])["Pembulatan SHU"]
    assert "sisa terbesar" in rounding  # the demo bylaw's rule, not a fixed text
    savings = {n.code: (n.kind, n.amount, n.prior) for n in notes["savings"]}
    assert savings == {
        "3-1101": ("Simpanan pokok", 20_000, 0),
        "3-1201": ("Simpanan wajib", 2_000, 0),
        "2-1201": ("Simpanan sukarela", 0, 0),
    }
    shu = notes["shu"]
    assert shu["decided"] and shu["total"] == 95_000
    assert sum(r["amount"] for r in shu["rows"]) == 95_000
    labels = {r["label"] for r in shu["rows"]}
    assert {"Cadangan", "Jasa modal anggota", "Jasa usaha anggota"} <= labels


def test_notes_of_an_undecided_year_show_the_bylaw_plan(two_years):
    notes = comparative_statements(coop=two_years, fiscal_year=2026)["notes"]
    assert not notes["shu"]["decided"] and notes["shu"]["total"] == 30_000
    assert sum(r["amount"] for r in notes["shu"]["rows"]) == 30_000


def url(coop, name="school_coops:financial-statements"):
    return reverse(name, args=[coop.slug])


def test_page_shows_both_years_and_the_notes(client, two_years, teacher):
    client.force_login(teacher)
    html = client.get(url(two_years), {"tahun": "2026"}).content.decode()
    assert 'data-testid="prior-phu-surplus">Rp 95.000<' in html
    assert 'data-testid="phu-surplus">Rp 30.000<' in html
    assert 'data-testid="prior-total-aset">Rp 917.000<' in html
    assert 'data-testid="prior-cash-closing">Rp 497.000<' in html
    for text in ("Catatan atas Laporan Keuangan", "Simpanan pokok", "Pembulatan SHU", "2025"):
        assert text in html, text
    assert url(two_years, "school_coops:financial-statements-xlsx") + "?tahun=2026" in html


def xlsx(client, coop, **params):
    response = client.get(url(coop, "school_coops:financial-statements-xlsx"), params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Cache-Control"] == "private, no-store"
    return response, load_workbook(io.BytesIO(response.content))


def rows_of(sheet):
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_xlsx_holds_every_statement_cell_by_cell(client, two_years, teacher):
    client.force_login(teacher)
    response, book = xlsx(client, two_years, tahun="2026")
    assert 'filename="laporan-keuangan-kopsis-laporan-2026.xlsx"' in response[
        "Content-Disposition"
    ].replace(two_years.slug, "kopsis-laporan")
    assert book.sheetnames == [
        "Posisi keuangan",
        "Hasil usaha",
        "Perubahan ekuitas",
        "Arus kas",
        "Catatan",
    ]
    position = rows_of(book["Posisi keuangan"])
    assert position[0] == ["Pos", "Kode akun", "2026", "2025"]
    assert book["Posisi keuangan"]["A1"].font.b
    assert position[1] == ["Aset", None, None, None]
    by_code_row = {row[1]: row for row in position if row[1]}
    assert by_code_row["1-2101"][2:] == [300_000, 300_000]
    assert by_code_row["1-2109"][2:] == [-60_000, -60_000]
    assert by_code_row["3-1501"][2:] == [30_000, 95_000]
    assert position[-1] == ["Jumlah liabilitas dan ekuitas", None, 947_000, 917_000]
    assert ["Jumlah aset", None, 947_000, 917_000] in position
    phu = rows_of(book["Hasil usaha"])
    assert ["Partisipasi neto anggota", None, 40_000, 100_000] in phu
    assert ["Laba kotor dari non-anggota", None, 0, 50_000] in phu
    assert phu[-1] == ["SHU tahun berjalan", None, 30_000, 95_000]
    assert all(isinstance(c, int) for c in phu[-1][2:])  # numbers, not text
    equity = rows_of(book["Perubahan ekuitas"])
    assert equity[0][0] == "Akun" and equity[-1][0] == "Jumlah ekuitas"
    cash = rows_of(book["Arus kas"])
    assert cash[1] == ["Kas dan bank awal tahun", None, 497_000, 0]
    notes = rows_of(book["Catatan"])
    assert ["Simpanan pokok", "3-1101", 20_000, 20_000] in notes
    assert any(row[0] == "Pembulatan SHU" and "sisa terbesar" in row[1] for row in notes)


def test_xlsx_never_carries_a_formula(client, two_years, teacher):
    # given an account whose name a spreadsheet would run
    Account.objects.filter(coop=two_years, code="6-1201").update(name='=HYPERLINK("x","y")')
    client.force_login(teacher)
    _response, book = xlsx(client, two_years, tahun="2026")
    cells = [c for row in book["Hasil usaha"].iter_rows() for c in row if c.value]
    named = [c for c in cells if "HYPERLINK" in str(c.value)]
    assert named and all(c.value == '\'=HYPERLINK("x","y")' for c in named)
    assert all(c.data_type != "f" for c in cells)


def test_xlsx_of_a_junk_year_is_the_current_year(client, two_years, teacher):
    client.force_login(teacher)
    _response, book = xlsx(client, two_years, tahun="abc")
    assert rows_of(book["Posisi keuangan"])[0][2:] == ["2026", "2025"]


def test_pdf_carries_the_prior_year_and_the_notes(client, two_years, teacher, tmp_path):
    client.force_login(teacher)
    response = client.get(
        url(two_years, "school_coops:financial-statements-pdf"), {"tahun": "2026"}
    )
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    pdftotext = require_program("pdftotext")  # fails, never skips, when missing
    pdf = tmp_path / "lk.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(
        [pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    for label in (
        "Catatan atas Laporan Keuangan",
        "Kebijakan akuntansi",
        "Simpanan anggota menurut jenis",
        "Pembagian SHU",
        "Pembulatan SHU",
    ):
        assert label in text, label
    assert "Rp 947.000" in text and "Rp 917.000" in text  # both years' total assets
    assert "Tahun buku 2025" in text  # the equity changes' prior-year block
    surplus_line = next(line for line in text.splitlines() if "SHU tahun berjalan" in line)
    assert "Rp 30.000" in surplus_line and "Rp 95.000" in surplus_line


def test_xlsx_refuses_members_outsiders_and_other_coops(
    client, coop, member, outsider, other_coop, teacher
):
    name = "school_coops:financial-statements-xlsx"
    for user in (member.member, outsider):
        client.force_login(user)
        assert client.get(url(coop, name)).status_code == 404
    client.force_login(teacher)
    assert client.get(url(other_coop, name)).status_code == 404
    assert client.get(url(coop, name)).status_code == 200


def equity_block(block):
    return {r.code: (r.opening, r.increase, r.decrease, r.closing) for r in block.rows}


def test_the_equity_changes_carry_the_prior_year_as_its_own_block(two_years):
    s = comparative_statements(coop=two_years, fiscal_year=2026)
    before, now = s["equity_years"]
    assert (before.fiscal_year, before.prior, now.fiscal_year, now.prior) == (
        2025,
        True,
        2026,
        False,
    )
    # 2025: pokok 2 × 10.000, wajib 2.000, hibah 500.000 and the year's SHU 95.000
    assert equity_block(before) == {
        "3-1101": (0, 20_000, 0, 20_000),
        "3-1201": (0, 2_000, 0, 2_000),
        "3-1401": (0, 500_000, 0, 500_000),
        "3-1501": (0, 95_000, 0, 95_000),
    }
    assert before.totals == {"opening": 0, "increase": 617_000, "decrease": 0, "closing": 617_000}
    # 2026: the 95.000 is distributed (decrease), the year adds its own SHU 30.000
    rows = equity_block(now)
    assert rows["3-1501"] == (95_000, 30_000, 95_000, 30_000)
    assert rows["3-1101"] == (20_000, 0, 0, 20_000)
    # each account's 2025 closing is its 2026 opening; the totals are the positions' equity
    assert all(rows[code][0] == closing for code, (*_r, closing) in equity_block(before).items())
    assert now.totals["opening"] == before.totals["closing"] == 617_000
    assert now.totals["closing"] == s["position"].equity.total
    assert before.totals["closing"] == s["position"].equity.prior_total


def test_page_and_xlsx_show_both_years_of_equity_changes(client, two_years, teacher):
    client.force_login(teacher)
    html = client.get(url(two_years), {"tahun": "2026"}).content.decode()
    assert 'data-testid="prior-equity-closing">Rp 617.000<' in html
    assert html.index('data-year="2025"') < html.index('data-year="2026"')
    closing_2026 = comparative_statements(coop=two_years, fiscal_year=2026)["equity_totals"]
    assert (
        f'data-testid="equity-closing">Rp {closing_2026["closing"]:,.0f}<'.replace(",", ".") in html
    )
    _response, book = xlsx(client, two_years, tahun="2026")
    equity = rows_of(book["Perubahan ekuitas"])
    starts = [i for i, row in enumerate(equity) if str(row[0]).startswith("Tahun buku")]
    assert [equity[i][0] for i in starts] == ["Tahun buku 2025", "Tahun buku 2026"]
    prior_block, year_block = equity[starts[0] : starts[1]], equity[starts[1] :]
    assert ["Jumlah ekuitas", None, 0, 617_000, 0, 617_000] in prior_block
    surplus = next(row for row in year_block if row[1] == "3-1501")
    assert surplus[2:] == [95_000, 30_000, 95_000, 30_000]
    assert year_block[-1][0] == "Jumlah ekuitas"
    assert year_block[-1][5] == closing_2026["closing"]
