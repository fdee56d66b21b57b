"""Financial statements of a tahun buku (docs/domain.md §4.2, Permenkop 2/2024; §9 cases 18 and 21).

Reads only. Every line comes from the coop's chart of accounts (class and code), so a new
account shows up by itself. The PHU uses the same year lines and member/non-member split as
the SHU distribution (selectors/shu.py), so the statements and the SHU screen never disagree.
Money is Decimal whole rupiah.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from school_coops.chart import (
    CASH_CODES,
    CURRENT_SURPLUS,
    MEMBER_COST,
    MEMBER_REVENUE_CODES,
    NONMEMBER_COST,
    NONMEMBER_SALES,
    TAX,
)
from school_coops.exceptions import CooperativeRuleError
from school_coops.models import Account, BylawVersion, Cooperative, JournalLine, RatRecord, Side
from school_coops.selectors import bylaw_in_effect
from school_coops.selectors.shu import fiscal_year_bounds, fiscal_year_lines, shu_parts

ZERO = Decimal(0)
INCOME_EXPENSE = ("pendapatan", "beban")
# Cash flow classes by counter-account: fixed assets are investing; capital, member savings,
# SHU and ex-member payables and borrowings are financing; the rest is operating.
INVESTING_PREFIXES = ("1-2",)
FINANCING_PREFIXES = ("3-", "2-12", "2-14", "2-2")


def current_fiscal_year(*, coop: Cooperative, today: datetime.date | None = None) -> int:
    """The tahun buku containing today, named by the year it starts in."""
    today = today or timezone.localdate()
    return today.year if today.month >= coop.fiscal_year_start_month else today.year - 1


@dataclass
class Line:
    label: str
    amount: Decimal
    code: str = ""
    contra: bool = False  # a contra account: shown as a reduction of its section
    prior: Decimal | None = None  # the same line a year earlier (comparative column)

    @property
    def reduction(self) -> Decimal:
        return -self.amount

    @property
    def prior_reduction(self) -> Decimal:
        return -(self.prior or ZERO)


@dataclass
class Section:
    title: str
    lines: list[Line]
    total_label: str
    total: Decimal = ZERO
    prior_total: Decimal | None = None  # set by statement_pack.with_prior_year()

    def __post_init__(self) -> None:
        self.total = sum((line.amount for line in self.lines), ZERO)


def _net_by_account(lines: QuerySet[JournalLine]) -> dict[int, Decimal]:
    """Debit − credit per account id."""
    return {
        row["account_id"]: row["d"] - row["k"]
        for row in lines.values("account_id").annotate(
            d=Sum("amount", filter=Q(side=Side.DEBIT), default=ZERO),
            k=Sum("amount", filter=Q(side=Side.CREDIT), default=ZERO),
        )
    }


def _accounts(coop: Cooperative, classes: tuple[str, ...]) -> list[Account]:
    return list(Account.objects.filter(coop=coop, account_class__in=classes).order_by("code"))


def _unclosed_surplus(accounts: list[Account], net: dict[int, Decimal]) -> Decimal:
    """Income − expense still on the income and expense accounts (not yet closed)."""
    return -sum((net.get(a.pk, ZERO) for a in accounts if a.account_class in INCOME_EXPENSE), ZERO)


@dataclass
class Position:
    """Laporan posisi keuangan at the year's last day."""

    until: datetime.date
    assets: Section
    liabilities: Section
    equity: Section

    @property
    def liabilities_and_equity(self) -> Decimal:
        return self.liabilities.total + self.equity.total

    @property
    def balanced(self) -> bool:
        return self.assets.total == self.liabilities_and_equity


def financial_position(*, coop: Cooperative, until: datetime.date) -> Position:
    """Aset = Liabilitas + Ekuitas; SHU tahun berjalan includes income not yet closed."""
    accounts = _accounts(coop, ("aset", "liabilitas", "ekuitas", *INCOME_EXPENSE))
    net = _net_by_account(
        JournalLine.objects.posted().filter(entry__coop=coop, entry__date__lte=until)
    )
    assets, liabilities, equity = [], [], []
    for a in accounts:
        balance = net.get(a.pk, ZERO)
        if a.account_class == "aset" and balance:
            assets.append(Line(a.name, balance, a.code, contra=a.normal_side == Side.CREDIT))
        elif a.account_class == "liabilitas" and balance:
            liabilities.append(Line(a.name, -balance, a.code))
        elif a.code == CURRENT_SURPLUS:
            equity.append(Line(a.name, -balance + _unclosed_surplus(accounts, net), a.code))
        elif a.account_class == "ekuitas" and balance:
            equity.append(Line(a.name, -balance, a.code))
    return Position(
        until,
        Section(_("Aset"), assets, _("Jumlah aset")),
        Section(_("Liabilitas"), liabilities, _("Jumlah liabilitas")),
        Section(_("Ekuitas"), equity, _("Jumlah ekuitas")),
    )


