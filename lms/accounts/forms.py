from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.utils.translation import gettext_lazy as _

from lms.accounts.models import ConsentPurpose, ConsentRecord


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("Username atau kata sandi salah. Periksa lagi kartu login Anda."),
        "inactive": _("Akun ini tidak aktif."),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Username")
        self.fields["username"].widget.attrs.update(
            {"autocapitalize": "none", "autocomplete": "username"}
        )
        self.fields["password"].label = _("Kata sandi")


class KopsisPasswordChangeForm(PasswordChangeForm):
    """Same rules as Django's; labels use the words printed on the login card."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = _("Kata sandi lama")
        self.fields["new_password1"].label = _("Kata sandi baru")
        self.fields["new_password2"].label = _("Ulangi kata sandi baru")


def consent_purposes_field() -> forms.MultipleChoiceField:
    """The purposes a consent record covers, ticked: the guardian's form and the teacher's."""
    return forms.MultipleChoiceField(
        label=_("Tujuan"),
        choices=ConsentPurpose.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Pilih setidaknya satu tujuan.")},
    )


class GuardianConsentForm(forms.Form):
    """A guardian grants or withdraws consent for their own child, online."""

    action = forms.ChoiceField(label=_("Tindakan"), choices=ConsentRecord.Action.choices)
    purposes = consent_purposes_field()
    confirm = forms.BooleanField(
        label=_("Saya orang tua/wali siswa ini dan sudah membaca pemberitahuan privasi."),
        error_messages={"required": _("Centang pernyataan ini untuk melanjutkan.")},
    )
