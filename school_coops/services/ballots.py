"""The voting mechanism shared by the founding election and the RAT: who may enter a ballot,
and one-time ballot codes for voters without a phone (docs/domain.md "Pemungutan suara").

Callers hold their own row lock (the founding process, the RAT motion) and store the ballot;
these helpers decide the channel and issue, hash and claim the codes."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any, TypeVar

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.accounts.models import User
from school_coops.exceptions import CooperativeRuleError
from school_coops.models import BallotCode, VoteChannel

BALLOT_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read off paper

CodeRow = TypeVar("CodeRow", bound=BallotCode)


def ballot_channel(*, voter: User, by: User, is_supervisor: bool) -> VoteChannel:
    """The voter in their own session, or the guru pembina recording a paper ballot; nobody
    else enters a ballot for someone else (a student officer for classmates)."""
    if by.pk == voter.pk:
        return VoteChannel.OWN_SESSION
    if is_supervisor:
        return VoteChannel.SUPERVISOR
    raise CooperativeRuleError(
        _(
            "Suara hanya diberikan oleh pemilih sendiri (di akunnya atau dengan kode "
            "suaranya) atau dicatat guru pembina."
        )
    )


def ballot_code_hash(code: str) -> str:
    # Typed from paper: spaces, case and the printed dash do not matter.
    normalised = "".join(code.split()).upper().replace("-", "")
    # Only the hash is stored: a database reader cannot vote with the codes.
    return hashlib.sha256(normalised.encode()).hexdigest()


def ballot_code_new() -> tuple[str, str]:
    """(hash to store, code to print once as XXXXX-XXXXX)."""
    code = "".join(secrets.choice(BALLOT_CODE_ALPHABET) for _i in range(10))
    return ballot_code_hash(code), f"{code[:5]}-{code[5:]}"


def ballot_code_claim(codes: QuerySet[CodeRow], code: str, **related: Any) -> CodeRow:
    """The unused code row matching `code`, locked: a code used from two phones counts once.

    The caller marks it used (`ballot_code_mark_used`) in the transaction that stores the
    ballot, so a refused ballot keeps its code."""
    row = (
        codes.select_for_update()
        .filter(code_hash=ballot_code_hash(code), used_at__isnull=True, **related)
        .first()
    )
    if row is None:
        raise CooperativeRuleError(_("Kode suara tidak dikenal atau sudah dipakai."))
    return row


def ballot_code_mark_used(row: BallotCode) -> None:
    row.used_at = timezone.now()
    row.save(update_fields=["used_at"])
