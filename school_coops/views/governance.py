"""Bylaw versions (AD/ART after a RAT) and the SHU distribution of a closed tahun buku."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lms.http import HtmxRequest
from lms.jobs import job_status_response
from school_coops.exceptions import CooperativeRuleError
from school_coops.forms import BylawVersionForm
from school_coops.models import Cooperative, ShuDistribution, ShuJob, ShuMemberShare, ShuPayout
from school_coops.selectors import bylaw_in_effect
from school_coops.selectors.shu import shu_in_background, shu_job_latest, shu_plan
from school_coops.services.cooperative import bylaw_version_create
from school_coops.services.shu import shu_distribution_confirm, shu_payout, shu_payout_all
from school_coops.services.shu_jobs import shu_job_request
from school_coops.services.year_end import loss_charge_for
from school_coops.views.common import coop_for, permission_flags


def _bylaw_form(coop: Cooperative, data: Any = None) -> BylawVersionForm:
    current = bylaw_in_effect(coop=coop)
    return BylawVersionForm(
        data,
        initial={
            **BylawVersionForm.shu_initial(current),
            "effective_from": timezone.localdate(),
            "simpanan_pokok": f"{current.simpanan_pokok_amount:.0f}",
            "simpanan_wajib": f"{current.simpanan_wajib_amount:.0f}",
            "term_years": current.term_years,
            "quorum_percent": current.quorum_percent,
            "membership_categories": current.membership_categories or ["siswa"],
            "rounding_rule": current.rounding_rule,
            "nonmember_shu_to_reserve": current.nonmember_shu_to_reserve,
            "ad_art_text": current.ad_art_text,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def bylaws_view(request: HtmxRequest, slug: str) -> HttpResponse:
    """Every AD/ART version; the guru pembina adds a new one (e.g. decided by a RAT)."""
    coop = coop_for(request, slug)
    flags = permission_flags(request, coop)
    form = _bylaw_form(coop, request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not flags["is_supervisor"]:
            raise Http404
        if form.is_valid():
            data = form.cleaned_data
            try:
                bylaw = bylaw_version_create(
                    coop=coop,
                    effective_from=data["effective_from"],
                    simpanan_pokok_amount=data["simpanan_pokok"] or 0,
                    simpanan_wajib_amount=data["simpanan_wajib"] or 0,
                    shu_allocation=form.shu_allocation(),
                    membership_categories=data["membership_categories"],
                    quorum_percent=data["quorum_percent"],
                    term_years=data["term_years"],
                    ad_art_text=data["ad_art_text"],
                    rounding_rule=data["rounding_rule"],
                    nonmember_shu_to_reserve=data["nonmember_shu_to_reserve"],
                )
            except CooperativeRuleError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request,
                    _("AD/ART versi %(v)s berlaku sejak %(d)s.")
                    % {"v": bylaw.version, "d": f"{bylaw.effective_from:%d-%m-%Y}"},
                )
                return redirect("school_coops:bylaws", slug=coop.slug)
    bylaws = coop.bylaws.prefetch_related("shu_allocations").order_by("-version")
    return render(
        request,
        "school_coops/bylaws.html",
        {"coop": coop, "bylaws": bylaws, "form": form, **flags},
    )


def _year(raw: str) -> int | None:
    raw = raw.strip()
    if not (raw.isascii() and raw.isdigit()) or not 1990 <= int(raw) <= 2100:
        return None
    return int(raw)


def _fiscal_year(request: HtmxRequest) -> int:
    """The previewed year: junk in the address falls back to last year (reading only)."""
    return _year(request.GET.get("tahun") or "") or timezone.localdate().year - 1


@login_required
@require_http_methods(["GET", "POST"])
def shu_view(request: HtmxRequest, slug: str) -> HttpResponse:
    """Preview of a tahun buku's SHU split; the guru pembina or ketua/bendahara confirm it."""
    coop = coop_for(request, slug, "school_coops.view_books")
    flags = permission_flags(request, coop)
    year = _fiscal_year(request)
    if request.method == "POST":
        if not (flags["is_supervisor"] or flags["can_record"]):
            raise Http404
        return _shu_confirm(request, coop, year)
    distribution = ShuDistribution.objects.filter(coop=coop, fiscal_year=year).first()
    context: dict[str, Any] = {
        "coop": coop,
        "year": year,
        "years": range(timezone.localdate().year - 1, timezone.localdate().year - 6, -1),
        "distribution": distribution,
        "past": coop.shu_runs.order_by("-fiscal_year"),
        "job": shu_job_latest(coop=coop, fiscal_year=year),
        "payouts": ShuPayout.choices,
        **flags,
    }
    if distribution:
        context["shares"] = distribution.shares.select_related(
            "membership__member", "paid_entry"
        ).order_by("membership__number")
    else:
        context["plan"] = shu_plan(coop=coop, fiscal_year=year)
        context["loss_charge"] = loss_charge_for(coop=coop, fiscal_year=year)
    return render(request, "school_coops/shu.html", context)