@dataclass
class Phu:
    """Laporan perhitungan hasil usaha: members' and non-members' business kept apart."""

    member_revenue: Section
    member_cost: Section
    nonmember_sales: Section
    nonmember_cost: Section
    other_income: Section
    expenses: Section
    tax: Section
    member_part: Decimal | None = None  # None: no bylaw to split by
    nonmember_part: Decimal | None = None
    bylaw: BylawVersion | None = None

    @property
    def member_net(self) -> Decimal:  # partisipasi neto anggota
        return self.member_revenue.total - self.member_cost.total

    @property
    def nonmember_gross(self) -> Decimal:  # laba kotor dari non-anggota
        return self.nonmember_sales.total - self.nonmember_cost.total

    @property
    def before_tax(self) -> Decimal:
        return (
            self.member_net + self.nonmember_gross + self.other_income.total - self.expenses.total
        )

    @property
    def surplus(self) -> Decimal:  # SHU tahun berjalan (negative: rugi)
        return self.before_tax - self.tax.total

    @property
    def other_comprehensive_income(self) -> Decimal:
        return ZERO  # a school coop has no revaluation or similar items

    @property
    def comprehensive_income(self) -> Decimal:
        return self.surplus + self.other_comprehensive_income


def _split_bylaw(coop: Cooperative, fiscal_year: int, end: datetime.date) -> BylawVersion | None:
    """The version the SHU screen splits by: in effect on the RAT day, else at year-end."""
    rat = RatRecord.objects.filter(coop=coop, fiscal_year=fiscal_year).first()
    try:
        return bylaw_in_effect(coop=coop, day=rat.held_on if rat else end)
    except CooperativeRuleError:
        return coop.bylaws.order_by("effective_from", "version").first()


def profit_and_loss(*, coop: Cooperative, fiscal_year: int) -> Phu:
    """The year's activity without the closing entry, so it reads the same after closing."""
    start, end = fiscal_year_bounds(coop=coop, fiscal_year=fiscal_year)
    net = _net_by_account(fiscal_year_lines(coop=coop, start=start, end=end))
    groups: dict[str, list[Line]] = defaultdict(list)
    for a in _accounts(coop, INCOME_EXPENSE):
        balance = net.get(a.pk, ZERO)
        if not balance and not a.is_active:
            continue
        amount = -balance if a.account_class == "pendapatan" else balance
        if a.code in MEMBER_REVENUE_CODES:
            group = "member_revenue"
        elif a.code in (MEMBER_COST, NONMEMBER_SALES, NONMEMBER_COST, TAX):
            group = {
                MEMBER_COST: "member_cost",
                NONMEMBER_SALES: "nonmember_sales",
                NONMEMBER_COST: "nonmember_cost",
                TAX: "tax",
            }[a.code]
        else:
            group = "other_income" if a.account_class == "pendapatan" else "expenses"
        groups[group].append(Line(a.name, amount, a.code))
    phu = Phu(
        Section(_("Partisipasi bruto anggota"), groups["member_revenue"], _("Jumlah")),
        Section(_("Beban pokok penjualan anggota"), groups["member_cost"], _("Jumlah")),
        Section(_("Penjualan kepada non-anggota"), groups["nonmember_sales"], _("Jumlah")),
        Section(_("Beban pokok penjualan non-anggota"), groups["nonmember_cost"], _("Jumlah")),
        Section(_("Pendapatan lain-lain"), groups["other_income"], _("Jumlah pendapatan lain")),
        Section(_("Beban usaha"), groups["expenses"], _("Jumlah beban usaha")),
        Section(_("Beban pajak penghasilan"), groups["tax"], _("Jumlah")),
    )
    phu.bylaw = _split_bylaw(coop, fiscal_year, end)
    if phu.bylaw is not None:
        phu.member_part, phu.nonmember_part = shu_parts(
            coop=coop, bylaw=phu.bylaw, start=start, end=end, total=phu.surplus
        )
    return phu


@dataclass
class EquityRow:
    label: str
    code: str
    opening: Decimal
    increase: Decimal
    decrease: Decimal
    closing: Decimal

    @property
    def reconciles(self) -> bool:
        return self.opening + self.increase - self.decrease == self.closing


def _credit_net(lines: QuerySet[JournalLine]) -> Decimal:
    t = lines.aggregate(
        d=Sum("amount", filter=Q(side=Side.DEBIT), default=ZERO),
        k=Sum("amount", filter=Q(side=Side.CREDIT), default=ZERO),
    )
    return t["k"] - t["d"]


