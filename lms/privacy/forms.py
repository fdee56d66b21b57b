from django import forms
from django.utils.translation import gettext_lazy as _


class EraseForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan penghapusan"),
        max_length=200,
        help_text=_("Misalnya: permintaan tertulis orang tua tanggal 3 Desember 2026."),
    )
    confirm = forms.BooleanField(
        label=_("Saya mengerti: nama dan identitas dihapus permanen dan tidak dapat dikembalikan.")
    )
