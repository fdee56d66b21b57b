"""Forms of the business unit screens: parse input, clear Indonesian messages.

The rules (stock, prices, closed days) live in services/business.py; these only parse."""

from __future__ import annotations

import datetime
from typing import Any, cast

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from school_coops.exceptions import CooperativeRuleError
from school_coops.forms import IdempotentForm, RupiahField
from school_coops.models import BusinessUnit, Item, Membership
from school_coops.services.business import MAX_QTY, SaleLineInput

MAX_CART_FIELDS = 200


def _member_choices(unit: BusinessUnit) -> list[tuple[str, str]]:
    members = Membership.objects.filter(
        coop=unit.coop, status=Membership.Status.ACTIVE
    ).select_related("member")
    return [("", "—")] + [
        (str(m.member_id), m.member.get_full_name()) for m in members.order_by("member__full_name")
    ]


class ItemForm(forms.Form):
    name = forms.CharField(label=_("Nama barang"), max_length=80)
    measure = forms.CharField(label=_("Satuan"), max_length=20, initial="pcs")
    price = RupiahField(label=_("Harga jual (Rp)"))
    cost = RupiahField(label=_("Harga pokok (Rp)"), required=False, allow_zero=True)
    consignor = forms.ChoiceField(
        label=_("Penitip (untuk barang titipan)"),
        required=False,
        help_text=_("Kosongkan untuk barang milik koperasi."),
    )
    consignor_share = RupiahField(
        label=_("Bagian penitip per satuan (Rp)"), required=False, allow_zero=True
    )

    def __init__(self, *args: Any, unit: BusinessUnit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.unit = unit
        field = cast(forms.ChoiceField, self.fields["consignor"])
        field.choices = _member_choices(unit)


class PriceForm(forms.Form):
    price = RupiahField(label=_("Harga jual baru (Rp)"))


class PurchaseForm(IdempotentForm):
    item = forms.ModelChoiceField(label=_("Barang"), queryset=Item.objects.none())
    qty = forms.IntegerField(label=_("Jumlah"), min_value=1, max_value=MAX_QTY)
    paid = RupiahField(label=_("Total dibayar ke pemasok (Rp)"))
    on_credit = forms.BooleanField(label=_("Belum dibayar (utang ke pemasok)"), required=False)

    def __init__(self, *args: Any, unit: BusinessUnit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["item"])
        field.queryset = Item.objects.filter(unit=unit, consigned_by__isnull=True, is_active=True)


class ConsignmentForm(IdempotentForm):
    item = forms.ModelChoiceField(label=_("Barang titipan"), queryset=Item.objects.none())
    qty = forms.IntegerField(label=_("Jumlah diterima"), min_value=1, max_value=MAX_QTY)

    def __init__(self, *args: Any, unit: BusinessUnit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["item"])
        field.queryset = Item.objects.filter(unit=unit, consigned_by__isnull=False, is_active=True)


class PayoutForm(IdempotentForm):
    amount = RupiahField(label=_("Jumlah dibayar tunai (Rp)"))


class PlanRegisterForm(forms.Form):
    share = RupiahField(
        label=_("Bagian tim per satuan terjual (Rp)"), allow_zero=True, required=False
    )


class DayCloseForm(forms.Form):
    counted = RupiahField(label=_("Uang tunai yang dihitung (Rp)"), allow_zero=True)


def _refuse_item() -> CooperativeRuleError:
    return CooperativeRuleError(gettext("Barang tidak ditemukan di unit usaha ini."))


def _pk_of(name: str, prefix: str) -> int:
    text = name[len(prefix) :]
    if not text.isdigit() or len(text) > 12:
        raise _refuse_item()
    return int(text)


def cart_from(data: QueryDict, *, strict: bool) -> dict[int, int]:
    """{item_id: qty} from the qty_<item id> fields; empty and 0 are not in the cart.

    strict (saving): junk is refused in Indonesian; else (a tap re-drawing the form) junk
    reads as 0, so the cashier sees the cart as it really is."""
    names = [n for n in data if n.startswith("qty_")]
    if len(names) > MAX_CART_FIELDS:
        raise _refuse_item()
    cart: dict[int, int] = {}
    for name in names:
        raw = (data.get(name) or "").strip()
        try:
            pk, qty = _pk_of(name, "qty_"), int(raw or "0")
        except (CooperativeRuleError, ValueError):
            if strict:
                if not name[4:].isdigit():
                    raise _refuse_item() from None
                raise CooperativeRuleError(gettext("Jumlah barang harus bilangan bulat.")) from None
            continue
        if qty < 0 or qty > MAX_QTY:
            if strict:
                raise CooperativeRuleError(gettext("Jumlah barang harus antara 0 dan 100.000."))
            continue
        if qty:
            cart[pk] = qty
    return cart


def sale_lines(cart: dict[int, int]) -> list[SaleLineInput]:
    return [SaleLineInput(pk, qty) for pk, qty in sorted(cart.items())]


def apply_tap(cart: dict[int, int], tap: str) -> dict[int, int]:
    """ "+12" adds one of item 12, "-12" takes one off; anything else changes nothing."""
    if len(tap) < 2 or tap[0] not in "+-" or not tap[1:].isdigit() or len(tap) > 13:
        return cart
    pk = int(tap[1:])
    qty = max(0, min(MAX_QTY, cart.get(pk, 0) + (1 if tap[0] == "+" else -1)))
    cart = {**cart, pk: qty}
    return {k: v for k, v in cart.items() if v}


def membership_from(unit: BusinessUnit, raw: str | None) -> Membership | None:
    """The active member chosen in the picker ("" = bukan anggota)."""
    raw = (raw or "").strip()
    if not raw:
        return None
    found = None
    if raw.isdigit() and len(raw) <= 12:
        found = (
            Membership.objects.filter(coop=unit.coop, pk=int(raw), status=Membership.Status.ACTIVE)
            .select_related("member")
            .first()
        )
    if found is None:
        raise CooperativeRuleError(
            gettext("Anggota tidak ditemukan atau tidak aktif di koperasi ini.")
        )
    return found


def counter_day_from(raw: str | None) -> datetime.date:
    """The counter day (`hari`, YYYY-MM-DD as a date input sends it); junk is refused."""
    raw = (raw or "").strip()
    try:
        if len(raw) != 10:
            raise ValueError(raw)
        return datetime.date.fromisoformat(raw)
    except ValueError:
        raise CooperativeRuleError(
            gettext("Tanggal hari kas tidak terbaca; pilih tanggal pada kolom Ganti hari.")
        ) from None
