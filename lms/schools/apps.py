from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SchoolsConfig(AppConfig):
    name = "lms.schools"
    label = "schools"
    verbose_name = _("Sekolah dan kelas")

    def ready(self) -> None:
        from lms import storage  # noqa: F401  (registers the private-storage check)
        from lms.schools import nav  # noqa: F401  (registers navigation)
