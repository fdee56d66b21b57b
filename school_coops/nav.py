"""Navigation link and dashboard panel of the cooperative app."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from lms.accounts.models import Role
from lms.navigation import DashboardPanel, NavItem, register_nav, register_panel


def _visible(user: Any) -> bool:
    return user.is_authenticated and (
        user.has_role(Role.TEACHER) or user.has_role(Role.STUDENT) or user.has_role(Role.GUARDIAN)
    )


def _panel_context(user: Any) -> dict[str, Any] | None:
    if not _visible(user):
        return None
    from school_coops.models import Membership
    from school_coops.selectors import (
        cooperative_list_for_user,
        memberships_of_user,
        savings_balances,
    )

    coops = list(cooperative_list_for_user(user=user)[:5])
    memberships = [
        {"membership": m, "total": sum(savings_balances(membership=m).values())}
        for m in memberships_of_user(user=user).filter(status=Membership.Status.ACTIVE)[:5]
    ]
    from school_coops.selectors.rat import open_motions_for, rat_invitations_for

    # The member's RAT invitations, with the votes open for them right now.
    rats = [
        {"invitation": i, "open_motions": open_motions_for(invitation=i)}
        for i in rat_invitations_for(user=user)[:3]
    ]
    if not coops and not memberships and not user.has_role(Role.TEACHER):
        return {"coops": [], "memberships": [], "empty": True, "rats": rats}
    return {"coops": coops, "memberships": memberships, "empty": False, "rats": rats}


def _district_panel(user: Any) -> dict[str, Any] | None:
    """Dinas staff: the recognition queue and this year's pendataan; guru pembina: what the
    dinas asked of them (returned submissions, pendataan reminders)."""
    if not user.is_authenticated:
        return None
    from django.utils import timezone

    from school_coops.models import RecognitionSubmission
    from school_coops.selectors.dinas import (
        dinas_region_ids,
        pendataan_missing,
        pendataan_reminders_for,
        recognition_queue,
    )

    year = timezone.localdate().year
    regions = dinas_region_ids(user=user)
    if regions:
        return {
            "dinas": True,
            "year": year,
            "queue": recognition_queue(user=user).count(),
            "missing": pendataan_missing(region_ids=regions, year=year).count(),
        }
    if not user.has_role(Role.TEACHER):
        return None
    reminders = list(pendataan_reminders_for(user=user)[:5])
    returned = list(
        RecognitionSubmission.objects.filter(coop__supervisors=user, status="dikembalikan")
        .exclude(coop__recognition_submissions__status__in=["diajukan", "dikukuhkan"])
        .select_related("coop")[:5]
    )
    if not reminders and not returned:
        return None
    return {"dinas": False, "reminders": reminders, "returned": returned}


register_nav(NavItem(_("Koperasi"), "school_coops:cooperative-list", _visible, 40))
register_panel(DashboardPanel("school_coops/panels/district.html", _district_panel, 30))
register_panel(DashboardPanel("school_coops/panels/dashboard.html", _panel_context, 35))
