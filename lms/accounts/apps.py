from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "lms.accounts"
    label = "accounts"
    verbose_name = _("Akun dan peran")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from lms.accounts import nav  # noqa: F401  (registers navigation)
        from lms.fastpage import connect_lms_models
        from lms.sessions import apply_session_policy

        user_logged_in.connect(apply_session_policy, dispatch_uid="kopsis-session-policy")
        connect_lms_models()
