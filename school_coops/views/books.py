"""Journal and books: cash entries, reversals, cash book, ledger, trial balance, periods."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from lms.http import HtmxRequest
from school_coops import selectors as sel
from school_coops.chart import CASH
from school_coops.exceptions import CooperativeRuleError
from school_coops.forms import (
    AccountForm,
    CashEntryForm,
    CashPresetForm,
)
from school_coops.journal_forms import TrialBalancePeriodForm
from school_coops.models import (
    Account,
    AccountingPeriod,
    Cooperative,
    JournalEntry,
    Side,
)
from school_coops.services.cash import cash_preset_record
from school_coops.services.closing import accounting_period_close, fiscal_year_close
from school_coops.services.cooperative import (
    account_create,
    account_set_active,
)
from school_coops.services.ledger import (
    LineInput,
    account_by_code,
    journal_entry_post,
    journal_entry_reverse,
)
from school_coops.views.common import (
    coop_for,
    paginate,
    permission_flags,
)


@login_required
@require_GET
def journal_view(request: HtmxRequest, slug: str) -> HttpResponse:
    coop = coop_for(request, slug, "school_coops.view_books")
    return render(
        request,
        "school_coops/journal.html",
        {
            "coop": coop,
            "page": paginate(request, sel.general_journal(coop=coop)),
            **permission_flags(request, coop),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def cash_entry_view(request: HtmxRequest, slug: str) -> HttpResponse:
    coop = coop_for(request, slug, "school_coops.record")
    form = CashEntryForm(request.POST or None, coop=coop)
    entry = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        cash_side = Side.DEBIT if data["direction"] == "masuk" else Side.CREDIT
        try:
            entry = journal_entry_post(
                coop=coop,
                date=data["date"],
                memo=data["memo"],
                by=request.user,
                idempotency_key=data["idempotency_key"],
                # Only money received gets a kwitansi number.
                receipt=cash_side == Side.DEBIT,
                lines=_cash_lines(coop, data, cash_side),
            )
        except CooperativeRuleError as exc:
            form.add_error(None, str(exc))
        else:
            form = CashEntryForm(coop=coop)  # a new key for the next entry
    presets = sel.cash_presets(coop=coop)
    context = {
        "coop": coop,
        "form": form,
        "entry": entry,
        "preset_form": CashPresetForm(coop=coop, presets=presets, prefix="preset"),
        # A posted general form opens its <details> again, showing the result or the errors.
        "general_open": request.method == "POST",
    }
    template = "school_coops/cash_entry.html"
    return render(request, f"{template}#cash-entry-form" if request.htmx else template, context)


def _cash_lines(coop: Cooperative, data: dict, cash_side: str) -> list[LineInput]:
    """Kas masuk debits Kas; the chosen account takes the other side of the same amount."""
    cash = account_by_code(coop=coop, code=CASH)
    other_side = Side.CREDIT if cash_side == Side.DEBIT else Side.DEBIT
    return [
        LineInput(cash.pk, cash_side, data["amount"]),
        LineInput(
            data["account"].pk,
            other_side,
            data["amount"],
            None,
            # Member-tagged accounts need the member; the ledger refuses otherwise.
            data["member"].pk if data["member"] else None,
        ),
    ]


@login_required
@require_POST
def cash_preset_view(request: HtmxRequest, slug: str) -> HttpResponse:
    """One common transaction (penjualan tunai, biaya listrik, setoran ke bank, ...): the
    preset fills the accounts; a second tap with the same key returns the first entry."""
    coop = coop_for(request, slug, "school_coops.record")
    presets = sel.cash_presets(coop=coop)
    form = CashPresetForm(request.POST, coop=coop, presets=presets, prefix="preset")
    entry = None
    if form.is_valid():
        data = form.cleaned_data
        try:
            entry = cash_preset_record(
                coop=coop,
                preset=data["preset"],
                amount=data["amount"],
                date=data["date"],
                note=data["note"],
                by=request.user,
                idempotency_key=data["idempotency_key"],
            )
        except CooperativeRuleError as exc:
            form.add_error(None, str(exc))
        else:
            form = CashPresetForm(
                coop=coop, presets=presets, prefix="preset"
            )  # a new key for the next entry
    context = {"coop": coop, "preset_form": form, "preset_entry": entry}
    template = "school_coops/cash_entry.html"
    if request.htmx:
        return render(request, f"{template}#cash-preset-form", context)
    if entry is not None:
        messages.success(request, _("Jurnal JU-%(n)05d dicatat.") % {"n": entry.number})
        return redirect("school_coops:cash-entry", slug=coop.slug)
    context |= {"form": CashEntryForm(coop=coop)}
    return render(request, template, context)


@login_required
@require_POST
def journal_entry_reverse_view(request: HtmxRequest, slug: str, pk: int) -> HttpResponse:
    coop = coop_for(request, slug, "school_coops.record")
    # Scoped to the coop of the address: another coop's entry id answers 404.
    entry = get_object_or_404(JournalEntry, pk=pk, coop=coop)
    try:
        reversal = journal_entry_reverse(
            entry=entry,
            by=request.user,
            # The button's key makes a double click return the first reversal instead of a second.
            idempotency_key=request.POST.get("idempotency_key") or None,
        )
    except CooperativeRuleError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Jurnal pembalik JU-%(n)05d dicatat.") % {"n": reversal.number})
    url = reverse("school_coops:journal", args=[coop.slug])
    # htmx follows a client redirect so the message shows on the journal page it lands on.
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


@login_required
@require_GET
def cash_book_view(request: HtmxRequest, slug: str) -> HttpResponse:
    coop = coop_for(request, slug, "school_coops.view_books")
    rows = list(reversed(sel.cash_book(coop=coop)))  # newest first; running balance kept
    return render(
        request,
        "school_coops/ledger.html",
        {
            "coop": coop,
            "account": Account.objects.get(coop=coop, code=CASH),
            "page": paginate(request, rows),
            "title": _("Buku kas"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def ledger_index_view(request: HtmxRequest, slug: str) -> HttpResponse:
    """The chart of accounts; the guru pembina adds or (de)activates accounts."""
    coop = coop_for(request, slug)
    perms = permission_flags(request, coop)
    # Only the guru pembina changes the chart; for others a POST answers 404 below.
    form = AccountForm(request.POST or None) if perms["is_supervisor"] else None
    if request.method == "POST":
        if form is None:
            raise Http404
        try:
            if "toggle" in request.POST:
                # 'or 0': an empty toggle value is a missing account (404), not a ValueError (500).
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
            "page": paginate(request, coop.accounts.order_by("code")),
            "form": form,
            **perms,
        },
    )


@login_required
@require_GET
def ledger_view(request: HtmxRequest, slug: str, code: str) -> HttpResponse:
    coop = coop_for(request, slug, "school_coops.view_books")
    account = get_object_or_404(Account, coop=coop, code=code)
    # The running balance is computed oldest first; the page shows the newest first.
    rows = list(reversed(sel.general_ledger(account=account)))
    return render(
        request,
        "school_coops/ledger.html",
        {
            "coop": coop,
            "account": account,
            "page": paginate(request, rows),
            "title": _("Buku besar"),
        },
    )


@login_required
@require_GET
def trial_balance_view(request: HtmxRequest, slug: str) -> HttpResponse:
    """Neraca saldo of a month, a tahun buku or everything (docs/domain.md §9 case 18)."""
    coop = coop_for(request, slug)
    form = TrialBalancePeriodForm(request.GET or None)
    since, until = form.bounds(coop)
    context = {
        "coop": coop,
        "form": form,
        "since": since,
        "until": until,
        **sel.trial_balance(coop=coop, since=since, until=until),
        "sheet": sel.balance_sheet(coop=coop, until=until),  # a position: always cumulative
        # Savings cards against their control accounts; the two must agree to the rupiah.
        "reconciliation": sel.savings_reconciliation(coop=coop),
        **permission_flags(request, coop),
    }
    template = "school_coops/trial_balance.html"
    return render(request, f"{template}#trial-balance" if request.htmx else template, context)


@login_required
@require_http_methods(["GET", "POST"])
def period_list_view(request: HtmxRequest, slug: str) -> HttpResponse:
    coop = coop_for(request, slug)
    perms = permission_flags(request, coop)
    if request.method == "POST":
        if not perms["is_supervisor"]:
            raise Http404
        # Closing a whole tahun buku and closing one month share this page and its form.
        if request.POST.get("fiscal_year", "").isdigit():
            return _fiscal_year_close(request, coop, int(request.POST["fiscal_year"]))
        # 'or 0' as above: junk in the form is a 404, never a 500.
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
            "page": paginate(request, coop.periods.order_by("-start_date")),
            **perms,
        },
    )


def _fiscal_year_close(request: HtmxRequest, coop: Cooperative, year: int) -> HttpResponse:
    from school_coops.selectors import fiscal_year_end

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
