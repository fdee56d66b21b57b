"""Member participation (Va for jasa usaha): sales to a member, tagged with their membership."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.accounts.models import User
from school_coops.chart import CASH, MEMBER_SALES
from school_coops.exceptions import CooperativeRuleError
from school_coops.models import JournalEntry, Membership, Side
from school_coops.services.ledger import LineInput, account_by_code, journal_entry_post, money_clean


@transaction.atomic
def member_purchase_record(
    *,
    membership: Membership,
    amount: Decimal | int,
    by: User,
    date: datetime.date | None = None,
    idempotency_key: str | None = None,
) -> JournalEntry:
    """A cash sale to a member (D Kas / K 4-1101), counted in their jasa usaha at SHU time."""
    # Only an active member's purchases earn jasa usaha; a leaver's are non-member sales.
    if membership.status != Membership.Status.ACTIVE:
        raise CooperativeRuleError(_("Keanggotaan ini tidak aktif."))
    day = date or timezone.localdate()
    # A back-dated sale before joining would count towards SHU of a time they were not a member.
    if membership.joined_on and day < membership.joined_on:
        raise CooperativeRuleError(_("Tanggal transaksi sebelum tanggal masuk anggota."))
    amount = money_clean(amount)
    coop = membership.coop
    return journal_entry_post(
        coop=coop,
        date=day,
        by=by,
        memo=_("Penjualan kepada anggota %(name)s") % {"name": membership.member.get_full_name()},
        lines=[
            LineInput(account_by_code(coop=coop, code=CASH).pk, Side.DEBIT, amount),
            LineInput(
                account_by_code(coop=coop, code=MEMBER_SALES).pk,
                Side.CREDIT,
                amount,
                None,
                # The sales line names the member: jasa usaha is summed per membership from 4-1101.
                membership.pk,
            ),
        ],
        idempotency_key=idempotency_key,
        # Cash received from a member: they get a numbered receipt (kwitansi).
        receipt=True,
    )
