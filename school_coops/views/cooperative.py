"""Cooperatives: list, create (founding or direct registration), dashboard, RAT, pembina."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lms.accounts.models import Role
from lms.http import HtmxRequest
from lms.schools.selectors import school_list_for_teacher
from school_coops import selectors as sel
from school_coops.exceptions import CooperativeRuleError
from school_coops.forms import (
    CooperativeCreateForm,
    RatRecordForm,
)
from school_coops.selectors.health import health_summary
from school_coops.services.cooperative import (
    cooperative_create,
    cooperative_rat_record,
    cooperative_supervisor_add,
)
from school_coops.views.common import (
    coop_for,
    paginate,
    permission_flags,
)


@login_required
@require_GET
def cooperative_list_view(request: HtmxRequest) -> HttpResponse:
    coops = sel.cooperative_list_for_user(user=request.user)
    return render(
        request,
        "school_coops/cooperative_list.html",
        {
            "page": paginate(request, coops),
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
    coop = coop_for(request, slug)
    return render(
        request,
        "school_coops/dashboard.html",
        {
            "coop": coop,
            **permission_flags(request, coop),
            **sel.coop_summary(coop=coop),
            "reconciliation": sel.savings_reconciliation(coop=coop),
            "recent": sel.general_journal(coop=coop)[:5],
            "other_teachers": sel.school_teachers(coop=coop).exclude(supervised_coops=coop),
            "rat_form": RatRecordForm(initial={"fiscal_year": timezone.localdate().year - 1}),
            "rat_records": coop.rat_records.all()[:5],
            "health": health_summary(coop=coop),
        },
    )


@login_required
@require_POST
def supervisor_add_view(request: HtmxRequest, slug: str) -> HttpResponse:
    coop = coop_for(request, slug, "school_coops.supervise")
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
    coop = coop_for(request, slug, "school_coops.supervise")
    form = RatRecordForm(request.POST)
    if form.is_valid():
        try:
            record = cooperative_rat_record(coop=coop, by=request.user, **form.cleaned_data)
        except CooperativeRuleError as exc:
            messages.error(request, str(exc))
        else:
            if record.is_late:
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
