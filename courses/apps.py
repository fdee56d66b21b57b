from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Kursus")

    def ready(self) -> None:
        from courses import district, nav, signals  # noqa: F401  (registers links, panels, receivers)
