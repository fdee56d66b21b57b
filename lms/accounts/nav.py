"""Dashboard panels and links of the platform core, one per role."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from lms.accounts.models import Role, RoleAssignment
from lms.navigation import DashboardPanel, NavItem, register_nav, register_panel


def _student_context(user: Any) -> dict[str, Any] | None:
    if not user.has_role(Role.STUDENT):
        return None
    from lms.accounts.selectors import consent_status

    classrooms = user.classrooms.select_related("school").order_by("-academic_year")[:3]
    status = consent_status(student=user)
    return {"classrooms": classrooms, "consent_missing": not all(status.values())}


def _teacher_context(user: Any) -> dict[str, Any] | None:
    if not user.has_role(Role.TEACHER):
        return None
    from lms.schools.selectors import classroom_list_for_user, school_list_for_teacher

    return {
        "schools": school_list_for_teacher(user=user),
        "classrooms": classroom_list_for_user(user=user)[:6],
    }


def _dinas_context(user: Any) -> dict[str, Any] | None:
    roles = [r for r in (Role.TRAINER, Role.ASSESSOR, Role.DINAS) if user.has_role(r)]
    if not roles:
        return None
    regions = (
        RoleAssignment.objects.filter(user=user, role__in=roles, region__isnull=False)
        .select_related("region")
        .values_list("region__name", "region__province")
        .distinct()
    )
    return {
        "dinas_roles": [Role(r).label for r in roles],
        "regions": list(regions),
        "is_dinas": Role.DINAS in roles,
    }


def _editor_context(user: Any) -> dict[str, Any] | None:
    if not (user.has_role(Role.EDITOR) or user.is_superuser):
        return None
    return {}


def _guardian_context(user: Any) -> dict[str, Any] | None:
    if not user.has_role(Role.GUARDIAN):
        return None
    from lms.accounts.selectors import consent_status

    wards = [g.student for g in user.wards.select_related("student")]
    return {"wards": [{"student": w, "consent": consent_status(student=w)} for w in wards]}


register_panel(DashboardPanel("accounts/panels/student.html", _student_context, 10))
register_panel(DashboardPanel("accounts/panels/teacher.html", _teacher_context, 20))
register_panel(DashboardPanel("accounts/panels/dinas.html", _dinas_context, 30))
register_panel(DashboardPanel("accounts/panels/editor.html", _editor_context, 40))
register_panel(DashboardPanel("accounts/panels/guardian.html", _guardian_context, 50))
register_nav(NavItem(_("Dasbor"), "accounts:dashboard", lambda u: True, 0))
