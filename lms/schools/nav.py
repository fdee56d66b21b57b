from django.utils.translation import gettext_lazy as _

from lms.accounts.models import Role
from lms.navigation import NavItem, register_nav

register_nav(NavItem(_("Kelas"), "schools:classroom-list", lambda u: u.has_role(Role.TEACHER), 20))
register_nav(
    NavItem(_("Wilayah"), "schools:district-overview", lambda u: u.has_role(Role.DINAS), 25)
)
