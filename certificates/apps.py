from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Sertifikat")

    def ready(self) -> None:
        from certificates import district, nav  # noqa: F401  (registers links and dashboard panels)
        from certificates.credentials import checks  # noqa: F401  (check --deploy: signing keys)