def _surplus_movements(
    coop: Cooperative, start: datetime.date, end: datetime.date, result: Decimal
) -> tuple[Decimal, Decimal]:
    """(increase, decrease) of SHU tahun berjalan in the year.

    The year's result, then each entry touching 3-1501 by its net effect on 3-1501 plus the
    income and expense accounts: a closing entry (or its reversal) only moves the result into
    3-1501 and nets to zero, a distribution or a loss charged to cadangan does not.
    """
    increase, decrease = max(result, ZERO), max(-result, ZERO)
    year = JournalLine.objects.posted().filter(
        entry__coop=coop, entry__date__gte=start, entry__date__lte=end
    )
    scope = Q(account__code=CURRENT_SURPLUS) | Q(account__account_class__in=INCOME_EXPENSE)
    touched = year.filter(account__code=CURRENT_SURPLUS).values("entry_id").distinct()
    per_entry = (
        year.filter(scope, entry_id__in=touched)
        .values("entry_id")
        .annotate(
            d=Sum("amount", filter=Q(side=Side.DEBIT), default=ZERO),
            k=Sum("amount", filter=Q(side=Side.CREDIT), default=ZERO),
        )
    )
    for row in per_entry:
        moved = row["k"] - row["d"]
        increase, decrease = increase + max(moved, ZERO), decrease + max(-moved, ZERO)
    return increase, decrease


def equity_changes(*, coop: Cooperative, fiscal_year: int, result: Decimal) -> list[EquityRow]:
    """Laporan perubahan ekuitas: opening, increases, decreases, closing per equity account."""
    start, end = fiscal_year_bounds(coop=coop, fiscal_year=fiscal_year)
    accounts = _accounts(coop, ("ekuitas", *INCOME_EXPENSE))
    lines = JournalLine.objects.posted().filter(entry__coop=coop)
    before = _net_by_account(lines.filter(entry__date__lt=start))
    after = _net_by_account(lines.filter(entry__date__lte=end))
    in_year = lines.filter(entry__date__gte=start, entry__date__lte=end)
    rows = []
    for a in accounts:
        if a.account_class != "ekuitas":
            continue
        opening, closing = -before.get(a.pk, ZERO), -after.get(a.pk, ZERO)
        if a.code == CURRENT_SURPLUS:
            opening += _unclosed_surplus(accounts, before)
            closing += _unclosed_surplus(accounts, after)
            increase, decrease = _surplus_movements(coop, start, end, result)
        else:
            t = in_year.filter(account=a).aggregate(
                d=Sum("amount", filter=Q(side=Side.DEBIT), default=ZERO),
                k=Sum("amount", filter=Q(side=Side.CREDIT), default=ZERO),
            )
            increase, decrease = t["k"], t["d"]
        if opening or increase or decrease or closing or a.code == CURRENT_SURPLUS:
            rows.append(EquityRow(a.name, a.code, opening, increase, decrease, closing))
    return rows


@dataclass
class CashFlow:
    """Laporan arus kas, direct method: cash receipts and payments by counter-account."""

    opening: Decimal
    closing: Decimal
    sections: list[Section] = field(default_factory=list)

    @property
    def net_change(self) -> Decimal:
        return sum((s.total for s in self.sections), ZERO)

    @property
    def reconciles(self) -> bool:
        return self.opening + self.net_change == self.closing


def _cash_class(code: str) -> str:
    if code.startswith(INVESTING_PREFIXES):
        return "investing"
    if code.startswith(FINANCING_PREFIXES):
        return "financing"
    return "operating"


def _split_by_weight(total: Decimal, weights: dict[int, Decimal]) -> dict[int, Decimal]:
    """`total` over the keys in proportion to `weights`, whole rupiah, summing exactly."""
    whole = sum(weights.values(), ZERO)
    shares = {key: total * w / whole for key, w in weights.items()}
    floors = {key: share.to_integral_value(rounding="ROUND_FLOOR") for key, share in shares.items()}
    rest = int(total - sum(floors.values(), ZERO))
    for key in sorted(shares, key=lambda k: (floors[k] - shares[k], k))[:rest]:
        floors[key] += 1
    return floors


def _entry_cash_flows(cash_net: Decimal, moved: dict[int, Decimal]) -> dict[int, Decimal]:
    """Per counter-account, the cash one entry moved. A mixed entry (say D Kas 100.000,
    D Beban 50.000 / K Penjualan 150.000) moved 100.000 in, not 150.000 in and 50.000 out:
    its net cash is split over the counter lines on the side it moved, by their amounts."""
    if all(m > 0 for m in moved.values()) or all(m < 0 for m in moved.values()):
        return moved
    if not cash_net:
        return {}
    same_side = {a: abs(m) for a, m in moved.items() if (m > 0) == (cash_net > 0) and m}
    sign = 1 if cash_net > 0 else -1
    return {a: sign * v for a, v in _split_by_weight(abs(cash_net), same_side).items()}


