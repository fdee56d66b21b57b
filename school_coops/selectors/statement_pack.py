"""The complete report pack (docs/domain.md §4.2): the statements with the prior year beside
them, the notes (catatan atas laporan keuangan, CALK) and the rows of the XLSX export.

Reads only. The prior-year column is the same statement function run for fiscal year − 1, so
it always equals what that year's own report shows. Money is Decimal whole rupiah.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Sum
from django.utils.translation import gettext as _

from school_coops.models import Cooperative, ShuAllocation, ShuDistribution
from school_coops.models.cooperative import ShuRounding
from school_coops.models.savings import CONTROL_ACCOUNT_CODES, SavingsKind
from school_coops.selectors.shu import shu_plan
from school_coops.selectors.statements import (
    ZERO,
    EquityRow,
    Line,
    Section,
    financial_statements,
)

Bucket = ShuAllocation.Bucket


def with_prior_year(current: Section, prior: Section) -> None:
    """Put the prior year's amounts on `current`'s lines, matched by account code and label;
    a line only the prior year has is added with zero for this year."""
    earlier = {(line.code, line.label): line.amount for line in prior.lines}
    for line in current.lines:
        line.prior = earlier.pop((line.code, line.label), ZERO)
    current.lines.extend(
        Line(label, ZERO, code, prior=amount) for (code, label), amount in earlier.items()
    )
    current.lines.sort(key=lambda line: line.code)
    current.prior_total = prior.total


def _sections(statements: dict[str, Any]) -> list[Section]:
    position, phu = statements["position"], statements["phu"]
    return [
        position.assets,
        position.liabilities,
        position.equity,
        phu.member_revenue,
        phu.member_cost,
        phu.nonmember_sales,
        phu.nonmember_cost,
        phu.other_income,
        phu.expenses,
        phu.tax,
        *statements["cash_flow"].sections,
    ]


def comparative_statements(*, coop: Cooperative, fiscal_year: int) -> dict[str, Any]:
    """financial_statements() of the year, with `prior` (the year before) and its column."""
    current = financial_statements(coop=coop, fiscal_year=fiscal_year)
    prior = financial_statements(coop=coop, fiscal_year=fiscal_year - 1)
    for now, before in zip(_sections(current), _sections(prior), strict=True):
        with_prior_year(now, before)
    current["prior"] = prior
    current["prior_year"] = fiscal_year - 1
    current["equity_years"] = equity_years(current)
    current["notes"] = statement_notes(coop=coop, statements=current)
    return current


@dataclass
class EquityYear:
    """One tahun buku's block of the comparative laporan perubahan ekuitas."""

    fiscal_year: int
    rows: list[EquityRow]
    totals: dict[str, Decimal]
    prior: bool  # the comparative (earlier) year


def equity_years(statements: dict[str, Any]) -> list[EquityYear]:
    """The equity changes of the year before, then of the year: a movement statement gets its
    comparative as a block of its own (opening, increases, decreases, closing per account), and
    each account's closing of the year before is its opening of the year."""
    p = statements["prior"]
    return [
        EquityYear(p["fiscal_year"], p["equity_rows"], p["equity_totals"], prior=True),
        EquityYear(
            statements["fiscal_year"],
            statements["equity_rows"],
            statements["equity_totals"],
            prior=False,
        ),
    ]


@dataclass
class SavingsNote:
    kind: str
    code: str
    amount: Decimal
    prior: Decimal


def _savings_by_kind(statements: dict[str, Any]) -> list[SavingsNote]:
    """Each kind's control account at the year's end (pokok and wajib are equity, sukarela a
    liability), from the position statements of both years."""
    rows = []
    for kind, code in CONTROL_ACCOUNT_CODES.items():
        amounts = []
        for s in (statements, statements["prior"]):
            lines = [*s["position"].liabilities.lines, *s["position"].equity.lines]
            amounts.append(sum((line.amount for line in lines if line.code == code), ZERO))
        rows.append(SavingsNote(str(SavingsKind(kind).label), code, amounts[0], amounts[1]))
    return rows


