"""The school's approved business plans for its cooperative (issue 14 point 4: until the
canteen lands, the officers see which student businesses the teachers approved).

Read-only, through `courses.selectors` only (tests/test_architecture.py: school_coops never
calls courses' services; courses never imports school_coops). Who: the guru pembina and the
officers (pengurus, pengawas) of a cooperative, for the plans of that cooperative's school.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from courses.selectors.assignments import school_approved_plans
from lms.http import HtmxRequest
from school_coops.views.common import coop_for


@login_required
@require_GET
def approved_plans_view(request: HtmxRequest, slug: str) -> HttpResponse:
    coop = coop_for(request, slug)  # view_coop: the guru pembina and the officers; else 404
    plans = school_approved_plans(school_id=coop.school_id)
    return render(request, "school_coops/approved_plans.html", {"coop": coop, "plans": plans})
