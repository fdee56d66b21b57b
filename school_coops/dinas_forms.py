"""Forms of recognition (pengukuhan) and pendataan: parse only; the services decide."""

from __future__ import annotations

import os
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lms.uploads import document_content_matches

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class RecognitionSubmitForm(forms.Form):
    note = forms.CharField(
        label=_("Catatan untuk dinas"), required=False, max_length=2000, widget=forms.Textarea
    )
    attachment = forms.FileField(
        label=_("Lampiran hasil pindai (PDF, opsional)"),
        required=False,
        help_text=_("Misalnya berita acara yang sudah ditandatangani atau AD bermeterai."),
    )

    def clean_attachment(self) -> Any:
        upload = self.cleaned_data.get("attachment")
        if not upload:
            return None
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Lampiran paling besar 5 MB."))
        data = upload.read()
        name = os.path.basename(upload.name)
        if not name.lower().endswith(".pdf") or not document_content_matches(name, data):
            raise forms.ValidationError(_("Lampiran harus berkas PDF yang asli."))
        return (name, data)


class RecognitionDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("kukuhkan", _("Kukuhkan")), ("kembalikan", _("Kembalikan"))],
        widget=forms.HiddenInput,
    )
    nomor_pengukuhan = forms.CharField(label=_("Nomor pengukuhan"), required=False, max_length=80)
    recognised_on = forms.DateField(
        label=_("Tanggal pengukuhan"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    reason = forms.CharField(
        label=_("Alasan pengembalian"), required=False, max_length=2000, widget=forms.Textarea
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "kukuhkan":
            if not data.get("nomor_pengukuhan"):
                self.add_error("nomor_pengukuhan", _("Nomor pengukuhan wajib diisi."))
            if not data.get("recognised_on"):
                self.add_error("recognised_on", _("Tanggal pengukuhan wajib diisi."))
        elif data.get("decision") == "kembalikan" and not data.get("reason"):
            self.add_error("reason", _("Tulis alasan pengembalian."))
        return data


def _count(label: Any) -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=0, max_value=1_000_000)


def _money(label: Any) -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=0, max_value=10**13)


class PendataanForm(forms.Form):
    """Every indicator the district reports upward; initial values come from the books."""

    is_active = forms.TypedChoiceField(
        label=_("Status koperasi"),
        choices=[("1", _("Aktif")), ("0", _("Tidak aktif"))],
        coerce=lambda v: v == "1",
    )
    rat_held = forms.TypedChoiceField(
        label=_("RAT tahun ini"),
        choices=[("1", _("Sudah dilaksanakan")), ("0", _("Belum/tidak dilaksanakan"))],
        coerce=lambda v: v == "1",
    )
    rat_date = forms.DateField(
        label=_("Tanggal RAT"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    members_male = _count(_("Jumlah anggota laki-laki"))
    members_female = _count(_("Jumlah anggota perempuan"))
    members_unknown = _count(_("Jumlah anggota, jenis kelamin tidak tercatat"))
    officers = _count(_("Jumlah pengurus"))
    supervisors = _count(_("Jumlah pengawas"))
    employees = _count(_("Jumlah karyawan"))
    own_capital = _money(_("Modal sendiri (Rp)"))
    outside_capital = _money(_("Modal luar (Rp)"))
    assets = _money(_("Aset (Rp)"))
    business_volume = _money(_("Volume usaha (Rp)"))
    shu = forms.IntegerField(
        label=_("SHU (Rp, negatif bila rugi)"), min_value=-(10**13), max_value=10**13
    )
    nik = forms.CharField(
        label=_("Nomor Induk Koperasi (NIK), bila ada"), required=False, max_length=40
    )
    legal_number = forms.CharField(
        label=_("Nomor badan hukum/pengukuhan"), required=False, max_length=80
    )
    coop_type = forms.CharField(label=_("Jenis koperasi"), max_length=60)
    coop_group = forms.CharField(label=_("Kelompok koperasi"), max_length=60)


def pendataan_initial(values: dict[str, Any]) -> dict[str, Any]:
    initial = dict(values)
    for name in ("is_active", "rat_held"):
        initial[name] = "1" if values.get(name) else "0"
    return initial
