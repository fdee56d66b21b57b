"""Health reads (docs/domain.md §6.2): the automatic measures from the books and the RAT record,
the score of a rubric, and the summary on the cooperative's page. Reads only."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from school_coops.models import (
    Cooperative,
    HealthAssessment,
    HealthRubric,
    HealthStatus,
    JournalLine,
    RatRecord,
    Side,
)
from school_coops.models.savings import CONTROL_ACCOUNT_CODES
from school_coops.selectors.shu import fiscal_year_bounds, member_bases
from school_coops.selectors.statements import current_fiscal_year, financial_statements

ZERO, ONE = Decimal(0), Decimal(1)
ANSWERS = {"ya": ONE, "sebagian": Decimal("0.5"), "tidak": ZERO}


def _savings_total(statements: dict[str, Any]) -> Decimal:
    position = statements["position"]
    lines = [*position.liabilities.lines, *position.equity.lines]
    codes = set(CONTROL_ACCOUNT_CODES.values())
    return sum((line.amount for line in lines if line.code in codes), ZERO)


def savings_growth(now: Decimal, before: Decimal) -> Decimal | None:
    """Relative growth; None when there was nothing to grow from."""
    return (now - before) / before if before else None


def health_measures(*, coop: Cooperative, fiscal_year: int) -> dict[str, Decimal | None]:
    """Each automatic measure of a tahun buku, as a number the rubric's bands read."""
    s = financial_statements(coop=coop, fiscal_year=fiscal_year)
    prior = financial_statements(coop=coop, fiscal_year=fiscal_year - 1)
    rat = RatRecord.objects.filter(coop=coop, fiscal_year=fiscal_year).first()
    bases = member_bases(coop=coop, fiscal_year=fiscal_year)
    assets = s["position"].assets.total
    now, before = _savings_total(s), _savings_total(prior)
    growth = savings_growth(now, before)
    return {
        "rat_on_time": ZERO if rat is None else (Decimal("0.5") if rat.is_late else ONE),
        "books_closed": ONE if s["year_closed"] else ZERO,
        "position_balanced": ONE if s["position"].balanced else ZERO,
        "surplus_positive": ONE
        if s["phu"].surplus > 0
        else (Decimal("0.5") if not s["phu"].surplus else ZERO),
        "participation": (
            Decimal(sum(1 for b in bases if b.transactions > 0)) / len(bases) if bases else ZERO
        ),
        "savings_growth": growth if growth is not None else (ONE if now else ZERO),
        "own_capital": s["position"].equity.total / assets if assets else ZERO,
    }


def _fraction(value: Decimal | None, bands: list[dict[str, str]]) -> Decimal:
    for band in bands:
        if value is not None and value >= Decimal(band["min"]):
            return Decimal(band["fraction"])
    return ZERO


def score(
    *, rubric: HealthRubric, measures: dict[str, Decimal | None], answers: dict[str, str]
) -> tuple[list[dict[str, Any]], Decimal, str]:
    """(per-criterion snapshot, total, status) of one rubric version."""
    rows, total = [], ZERO
    for aspect in rubric.aspects:
        for c in aspect["criteria"]:
            if c["kind"] == "auto":
                value = measures.get(c["measure"])
                fraction = _fraction(value, c["bands"])
                shown = "" if value is None else str(value.quantize(Decimal("0.0001")))
            else:
                shown = answers[c["key"]]
                fraction = ANSWERS[shown]
            points = Decimal(c["points"]) * fraction
            total += points
            rows.append(
                {
                    "aspect": aspect["label"],
                    "key": c["key"],
                    "label": c["label"],
                    "kind": c["kind"],
                    "value": shown,
                    "max": str(c["points"]),
                    "points": str(points),
                }
            )
    status = next(
        (b["status"] for b in rubric.bands if total >= Decimal(b["min"])),
        HealthStatus.PENGAWASAN_KHUSUS,
    )
    return rows, total, status


def checklist_keys(rubric: HealthRubric) -> list[str]:
    return [c["key"] for a in rubric.aspects for c in a["criteria"] if c["kind"] == "checklist"]


def current_rubric() -> HealthRubric | None:
    return HealthRubric.objects.order_by("-version").first()


def _savings_at(coop: Cooperative, days: tuple[datetime.date, datetime.date]) -> list[Decimal]:
    """Σ of the savings control accounts (credit-normal) at the end of each day: one query."""
    lines = JournalLine.objects.posted().filter(
        entry__coop=coop, account__code__in=CONTROL_ACCOUNT_CODES.values()
    )
    sums = {}
    for i, day in enumerate(days):
        until = Q(entry__date__lte=day)
        sums[f"d{i}"] = Sum("amount", filter=until & Q(side=Side.DEBIT), default=ZERO)
        sums[f"k{i}"] = Sum("amount", filter=until & Q(side=Side.CREDIT), default=ZERO)
    t = lines.aggregate(**sums)
    return [t[f"k{i}"] - t[f"d{i}"] for i in range(len(days))]


def health_summary(*, coop: Cooperative) -> dict[str, Any]:
    """The last finished tahun buku at a glance: RAT, savings growth, participation,
    and the newest assessment's score (as its own rubric version scored it). A few queries
    only: the cooperative's page shows it."""
    year = current_fiscal_year(coop=coop) - 1
    start, end = fiscal_year_bounds(coop=coop, fiscal_year=year)
    bases = member_bases(coop=coop, fiscal_year=year)
    rat = RatRecord.objects.filter(coop=coop, fiscal_year=year).first()
    before, after = _savings_at(coop, (start - datetime.timedelta(days=1), end))
    return {
        "year": year,
        "rat": rat,
        "rat_label": _("Belum ada RAT")
        if rat is None
        else (_("Terlambat") if rat.is_late else _("Tepat waktu")),
        "savings_growth": savings_growth(after, before),
        "participation": (
            Decimal(sum(1 for b in bases if b.transactions > 0)) / len(bases) if bases else ZERO
        ),
        "assessment": HealthAssessment.objects.filter(coop=coop)
        .select_related("rubric")
        .order_by("-fiscal_year", "-rubric__version")
        .first(),
    }
