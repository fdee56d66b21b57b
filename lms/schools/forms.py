from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from lms.accounts.forms import consent_purposes_field
from lms.accounts.models import ConsentRecord
from lms.schools.models import School
from lms.schools.validators import validate_person_name


class RosterUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Berkas daftar siswa (.csv atau .xlsx)"),
        error_messages={"required": _("Pilih berkas daftar siswa."), "empty": _("Berkas kosong.")},
    )


class RosterConfirmForm(forms.Form):
    """The second step of an import whose rows match students the school already has."""

    upload = forms.CharField(max_length=64, widget=forms.HiddenInput)
    duplicates = forms.ChoiceField(
        label=_("Siswa yang tampaknya sudah ada"),
        choices=[
            ("skip", _("Lewati siswa yang sudah ada, impor sisanya")),
            ("create", _("Tetap buat siswa dengan nama yang sama (NISN sama selalu dilewati)")),
        ],
        initial="skip",
        widget=forms.RadioSelect,
    )


class ClassroomForm(forms.Form):
    name = forms.CharField(label=_("Nama kelas"), max_length=40)
    grade = forms.IntegerField(label=_("Tingkat"), min_value=7, max_value=12)
    academic_year = forms.CharField(label=_("Tahun ajaran"), max_length=9, initial="2026/2027")


class ConsentForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Tindakan"),
        choices=ConsentRecord.Action.choices,
        initial=ConsentRecord.Action.GRANT,
    )
    purposes = consent_purposes_field()
    guardian_name = forms.CharField(
        label=_("Nama orang tua/wali"), max_length=150, validators=[validate_person_name]
    )
    guardian_relation = forms.CharField(
        label=_("Hubungan dengan siswa"), max_length=40, help_text=_("Misalnya ibu, ayah, wali.")
    )
    method = forms.ChoiceField(label=_("Cara"), choices=ConsentRecord.Method.choices)
    evidence = forms.CharField(
        label=_("Bukti (nomor formulir, catatan)"), max_length=200, required=False
    )


class DistrictSchoolFilterForm(forms.Form):
    """Filters of the dinas' school list; an unknown value is an error (the list stays whole)."""

    level = forms.ChoiceField(label=_("Jenjang"), required=False)
    kecamatan = forms.ChoiceField(label=_("Kecamatan"), required=False)

    def __init__(self, *args: Any, kecamatan: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        everything = [("", _("Semua"))]
        levels = everything + list(School.Level.choices)
        cast(forms.ChoiceField, self.fields["level"]).choices = levels
        places = everything + [(k, k) for k in kecamatan]
        cast(forms.ChoiceField, self.fields["kecamatan"]).choices = places

    def filters(self) -> dict[str, str]:
        if not self.is_valid():
            return {}
        return {name: self.cleaned_data[name] for name in ("level", "kecamatan")}
