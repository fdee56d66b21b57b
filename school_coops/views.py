"""Cooperative pages: dashboard, members, savings, journal and books, member portal.

Every page checks a `rules` permission on the cooperative or membership; objects the user
may not see answer 404, so ids of other cooperatives reveal nothing.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from lms.accounts.models import Role
from lms.http import HtmxRequest
from lms.schools.selectors import school_list_for_teacher
from school_coops import selectors as sel
from school_coops.exceptions import CooperativeRuleError
from school_coops.export import member_register_csv, member_register_xlsx
from school_coops.forms import (
    AccountForm,
    CashEntryForm,
    CooperativeCreateForm,
    MemberRegisterForm,
    MembershipEndForm,
    PositionForm,
    RatRecordForm,
    SavingsAmountForm,
    WajibPayForm,
)
from school_coops.models import (
    Account,
    AccountingPeriod,
    Cooperative,
    JournalEntry,
    Membership,
    SavingsKind,
    Side,
)
from school_coops.services.cooperative import (
    account_create,
    account_set_active,
    cooperative_create,
    cooperative_rat_record,
    cooperative_supervisor_add,
)
from school_coops.services.ledger import (
    LineInput,
    account_by_code,
    accounting_period_close,
    fiscal_year_close,
    journal_entry_post,
    journal_entry_reverse,
)
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
from school_coops.services.savings import savings_deposit, savings_wajib_pay, savings_withdraw

PAGE_SIZE = 25


def _coop(request: HtmxRequest, slug: str, perm: str = "school_coops.view_coop") -> Cooperative:
    coop = get_object_or_404(Cooperative.objects.select_related("school"), slug=slug)
    if not request.user.has_perm(perm, coop):
        raise Http404
    return coop


def _membership(request: HtmxRequest, coop: Cooperative, pk: int) -> Membership:
    membership = get_object_or_404(
        Membership.objects.select_related("member", "coop"), pk=pk, coop=coop
    )
    if not request.user.has_perm("school_coops.view_membership", membership):
        raise Http404
    return membership


def _page(request: HtmxRequest, items: Any) -> Any:
    return Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))


def _perms(request: HtmxRequest, coop: Cooperative) -> dict[str, bool]:
    user = request.user
    return {
        "can_record": user.has_perm("school_coops.record", coop),
        "can_manage": user.has_perm("school_coops.manage_members", coop),
        "can_list": user.has_perm("school_coops.view_member_list", coop),
        "is_supervisor": user.has_perm("school_coops.supervise", coop),
        "can_view": user.has_perm("school_coops.view_coop", coop),
    }


# --- Cooperatives -----------------------------------------------------------------------


@login_required
@require_GET
def cooperative_list_view(request: HtmxRequest) -> HttpResponse:
    coops = sel.cooperative_list_for_user(user=request.user)
    return render(
        request,
        "school_coops/cooperative_list.html",
        {
            "page": _page(request, coops),
            "memberships": sel.memberships_of_user(user=request.user)[:10],
            "can_create": request.user.has_role(Role.TEACHER),
            "joinable": sel.cooperatives_joinable_by(user=request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def cooperative_create_view(request: HtmxRequest) -> HttpResponse:
    schools = list(school_list_for_teacher(user=request.user))
    if not schools:
        raise PermissionDenied
    form = CooperativeCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            coop = cooperative_create(
                school=schools[0],
                name=data["name"],
                by=request.user,
                legal_status=data["legal_status"],
                nomor_badan_hukum=data["nomor_badan_hukum"],
                nomor_pengukuhan=data["nomor_pengukuhan"],
                founded_on=data["founded_on"],
                simpanan_pokok_amount=data["simpanan_pokok"] or 0,
                simpanan_wajib_amount=data["simpanan_wajib"] or 0,
            )
        except CooperativeRuleError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Koperasi %(name)s dibuat.") % {"name": coop.name})
            if coop.founded_on is None:
                return redirect("school_coops:founding", slug=coop.slug)
            return redirect("school_coops:dashboard", slug=coop.slug)
    return render(
        request, "school_coops/cooperative_form.html", {"form": form, "school": schools[0]}
    )


@login_required
@require_GET
def dashboard_view(request: HtmxRequest, slug: str) -> HttpResponse:
    coop = _coop(request, slug)
    return render(
        request,
        "school_coops/dashboard.html",
        {
            "coop": coop,
            **_perms(request, coop),
            **sel.coop_summary(coop=coop),
            "reconciliation": sel.savings_reconciliation(coop=coop),
            "recent": sel.general_journal(coop=coop)[:5],
            "other_teachers": sel.school_teachers(coop=coop).exclude(supervised_coops=coop),
            "rat_form": RatRecordForm(initial={"fiscal_year": timezone.localdate().year - 1}),
        },
    )


@login_required
@require_POST
def supervisor_add_view(request: HtmxRequest, slug: str) -> HttpResponse:
    coop = _coop(request, slug, "school_coops.supervise")
    teacher = sel.school_teachers(coop=coop).filter(pk=request.POST.get("teacher") or 0).first()
    if teacher is None:
        messages.error(request, _("Pilih guru dari daftar."))
    else:
        try:
            cooperative_supervisor_add(coop=coop, teacher=teacher, by=request.user)
        except CooperativeRuleError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("%(name)s menjadi guru pembina.") % {"name": teacher})
    return redirect("school_coops:dashboard", slug=coop.slug)


@login_required
@require_POST
def rat_record_view(request: HtmxRequest, slug: str) -> HttpResponse:
    coop = _coop(request, slug, "school_coops.supervise")
    form = RatRecordForm(request.POST)
    if form.is_valid():
        try:
            late = cooperative_rat_record(coop=coop, by=request.user, **form.cleaned_data)
        except CooperativeRuleError as exc:
            messages.error(request, str(exc))
        else:
            if late:
                messages.warning(
                    request,
                    _(
                        "RAT dicatat dengan tanda TERLAMBAT: lebih dari 6 bulan "
                        "setelah tahun buku berakhir."
                    ),
                )
            else:
                messages.success(request, _("RAT dicatat."))
    else:
        messages.error(request, _("Isi tahun buku dan tanggal RAT dengan benar."))
    return redirect("school_coops:dashboard", slug=coop.slug)


# --- Members ----------------------------------------------------------------------------


@login_required
@require_GET
def membership_list_view(request: HtmxRequest, slug: str) -> HttpResponse:
    coop = _coop(request, slug, "school_coops.view_member_list")
    search = request.GET.get("q", "").strip()[:100]
    status = request.GET.get("status", "")
    status = status if status in Membership.Status.values else ""
    context = {
        "coop": coop,
        "search": search,
        "status": status,
        "statuses": Membership.Status.choices,
        "page": _page(request, sel.membership_list(coop=coop, search=search, status=status)),
        **_perms(request, coop),
    }
    template = "school_coops/membership_list.html"
    return render(request, f"{template}#membership-table" if request.htmx else template, context)


@login_required
@require_GET
def membership_export_view(request: HtmxRequest, slug: str, fmt: str) -> HttpResponse:
    coop = _coop(request, slug, "school_coops.view_member_list")
    memberships = sel.membership_list(coop=coop)
    if fmt == "csv":
        response = HttpResponse(
            member_register_csv(memberships), content_type="text/csv; charset=utf-8"
        )
    elif fmt == "xlsx":
        response = HttpResponse(
            member_register_xlsx(memberships),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="anggota-{coop.slug}.{fmt}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def membership_register_view(request: HtmxRequest, slug: str) -> HttpResponse:
    coop = _coop(request, slug, "school_coops.manage_members")
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
    if coop.school_id not in sel.school_ids_of_student(user=request.user):
        raise Http404
    try:
        membership_apply(coop=coop, member=request.user, category="siswa", by=request.user)
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
        **_perms(request, coop),
        "balances": sel.savings_balances(membership=membership),
        # Newest first, paginated: a member's card grows every month for years.
        "page": _page(request, sel.savings_card(membership=membership)[::-1]),
        "arrears": arrears,
        "positions": membership.positions.filter(ended_on__isnull=True),
        "deposit_form": forms.get("deposit_form") or SavingsAmountForm(prefix="setor"),
        "withdraw_form": forms.get("withdraw_form") or SavingsAmountForm(prefix="tarik"),
        "wajib_form": forms.get("wajib_form") or WajibPayForm(prefix="wajib", arrears=arrears),
        "end_form": forms.get("end_form") or MembershipEndForm(prefix="keluar"),
        "position_form": PositionForm(prefix="jabatan"),
        "kinds": SavingsKind,
        "payable": payable_outstanding(membership=membership),
    }


@login_required
@require_GET
def membership_detail_view(request: HtmxRequest, slug: str, pk: int) -> HttpResponse:
    coop = get_object_or_404(Cooperative.objects.select_related("school"), slug=slug)
    membership = _membership(request, coop, pk)
    return render(
        request,
        "school_coops/membership_detail.html",
        _membership_context(request, coop, membership),
    )


def _savings_post(request: HtmxRequest, slug: str, pk: int, action: str) -> HttpResponse:
    coop = _coop(request, slug, "school_coops.record")
    membership = get_object_or_404(
        Membership.objects.select_related("member", "coop"), pk=pk, coop=coop
    )
    forms: dict[str, Any] = {}
    if action == "wajib":
        form: Any = WajibPayForm(
            request.POST, prefix="wajib", arrears=sel.wajib_arrears(membership=membership)
        )
    else:
        form = SavingsAmountForm(request.POST, prefix=action)
    forms[{"setor": "deposit_form", "tarik": "withdraw_form", "wajib": "wajib_form"}[action]] = form
    if form.is_valid():
        key = form.cleaned_data["idempotency_key"]
        try:
            if action == "setor":
                savings_deposit(
                    membership=membership,
                    amount=form.cleaned_data["amount"],
                    by=request.user,
                    idempotency_key=key,
                )
            elif action == "tarik":
                savings_withdraw(
                    membership=membership,
                    amount=form.cleaned_data["amount"],
                    by=request.user,
                    idempotency_key=key,
                )
            else:
                period = datetime.date.fromisoformat(form.cleaned_data["period"])
                savings_wajib_pay(
                    membership=membership, period=period, by=request.user, idempotency_key=key
                )
        except CooperativeRuleError as exc:
            form.add_error(None, str(exc))
        else:
            forms = {}  # fresh forms with new idempotency keys
    context = _membership_context(request, coop, membership, **forms)
    context["saved"] = not forms
    if request.htmx:
        return render(request, "school_coops/membership_detail.html#savings-panel", context)
    return render(request, "school_coops/membership_detail.html", context)


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
def wajib_pay_view(request: HtmxRequest, slug: str, pk: int) -> HttpResponse:
    return _savings_post(request, slug, pk, "wajib")


@login_required
@require_POST
def membership_decide_view(request: HtmxRequest, slug: str, pk: int, decision: str) -> HttpResponse:
    coop = _coop(request, slug, "school_coops.manage_members")
    membership = get_object_or_404(Membership, pk=pk, coop=coop)
    try:
        if decision == "setujui":
            membership_approve(membership=membership, by=request.user)
            messages.success(request, _("Keanggotaan disetujui; simpanan pokok dicatat."))
        elif decision == "tolak":
            membership_reject(membership=membership, by=request.user)
            messages.success(request, _("Pengajuan ditolak."))
        else:
            raise Http404
    except CooperativeRuleError as exc:
        messages.error(request, str(exc))
    return redirect("school_coops:membership-detail", slug=coop.slug, pk=membership.pk)


@login_required
@require_POST
def membership_end_view(request: HtmxRequest, slug: str, pk: int) -> HttpResponse:
    coop = _coop(request, slug, "school_coops.manage_members")
    membership = get_object_or_404(Membership, pk=pk, coop=coop)
    form = MembershipEndForm(request.POST, prefix="keluar")
    if form.is_valid():
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
    else:
        messages.error(request, _("Pilih alasan keluar."))
    return redirect("school_coops:membership-detail", slug=coop.slug, pk=membership.pk)


@login_required
@require_POST
def membership_payout_view(request: HtmxRequest, slug: str, pk: int) -> HttpResponse:
    coop = _coop(request, slug, "school_coops.record")
    membership = get_object_or_404(Membership, pk=pk, coop=coop)
    try:
        membership_payout(
            membership=membership,
            by=request.user,
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
    coop = _coop(request, slug, "school_coops.supervise")
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


# --- Journal and books ------------------------------------------------------------------


@login_required
@require_GET
def journal_view(request: HtmxRequest, slug: str) -> HttpResponse:
    coop = _coop(request, slug)
    return render(
        request,
        "school_coops/journal.html",
        {
            "coop": coop,
            "page": _page(request, sel.general_journal(coop=coop)),
            **_perms(request, coop),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def cash_entry_view(request: HtmxRequest, slug: str) -> HttpResponse:
    coop = _coop(request, slug, "school_coops.record")
    form = CashEntryForm(request.POST or None, coop=coop)
    entry = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        cash = account_by_code(coop=coop, code="1-1101")
        cash_side = Side.DEBIT if data["direction"] == "masuk" else Side.CREDIT
        other_side = Side.CREDIT if cash_side == Side.DEBIT else Side.DEBIT
        try:
            entry = journal_entry_post(
                coop=coop,
                date=data["date"],
                memo=data["memo"],
                by=request.user,
                idempotency_key=data["idempotency_key"],
                receipt=cash_side == Side.DEBIT,
                lines=[
                    LineInput(cash.pk, cash_side, data["amount"]),
                    LineInput(data["account"].pk, other_side, data["amount"]),
                ],
            )
        except CooperativeRuleError as exc:
            form.add_error(None, str(exc))
        else:
            form = CashEntryForm(coop=coop)  # a new key for the next entry
    context = {"coop": coop, "form": form, "entry": entry}
    template = "school_coops/cash_entry.html"
    return render(request, f"{template}#cash-entry-form" if request.htmx else template, context)


@login_required
@require_POST
def journal_entry_reverse_view(request: HtmxRequest, slug: str, pk: int) -> HttpResponse:
    coop = _coop(request, slug, "school_coops.record")
    entry = get_object_or_404(JournalEntry, pk=pk, coop=coop)
    try:
        reversal = journal_entry_reverse(
            entry=entry,
            by=request.user,
            idempotency_key=request.POST.get("idempotency_key") or None,
        )
    except CooperativeRuleError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Jurnal pembalik JU-%(n)05d dicatat.") % {"n": reversal.number})
    url = reverse("school_coops:journal", args=[coop.slug])
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


@login_required
@require_GET
def cash_book_view(request: HtmxRequest, slug: str) -> HttpResponse:
    coop = _coop(request, slug)
    rows = list(reversed(sel.cash_book(coop=coop)))  # newest first; running balance kept
    return render(
        request,
        "school_coops/ledger.html",
        {
            "coop": coop,
            "account": Account.objects.get(coop=coop, code="1-1101"),
            "page": _page(request, rows),
            "title": _("Buku kas"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def ledger_index_view(request: HtmxRequest, slug: str) -> HttpResponse:
    """The chart of accounts; the guru pembina adds or (de)activates accounts."""
    coop = _coop(request, slug)
    perms = _perms(request, coop)
    form = AccountForm(request.POST or None) if perms["is_supervisor"] else None
    if request.method == "POST":
        if form is None:
            raise Http404
        try:
            if "toggle" in request.POST:
                account = get_object_or_404(Account, coop=coop, pk=request.POST.get("toggle") or 0)
                account_set_active(account=account, active=not account.is_active, by=request.user)
                return redirect("school_coops:ledger-index", slug=coop.slug)
            if form.is_valid():
                account_create(coop=coop, by=request.user, **form.cleaned_data)
                messages.success(request, _("Akun ditambahkan."))
                return redirect("school_coops:ledger-index", slug=coop.slug)
        except CooperativeRuleError as exc:
            if "toggle" in request.POST:
                messages.error(request, str(exc))
                return redirect("school_coops:ledger-index", slug=coop.slug)
            form.add_error(None, str(exc))
    return render(
        request,
        "school_coops/ledger_index.html",
        {
            "coop": coop,
            "page": _page(request, coop.accounts.order_by("code")),
            "form": form,
            **perms,
        },
    )


@login_required
@require_GET
def ledger_view(request: HtmxRequest, slug: str, code: str) -> HttpResponse:
    coop = _coop(request, slug)
    account = get_object_or_404(Account, coop=coop, code=code)
    rows = list(reversed(sel.general_ledger(account=account)))
    return render(
        request,
        "school_coops/ledger.html",
        {
            "coop": coop,
            "account": account,
            "page": _page(request, rows),
            "title": _("Buku besar"),
        },
    )


@login_required
@require_GET
def trial_balance_view(request: HtmxRequest, slug: str) -> HttpResponse:
    coop = _coop(request, slug)
    return render(
        request,
        "school_coops/trial_balance.html",
        {
            "coop": coop,
            **sel.trial_balance(coop=coop),
            "sheet": sel.balance_sheet(coop=coop),
            "reconciliation": sel.savings_reconciliation(coop=coop),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def period_list_view(request: HtmxRequest, slug: str) -> HttpResponse:
    coop = _coop(request, slug)
    perms = _perms(request, coop)
    if request.method == "POST":
        if not perms["is_supervisor"]:
            raise Http404
        if request.POST.get("fiscal_year", "").isdigit():
            return _fiscal_year_close(request, coop, int(request.POST["fiscal_year"]))
        period = get_object_or_404(AccountingPeriod, coop=coop, pk=request.POST.get("period") or 0)
        try:
            accounting_period_close(period=period, by=request.user)
        except CooperativeRuleError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request, _("Periode %(p)s ditutup.") % {"p": f"{period.start_date:%m/%Y}"}
            )
        return redirect("school_coops:periods", slug=coop.slug)
    return render(
        request,
        "school_coops/periods.html",
        {
            "coop": coop,
            "page": _page(request, coop.periods.order_by("-start_date")),
            **perms,
        },
    )


def _fiscal_year_close(request: HtmxRequest, coop: Cooperative, year: int) -> HttpResponse:
    from school_coops.services.cooperative import fiscal_year_end

    if not 1990 <= year <= 2100:
        raise Http404
    start = datetime.date(year, coop.fiscal_year_start_month, 1)
    try:
        fiscal_year_close(
            coop=coop,
            start=start,
            end=fiscal_year_end(coop=coop, fiscal_year=year),
            by=request.user,
        )
    except CooperativeRuleError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("Tahun buku %(y)s ditutup; pendapatan dan beban dipindahkan ke SHU tahun berjalan.")
            % {"y": year},
        )
    return redirect("school_coops:periods", slug=coop.slug)


# --- Member portal ----------------------------------------------------------------------


@login_required
@require_GET
def portal_view(request: HtmxRequest) -> HttpResponse:
    """Koperasi digital: the member's (or ward's) own savings, obligations and SHU."""
    items = []
    for membership in sel.memberships_of_user(user=request.user):
        items.append(
            {
                "membership": membership,
                "balances": sel.savings_balances(membership=membership),
                "arrears": sel.wajib_arrears(membership=membership),
                "card": sel.savings_card(membership=membership)[-10:][::-1],
                "shu": sel.shu_received(membership=membership),
                "is_self": membership.member_id == request.user.pk,
            }
        )
    return render(
        request,
        "school_coops/portal.html",
        {
            "items": items,
            "joinable": sel.cooperatives_joinable_by(user=request.user),
        },
    )
