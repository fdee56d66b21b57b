"""Health assessment of a tahun buku: the automatic measures, the checklist, the score."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from lms.http import HtmxRequest
from school_coops.exceptions import CooperativeRuleError
from school_coops.models import HealthAssessment
from school_coops.selectors.health import ANSWERS, current_rubric, health_measures
from school_coops.selectors.statements import current_fiscal_year
from school_coops.services.health import health_assess
from school_coops.views.common import coop_for


@login_required
def health_view(request: HtmxRequest, slug: str, year: int) -> HttpResponse:
    """Officers read; the guru pembina answers the checklist and scores (POST)."""
    perm = "school_coops.supervise" if request.method == "POST" else "school_coops.view_coop"
    coop = coop_for(request, slug, perm)
    rubric = current_rubric()
    if rubric is None or not 1990 <= year <= current_fiscal_year(coop=coop):
        raise Http404
    error = ""
    if request.method == "POST":
        answers = {k: str(request.POST[k]) for k in request.POST if k != "csrfmiddlewaretoken"}
        try:
            health_assess(coop=coop, fiscal_year=year, answers=answers, by=request.user)
        except CooperativeRuleError as exc:
            error = str(exc)
        else:
            messages.success(request, _("Penilaian kesehatan tersimpan."))
            return redirect("school_coops:health", slug=coop.slug, year=year)
    return render(
        request,
        "school_coops/health.html",
        {
            "coop": coop,
            "year": year,
            "rubric": rubric,
            "choices": list(ANSWERS),
            "measures": health_measures(coop=coop, fiscal_year=year),
            "assessments": HealthAssessment.objects.filter(coop=coop, fiscal_year=year)
            .select_related("rubric", "assessed_by")
            .order_by("-rubric__version"),
            "error": error,
            "posted": request.POST if error else {},
            "is_supervisor": request.user.has_perm("school_coops.supervise", coop),
        },
        status=200,
    )
