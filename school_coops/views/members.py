"""Members: register, apply/approve, savings forms, exit and payout, offices, exports."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lms.exports import table_download
from lms.http import HtmxRequest
from lms.privacy.audit import audited
from lms.privacy.models import AccessKind
from school_coops import selectors as sel
from school_coops.exceptions import CooperativeRuleError
from school_coops.export import member_register_table
from school_coops.forms import (
    MemberRegisterForm,
    MembershipEndForm,
    PositionForm,
    SavingsAmountForm,
    WajibPayForm,
)
from school_coops.models import (
    Cooperative,
    JournalEntry,
    Membership,
    SavingsKind,
)
from school_coops.models.cooperative import MembershipCategory
from school_coops.services.members import (
    membership_apply,
    membership_approve,
    membership_end,
    membership_payout,
    membership_register,
    membership_reject,
    payable_outstanding,
    position_assign,
)
from school_coops.services.participation import member_purchase_record
from school_coops.services.savings import savings_deposit, savings_wajib_pay, savings_withdraw
from school_coops.views.common import (
    coop_for,
    membership_for,
    paginate,
    permission_flags,
)


@login_required
@require_GET
def membership_list_view(request: HtmxRequest, slug: str) -> HttpResponse:
    coop = coop_for(request, slug, "school_coops.view_member_list")
    # Capped: a search box pasted full of text must not become a huge LIKE pattern.
    search = request.GET.get("q", "").strip()[:100]
    status = request.GET.get("status", "")
    # An unknown status in the address lists everyone instead of failing.
    status = status if status in Membership.Status.values else ""
    context = {
        "coop": coop,
        "search": search,
        "status": status,
        "statuses": Membership.Status.choices,
        "page": paginate(request, sel.membership_list(coop=coop, search=search, status=status)),
        **permission_flags(request, coop),
    }
    template = "school_coops/membership_list.html"
    return render(request, f"{template}#membership-table" if request.htmx else template, context)


@login_required
@require_GET
def membership_export_view(request: HtmxRequest, slug: str, fmt: str) -> HttpResponse:
    coop = coop_for(request, slug, "school_coops.view_member_list")
    # Only the two formats the export knows; anything else in the address is a 404.
    if fmt not in ("csv", "xlsx"):
        raise Http404
    return table_download(
        member_register_table(sel.membership_list(coop=coop)),
        kind=fmt,
        filename=f"anggota-{coop.slug}",
        title=_("Daftar anggota"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def membership_register_view(request: HtmxRequest, slug: str) -> HttpResponse:
    coop = coop_for(request, slug, "school_coops.manage_members")
    form = MemberRegisterForm(request.POST or None, candidates=sel.membership_candidates(coop=coop))
    if request.method == "POST" and form.is_valid():
        try:
            membership = membership_register(
                coop=coop,
                member=form.cleaned_data["member"],
                category=form.cleaned_data["category"],
                by=request.user,
            )
        except CooperativeRuleError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("%(name)s terdaftar sebagai anggota no. %(no)s; simpanan pokok dicatat.")
                % {"name": membership.member, "no": membership.number},
            )
            return redirect("school_coops:membership-detail", slug=coop.slug, pk=membership.pk)
    return render(request, "school_coops/membership_register.html", {"coop": coop, "form": form})


@login_required
@require_POST
def membership_apply_view(request: HtmxRequest, slug: str) -> HttpResponse:
    coop = get_object_or_404(Cooperative, slug=slug)
    # Students apply only to their own school's coop; another school's slug answers 404.
    if coop.school_id not in sel.school_ids_of_student(user=request.user):
        raise Http404
    try:
        membership_apply(
            coop=coop, member=request.user, category=MembershipCategory.STUDENT, by=request.user
        )
    except CooperativeRuleError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Pengajuan keanggotaan terkirim. Pengurus akan memprosesnya."))
    return redirect("school_coops:portal")


def _membership_context(
    request: HtmxRequest, coop: Cooperative, membership: Membership, **forms: Any
) -> dict[str, Any]:
    arrears = sel.wajib_arrears(membership=membership)
    return {
        "coop": coop,
        "membership": membership,
        **permission_flags(request, coop),
        "balances": sel.savings_balances(membership=membership),
        # Newest first, paginated: a member's card grows every month for years.
        "page": paginate(request, sel.savings_card(membership=membership)[::-1]),
        "arrears": arrears,
        "positions": membership.positions.filter(ended_on__isnull=True),
        "deposit_form": forms.get("deposit_form") or SavingsAmountForm(prefix="setor", coop=coop),
        "withdraw_form": forms.get("withdraw_form") or SavingsAmountForm(prefix="tarik", coop=coop),
        "wajib_form": forms.get("wajib_form")
        or WajibPayForm(prefix="wajib", arrears=arrears, coop=coop),
        "purchase_form": forms.get("purchase_form") or SavingsAmountForm(prefix="beli", coop=coop),
        "shu_shares": sel.shu_shares(membership=membership),
        "position_form": PositionForm(prefix="jabatan"),
        "kinds": SavingsKind,
        "payable": payable_outstanding(membership=membership),
    }


def _member_of(request: HtmxRequest, slug: str, pk: int, **kwargs: Any) -> Any:
    """Whose savings card the page showed, for the access log (UU PDP: a minor's savings)."""
    # The access log's subject: whose savings card this address opens.
    return Membership.objects.filter(pk=pk, coop__slug=slug).values_list("member_id", flat=True)


@login_required
@require_GET
@audited(AccessKind.SAVINGS, subjects=_member_of)
def membership_detail_view(request: HtmxRequest, slug: str, pk: int) -> HttpResponse:
    coop = get_object_or_404(Cooperative.objects.select_related("school"), slug=slug)
    membership = membership_for(request, coop, pk)
    return render(
        request,
        "school_coops/membership_detail.html",
        _membership_context(request, coop, membership),
    )


FORM_NAMES = {
    "setor": "deposit_form",
    "tarik": "withdraw_form",
    "wajib": "wajib_form",
    "beli": "purchase_form",
}


# One dispatch for the three amount forms: same form class, same service signature.
AMOUNT_SERVICES: dict[str, Callable[..., JournalEntry]] = {
    "setor": savings_deposit,
    "tarik": savings_withdraw,
    "beli": member_purchase_record,
}


def _savings_post(request: HtmxRequest, slug: str, pk: int, action: str) -> HttpResponse:
    coop = coop_for(request, slug, "school_coops.record")
    membership = get_object_or_404(
        Membership.objects.select_related("member", "coop"), pk=pk, coop=coop
    )
    forms: dict[str, Any] = {}
    if action == "wajib":
        form: Any = WajibPayForm(
            request.POST,
            prefix="wajib",
            arrears=sel.wajib_arrears(membership=membership),
            coop=coop,
        )
    else:
        form = SavingsAmountForm(request.POST, prefix=action, coop=coop)
    forms[FORM_NAMES[action]] = form
    if form.is_valid() and _savings_record(request, membership, action, form):
        forms = {}  # fresh forms with new idempotency keys
    context = _membership_context(request, coop, membership, **forms)
    context["saved"] = not forms
    if forms and membership.status != Membership.Status.ACTIVE:
        # The forms (and their errors) are shown for active members only: say why here.
        context["refused"] = _("Keanggotaan ini tidak aktif; transaksi tidak dicatat.")
    if request.htmx:
        return render(request, "school_coops/membership_detail.html#savings-panel", context)
    return render(request, "school_coops/membership_detail.html", context)


def _savings_record(
    request: HtmxRequest,
    membership: Membership,
    action: str,
    form: WajibPayForm | SavingsAmountForm,
) -> bool:
    """Call the action's service; a refused rule becomes the form's error (False)."""
    data = form.cleaned_data
    common = {"by": request.user, "idempotency_key": data["idempotency_key"], "date": data["date"]}
    try:
        if action == "wajib":
            period = datetime.date.fromisoformat(data["period"])
            savings_wajib_pay(membership=membership, period=period, **common)
        else:
            AMOUNT_SERVICES[action](membership=membership, amount=data["amount"], **common)
    except CooperativeRuleError as exc:
        form.add_error(None, str(exc))
        return False
    return True


@login_required
@require_POST
def savings_deposit_view(request: HtmxRequest, slug: str, pk: int) -> HttpResponse:
    return _savings_post(request, slug, pk, "setor")


@login_required
@require_POST
def savings_withdraw_view(request: HtmxRequest, slug: str, pk: int) -> HttpResponse:
    return _savings_post(request, slug, pk, "tarik")


@login_required
@require_POST
def member_purchase_view(request: HtmxRequest, slug: str, pk: int) -> HttpResponse:
    return _savings_post(request, slug, pk, "beli")


@login_required
@require_POST
def wajib_pay_view(request: HtmxRequest, slug: str, pk: int) -> HttpResponse:
    return _savings_post(request, slug, pk, "wajib")


@login_required
@require_POST
def membership_decide_view(request: HtmxRequest, slug: str, pk: int, decision: str) -> HttpResponse:
    coop = coop_for(request, slug, "school_coops.manage_members")
    membership = get_object_or_404(Membership, pk=pk, coop=coop)
    try:
        if decision == "setujui":
            # Approval posts the simpanan pokok too: a POST through the service, never a GET.
            membership_approve(membership=membership, by=request.user)
            messages.success(request, _("Keanggotaan disetujui; simpanan pokok dicatat."))
        elif decision == "tolak":
            membership_reject(membership=membership, by=request.user)
            messages.success(request, _("Pengajuan ditolak."))
        else:
            # A decision other than the two in the URL pattern is a 404, not a silent no-op.
            raise Http404
    except CooperativeRuleError as exc:
        messages.error(request, str(exc))
    return redirect("school_coops:membership-detail", slug=coop.slug, pk=membership.pk)


@login_required
@require_http_methods(["GET", "POST"])
def membership_end_view(request: HtmxRequest, slug: str, pk: int) -> HttpResponse:
    """Ending a membership is confirmed first: GET shows what happens to the savings (the
    amounts membership_end will post) and asks for the reason; only the POST ends it."""
    coop = coop_for(request, slug, "school_coops.manage_members")
    membership = get_object_or_404(Membership.objects.select_related("member"), pk=pk, coop=coop)
    form = MembershipEndForm(request.POST or None, prefix="keluar")
    if request.method == "POST" and form.is_valid():
        try:
            membership_end(
                membership=membership,
                reason=form.cleaned_data["reason"],
                by=request.user,
                idempotency_key=form.cleaned_data["idempotency_key"],
            )
        except CooperativeRuleError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _("Keanggotaan berakhir; simpanan dicatat sebagai utang kepada anggota keluar."),
            )
        return redirect("school_coops:membership-detail", slug=coop.slug, pk=membership.pk)
    context = {
        "coop": coop,
        "membership": membership,
        "form": form,
        # The amounts shown are the ones membership_end posts (the same selector).
        "preview": sel.membership_exit_preview(membership=membership),
    }
    return render(request, "school_coops/membership_end.html", context)


@login_required
@require_POST
def membership_payout_view(request: HtmxRequest, slug: str, pk: int) -> HttpResponse:
    coop = coop_for(request, slug, "school_coops.record")
    membership = get_object_or_404(Membership, pk=pk, coop=coop)
    try:
        membership_payout(
            membership=membership,
            by=request.user,
            # The button's key: a double click returns the first payout, not a second.
            idempotency_key=request.POST.get("idempotency_key") or None,
        )
    except CooperativeRuleError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Simpanan anggota keluar dikembalikan tunai."))
    return redirect("school_coops:membership-detail", slug=coop.slug, pk=membership.pk)


@login_required
@require_POST
def position_assign_view(request: HtmxRequest, slug: str, pk: int) -> HttpResponse:
    coop = coop_for(request, slug, "school_coops.supervise")
    membership = get_object_or_404(Membership, pk=pk, coop=coop)
    form = PositionForm(request.POST, prefix="jabatan")
    if form.is_valid():
        try:
            position_assign(membership=membership, role=form.cleaned_data["role"], by=request.user)
        except CooperativeRuleError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Jabatan dicatat."))
    return redirect("school_coops:membership-detail", slug=coop.slug, pk=membership.pk)