def _shu_allocation(coop: Cooperative, fiscal_year: int) -> dict[str, Any]:
    """Each SHU pos with its percentage and amount: the RAT's distribution when confirmed,
    else the plan the bylaw gives (not yet decided). Jasa modal and jasa usaha are the sums
    of the members' shares, so the rows add up to the year's SHU."""
    run = ShuDistribution.objects.filter(coop=coop, fiscal_year=fiscal_year).first()
    if run is not None:
        bylaw, total = run.bylaw, run.total
        amounts = {a["bucket"]: Decimal(a["amount"]) for a in run.allocations}
        jasa = run.shares.aggregate(
            m=Sum("jasa_modal", default=ZERO), u=Sum("jasa_usaha", default=ZERO)
        )
        jasa_modal, jasa_usaha = jasa["m"], jasa["u"]
    else:
        plan = shu_plan(coop=coop, fiscal_year=fiscal_year)
        if plan.bylaw is None or plan.total <= 0:
            return {"decided": False, "rows": [], "total": ZERO}
        bylaw, total, amounts = plan.bylaw, plan.total, dict(plan.buckets)
        jasa_modal = sum((r.jasa_modal for r in plan.shares), ZERO)
        jasa_usaha = sum((r.jasa_usaha for r in plan.shares), ZERO)
    amounts[Bucket.JASA_MODAL] = amounts.get(Bucket.JASA_MODAL, ZERO) + jasa_modal
    amounts[Bucket.JASA_USAHA] = amounts.get(Bucket.JASA_USAHA, ZERO) + jasa_usaha
    percents = {a.bucket: a.percent for a in bylaw.shu_allocations.all()}
    rows = [
        {
            "label": str(bucket.label),
            "percent": percents.get(bucket, ZERO),
            "amount": amounts.get(bucket, ZERO),
        }
        for bucket in Bucket
        if amounts.get(bucket) or percents.get(bucket)
    ]
    result: dict[str, Any] = {"decided": run is not None, "rows": rows, "total": total}
    if run is not None:
        result["held_on"] = run.rat.held_on
    return result


def _policies(statements: dict[str, Any]) -> list[tuple[str, str]]:
    # long: the policy texts themselves, one (title, paragraph) per accounting policy
    bylaw = statements["phu"].bylaw
    if bylaw is None or bylaw.rounding_rule == ShuRounding.LARGEST_REMAINDER:
        rounding = _(
            "Jasa modal dan jasa usaha tiap anggota dihitung dalam rupiah utuh dengan metode "
            "sisa terbesar: semua dibulatkan ke bawah, lalu sisa rupiah diberikan satu per satu "
            "kepada pecahan terbesar, sehingga jumlah bagian anggota sama dengan pos SHU."
        )
    else:
        rounding = _(
            "Jasa modal dan jasa usaha tiap anggota dibulatkan ke bawah ke rupiah utuh; "
            "selisih pembulatan dimasukkan ke cadangan."
        )
    return [
        (
            _("Dasar penyusunan"),
            _(
                "Laporan keuangan disusun dengan dasar akrual menurut bentuk laporan koperasi "
                "Permenkop 2/2024 yang disederhanakan untuk koperasi sekolah. Tahun buku "
                "berjalan dua belas bulan."
            ),
        ),
        (
            _("Mata uang dan pembulatan"),
            _("Semua angka dalam rupiah utuh, tanpa sen."),
        ),
        (
            _("Simpanan anggota"),
            _(
                "Simpanan pokok dan simpanan wajib dicatat sebagai ekuitas; simpanan sukarela "
                "dapat ditarik sehingga dicatat sebagai liabilitas."
            ),
        ),
        (
            _("Pendapatan"),
            _(
                "Penjualan kepada anggota (partisipasi anggota) dan kepada non-anggota dicatat "
                "terpisah, karena SHU dari non-anggota tidak dibagikan sebagai jasa usaha."
            ),
        ),
        (
            _("Aset tetap"),
            _("Aset tetap dicatat sebesar harga perolehan dikurangi akumulasi penyusutan."),
        ),
        (
            _("Pembulatan SHU"),
            _(
                "Setiap pos pembagian SHU dibulatkan ke bawah ke rupiah utuh dan sisanya "
                "masuk cadangan."
            )
            + " "
            + rounding,
        ),
    ]


