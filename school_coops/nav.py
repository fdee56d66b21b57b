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
    if not coops and not memberships and not user.has_role(Role.TEACHER):
        return {"coops": [], "memberships": [], "empty": True}
    return {"coops": coops, "memberships": memberships, "empty": False}


register_nav(NavItem(_("Koperasi"), "school_coops:cooperative-list", _visible, 40))
register_panel(DashboardPanel("school_coops/panels/dashboard.html", _panel_context, 35))
