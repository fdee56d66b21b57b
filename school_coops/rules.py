"""Who may do what in a cooperative. Everything not allowed here is denied.

Objects are a Cooperative (books, records) or a Membership (one member's savings, which
UU PDP treats as a child's financial data: docs/domain.md §7.2).
"""

from __future__ import annotations

from typing import Any

import rules

from lms.accounts.models import Guardianship
from school_coops.models.cooperative import RECORDING_ROLES, Membership, Position, PositionRole

MembershipStatus = Membership.Status

PENGURUS_ROLES = {
    PositionRole.KETUA,
    PositionRole.WAKIL_KETUA,
    PositionRole.SEKRETARIS,
    PositionRole.BENDAHARA,
}


def _roles(user: Any, coop: Any) -> set[str]:
    if coop is None or not user.is_authenticated:
        return set()
    cache = user.__dict__.setdefault("_coop_roles", {})
    if coop.pk not in cache:
        cache[coop.pk] = set(
            Position.objects.filter(
                coop_id=coop.pk,
                membership__member=user,
                ended_on__isnull=True,
                membership__status=MembershipStatus.ACTIVE,
            ).values_list("role", flat=True)
        )
    return cache[coop.pk]


@rules.predicate
def is_coop_supervisor(user: Any, coop: Any) -> bool:
    if coop is None or not user.is_authenticated:
        return False
    cache = user.__dict__.setdefault("_supervised_coops", {})
    if coop.pk not in cache:
        cache[coop.pk] = coop.supervisors.filter(pk=user.pk).exists()
    return cache[coop.pk]


@rules.predicate
def is_coop_officer(user: Any, coop: Any) -> bool:
    """Any current office, pengurus or pengawas."""
    return bool(_roles(user, coop))


@rules.predicate
def is_coop_pengurus(user: Any, coop: Any) -> bool:
    return bool(_roles(user, coop) & PENGURUS_ROLES)


@rules.predicate
def is_coop_recorder(user: Any, coop: Any) -> bool:
    """Ketua and bendahara record transactions."""
    return bool(_roles(user, coop) & set(RECORDING_ROLES))


@rules.predicate
def is_membership_self(user: Any, membership: Any) -> bool:
    return membership is not None and user.is_authenticated and membership.member_id == user.pk


@rules.predicate
def is_membership_guardian(user: Any, membership: Any) -> bool:
    if membership is None or not user.is_authenticated:
        return False
    return Guardianship.objects.filter(guardian=user, student_id=membership.member_id).exists()


@rules.predicate
def is_membership_coop_pengurus(user: Any, membership: Any) -> bool:
    return membership is not None and is_coop_pengurus(user, membership.coop)


@rules.predicate
def is_membership_coop_supervisor(user: Any, membership: Any) -> bool:
    return membership is not None and is_coop_supervisor(user, membership.coop)


@rules.predicate
def is_coop_district_office(user: Any, coop: Any) -> bool:
    """Dinas staff whose kabupaten or province holds the cooperative's school: the supervisor
    of the cooperative (docs/domain.md §6.2); not a member of its books."""
    if coop is None or not user.is_authenticated:
        return False
    from lms import district  # lms.district reads roles at call time; imported lazily

    return coop.school.region_id in district.region_ids_for(user)


rules.add_perm("school_coops.view_coop", is_coop_supervisor | is_coop_officer)
# Health assessment: the officers read; the guru pembina fills the checklist; the supervising
# dinas reads, fills or confirms it as the supervisor.
rules.add_perm(
    "school_coops.view_health", is_coop_supervisor | is_coop_officer | is_coop_district_office
)
rules.add_perm("school_coops.assess_health", is_coop_supervisor | is_coop_district_office)
rules.add_perm("school_coops.record", is_coop_supervisor | is_coop_recorder)
rules.add_perm("school_coops.manage_members", is_coop_supervisor | is_coop_recorder)
rules.add_perm("school_coops.view_member_list", is_coop_supervisor | is_coop_pengurus)
# Journal, cash book, account ledgers and SHU shares name members next to their money: only
# the guru pembina and the pengurus see them (docs/domain.md §7.2), not a pengawas or other
# officers.
rules.add_perm("school_coops.view_books", is_coop_supervisor | is_coop_pengurus)
rules.add_perm("school_coops.supervise", is_coop_supervisor)
# The business units' counter (kasir), stock and daily close: the guru pembina and the
# pengurus who keep the canteen (the same people who see the books the sales post to).
rules.add_perm("school_coops.sell", is_coop_supervisor | is_coop_pengurus)
rules.add_perm(
    "school_coops.view_membership",
    is_membership_self
    | is_membership_guardian
    | is_membership_coop_pengurus
    | is_membership_coop_supervisor,
)


# --- Role tokens for the declared policy (lms/policy.py): "holds this role in any coop" ---


def _current_offices(user: Any) -> set[str]:
    if "_coop_offices_anywhere" not in user.__dict__:
        user._coop_offices_anywhere = set(
            Position.objects.filter(
                membership__member=user, ended_on__isnull=True, membership__status="aktif"
            ).values_list("role", flat=True)
        )
    return user._coop_offices_anywhere


def _office_token(role: str) -> Any:
    return lambda user: role in _current_offices(user)


def _register_policy_tokens() -> None:
    from lms import policy
    from lms.authz import register_token
    from school_coops.models import Membership

    register_token(policy.PEMBINA, lambda user: user.supervised_coops.exists())
    for role in PositionRole.values:
        register_token(role, _office_token(role))
    register_token(policy.MEMBER, lambda user: Membership.objects.filter(member=user).exists())


_register_policy_tokens()