def statement_notes(*, coop: Cooperative, statements: dict[str, Any]) -> dict[str, Any]:
    """CALK: accounting policies, savings by kind, and the SHU allocation of the year."""
    return {
        "policies": _policies(statements),
        "savings": _savings_by_kind(statements),
        "shu": _shu_allocation(coop, statements["fiscal_year"]),
    }


def _section_rows(section: Section) -> list[list[Any]]:
    rows: list[list[Any]] = [[section.title, "", None, None]]
    rows += [[line.label, line.code, line.amount, line.prior] for line in section.lines]
    rows.append([section.total_label, "", section.total, section.prior_total])
    return rows


def statement_workbook(*, statements: dict[str, Any]) -> list[tuple[str, list[list[Any]]]]:
    """(sheet title, rows) for the XLSX: numbers stay numbers, one column per year."""
    s, p = statements, statements["prior"]
    year, prior_year = s["fiscal_year"], s["prior_year"]
    header = [_("Pos"), _("Kode akun"), str(year), str(prior_year)]
    position, phu = s["position"], s["phu"]
    position_rows = [header]
    for section in (position.assets, position.liabilities, position.equity):
        position_rows += _section_rows(section)
    position_rows.append(
        [
            _("Jumlah liabilitas dan ekuitas"),
            "",
            position.liabilities_and_equity,
            p["position"].liabilities_and_equity,
        ]
    )
    phu_rows = [header]
    for section in (phu.member_revenue, phu.member_cost):
        phu_rows += _section_rows(section)
    phu_rows.append([_("Partisipasi neto anggota"), "", phu.member_net, p["phu"].member_net])
    for section in (phu.nonmember_sales, phu.nonmember_cost):
        phu_rows += _section_rows(section)
    phu_rows.append(
        [_("Laba kotor dari non-anggota"), "", phu.nonmember_gross, p["phu"].nonmember_gross]
    )
    for section in (phu.other_income, phu.expenses, phu.tax):
        phu_rows += _section_rows(section)
    phu_rows.append([_("SHU tahun berjalan"), "", phu.surplus, p["phu"].surplus])
    return [
        (_("Posisi keuangan"), position_rows),
        (_("Hasil usaha"), phu_rows),
        (_("Perubahan ekuitas"), _equity_rows(s)),
        (_("Arus kas"), _cash_rows(s, header)),
        (_("Catatan"), _notes_rows(s, header)),
    ]


def _equity_rows(s: dict[str, Any]) -> list[list[Any]]:
    """One block per tahun buku, the year before first (as on the page)."""
    header = [_("Akun"), _("Kode akun"), _("Saldo awal"), _("Penambahan"), _("Pengurangan")]
    rows: list[list[Any]] = [[*header, _("Saldo akhir")]]
    for block in s["equity_years"]:
        rows.append([_("Tahun buku %(y)s") % {"y": block.fiscal_year}])
        rows += [
            [r.label, r.code, r.opening, r.increase, r.decrease, r.closing] for r in block.rows
        ]
        t = block.totals
        rows.append(
            [_("Jumlah ekuitas"), "", t["opening"], t["increase"], t["decrease"], t["closing"]]
        )
    return rows


def _cash_rows(s: dict[str, Any], header: list[Any]) -> list[list[Any]]:
    cash, prior = s["cash_flow"], s["prior"]["cash_flow"]
    rows: list[list[Any]] = [
        header,
        [_("Kas dan bank awal tahun"), "", cash.opening, prior.opening],
    ]
    for section in cash.sections:
        rows += _section_rows(section)
    rows.append([_("Kas dan bank akhir tahun"), "", cash.closing, prior.closing])
    return rows


def _notes_rows(s: dict[str, Any], header: list[Any]) -> list[list[Any]]:
    notes = s["notes"]
    rows: list[list[Any]] = [[_("Kebijakan akuntansi"), _("Uraian")]]
    rows += [[title, text] for title, text in notes["policies"]]
    rows += [[], [_("Simpanan anggota"), _("Kode akun"), *header[2:]]]
    rows += [[n.kind, n.code, n.amount, n.prior] for n in notes["savings"]]
    rows += [[], [_("Pembagian SHU"), "", _("Persen"), _("Jumlah")]]
    rows += [[r["label"], "", r["percent"], r["amount"]] for r in notes["shu"]["rows"]]
    return rows
