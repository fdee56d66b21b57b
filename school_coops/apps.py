from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SchoolCoopsConfig(AppConfig):
    name = "school_coops"
    verbose_name = _("Koperasi sekolah")

    def ready(self) -> None:
        from school_coops import district, nav, rules  # noqa: F401  (registers navigation and permissions)
        from school_coops.signals import connect

        connect()  # lms.fastpage: a member's portal follows their rows
