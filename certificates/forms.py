"""Forms of certification: they parse input; the rules live in the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from certificates.models import Candidate, Result, Scheme
from certificates.uploads import MAX_EVIDENCE_BYTES
from lms.accounts.models import Role, User

DATE = forms.DateInput(attrs={"type": "date"})


class RegionsOfUserForm(forms.Form):
    """A form whose `region` field offers only the regions the user works in (`region_ids`)."""

    def __init__(self, *args: Any, region_ids: set[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from lms.schools.models import Region

        self.fields["region"].queryset = Region.objects.filter(pk__in=region_ids)


class SchemeForm(RegionsOfUserForm):
    code = forms.CharField(label=_("Kode skema"), max_length=30)
    title = forms.CharField(label=_("Judul skema"), max_length=200)
    validity_years = forms.IntegerField(
        label=_("Masa berlaku (tahun)"),
        min_value=1,
        max_value=10,
        required=False,
        help_text=_("Kosongkan bila sertifikat tidak kedaluwarsa."),
    )
    description = forms.CharField(label=_("Deskripsi"), widget=forms.Textarea, required=False)
    region = forms.ModelChoiceField(
        label=_("Dinas pemilik"),
        queryset=None,
        required=False,
        empty_label=_("Bersama (semua dinas)"),
        help_text=_("Hanya pelatih dan staf dinas pemilik yang dapat mengubah skema ini."),
    )


class UnitImportForm(forms.Form):
    file = forms.FileField(
        label=_("Berkas unit kompetensi (CSV atau XLSX)"),
        help_text=_(
            "Kolom: kode_skema, versi, kode_unit, judul_unit, wajib, elemen (dipisah |), "
            "kuk (kelompok per elemen dipisah |, kriteria dipisah ;), instrumen."
        ),
    )
    replace = forms.BooleanField(label=_("Ganti semua unit draf ini"), required=False)


def _people(region_ids: set[int], role: str) -> Any:
    return User.objects.filter(
        role_assignments__role=role, role_assignments__region_id__in=region_ids
    ).distinct()


class BatchForm(RegionsOfUserForm):
    region = forms.ModelChoiceField(label=_("Dinas (wilayah)"), queryset=None)
    scheme = forms.ModelChoiceField(label=_("Skema"), queryset=None)
    name = forms.CharField(label=_("Nama angkatan"), max_length=150)
    start_date = forms.DateField(label=_("Mulai pelatihan"), widget=DATE)
    end_date = forms.DateField(label=_("Selesai pelatihan"), widget=DATE)
    test_date = forms.DateField(label=_("Tanggal uji"), widget=DATE)
    venue = forms.CharField(label=_("Tempat uji (TUK)"), max_length=200)
    quota = forms.IntegerField(label=_("Kuota peserta"), min_value=1, max_value=5000)
    trainers = forms.ModelMultipleChoiceField(
        label=_("Pelatih"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    assessors = forms.ModelMultipleChoiceField(
        label=_("Asesor"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    course = forms.ModelChoiceField(label=_("Kursus pelatihan"), queryset=None, required=False)
    written_quiz = forms.ModelChoiceField(
        label=_("Tes tulis (kuis)"), queryset=None, required=False
    )

    def __init__(self, *args: Any, region_ids: set[int], **kwargs: Any) -> None:
        super().__init__(*args, region_ids=region_ids, **kwargs)
        from courses.models import CoursePage, Quiz

        self.fields["scheme"].queryset = Scheme.objects.filter(
            Q(region__isnull=True) | Q(region_id__in=region_ids), status="published"
        )
        self.fields["trainers"].queryset = _people(region_ids, Role.TRAINER)
        self.fields["assessors"].queryset = _people(region_ids, Role.ASSESSOR)
        self.fields["course"].queryset = CoursePage.objects.live().order_by("title")
        self.fields["written_quiz"].queryset = Quiz.objects.order_by("title")


class ApplicationForm(forms.ModelForm):
    class Meta:
        model = Candidate
        fields = [
            "full_name",
            "birth_place",
            "birth_date",
            "nik",
            "phone",
            "email",
            "education",
            "track",
            "cooperative",
            "cooperative_name",
            "cooperative_legal_number",
            "cooperative_role",
        ]
        widgets = {"birth_date": DATE}
        help_texts = {
            "cooperative": _("Pilih bila koperasi Anda koperasi sekolah di Kopsis."),
            "cooperative_name": _("Koperasi mana saja: KSP, koperasi desa, koperasi karyawan…"),
            "nik": _(
                "Opsional. 16 angka sesuai KTP; hanya Anda dan pelatih angkatan yang melihat."
            ),
            "cooperative_legal_number": _("Untuk koperasi di luar Kopsis: nomor badan hukum."),
        }

    def __init__(self, *args: Any, batch: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cooperative_name"].required = False
        # Only the Kopsis cooperatives of the batch's region (never a list of the whole country).
        coops = self.fields["cooperative"].queryset
        self.fields["cooperative"].queryset = (
            coops.filter(school__region_id=batch.region_id).order_by("name")
            if batch is not None
            else coops.none()
        )


class RegistrationForm(ApplicationForm):
    """APL-01 on the batch's public page, with the new account's username and password."""

    username = forms.CharField(
        label=_("Nama pengguna"),
        max_length=30,
        help_text=_("Huruf kecil, angka, titik atau garis bawah; untuk masuk ke Kopsis."),
    )
    password1 = forms.CharField(
        label=_("Kata sandi"), strip=False, widget=forms.PasswordInput(render_value=False)
    )
    password2 = forms.CharField(
        label=_("Ulangi kata sandi"), strip=False, widget=forms.PasswordInput(render_value=False)
    )
    website = forms.CharField(required=False, widget=forms.HiddenInput)  # a bot trap

    class Meta(ApplicationForm.Meta):
        fields = [f for f in ApplicationForm.Meta.fields if f != "track"]

    field_order = ["username", "password1", "password2", "full_name", "birth_date"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["birth_date"].required = True

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password1") != data.get("password2"):
            self.add_error("password2", _("Kedua kata sandi tidak sama."))
        if data.get("website"):
            raise forms.ValidationError(_("Pendaftaran tidak dapat diproses."))
        return data


class SelfAssessmentForm(forms.Form):
    competent = forms.TypedChoiceField(
        label=_("Penilaian saya"),
        choices=[("1", _("Kompeten")), ("0", _("Belum kompeten"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Bukti pendukung"), max_length=500, required=False)


class EvidenceForm(forms.Form):
    file = forms.FileField(
        label=_("Berkas bukti (PDF, JPG, PNG)"),
        help_text=_("Maksimal %(mb)s MB.") % {"mb": MAX_EVIDENCE_BYTES // (1024 * 1024)},
    )
    unit = forms.ModelChoiceField(label=_("Untuk unit"), queryset=None, required=False)

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class ReviewForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Keputusan verifikasi"),
        choices=[
            ("accept", _("Terima")),
            ("return", _("Kembalikan untuk diperbaiki")),
            ("reject", _("Tolak")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=_("Alasan"), max_length=500, required=False)


class UnitDecisionForm(forms.Form):
    result = forms.ChoiceField(label=_("Hasil"), choices=Result.choices, widget=forms.RadioSelect)
    evidence = forms.CharField(label=_("Bukti yang dinilai"), max_length=500)
    comment = forms.CharField(label=_("Komentar"), max_length=500, required=False)


class SignForm(forms.Form):
    comment = forms.CharField(label=_("Catatan asesor"), widget=forms.Textarea, required=False)
    confirm = forms.BooleanField(
        label=_("Saya menandatangani keputusan ini; setelah itu keputusan tidak dapat diubah.")
    )


class PlenoForm(forms.Form):
    held_on = forms.DateField(label=_("Tanggal rapat pleno"), widget=DATE)
    notes = forms.CharField(label=_("Catatan rapat"), widget=forms.Textarea, required=False)


class AppealForm(forms.Form):
    reason = forms.CharField(label=_("Alasan banding"), widget=forms.Textarea, max_length=2000)


class AppealDecideForm(forms.Form):
    upheld = forms.TypedChoiceField(
        label=_("Hasil banding"),
        choices=[("1", _("Diterima: asesmen ulang")), ("0", _("Ditolak: keputusan tetap"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    outcome = forms.CharField(label=_("Penjelasan"), max_length=2000)


class SandboxEntryForm(forms.Form):
    transaction_ref = forms.ChoiceField(label=_("Nomor bukti"), required=False)
    date = forms.DateField(label=_("Tanggal"), widget=DATE)
    memo = forms.CharField(label=_("Keterangan"), max_length=200, required=False)

    def __init__(self, *args: Any, refs: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["transaction_ref"].choices = [("", "–"), *((r, r) for r in refs)]


class ExternalCertificateForm(RegionsOfUserForm):
    region = forms.ModelChoiceField(label=_("Dinas (wilayah)"), queryset=None)
    holder_name = forms.CharField(label=_("Nama pemegang"), max_length=150)
    cooperative_name = forms.CharField(label=_("Koperasi"), max_length=200, required=False)
    number = forms.CharField(label=_("Nomor sertifikat"), max_length=100)
    issuer = forms.CharField(label=_("Penerbit (LSP)"), max_length=200)
    scheme_name = forms.CharField(label=_("Skema"), max_length=200)
    issued_on = forms.DateField(label=_("Tanggal terbit"), widget=DATE)
    expires_on = forms.DateField(label=_("Berlaku sampai"), widget=DATE, required=False)
    scan = forms.FileField(label=_("Pindaian (PDF/gambar)"), required=False)
    verified = forms.BooleanField(
        label=_("Saya sudah memeriksa sertifikat asli atau data LSP."), required=False
    )


class CandidateImportForm(forms.Form):
    file = forms.FileField(
        label=_("Berkas daftar peserta (.csv atau .xlsx)"),
        error_messages={
            "required": _("Pilih berkas daftar peserta."),
            "empty": _("Berkas kosong."),
        },
    )


# same shape as lms.schools.forms.RosterConfirmForm on purpose: its choices name candidates and
# NIK, not students and NISN (the kept file behind `upload` is one mechanism, KeptUpload).
class CandidateImportConfirmForm(forms.Form):
    """The second step of an import whose rows match candidates the batch already has."""

    upload = forms.CharField(max_length=64, widget=forms.HiddenInput)
    duplicates = forms.ChoiceField(
        label=_("Peserta yang tampaknya sudah ada"),
        choices=[
            ("skip", _("Lewati peserta yang sudah ada, impor sisanya")),
            ("create", _("Tetap buat peserta dengan nama yang sama (NIK sama selalu dilewati)")),
        ],
        initial="skip",
        widget=forms.RadioSelect,
    )


class RevokeForm(forms.Form):
    """ "Cabut sertifikat": the reason is kept in the append-only revocation record."""

    reason = forms.CharField(
        label=_("Alasan pencabutan"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Tampil di halaman verifikasi publik. Pencabutan tidak dapat dibatalkan."),
    )

    def clean_reason(self) -> str:
        reason: str = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Tuliskan alasan pencabutan."))
        return reason


class ReissueForm(forms.Form):
    """A name correction: a new certificate with a new number replaces the old one."""

    holder_name = forms.CharField(
        label=_("Nama yang benar"),
        max_length=150,
        help_text=_("Sertifikat lama diganti dan diberi tautan ke sertifikat baru."),
    )

    def clean_holder_name(self) -> str:
        name = " ".join(self.cleaned_data["holder_name"].split())
        if not name:
            raise forms.ValidationError(_("Tuliskan nama yang benar."))
        return name


MAX_TEMPLATE_IMAGE_BYTES = 1024 * 1024  # a signature or a logo: small pictures


class TemplateImageField(forms.ImageField):
    """A signature or logo: the project's image checks (content sniffed, SVG refused,
    decompression bombs, metadata stripped: lms/uploads.py), PNG or JPEG, at most 1 MB."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        from lms.uploads import SafeImageField

        self.safe = SafeImageField(required=False)
        self.safe.max_upload_size = None
        self.help_text = _("PNG atau JPEG, paling besar 1 MB.")

    def to_python(self, data: Any) -> Any:
        if data in self.empty_values or not hasattr(data, "read"):
            return None
        from lms.uploads import sniff_image_format

        if data.size > MAX_TEMPLATE_IMAGE_BYTES:
            raise forms.ValidationError(
                _("Gambar terlalu besar (paling besar 1 MB)."), code="image_too_large"
            )
        data.seek(0)
        if sniff_image_format(data.read(16)) not in ("png", "jpeg"):
            data.seek(0)
            raise forms.ValidationError(
                _("Tanda tangan dan logo harus berupa gambar PNG atau JPEG."),
                code="image_kind",
            )
        data.seek(0)
        return self.safe.to_python(data)


