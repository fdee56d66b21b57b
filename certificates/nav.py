"""Navigation link and dashboard panels of certification (trainer, assessor, candidate)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from lms.accounts.models import Role
from lms.navigation import DashboardPanel, NavItem, register_nav, register_panel

STAFF = (Role.TRAINER, Role.ASSESSOR, Role.DINAS)


def _is_staff(user: Any) -> bool:
    return user.is_authenticated and any(user.has_role(r) for r in STAFF)


def _visible(user: Any) -> bool:
    if not user.is_authenticated:
        return False
    if _is_staff(user):
        return True
    return user.certification_candidacies.exists()


def _panel_context(user: Any) -> dict[str, Any] | None:
    if not user.is_authenticated:
        return None
    from certificates.selectors import assessor_queue, candidacy_list_for_user, trainer_queue

    if _is_staff(user):
        return {
            "trainer_batches": list(trainer_queue(user=user)[:5]),
            "assessor_batches": list(assessor_queue(user=user)[:5]),
            "candidacies": [],
        }
    candidacies = list(candidacy_list_for_user(user=user)[:3])
    if not candidacies:
        return None
    return {"trainer_batches": [], "assessor_batches": [], "candidacies": candidacies}


register_nav(NavItem(_("Sertifikasi"), "certificates:home", _visible, 50))
register_panel(DashboardPanel("certificates/panels/dashboard.html", _panel_context, 32))
