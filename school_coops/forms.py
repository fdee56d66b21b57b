"""Forms: parse input and give clear Indonesian messages; rules live in the services."""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.forms.utils import ErrorList
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.accounts.models import User
from lms.schools.validators import validate_person_name
from school_coops.chart import CASH, MEMBER_TAGGED_CODES, CashPreset
from school_coops.exceptions import LedgerError
from school_coops.models import Account, LegalStatus, Membership, PositionRole, ShuAllocation
from school_coops.models.cooperative import MembershipCategory, ShuRounding
from school_coops.models.savings import CONTROL_ACCOUNT_CODES
from school_coops.money import parse_rupiah
from school_coops.selectors.founding import ELECTED_ROLES
from school_coops.services.ledger import book_date_problem, closed_period_problem


def new_idempotency_key() -> str:
    return secrets.token_urlsafe(24)


class RupiahField(forms.CharField):
    """Whole rupiah typed on a phone: "5000", "5.000" or "Rp 5.000"; never a float."""

    def __init__(self, *args: Any, allow_zero: bool = False, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Jumlah (Rp)"))
        kwargs.setdefault("max_length", 24)
        super().__init__(*args, **kwargs)
        self.allow_zero = allow_zero
        self.widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})

    def clean(self, value: Any) -> Decimal | None:
        raw = super().clean(value)
        if raw in (None, ""):
            return None
        try:
            return parse_rupiah(raw, allow_zero=self.allow_zero)
        except LedgerError as exc:
            raise forms.ValidationError(str(exc)) from None


class IdempotentForm(forms.Form):
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64, min_length=16)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("idempotency_key", new_idempotency_key())

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data  # what Form.clean returns (its stub says Optional)
        if self.errors.pop("idempotency_key", ErrorList()):
            # A hidden field the user cannot see or fix: say what to do above the form.
            self.add_error(
                None,
                _("Formulir ini rusak atau kedaluwarsa. Muat ulang halaman, lalu isi lagi."),
            )
        return data


def date_not_before_founding(coop: Any, day: Any) -> Any:
    """The ledger's date rule (book_date_problem) shown on the date field."""
    if day and coop is not None and (problem := book_date_problem(coop=coop, day=day)):
        raise forms.ValidationError(problem)
    return day


class TransactionDateForm(IdempotentForm):
    """A transaction date: today by default, never in the future or in a closed month.

    Lets a treasurer enter a month of paper receipts afterwards, each on its own date.
    """

    date = forms.DateField(
        label=_("Tanggal transaksi"),
        required=False,  # empty means today
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )

    def __init__(self, *args: Any, coop: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.coop = coop
        today = timezone.localdate()
        self.fields["date"].widget.attrs["max"] = today.isoformat()
        if not self.is_bound:
            self.initial.setdefault("date", today)

    def clean_date(self) -> Any:
        # The ledger's rules (book_date_problem, closed_period_problem) on the date field.
        day = self.cleaned_data["date"] or timezone.localdate()
        if day > timezone.localdate():
            raise forms.ValidationError(_("Tanggal transaksi tidak boleh di masa depan."))
        if self.coop is not None and (problem := closed_period_problem(coop=self.coop, day=day)):
            raise forms.ValidationError(problem)
        return day


class SavingsAmountForm(TransactionDateForm):
    amount = RupiahField()


class WajibPayForm(TransactionDateForm):
    period = forms.ChoiceField(label=_("Periode simpanan wajib"))

    def __init__(self, *args: Any, arrears: Sequence[dict[str, Any]] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["period"]).choices = [
            (
                row["period"].isoformat(),
                f"{row['period']:%m/%Y} – Rp {row['amount']:,.0f}".replace(",", "."),
            )
            for row in arrears
        ]


class WajibTapForm(IdempotentForm):
    """The one-tap 'Bayar' of the unpaid wajib list: the month shown on the button."""

    period = forms.DateField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["period"].error_messages["invalid"] = _("Periode simpanan wajib tidak valid.")
        self.fields["period"].error_messages["required"] = _("Periode simpanan wajib tidak valid.")


class GraduationForm(TransactionDateForm):
    """Ending the memberships of one class: why they leave and on which day."""

    REASONS = [
        (Membership.EndReason.GRADUATED, Membership.EndReason.GRADUATED.label),
        (Membership.EndReason.MOVED, Membership.EndReason.MOVED.label),
    ]
    reason = forms.ChoiceField(label=_("Alasan keluar"), choices=REASONS)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].error_messages["invalid_choice"] = _("Pilih alasan dari daftar.")


