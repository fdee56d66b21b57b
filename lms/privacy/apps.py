from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "lms.privacy"
    label = "privacy"
    verbose_name = _("Pelindungan data pribadi")

    def ready(self) -> None:
        from lms.privacy import nav, rules  # noqa: F401  (registers navigation and permissions)

        # Every app's `privacy.py` registers its exporters and erasers (see registry.py);
        # this app's own `lms/privacy/privacy.py` covers Django's and Wagtail's models.
        autodiscover_modules("privacy")
