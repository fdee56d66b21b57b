"""Shared view helpers: permission-checked lookups and pagination.

Objects the user may not see answer 404, so ids of other cooperatives reveal nothing.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404

from lms.http import HtmxRequest
from school_coops.models import (
    Cooperative,
    Membership,
)

PAGE_SIZE = 25


def coop_for(request: HtmxRequest, slug: str, perm: str = "school_coops.view_coop") -> Cooperative:
    coop = get_object_or_404(Cooperative.objects.select_related("school"), slug=slug)
    # 404, not 403: another cooperative's slug must not be told apart from a missing one.
    if not request.user.has_perm(perm, coop):
        raise Http404
    return coop


def membership_for(request: HtmxRequest, coop: Cooperative, pk: int) -> Membership:
    membership = get_object_or_404(
        Membership.objects.select_related("member", "coop"), pk=pk, coop=coop
    )
    # 404 as for a coop: a member id of another coop or person reveals nothing.
    if not request.user.has_perm("school_coops.view_membership", membership):
        raise Http404
    return membership


def paginate(request: HtmxRequest, items: Any) -> Any:
    # get_page(): junk shows page 1 and a page past the end the last one, never a 404.
    return Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))


# The template hides what the user cannot do; the views check the same permissions again.
def permission_flags(request: HtmxRequest, coop: Cooperative) -> dict[str, bool]:
    user = request.user
    return {
        "can_record": user.has_perm("school_coops.record", coop),
        "can_manage": user.has_perm("school_coops.manage_members", coop),
        "can_list": user.has_perm("school_coops.view_member_list", coop),
        "can_books": user.has_perm("school_coops.view_books", coop),
        "is_supervisor": user.has_perm("school_coops.supervise", coop),
        "can_view": user.has_perm("school_coops.view_coop", coop),
    }
