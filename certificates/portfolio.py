"""Reads of portfolio evidence from a real cooperative's books ("the books I kept").

A candidate who is (or was) an officer of a school cooperative in Kopsis points at its books
for a period; the batch's assessors and trainers then read those books, for exactly that
period, through the school_coops selectors. Reads only: this module never imports
school_coops.services (tests/test_architecture.py). Savings cards are left out on purpose:
they name members, most of them minors (docs/privacy.md, "Portfolio from real books").
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from certificates.models import Evidence
from certificates.selectors import is_batch_assessor, is_batch_trainer
from lms.privacy.helpers import mask_name, replace_name
from school_coops.chart import CASH
from school_coops.models import (
    Account,
    Cooperative,
    JournalLine,
    Membership,
    Position,
    PositionRole,
)
from school_coops.selectors import general_journal, general_ledger, trial_balance

# The pengurus keep (or answer for) the books; the pengawas supervises them and does not.
BOOKKEEPING_ROLES = (
    PositionRole.KETUA,
    PositionRole.WAKIL_KETUA,
    PositionRole.SEKRETARIS,
    PositionRole.BENDAHARA,
)


def officer_positions(*, user: Any) -> QuerySet[Position]:
    """The user's pengurus positions in any cooperative, current and past."""
    return Position.objects.filter(
        membership__member=user, role__in=BOOKKEEPING_ROLES
    ).select_related("coop")


def books_coops_for(*, user: Any) -> QuerySet[Cooperative]:
    """Cooperatives whose books the user may offer as evidence: where they hold or held office."""
    if not user.is_authenticated:
        return Cooperative.objects.none()
    ids = officer_positions(user=user).values("coop_id")
    return Cooperative.objects.filter(pk__in=ids).order_by("name")


def office_covering(
    *, user: Any, coop: Cooperative, since: datetime.date, until: datetime.date
) -> Position | None:
    """A pengurus position of `user` in `coop` held for the whole period, or None."""
    return (
        officer_positions(user=user)
        .filter(coop=coop, started_on__lte=since)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=until))
        .order_by("started_on")
        .first()
    )


def may_view_books(*, user: Any, evidence: Evidence) -> bool:
    """The batch's assessors and trainers only. Not the dinas, not other batches' staff and
    not the candidate: a former officer no longer reads the cooperative's books in Kopsis, and
    attaching them as evidence does not give that access back."""
    if not evidence.is_books or not user.is_authenticated:
        return False
    batch = evidence.candidate.batch
    return is_batch_assessor(user=user, batch=batch) or is_batch_trainer(user=user, batch=batch)


@dataclass
class BooksView:
    coop: Cooperative
    since: datetime.date
    until: datetime.date
    entries: list[Any]
    balance: dict[str, Any]
    accounts: list[Account]
    account: Account | None
    ledger: list[Any]


def _period_accounts(
    coop: Cooperative, since: datetime.date, until: datetime.date
) -> list[Account]:
    moved = (
        JournalLine.objects.posted()
        .filter(entry__coop=coop, entry__date__gte=since, entry__date__lte=until)
        .values("account_id")
    )
    return list(Account.objects.filter(coop=coop, pk__in=moved).order_by("code"))


def _masker(coop: Cooperative) -> Any:
    """Memo text with every member's name masked ("Setoran sukarela S*** A****")."""
    names = sorted(
        {
            n
            for n in Membership.objects.filter(coop=coop).values_list(
                "member__full_name", flat=True
            )
            if n
        },
        key=len,
        reverse=True,  # "Siti Aminah Putri" before "Siti Aminah"
    )

    def mask(text: str) -> str:
        for name in names:
            text = replace_name(text, name, mask_name(name))
        return text

    return mask


def books_for_evidence(*, evidence: Evidence, account_code: str = "") -> BooksView:
    """The posted journal of the period, the trial balance at its end and one account's ledger.

    Members' names in memos are masked, and no savings card is read (docs/privacy.md).
    The ledger keeps the running balance carried from before the period (its first row shows
    the balance after that day), so it reads like the page of the book it is.
    """
    coop, since, until = evidence.books_coop, evidence.books_from, evidence.books_to
    if coop is None or since is None or until is None:
        raise ValueError("not a books evidence")  # callers check may_view_books first
    entries = list(general_journal(coop=coop).filter(date__gte=since, date__lte=until))
    accounts = _period_accounts(coop, since, until)
    wanted = account_code or CASH
    account = next((a for a in accounts if a.code == wanted), accounts[0] if accounts else None)
    ledger = []
    if account is not None:
        ledger = [r for r in general_ledger(account=account) if since <= r.date <= until]
    mask = _masker(coop)
    for item in [*entries, *(r.entry for r in ledger)]:
        setattr(item, "masked_memo", mask(item.shown_memo))  # noqa: B010 (what the page shows)
    return BooksView(
        coop=coop,
        since=since,
        until=until,
        entries=entries,
        balance=trial_balance(coop=coop, until=until),
        accounts=accounts,
        account=account,
        ledger=ledger,
    )
