from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("Username atau kata sandi salah. Periksa lagi kartu login Anda."),
        "inactive": _("Akun ini tidak aktif."),
    }

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Username")
        self.fields["username"].widget.attrs.update({"autocapitalize": "none",
                                                     "autocomplete": "username"})
        self.fields["password"].label = _("Kata sandi")
