from typing import Any

from django.utils.translation import gettext_lazy as _

from lms.navigation import NavItem, register_nav


def _visible(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False))


register_nav(NavItem(_("Data pribadi"), "privacy:home", _visible, 90))
