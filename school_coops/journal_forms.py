"""Ledger forms: the general journal (jurnal umum) and the trial balance period.

Kept apart from forms.py so that module stays small; the rules live in services/ledger.py.
"""

from __future__ import annotations

import calendar
import datetime
import re
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from school_coops.chart import MEMBER_TAGGED_CODES
from school_coops.forms import IdempotentForm, RupiahField, date_not_before_founding
from school_coops.models import Account, Cooperative, Membership, Side
from school_coops.models.savings import CONTROL_ACCOUNT_CODES
from school_coops.selectors import fiscal_year_end
from school_coops.services.ledger import LineInput

MAX_LINES = 20
_LINE_KEY = re.compile(r"^line-(\d{1,3})-account$")


class JournalEntryForm(IdempotentForm):
    date = forms.DateField(
        label=_("Tanggal"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    memo = forms.CharField(label=_("Keterangan"), max_length=200)

    def __init__(self, *args: Any, coop: Cooperative | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.coop = coop
        if not self.is_bound:
            self.initial.setdefault("date", timezone.localdate())

    def clean_date(self) -> Any:
        return date_not_before_founding(self.coop, self.cleaned_data["date"])


class JournalLineForm(forms.Form):
    account = forms.ModelChoiceField(label=_("Akun"), queryset=Account.objects.none())
    member = forms.ModelChoiceField(
        label=_("Anggota"), queryset=Membership.objects.none(), required=False
    )
    debit = RupiahField(label=_("Debit (Rp)"), required=False)
    credit = RupiahField(label=_("Kredit (Rp)"), required=False)

    def __init__(self, *args: Any, choices: LineChoices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        account = cast(forms.ModelChoiceField, self.fields["account"])
        member = cast(forms.ModelChoiceField, self.fields["member"])
        account.required = False  # a blank row is skipped; clean() asks for it otherwise
        # Validation uses the querysets; the widgets list only what may be picked now.
        account.queryset, account.choices = choices.accounts, choices.account_choices
        member.queryset, member.choices = choices.members, choices.member_choices
        account.error_messages["invalid_choice"] = _("Pilih akun dari daftar.")
        member.error_messages["invalid_choice"] = _("Pilih anggota dari daftar.")
        for field in self.fields.values():  # the table header labels the columns
            field.widget.attrs["aria-label"] = field.label

    def is_blank(self) -> bool:
        data = self.cleaned_data
        return not any(data.get(name) for name in ("account", "member", "debit", "credit"))

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data  # what Form.clean returns (its stub says Optional)
        if self.errors or self.is_blank():
            return data
        account, debit, credit = data.get("account"), data.get("debit"), data.get("credit")
        if account is None:
            self.add_error("account", _("Pilih akun untuk baris ini."))
        elif not account.is_active:
            self.add_error("account", _("Akun %(a)s sudah dinonaktifkan.") % {"a": account})
        elif account.code in MEMBER_TAGGED_CODES and not data.get("member"):
            self.add_error("member", _("Akun ini buku pembantu anggota: pilih anggotanya."))
        if debit and credit:
            self.add_error("credit", _("Isi debit atau kredit saja, tidak keduanya."))
        elif not debit and not credit:
            self.add_error("debit", _("Isi jumlah debit atau kredit."))
        return data

    def line_input(self) -> LineInput:
        data = self.cleaned_data
        member = data.get("member")
        side = Side.DEBIT if data.get("debit") else Side.CREDIT
        amount: Decimal = data["debit"] or data["credit"]  # clean() made sure one is set
        return LineInput(data["account"].pk, side, amount, None, member.pk if member else None)


class LineChoices:
    """Accounts and members of one cooperative, read once for every line of the form."""

    def __init__(self, coop: Cooperative) -> None:
        # Savings control accounts move only through the member savings forms (sub-ledger).
        self.accounts = Account.objects.filter(coop=coop).exclude(
            code__in=CONTROL_ACCOUNT_CODES.values()
        )
        active = [a for a in self.accounts.order_by("code") if a.is_active]
        self.account_choices = [("", "—"), *((a.pk, str(a)) for a in active)]
        self.members = Membership.objects.filter(
            coop=coop, status__in=[Membership.Status.ACTIVE, Membership.Status.ENDED]
        )
        self.member_choices = [
            ("", "—"),
            *(
                (m.pk, m.member.get_full_name() or m.member.username)
                for m in self.members.select_related("member").order_by("member__full_name")
            ),
        ]


def too_many_lines(data: QueryDict) -> bool:
    """More rows posted than the form offers (a tampered request): refuse, never drop rows."""
    return len({m.group(1) for key in data if (m := _LINE_KEY.match(key))}) > MAX_LINES


def journal_line_forms(
    *, coop: Cooperative, data: QueryDict | None = None, add_line: bool = False
) -> list[JournalLineForm]:
    """Bound line forms for the rows posted (at most MAX_LINES), or two empty rows.

    With add_line the rows come back unbound, keeping what was typed, plus one empty row:
    adding a row should not show errors for rows still being filled in.
    """
    choices = LineChoices(coop)
    if data is None:
        indexes = [0, 1]
    else:
        found = sorted({int(m.group(1)) for key in data if (m := _LINE_KEY.match(key))})
        indexes = found[:MAX_LINES] or [0, 1]
    if data is not None and not add_line:
        return [JournalLineForm(data, prefix=f"line-{i}", choices=choices) for i in indexes]
    forms_ = [
        JournalLineForm(prefix=f"line-{i}", choices=choices, initial=_typed(data, f"line-{i}"))
        for i in indexes
    ]
    if add_line and len(indexes) < MAX_LINES:
        forms_.append(JournalLineForm(prefix=f"line-{indexes[-1] + 1}", choices=choices))
    return forms_


def _typed(data: QueryDict | None, prefix: str) -> dict[str, Any]:
    if data is None:
        return {}
    names = ("account", "member", "debit", "credit")
    return {name: data.get(f"{prefix}-{name}", "") for name in names}


def journal_entry_form(
    *, coop: Cooperative | None = None, data: QueryDict | None = None, add_line: bool = False
) -> JournalEntryForm:
    if data is not None and add_line:
        keys = ("date", "memo", "idempotency_key")
        initial = {k: data.get(k, "") for k in keys if data.get(k)}
        return JournalEntryForm(initial=initial, coop=coop)
    return JournalEntryForm(data, coop=coop)


class TrialBalancePeriodForm(forms.Form):
    """Which movements the neraca saldo sums: one month, one tahun buku, or everything."""

    SCOPES = [
        ("kumulatif", _("Kumulatif sampai hari ini")),
        ("bulan", _("Satu bulan")),
        ("tahun", _("Satu tahun buku")),
    ]

    scope = forms.ChoiceField(label=_("Periode"), choices=SCOPES, required=False)
    month = forms.CharField(
        label=_("Bulan"),
        required=False,
        max_length=7,
        widget=forms.TextInput(attrs={"type": "month", "placeholder": "2026-08"}),
    )
    year = forms.IntegerField(
        label=_("Tahun buku (tahun mulainya)"), required=False, min_value=1990, max_value=2100
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["scope"].error_messages["invalid_choice"] = _("Pilih periode dari daftar.")
        self.fields["year"].error_messages["invalid"] = _("Tahun buku harus berupa angka tahun.")

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data  # what Form.clean returns (its stub says Optional)
        scope = data.get("scope") or "kumulatif"
        data["scope"] = scope
        if scope == "bulan":
            match = re.fullmatch(r"(\d{4})-(\d{2})", (data.get("month") or "").strip(), re.ASCII)
            # Year 0000 once reached datetime.date() and failed with a server error.
            if (
                not match
                or not 1990 <= int(match.group(1)) <= 2100
                or not 1 <= int(match.group(2)) <= 12
            ):
                self.add_error("month", _("Pilih bulan dengan format TTTT-BB, mis. 2026-08."))
            else:
                data["month_start"] = datetime.date(int(match.group(1)), int(match.group(2)), 1)
        if scope == "tahun" and data.get("year") is None and "year" not in self.errors:
            self.add_error("year", _("Isi tahun buku yang ingin dilihat."))
        return data

    def bounds(self, coop: Cooperative) -> tuple[datetime.date | None, datetime.date]:
        """(first day or None for everything, last day) of the chosen period."""
        today = timezone.localdate()
        data: dict[str, Any] = self.cleaned_data if self.is_valid() else {"scope": "kumulatif"}
        if data["scope"] == "bulan":
            start = data["month_start"]
            return start, start.replace(day=calendar.monthrange(start.year, start.month)[1])
        if data["scope"] == "tahun":
            start = datetime.date(data["year"], coop.fiscal_year_start_month, 1)
            return start, fiscal_year_end(coop=coop, fiscal_year=data["year"])
        return None, today
