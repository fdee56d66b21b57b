"""The filter form of the dinas' cooperative list (school_coops/views/district.py)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from lms.schools.models import School
from school_coops.models.cooperative import CoopStatus
from school_coops.selectors.district import HEALTH_CHOICES, CoopFilters


class DistrictCoopFilterForm(forms.Form):
    """Filters of the dinas' cooperative list; an unknown value is an error, not a silent skip."""

    status = forms.ChoiceField(label=_("Status"), required=False)
    level = forms.ChoiceField(label=_("Jenjang"), required=False)
    kecamatan = forms.ChoiceField(label=_("Kecamatan"), required=False)
    rat = forms.ChoiceField(
        label=_("RAT"),
        required=False,
        choices=[
            ("", _("Semua")),
            ("tepat", _("Tepat waktu")),
            ("terlambat", _("Terlambat/belum")),
        ],
    )
    books = forms.ChoiceField(
        label=_("Pembukuan 3 bulan"),
        required=False,
        choices=[("", _("Semua")), ("ya", _("Ada")), ("tidak", _("Tidak ada"))],
    )
    health = forms.ChoiceField(label=_("Kesehatan"), required=False)

    def __init__(self, *args: Any, kecamatan: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        everything = [("", _("Semua"))]
        cast(forms.ChoiceField, self.fields["status"]).choices = everything + list(
            CoopStatus.choices
        )
        cast(forms.ChoiceField, self.fields["level"]).choices = everything + list(
            School.Level.choices
        )
        cast(forms.ChoiceField, self.fields["kecamatan"]).choices = everything + [
            (k, k) for k in kecamatan
        ]
        cast(forms.ChoiceField, self.fields["health"]).choices = everything + list(HEALTH_CHOICES)

    def filters(self) -> CoopFilters:
        """The valid filters; none at all when any value is unknown (the list stays whole)."""
        if not self.is_valid():
            return CoopFilters()
        return CoopFilters(
            **{name: self.cleaned_data[name] for name in CoopFilters.__dataclass_fields__}
        )