class CashEntryForm(IdempotentForm):
    DIRECTIONS = [("masuk", _("Kas masuk (penerimaan)")), ("keluar", _("Kas keluar (pengeluaran)"))]

    date = forms.DateField(
        label=_("Tanggal"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    direction = forms.ChoiceField(label=_("Jenis"), choices=DIRECTIONS)
    account = forms.ModelChoiceField(label=_("Akun lawan"), queryset=Account.objects.none())
    member = forms.ModelChoiceField(
        label=_("Anggota (wajib untuk piutang anggota, SHU anggota, simpanan anggota keluar)"),
        queryset=Membership.objects.none(),
        required=False,
    )
    amount = RupiahField()
    memo = forms.CharField(label=_("Keterangan"), max_length=200)

    def __init__(self, *args: Any, coop: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Savings control accounts move only through the member savings forms (sub-ledger).
        cast(forms.ModelChoiceField, self.fields["account"]).queryset = (
            Account.objects.filter(coop=coop, is_active=True)
            .exclude(code__in=[CASH, *CONTROL_ACCOUNT_CODES.values()])
            .order_by("code")
        )
        self.fields["account"].error_messages["invalid_choice"] = _("Pilih akun dari daftar.")
        cast(forms.ModelChoiceField, self.fields["member"]).queryset = (
            Membership.objects.filter(coop=coop, status__in=["aktif", "berakhir"])
            .select_related("member")
            .order_by("member__full_name")
        )
        self.fields["member"].error_messages["invalid_choice"] = _("Pilih anggota dari daftar.")
        self.coop = coop
        if not self.is_bound:
            self.initial.setdefault("date", timezone.localdate())

    def clean_date(self) -> Any:
        return date_not_before_founding(self.coop, self.cleaned_data["date"])

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data  # what Form.clean returns (its stub says Optional)
        account = data.get("account")
        if account and account.code in MEMBER_TAGGED_CODES and not data.get("member"):
            self.add_error("member", _("Akun ini buku pembantu anggota: pilih anggotanya."))
        return data


class CashPresetForm(IdempotentForm):
    """A common cash transaction: pick what happened, type the amount; the accounts are the
    preset's (school_coops.chart.CASH_PRESETS)."""

    preset = forms.ChoiceField(label=_("Transaksi"), widget=forms.RadioSelect)
    amount = RupiahField()
    date = forms.DateField(
        label=_("Tanggal"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    note = forms.CharField(label=_("Catatan (boleh kosong)"), max_length=150, required=False)

    def __init__(self, *args: Any, coop: Any, presets: Sequence[CashPreset], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.coop = coop
        self.presets = {p.slug: p for p in presets}
        preset = cast(forms.ChoiceField, self.fields["preset"])
        preset.choices = [(p.slug, _(p.label)) for p in presets]
        preset.error_messages["invalid_choice"] = _("Pilih transaksi dari daftar.")
        preset.error_messages["required"] = _("Pilih transaksinya dulu.")
        self.fields["date"].widget.attrs["max"] = timezone.localdate().isoformat()
        if not self.is_bound:
            self.initial.setdefault("date", timezone.localdate())

    def clean_preset(self) -> CashPreset:
        return self.presets[self.cleaned_data["preset"]]  # ChoiceField checked the slug

    def clean_date(self) -> Any:
        day = date_not_before_founding(self.coop, self.cleaned_data["date"])
        if problem := closed_period_problem(coop=self.coop, day=day):
            raise forms.ValidationError(problem)
        return day


class MemberRegisterForm(forms.Form):
    member: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Siswa/guru/karyawan"), queryset=None
    )
    category = forms.ChoiceField(label=_("Kategori"), choices=MembershipCategory.choices)

    def __init__(self, *args: Any, candidates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["member"]).queryset = candidates
        self.fields["member"].error_messages["invalid_choice"] = _("Pilih orang dari daftar.")


class MembershipEndForm(IdempotentForm):
    # No reason is preselected: the officer chooses one on the confirmation page.
    reason = forms.ChoiceField(
        label=_("Alasan keluar"),
        choices=[("", _("— pilih alasan —")), *Membership.EndReason.choices],
    )


class PositionForm(forms.Form):
    role = forms.ChoiceField(label=_("Jabatan"), choices=PositionRole.choices)


class CooperativeCreateForm(forms.Form):
    MODES = [
        ("pendirian", _("Mendirikan koperasi baru (alur pendirian)")),
        ("terdaftar", _("Mendaftarkan kopsis yang sudah berdiri")),
    ]

    name = forms.CharField(label=_("Nama koperasi"), max_length=120)
    mode = forms.ChoiceField(
        label=_("Cara"), choices=MODES, widget=forms.RadioSelect, initial="pendirian"
    )
    legal_status = forms.ChoiceField(
        label=_("Status hukum"), choices=LegalStatus.choices, initial=LegalStatus.NOT_LEGAL_ENTITY
    )
    nomor_pengukuhan = forms.CharField(
        label=_("Nomor pengukuhan dinas"), max_length=80, required=False
    )
    nomor_badan_hukum = forms.CharField(label=_("Nomor badan hukum"), max_length=80, required=False)
    founded_on = forms.DateField(
        label=_("Tanggal berdiri (hanya untuk kopsis yang sudah berdiri)"),
        required=False,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    simpanan_pokok = RupiahField(label=_("Simpanan pokok (Rp)"), initial="10000", allow_zero=True)
    simpanan_wajib = RupiahField(
        label=_("Simpanan wajib per bulan (Rp)"), initial="2000", allow_zero=True
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data  # what Form.clean returns (its stub says Optional)
        if data.get("mode") == "terdaftar" and not data.get("founded_on"):
            self.add_error("founded_on", _("Isi tanggal berdiri kopsis yang sudah ada."))
        if data.get("mode") == "pendirian":
            data["founded_on"] = None
        return data


class PeriodCloseForm(forms.Form):
    period = forms.IntegerField(widget=forms.HiddenInput)


class RatRecordForm(forms.Form):
    fiscal_year = forms.IntegerField(label=_("Tahun buku"), min_value=1990, max_value=2100)
    held_on = forms.DateField(
        label=_("Tanggal RAT"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )


class AccountForm(forms.Form):
    code = forms.CharField(label=_("Kode akun (mis. 4-1501)"), max_length=10)
    name = forms.CharField(label=_("Nama akun"), max_length=120)
    normal_side = forms.ChoiceField(
        label=_("Saldo normal"), choices=[("D", _("Debit")), ("K", _("Kredit"))]
    )


class CommitteeForm(forms.Form):
    committee = forms.CharField(
        label=_("Susunan panitia pendiri"), widget=forms.Textarea(attrs={"rows": 4})
    )
    initiators = forms.ModelMultipleChoiceField(
        label=_("Pemrakarsa"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class MeetingForm(forms.Form):
    meeting_date = forms.DateField(
        label=_("Tanggal rapat"),
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    meeting_place = forms.CharField(label=_("Tempat"), max_length=150)
    chair_name = forms.CharField(
        label=_("Pimpinan rapat"), max_length=150, validators=[validate_person_name]
    )
    secretary_name = forms.CharField(
        label=_("Notulis"), max_length=150, validators=[validate_person_name]
    )
    guests = forms.CharField(
        label=_("Undangan yang hadir (kepala sekolah, dinas, guru)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    agenda = forms.CharField(label=_("Acara rapat"), widget=forms.Textarea(attrs={"rows": 8}))
    attendees = forms.ModelMultipleChoiceField(
        label=_("Siswa yang hadir"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class ShuSplitForm(forms.Form):
    """One percentage field per SHU bucket; together they must make exactly 100 %."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for bucket, label in ShuAllocation.Bucket.choices:
            self.fields[f"shu_{bucket}"] = forms.DecimalField(
                label=_("SHU: %(bucket)s (%%)") % {"bucket": label},
                min_value=0,
                max_value=100,
                max_digits=5,
                decimal_places=2,
                required=False,
                widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
            )

    @staticmethod
    def shu_initial(bylaw: Any) -> dict[str, Any]:
        percents = {a.bucket: a.percent for a in bylaw.shu_allocations.all()}
        return {
            f"shu_{b}": f"{percents.get(b, Decimal(0)).normalize():f}"
            for b in ShuAllocation.Bucket.values
        }

    def shu_allocation(self) -> dict[str, Decimal]:
        return {
            b: self.cleaned_data.get(f"shu_{b}") or Decimal(0) for b in ShuAllocation.Bucket.values
        }

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data  # what Form.clean returns (its stub says Optional)
        fields = [f"shu_{b}" for b in ShuAllocation.Bucket.values]
        if not any(name in self.errors for name in fields):
            total = sum(self.shu_allocation().values(), Decimal(0))
            if total != 100:
                raise forms.ValidationError(
                    _("Pembagian SHU harus berjumlah tepat 100%%, bukan %(total)s%%.")
                    % {"total": f"{total.normalize():f}"}
                )
        return data


class BylawsForm(ShuSplitForm):
    simpanan_pokok = RupiahField(label=_("Simpanan pokok (Rp)"), allow_zero=True)
    simpanan_wajib = RupiahField(label=_("Simpanan wajib per bulan (Rp)"), allow_zero=True)
    term_years = forms.IntegerField(
        label=_("Masa jabatan pengurus (tahun)"), min_value=1, max_value=5
    )
    quorum_percent = forms.IntegerField(
        label=_("Kuorum rapat anggota (%)"), min_value=1, max_value=100
    )
    membership_categories = forms.MultipleChoiceField(
        label=_("Kategori anggota"),
        choices=MembershipCategory.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    ad_art_text = forms.CharField(label=_("Teks AD/ART"), widget=forms.Textarea(attrs={"rows": 16}))


class BylawVersionForm(BylawsForm):
    """A new AD/ART version (after a RAT): its own effective date; earlier versions stay."""

    field_order = ["effective_from"]

    effective_from = forms.DateField(
        label=_("Berlaku sejak"),
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    rounding_rule = forms.ChoiceField(
        label=_("Pembulatan SHU anggota"), choices=ShuRounding.choices
    )
    nonmember_shu_to_reserve = forms.BooleanField(
        label=_("SHU dari usaha dengan non-anggota masuk cadangan"), required=False
    )

    def clean_effective_from(self) -> Any:
        # Versions are never edited and each must start after the last: a mistyped year
        # (9999) would block every later version for good.
        day = self.cleaned_data["effective_from"]
        latest = timezone.localdate() + datetime.timedelta(days=366)
        if day > latest:
            raise forms.ValidationError(
                _("Tanggal berlaku paling lambat satu tahun dari hari ini (%(d)s).")
                % {"d": f"{latest:%d-%m-%Y}"}
            )
        return day


class BallotForm(forms.Form):
    """A ballot. `with_voter` only for the guru pembina recording a paper ballot; a voter's
    own ballot has no voter field (the session is the voter), a code ballot has the code."""

    voter = forms.ModelChoiceField(label=_("Pemilih"), queryset=User.objects.none())
    code = forms.CharField(label=_("Kode suara"), max_length=20)

    def __init__(
        self,
        *args: Any,
        attendees: Any,
        with_voter: bool = True,
        with_code: bool = False,
        **kw: Any,
    ) -> None:
        super().__init__(*args, **kw)
        if with_voter:
            cast(forms.ModelChoiceField, self.fields["voter"]).queryset = attendees
        else:
            del self.fields["voter"]
        if not with_code:
            del self.fields["code"]
        for role in ELECTED_ROLES:
            self.fields[role] = forms.ModelChoiceField(
                label=PositionRole(role).label, queryset=attendees
            )

    def choices(self) -> dict[str, Any]:
        return {role: self.cleaned_data[role] for role in ELECTED_ROLES}


class MembersForm(forms.Form):
    opening_grant = RupiahField(
        label=_("Modal awal/hibah untuk neraca awal (Rp)"),
        allow_zero=True,
        required=False,
    )
    staff_founders = forms.ModelMultipleChoiceField(
        label=_("Guru/karyawan yang ikut menjadi anggota pendiri"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
