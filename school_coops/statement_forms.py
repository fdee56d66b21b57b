"""Which tahun buku the financial statements show (kept apart so forms.py stays small)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from school_coops.models import Cooperative
from school_coops.selectors.statements import current_fiscal_year


class StatementYearForm(forms.Form):
    tahun = forms.IntegerField(label=_("Tahun buku"), required=False, min_value=1990)

    def __init__(self, *args: Any, coop: Cooperative, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.current = current_fiscal_year(coop=coop)
        field = self.fields["tahun"]
        field.error_messages["invalid"] = _("Tahun buku harus berupa angka tahun, mis. 2025.")
        field.error_messages["min_value"] = _("Tahun buku paling awal %(limit_value)s.")

    def clean_tahun(self) -> int | None:
        year = self.cleaned_data.get("tahun")
        if year is not None and year > self.current:
            raise forms.ValidationError(
                _("Tahun buku %(y)s belum dimulai.") % {"y": year}, code="future"
            )
        return year

    def year(self) -> int:
        """The chosen tahun buku; the current one when none or an invalid one was asked for."""
        if self.is_bound and self.is_valid() and self.cleaned_data.get("tahun"):
            return int(self.cleaned_data["tahun"])
        return self.current