def _shu_confirm(request: HtmxRequest, coop: Cooperative, year: int) -> HttpResponse:
    """Confirm the posted year's SHU distribution and go back to that year's page."""
    # Confirming books money: junk must not fall back to a default year (and confirm it).
    posted = _year(request.POST.get("fiscal_year") or "")
    if posted is None:
        messages.error(request, _("Pilih tahun buku dari daftar; SHU tidak dibagikan."))
        return redirect(f"{request.path}?tahun={year}")
    try:
        if shu_in_background(coop=coop, fiscal_year=posted):
            shu_job_request(
                coop=coop, fiscal_year=posted, kind=ShuJob.Kind.CONFIRM, by=request.user
            )
            messages.info(request, _("Pembagian SHU sedang dibukukan; lihat kemajuannya di bawah."))
            return redirect(f"{request.path}?tahun={posted}")
        confirmed = shu_distribution_confirm(coop=coop, fiscal_year=posted, by=request.user)
    except CooperativeRuleError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("SHU tahun buku %(y)s dibagikan: jurnal JU-%(n)05d.")
            % {"y": posted, "n": confirmed.entry.number},
        )
    return redirect(f"{request.path}?tahun={posted}")


def _payout_choice(request: HtmxRequest) -> str | None:
    """The radio "Tunai" / "Pindahkan ke simpanan sukarela"; absent means cash (the old form)."""
    raw = (request.POST.get("payout") or ShuPayout.CASH).strip()
    return raw if raw in ShuPayout.values else None


@login_required
@require_POST
def shu_payout_view(request: HtmxRequest, slug: str, year: int) -> HttpResponse:
    """Pay one member's SHU (share=<pk>) or every unpaid share, in cash or into sukarela."""
    coop = coop_for(request, slug, "school_coops.record")
    distribution = get_object_or_404(ShuDistribution, coop=coop, fiscal_year=year)
    page = f"{reverse('school_coops:shu', args=[coop.slug])}?tahun={year}"
    payout = _payout_choice(request)
    if payout is None:
        messages.error(
            request,
            _("Pilih cara pembayaran SHU: tunai atau simpanan sukarela. Tidak ada yang dibayar."),
        )
        return redirect(page)
    try:
        if "share" in request.POST:
            share_id = request.POST["share"].strip()
            if not (share_id.isascii() and share_id.isdigit()):  # a tampered id: no such share
                raise Http404
            share = get_object_or_404(ShuMemberShare, pk=int(share_id), distribution=distribution)
            shu_payout(share=share, by=request.user, payout=payout)
            messages.success(
                request, _("SHU %(name)s dibayar.") % {"name": share.membership.member}
            )
        elif shu_in_background(coop=coop, fiscal_year=year):
            shu_job_request(
                coop=coop, fiscal_year=year, kind=ShuJob.Kind.PAYOUT, payout=payout, by=request.user
            )
            messages.info(
                request, _("Pembayaran SHU sedang dibukukan; lihat kemajuannya di bawah.")
            )
        else:
            paid = shu_payout_all(distribution=distribution, by=request.user, payout=payout)
            messages.success(request, _("%(n)s pembayaran SHU dicatat.") % {"n": paid})
    except CooperativeRuleError as exc:
        messages.error(request, str(exc))
    return redirect(page)


@login_required
@require_GET
def shu_job_status_view(request: HtmxRequest, slug: str, pk: int) -> HttpResponse:
    """The polled progress of a big SHU run (any officer who sees the books; 404 elsewhere)."""
    coop = coop_for(request, slug, "school_coops.view_books")
    job = get_object_or_404(ShuJob, pk=pk, coop=coop)
    context = {"job": job, "coop": coop}
    return job_status_response(request, "school_coops/partials/shu-job.html", context, job=job)
