"""Koperasi digital: a member's (or ward's) own savings, obligations and SHU."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from lms.accounts.models import ConsentPurpose, Role
from lms.accounts.selectors import consent_granted
from lms.fastpage import allow_for_student
from lms.http import HtmxRequest
from lms.privacy.audit import audited
from lms.privacy.models import AccessKind
from school_coops import selectors as sel


def _portal_subjects(request: HtmxRequest, **kwargs: Any) -> Any:
    """A guardian's portal shows their wards' savings; one's own is not logged."""
    return sel.memberships_of_user(user=request.user).values_list("member_id", flat=True)


@login_required
@require_GET
@audited(AccessKind.SAVINGS, subjects=_portal_subjects)
def portal_view(request: HtmxRequest) -> HttpResponse:
    """Koperasi digital: the member's (or ward's) own savings, obligations and SHU."""
    items = []
    for membership in sel.memberships_of_user(user=request.user):
        items.append(
            {
                "membership": membership,
                "balances": sel.savings_balances(membership=membership),
                "arrears": sel.wajib_arrears(membership=membership),
                "card": sel.savings_card(membership=membership)[-10:][::-1],
                "shu": sel.shu_received(membership=membership),
                "shu_shares": sel.shu_shares(membership=membership),
                "is_self": membership.member_id == request.user.pk,
            }
        )
    if all(item["is_self"] for item in items):
        # A student's own portal may be kept by lms.fastpage until a posting, a membership
        # or consent change bumps it (school_coops.signals, ledger._post). A ward's: never.
        allow_for_student(request)
    return render(
        request,
        "school_coops/portal.html",
        {
            "items": items,
            "joinable": sel.cooperatives_joinable_by(user=request.user),
            # A student may only apply with a guardian's consent for the cooperative: say so
            # instead of offering a button the service would refuse.
            "consent_missing": request.user.has_role(Role.STUDENT)
            and not consent_granted(student=request.user, purpose=ConsentPurpose.COOPERATIVE),
        },
    )
