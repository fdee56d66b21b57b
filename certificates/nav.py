"""Navigation link and dashboard panels of certification (trainer, assessor, candidate)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from lms.accounts.models import Role
from lms.navigation import DashboardPanel, NavItem, register_nav, register_panel

STAFF = (Role.TRAINER, Role.ASSESSOR, Role.DINAS)


def _is_staff(user: Any) -> bool:
    return user.is_authenticated and any(user.has_role(r) for r in STAFF)


def _has_no_role(user: Any) -> bool:
    """An adult officer who registered only to apply (the role cache is already loaded)."""
    user.has_role(Role.STUDENT)
    return not user._role_cache


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
    if not candidacies and not _has_no_role(user):
        return None
    return {"trainer_batches": [], "assessor_batches": [], "candidacies": candidacies}


# Staff only: a per-request query for everyone else would cost every page (query budgets);
# candidates reach their applications from the dashboard panel.
register_nav(NavItem(_("Sertifikasi"), "certificates:home", _is_staff, 50))
register_panel(DashboardPanel("certificates/panels/dashboard.html", _panel_context, 32))
# Every signed-in user: no query to decide (the page has an empty state); holders, a minor's
# guardian and class teacher find the certificates there.
register_nav(
    NavItem(_("Sertifikat saya"), "certificates:my-certificates", lambda u: u.is_authenticated, 55)
)