class CertificateTemplateForm(forms.Form):
    html = forms.CharField(
        label=_("Templat HTML"),
        widget=forms.Textarea(attrs={"rows": 24, "spellcheck": "false", "class": "code"}),
        strip=False,
        help_text=_(
            "Sintaks templat Django dengan data sertifikat, mis. {{ holder_name }}, {{ number }}. "
            "Tag {% load %}, {% include %}, {% extends %}, {% ssi %} dan {% debug %} ditolak."
        ),
    )
    css = forms.CharField(
        label=_("CSS"),
        widget=forms.Textarea(attrs={"rows": 14, "spellcheck": "false", "class": "code"}),
        required=False,
        strip=False,
    )
    signatory_name = forms.CharField(label=_("Nama penanda tangan"), max_length=150)
    signatory_title = forms.CharField(label=_("Jabatan penanda tangan"), max_length=150)
    signature = TemplateImageField(label=_("Gambar tanda tangan"), required=False)
    remove_signature = forms.BooleanField(label=_("Hapus tanda tangan"), required=False)
    logo = TemplateImageField(label=_("Logo"), required=False)
    remove_logo = forms.BooleanField(label=_("Hapus logo (pakai logo bawaan)"), required=False)


class CertificateTemplateCreateForm(forms.Form):
    region = forms.TypedChoiceField(label=_("Dinas"), coerce=int)
    series = forms.ChoiceField(label=_("Seri"), required=False)

    def __init__(
        self, *args: Any, regions: list[Any], series: list[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [(r.pk, r.name) for r in regions]
        self.fields["series"].choices = series


class BooksEvidenceForm(forms.Form):
    """Portfolio from real books: a cooperative where the candidate holds/held office, a period."""

    coop = forms.ModelChoiceField(
        label=_("Koperasi yang pembukuannya Anda kerjakan"),
        queryset=None,
        error_messages={"invalid_choice": _("Pilih koperasi tempat Anda menjadi pengurus.")},
    )
    books_from = forms.DateField(label=_("Periode dari"), widget=DATE)
    books_to = forms.DateField(label=_("Periode sampai"), widget=DATE)
    unit = forms.ModelChoiceField(label=_("Untuk unit"), queryset=None, required=False)

    def __init__(self, *args: Any, units: Any, coops: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "buku")
        super().__init__(*args, **kwargs)
        self.fields["coop"].queryset = coops
        self.fields["unit"].queryset = units
