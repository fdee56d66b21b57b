"""Health assessment of a tahun buku: the automatic measures, the checklist, the score.

Officers read; the guru pembina fills the checklist; the supervising dinas (staff of the
school's region) reads it and fills or confirms it as the supervisor. Others: 404.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from lms.http import HtmxRequest
from school_coops.exceptions import CooperativeRuleError
from school_coops.models import Cooperative, HealthAssessment, HealthAssessor, HealthRubric
from school_coops.selectors.health import ANSWERS, current_rubric, health_measures
from school_coops.selectors.statements import current_fiscal_year
from school_coops.services.health import health_assess
from school_coops.views.common import coop_for


def _capacity(request: HtmxRequest, coop: Cooperative) -> HealthAssessor | None:
    """As whom the user may fill the checklist: the guru pembina first, else the dinas."""
    if request.user.has_perm("school_coops.supervise", coop):
        return HealthAssessor.PEMBINA
    if request.user.has_perm("school_coops.assess_health", coop):
        return HealthAssessor.DINAS
    return None


@login_required
@require_http_methods(["GET", "POST"])
def health_view(request: HtmxRequest, slug: str, year: int) -> HttpResponse:
    perm = "school_coops.assess_health" if request.method == "POST" else "school_coops.view_health"
    coop = coop_for(request, slug, perm)
    rubric = current_rubric()
    if rubric is None or not 1990 <= year <= current_fiscal_year(coop=coop):
        raise Http404
    capacity = _capacity(request, coop)
    error = ""
    if request.method == "POST" and capacity is not None:
        answers = {k: str(request.POST[k]) for k in request.POST if k != "csrfmiddlewaretoken"}
        try:
            health_assess(
                coop=coop, fiscal_year=year, answers=answers, by=request.user, as_role=capacity
            )
        except CooperativeRuleError as exc:
            error = str(exc)
        else:
            messages.success(request, _("Penilaian kesehatan tersimpan."))
            return redirect("school_coops:health", slug=coop.slug, year=year)
    assessments = list(
        HealthAssessment.objects.filter(coop=coop, fiscal_year=year)
        .select_related("rubric", "assessed_by", "confirmed_by")
        .order_by("-rubric__version")
    )
    current = next((a for a in assessments if a.rubric_id == rubric.pk), None)
    given = request.POST if error else (current.answers if current else {})
    context = {
        "coop": coop,
        "year": year,
        "rubric": rubric,
        "aspects": _form_aspects(rubric, given),
        "choices": list(ANSWERS),
        "measures": health_measures(coop=coop, fiscal_year=year),
        "assessments": assessments,
        "error": error,
        "capacity": capacity,
        "is_dinas": capacity == HealthAssessor.DINAS,
        "in_coop": request.user.has_perm("school_coops.view_coop", coop),
    }
    return render(request, "school_coops/health.html", context)


def _form_aspects(rubric: HealthRubric, given: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The rubric's aspects with each checklist criterion's answer so far (to pre-check it:
    the dinas confirms what the guru pembina answered; a refused form keeps what was sent)."""
    return [
        {
            "label": aspect["label"],
            "criteria": [{**c, "given": str(given.get(c["key"], ""))} for c in aspect["criteria"]],
        }
        for aspect in rubric.aspects
    ]
