"""Navigation links and dashboard panels of the learning half."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from lms.accounts.models import Role
from lms.navigation import DashboardPanel, NavItem, register_nav, register_panel


def _is_student(user: Any) -> bool:
    return user.has_role(Role.STUDENT)


def _is_teacher(user: Any) -> bool:
    return user.has_role(Role.TEACHER)


def _student_panel(user: Any) -> dict[str, Any] | None:
    if not _is_student(user):
        return None
    from courses.selectors import my_learning

    return {"cards": my_learning(student=user)[:3]}


def _guardian_panel(user: Any) -> dict[str, Any] | None:
    """The children's learning for their guardian: only the user's own wards (Guardianship),
    all of them in the same five queries."""
    if not user.has_role(Role.GUARDIAN):
        return None
    from courses.selectors import learning_cards
    from lms.accounts.models import Guardianship

    links = Guardianship.objects.filter(guardian=user).select_related("student")
    wards = [g.student for g in links]
    cards = learning_cards(students=wards)
    return {"wards": [{"student": w, "cards": cards.get(w.pk, [])} for w in wards]}


def _teacher_panel(user: Any) -> dict[str, Any] | None:
    if not _is_teacher(user):
        return None
    return {}


register_nav(NavItem(_("Belajar saya"), "courses:my-learning", _is_student, 10))
register_nav(NavItem(_("Laporan belajar"), "courses:teacher-classroom-list", _is_teacher, 20))
register_nav(NavItem(_("Cari materi"), "courses:search", lambda user: True, 90))
register_panel(DashboardPanel("courses/panels/student.html", _student_panel, 15))
register_panel(DashboardPanel("courses/panels/teacher.html", _teacher_panel, 25))
register_panel(DashboardPanel("courses/panels/guardian.html", _guardian_panel, 55))
