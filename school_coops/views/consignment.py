"""Consignors of a unit (what the cooperative owes each, paying them), the school's approved
business plans registered as consignment, and a consignor's own balance.

The unit pages need school_coops.sell (pembina or pengurus), like the other canteen screens;
another cooperative's unit, consignor or plan answers 404. `my_consignments_view` shows a
signed-in user only the consignor records naming them (their own goods, their team's plan).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from courses.selectors.assignments import school_approved_plans, school_plan
from lms.http import HtmxRequest
from school_coops.business_forms import PayoutForm, PlanRegisterForm
from school_coops.exceptions import CooperativeRuleError
from school_coops.selectors import consignment as csel
from school_coops.services import consignment as consign
from school_coops.templatetags.coop_tags import rupiah
from school_coops.views.business import _context, unit_for


@login_required
@require_GET
def consignor_list_view(request: HtmxRequest, slug: str, unit: str) -> HttpResponse:
    bu = unit_for(request, slug, unit)
    context = _context(request, bu, balances=csel.unit_consignors(unit=bu))
    return render(request, "school_coops/business/consignors.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def consignor_payout_view(
    request: HtmxRequest, slug: str, unit: str, consignor_pk: int
) -> HttpResponse:
    """The consignor's sales and payouts, and paying them; a double tap pays once."""
    bu = unit_for(request, slug, unit)
    consignor = csel.consignor_in_unit(unit=bu, pk=consignor_pk)
    if consignor is None:
        raise Http404
    form = PayoutForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            payout = consign.consignor_payout(
                consignor=consignor,
                amount=form.cleaned_data["amount"],
                by=request.user,
                idempotency_key=form.cleaned_data["idempotency_key"],
            )
        except CooperativeRuleError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("%(name)s dibayar %(a)s, bukti kas keluar %(no)s.")
                % {
                    "name": consignor.name,
                    "a": rupiah(payout.amount),
                    "no": payout.entry.receipt_number,
                },
            )
            return redirect("school_coops:consignor-payout", slug, unit, consignor.pk)
    statement = csel.consignor_statement(consignor=consignor)
    context = _context(request, bu, form=form, statement=statement, consignor=consignor)
    return render(request, "school_coops/business/consignor_payout.html", context)


@login_required
@require_GET
def unit_plans_view(request: HtmxRequest, slug: str, unit: str) -> HttpResponse:
    """The school's approved plans, each with the item it became in this unit (if any)."""
    bu = unit_for(request, slug, unit)
    plans = school_approved_plans(school_id=bu.coop.school_id)
    registered = csel.plan_items(unit=bu, submission_ids=[p.submission_id for p in plans])
    rows = [
        (
            plan,
            registered.get(plan.submission_id),
            consign.plan_default_share(plan.price) if plan.price else None,
        )
        for plan in plans
    ]
    return render(request, "school_coops/business/plans.html", _context(request, bu, rows=rows))


@login_required
@require_POST
def plan_register_view(request: HtmxRequest, slug: str, unit: str, plan_pk: int) -> HttpResponse:
    bu = unit_for(request, slug, unit)
    if school_plan(school_id=bu.coop.school_id, submission_id=plan_pk) is None:
        raise Http404  # another school's plan, or none: do not tell them apart
    form = PlanRegisterForm(request.POST)
    try:
        if not form.is_valid():
            raise CooperativeRuleError(
                " ".join(str(e) for errs in form.errors.values() for e in errs)
            )
        item = consign.plan_consignment_register(
            unit=bu, submission_id=plan_pk, share=form.cleaned_data["share"], by=request.user
        )
    except CooperativeRuleError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("%(item)s terdaftar sebagai barang titipan %(team)s.")
            % {"item": item.name, "team": item.consigned_by},
        )
    return redirect("school_coops:unit-plans", slug, unit)


@login_required
@require_GET
def my_consignments_view(request: HtmxRequest) -> HttpResponse:
    """The user's own consignor balances (their goods, their team's plan) in every coop."""
    records = csel.consignors_of_member(user=request.user)
    statements = [csel.consignor_statement(consignor=c) for c in records]
    return render(request, "school_coops/my_consignments.html", {"statements": statements})
