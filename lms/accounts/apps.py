from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "lms.accounts"
    label = "accounts"
    verbose_name = _("Akun dan peran")

    def ready(self) -> None:
        from lms.accounts import nav  # noqa: F401  (registers navigation)
