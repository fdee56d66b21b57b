"""Business units on a phone: the counter (kasir), receipts, items, stock in, returns, stock
count and the daily close. Everyone here holds school_coops.sell (pembina or pengurus);
other cooperatives' units, items and receipts answer 404."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from lms.accounts.models import User
from lms.http import HtmxRequest
from school_coops.business_forms import (
    ConsignmentForm,
    DayCloseForm,
    ItemForm,
    PriceForm,
    PurchaseForm,
    apply_tap,
    cart_from,
    counter_day_from,
    membership_from,
    sale_lines,
)
from school_coops.exceptions import CooperativeRuleError
from school_coops.forms import new_idempotency_key
from school_coops.models import BusinessUnit, DayClose, Item, PaymentMethod, Sale
from school_coops.selectors import business as bsel
from school_coops.services import business as biz
from school_coops.templatetags.coop_tags import rupiah
from school_coops.views.common import coop_for, paginate, permission_flags

SELL = "school_coops.sell"


def unit_for(request: HtmxRequest, slug: str, unit: str) -> BusinessUnit:
    coop = coop_for(request, slug, SELL)
    return get_object_or_404(BusinessUnit.objects.select_related("coop"), coop=coop, code=unit)


def _context(request: HtmxRequest, unit: BusinessUnit, **extra: Any) -> dict[str, Any]:
    return {"coop": unit.coop, "unit": unit, **permission_flags(request, unit.coop), **extra}


def _counter_day(request: HtmxRequest, unit: BusinessUnit) -> tuple[datetime.date | None, str]:
    """(day, problem): the counter day asked for by `hari` (today when not given). None when
    unreadable; the problem names why the day cannot be recorded (the service's rule)."""
    raw = request.POST.get("hari") or request.GET.get("hari", "")
    if not raw:
        return timezone.localdate(), ""
    try:
        day = counter_day_from(raw)
    except CooperativeRuleError as exc:
        return None, str(exc)
    return day, biz.counter_day_problem(unit=unit, day=day, stock=False) or ""


def _day_context(unit: BusinessUnit, day: datetime.date) -> dict[str, Any]:
    """The counter day header: the day, today (the date input's max) and earlier open days."""
    today = timezone.localdate()
    open_days = [d for d in bsel.open_sale_days(unit=unit, before=today) if d != day]
    return {"day": day, "today": today, "is_today": day == today, "open_days": open_days}


@login_required
@require_GET
def business_units_view(request: HtmxRequest, slug: str) -> HttpResponse:
    coop = coop_for(request, slug, SELL)
    context = {
        "coop": coop,
        "page": paginate(request, bsel.business_units(coop=coop)),
        **permission_flags(request, coop),
    }
    return render(request, "school_coops/business/units.html", context)


@login_required
@require_GET
def unit_home_view(request: HtmxRequest, slug: str, unit: str) -> HttpResponse:
    bu = unit_for(request, slug, unit)
    context = _context(request, bu, page=paginate(request, bsel.unit_sales(unit=bu)))
    return render(request, "school_coops/business/unit_home.html", context)


# --- The counter ----------------------------------------------------------------------------


def _kasir_state(unit: BusinessUnit, data: QueryDict) -> dict[str, Any]:
    """What the counter form shows, read from the (re)posted form."""
    items = {i.pk: i for i in bsel.unit_items(unit=unit, active_only=True)}
    cart = apply_tap(cart_from(data, strict=False), data.get("tap", ""))
    cart = {pk: q for pk, q in cart.items() if pk in items}
    search = data.get("q", "").strip()[:60]
    try:
        member = membership_from(unit, data.get("member"))
    except CooperativeRuleError:
        member = None
    payment = data.get("payment") if data.get("payment") in PaymentMethod.values else "tunai"
    key = data.get("idempotency_key") or new_idempotency_key()
    return {
        "rows": [(item, cart.get(item.pk, 0)) for item in items.values()],
        "total": bsel.cart_total(items=items, wanted=cart),
        "search": search,
        "picks": list(bsel.active_members(coop=unit.coop, search=search)[: bsel.MEMBER_PICKS])
        if search
        else [],
        "member": member,
        "payment": payment,
        "key": key[:64],
    }


def _sale_save(
    request: HtmxRequest, unit: BusinessUnit, state: dict[str, Any], day: datetime.date | None
) -> tuple[Sale | None, bool, str]:
    """(sale, replayed, error): one sale posted on the counter day, or the one this key already
    saved (the service checks the day: a catch-up day must still be open)."""
    data, key = request.POST, state["key"]
    try:
        if day is None:
            raise CooperativeRuleError(_("Tanggal hari kas tidak terbaca."))
        membership = membership_from(unit, data.get("member"))
        lines = sale_lines(cart_from(data, strict=True))
        replayed = bsel.sale_by_key(coop=unit.coop, key=key) is not None
        sale = biz.sale_record(
            unit=unit,
            lines=lines,
            payment=data.get("payment", ""),
            membership=membership,
            by=request.user,
            idempotency_key=key,
            date=day,
        )
    except CooperativeRuleError as exc:
        return None, False, str(exc)
    return sale, replayed, ""


@login_required
@require_http_methods(["GET", "POST"])
def kasir_view(request: HtmxRequest, slug: str, unit: str) -> HttpResponse:
    """Taps (+/-, member search) re-draw the form with the same key; "Simpan" posts the sale
    once. A resend of a saved key (the connection dropped) shows the receipt already saved."""
    bu = unit_for(request, slug, unit)
    state = _kasir_state(bu, request.POST)
    sale, replayed, error = None, False, ""
    day, problem = _counter_day(request, bu)
    if request.method == "POST" and "simpan" in request.POST:
        sale, replayed, error = _sale_save(request, bu, state, day)
        if sale is not None:
            # A fresh, empty form with a NEW key for the next buyer, on the same counter day.
            state = {**_kasir_state(bu, QueryDict()), "key": new_idempotency_key()}
    elif problem and request.method == "GET":
        error = problem  # "Ganti hari" to a day that cannot be recorded: stay on today
    if day is None or (problem and request.method == "GET"):
        day = timezone.localdate()
    context = _context(
        request, bu, **state, **_day_context(bu, day), sale=sale, replayed=replayed, error=error
    )
    template = "school_coops/business/kasir.html"
    return render(request, f"{template}#kasir-form" if request.htmx else template, context)


def _sale_for(request: HtmxRequest, slug: str, unit: str, number: str) -> Sale:
    bu = unit_for(request, slug, unit)
    sale = bsel.sale_by_receipt(unit=bu, receipt=number)
    if sale is None:
        raise Http404
    return sale


@login_required
@require_GET
def receipt_print_view(request: HtmxRequest, slug: str, unit: str, number: str) -> HttpResponse:
    sale = _sale_for(request, slug, unit, number)
    context = _context(request, sale.unit, sale=sale, lines=list(sale.lines.all()))
    return render(request, "school_coops/business/struk.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def sale_return_view(request: HtmxRequest, slug: str, unit: str, number: str) -> HttpResponse:
    """Goods brought back, recorded on the counter day (`hari`, today when not given)."""
    sale = _sale_for(request, slug, unit, number)
    error, key = "", request.POST.get("idempotency_key") or new_idempotency_key()
    day, problem = _counter_day(request, sale.unit)
    if request.method == "POST":
        line = bsel.sale_line_of(sale=sale, raw=request.POST.get("line", ""))
        try:
            if line is None or day is None:
                raise CooperativeRuleError(problem or _("Baris struk tidak ditemukan."))
            biz.sale_return_record(
                line=line,
                qty=request.POST.get("qty"),
                by=request.user,
                idempotency_key=key,
                date=day,
            )
        except CooperativeRuleError as exc:
            error = str(exc)
        else:
            messages.success(request, _("Retur dicatat untuk struk %s.") % sale.receipt_number)
            return redirect("school_coops:receipt-print", slug, unit, sale.receipt_number)
    context = _context(
        request,
        sale.unit,
        **_day_context(sale.unit, day or timezone.localdate()),
        sale=sale,
        lines=list(sale.lines.all()),
        error=error,
        key=key,
    )
    return render(request, "school_coops/business/retur.html", context)


# --- Items and stock ------------------------------------------------------------------------


def _consignor(unit: BusinessUnit, raw: str) -> User | None:
    if not raw:
        return None
    user = bsel.coop_member_user(coop=unit.coop, raw=raw)
    if user is None:
        raise CooperativeRuleError(_("Penitip harus anggota koperasi ini."))
    return user


@login_required
@require_http_methods(["GET", "POST"])
def items_view(request: HtmxRequest, slug: str, unit: str) -> HttpResponse:
    bu = unit_for(request, slug, unit)
    form = ItemForm(request.POST or None, unit=bu)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item = biz.item_create(
                unit=bu,
                name=data["name"],
                measure=data["measure"],
                price=data["price"],
                cost=data["cost"] or 0,
                consignor=_consignor(bu, data["consignor"]),
                consignor_share=data["consignor_share"] or 0,
            )
        except CooperativeRuleError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Barang %s ditambahkan.") % item.name)
            return redirect("school_coops:unit-items", slug, unit)
    page = paginate(request, bsel.unit_items(unit=bu))
    return render(
        request, "school_coops/business/items.html", _context(request, bu, form=form, page=page)
    )


@login_required
@require_http_methods(["GET", "POST"])
def item_price_view(request: HtmxRequest, slug: str, unit: str, item_pk: int) -> HttpResponse:
    bu = unit_for(request, slug, unit)
    item = get_object_or_404(Item, unit=bu, pk=item_pk)
    form = PriceForm(request.POST or None, initial={"price": f"{item.price:.0f}"})
    if request.method == "POST" and form.is_valid():
        try:
            biz.item_price_set(item=item, price=form.cleaned_data["price"])
        except CooperativeRuleError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Harga %s diubah.") % item.name)
            return redirect("school_coops:unit-items", slug, unit)
    context = _context(request, bu, form=form, item=item)
    return render(request, "school_coops/business/item_price.html", context)


def _stock_form_page(
    request: HtmxRequest, bu: BusinessUnit, form: Any, title: str, record: Any
) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        try:
            movement = record(form.cleaned_data)
        except CooperativeRuleError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("Stok masuk dicatat: %(n)s %(m)s %(item)s.")
                % {"n": movement.qty, "m": movement.item.measure, "item": movement.item.name},
            )
            return redirect(request.path)
    context = _context(request, bu, form=form, title=title)
    return render(request, "school_coops/business/stock_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def stock_purchase_view(request: HtmxRequest, slug: str, unit: str) -> HttpResponse:
    bu = unit_for(request, slug, unit)

    def record(data: dict[str, Any]) -> Any:
        return biz.stock_purchase_record(
            item=data["item"],
            qty=data["qty"],
            paid=data["paid"],
            on_credit=data["on_credit"],
            by=request.user,
            idempotency_key=data["idempotency_key"],
        )

    form = PurchaseForm(request.POST or None, unit=bu)
    return _stock_form_page(request, bu, form, _("Pembelian dari pemasok"), record)


@login_required
@require_http_methods(["GET", "POST"])
def consignment_in_view(request: HtmxRequest, slug: str, unit: str) -> HttpResponse:
    bu = unit_for(request, slug, unit)

    def record(data: dict[str, Any]) -> Any:
        return biz.consignment_receive(
            item=data["item"],
            qty=data["qty"],
            by=request.user,
            idempotency_key=data["idempotency_key"],
        )

    form = ConsignmentForm(request.POST or None, unit=bu)
    return _stock_form_page(request, bu, form, _("Titipan masuk"), record)


@login_required
@require_http_methods(["GET", "POST"])
def stock_count_view(request: HtmxRequest, slug: str, unit: str) -> HttpResponse:
    bu = unit_for(request, slug, unit)
    page = paginate(request, bsel.unit_items(unit=bu))
    error, key = "", request.POST.get("idempotency_key") or new_idempotency_key()
    if request.method == "POST":
        counts = {}
        for name, value in request.POST.items():
            if name.startswith("count_"):
                pk = name[6:]
                counts[int(pk) if pk.isdigit() and len(pk) < 12 else -1] = value
        try:
            moved = biz.stock_count_record(
                unit=bu, counts=counts, by=request.user, idempotency_key=key
            )
        except CooperativeRuleError as exc:
            error = str(exc)
        else:
            messages.success(request, _("Stok opname dicatat: %s barang disesuaikan.") % len(moved))
            return redirect(request.get_full_path())
    context = _context(request, bu, page=page, error=error, key=key)
    return render(request, "school_coops/business/stock_count.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def day_close_view(request: HtmxRequest, slug: str, unit: str) -> HttpResponse:
    """The daily close of the counter day (`hari`, today when not given)."""
    bu = unit_for(request, slug, unit)
    day, problem = _counter_day(request, bu)
    form = DayCloseForm(request.POST or None)
    if day is None:
        form.add_error(None, problem)
    elif request.method == "POST" and form.is_valid():
        try:
            close = biz.day_close(
                unit=bu, counted=form.cleaned_data["counted"], by=request.user, date=day
            )
        except CooperativeRuleError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _closed_message(close, day))
            return redirect(f"{request.path}?hari={day:%Y-%m-%d}")
    day = day or timezone.localdate()
    context = _context(
        request,
        bu,
        **_day_context(bu, day),
        form=form,
        expected=biz.expected_cash(unit=bu, day=day),
        closed=bsel.day_close_of(unit=bu, day=day),
        page=paginate(request, bsel.day_closes(unit=bu)),
    )
    return render(request, "school_coops/business/day_close.html", context)


def _closed_message(close: DayClose, day: datetime.date) -> str:
    if day == timezone.localdate():
        return _("Kas hari ini ditutup. Selisih: %s.") % rupiah(close.difference)
    return _("Kas hari %(day)s ditutup. Selisih: %(diff)s.") % {
        "day": date_format(day, "l, j F Y"),
        "diff": rupiah(close.difference),
    }
