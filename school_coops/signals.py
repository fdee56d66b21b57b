"""What a member's cached portal page (lms.fastpage) shows: every write bumps it.

Postings are covered in the ledger itself (`ledger._post` bumps every member a line is tagged
with or whose savings it moves: savings, withdrawals, SHU distribution and payout, their
reversals), since it writes with update() and bulk_create(), which send no signals. These
receivers cover the rows saved one by one."""

from __future__ import annotations

from typing import Any

from lms.fastpage import bump_content_on_change, bump_person_on_change


def _member_of(row: Any) -> list[int]:
    from school_coops.models import Membership

    return list(Membership.objects.filter(pk=row.membership_id).values_list("member_id", flat=True))


def connect() -> None:
    bump_person_on_change("school_coops.Membership", lambda row: [row.member_id])
    for model in ("SavingsAccount", "WajibPayment", "ShuMemberShare"):
        bump_person_on_change(f"school_coops.{model}", _member_of)
    # The coop's name and whether it takes members show on every member's portal.
    bump_content_on_change("school_coops.Cooperative")