def _cash_flows(
    lines: QuerySet[JournalLine], start: datetime.date, end: datetime.date
) -> dict[tuple[int, bool], Decimal]:
    """(counter-account, is receipt) → cash moved in the period, entry by entry."""
    in_period = lines.filter(
        account__code__in=CASH_CODES, entry__date__gte=start, entry__date__lte=end
    )
    cash_net = {
        row["entry_id"]: row["d"] - row["k"]
        for row in in_period.values("entry_id").annotate(
            d=Sum("amount", filter=Q(side=Side.DEBIT), default=ZERO),
            k=Sum("amount", filter=Q(side=Side.CREDIT), default=ZERO),
        )
    }
    per_entry: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for row in (
        lines.filter(entry_id__in=list(cash_net))
        .exclude(account__code__in=CASH_CODES)
        .values("entry_id", "account_id")
        .annotate(
            d=Sum("amount", filter=Q(side=Side.DEBIT), default=ZERO),
            k=Sum("amount", filter=Q(side=Side.CREDIT), default=ZERO),
        )
    ):
        per_entry[row["entry_id"]][row["account_id"]] = row["k"] - row["d"]
    flows: dict[tuple[int, bool], Decimal] = defaultdict(lambda: ZERO)
    for entry_id, moved in per_entry.items():
        for account_id, amount in _entry_cash_flows(cash_net[entry_id], moved).items():
            if amount:
                flows[(account_id, amount > 0)] += amount
    return flows


def cash_flow(*, coop: Cooperative, fiscal_year: int) -> CashFlow:
    """Each cash entry's counter lines carry its cash movement (a balanced entry's cash change
    equals the credit-minus-debit of its other lines); transfers between cash accounts cancel."""
    start, end = fiscal_year_bounds(coop=coop, fiscal_year=fiscal_year)
    cash = Q(account__code__in=CASH_CODES)
    lines = JournalLine.objects.posted().filter(entry__coop=coop)
    opening = -_credit_net(lines.filter(cash, entry__date__lt=start))
    closing = -_credit_net(lines.filter(cash, entry__date__lte=end))
    flows = _cash_flows(lines, start, end)
    accounts = {a.pk: a for a in Account.objects.filter(pk__in={k[0] for k in flows})}
    grouped: dict[str, list[Line]] = defaultdict(list)
    for (account_id, receipt), amount in sorted(
        flows.items(), key=lambda item: (accounts[item[0][0]].code, not item[0][1])
    ):
        a = accounts[account_id]
        label = (_("Penerimaan: %(a)s") if receipt else _("Pembayaran: %(a)s")) % {"a": a.name}
        grouped[_cash_class(a.code)].append(Line(label, amount, a.code))
    return CashFlow(
        opening,
        closing,
        [
            Section(
                _("Arus kas dari aktivitas operasi"),
                grouped["operating"],
                _("Kas bersih dari aktivitas operasi"),
            ),
            Section(
                _("Arus kas dari aktivitas investasi"),
                grouped["investing"],
                _("Kas bersih dari aktivitas investasi"),
            ),
            Section(
                _("Arus kas dari aktivitas pendanaan"),
                grouped["financing"],
                _("Kas bersih dari aktivitas pendanaan"),
            ),
        ],
    )


def financial_statements(*, coop: Cooperative, fiscal_year: int) -> dict[str, Any]:
    """The report pack of one tahun buku: position, PHU, equity changes, cash flow."""
    start, end = fiscal_year_bounds(coop=coop, fiscal_year=fiscal_year)
    phu = profit_and_loss(coop=coop, fiscal_year=fiscal_year)
    position = financial_position(coop=coop, until=end)
    equity = equity_changes(coop=coop, fiscal_year=fiscal_year, result=phu.surplus)
    return {
        "fiscal_year": fiscal_year,
        "start": start,
        "end": end,
        "position": position,
        "phu": phu,
        "equity_rows": equity,
        "equity_totals": {
            key: sum((getattr(r, key) for r in equity), ZERO)
            for key in ("opening", "increase", "decrease", "closing")
        },
        "cash_flow": cash_flow(coop=coop, fiscal_year=fiscal_year),
        "year_closed": _closed(coop, end),
    }


def _closed(coop: Cooperative, end: datetime.date) -> bool:
    return coop.periods.filter(start_date=end.replace(day=1), closed_at__isnull=False).exists()
