"""Candidate detail for staff: review, transcript, evidence, checklist, decisions, diff."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from certificates import selectors as sel
from certificates.exceptions import CertificationError
from certificates.forms import AppealDecideForm, ReviewForm, SignForm, UnitDecisionForm
from certificates.models import (
    Appeal,
    Candidate,
    CompetencyUnit,
    Decision,
    Evidence,
    PracticalCase,
)
from certificates.practical.services import CHART_CODES
from certificates.services.batches import (
    candidate_review,
    candidate_training_done,
    candidate_written_record,
)
from certificates.services.decisions import (
    appeal_decide,
    checklist_mark_save,
    decision_for_assessor,
    decision_sign,
    reassessment_open,
    unit_decision_record,
)
from certificates.views.common import assessed_candidate, staff_candidate
from lms.http import HtmxRequest


@login_required
@require_GET
def candidate_detail_view(request: HtmxRequest, pk: int) -> HttpResponse:
    candidate = staff_candidate(request, pk)
    batch = candidate.batch
    context = {
        "candidate": candidate,
        "batch": batch,
        "transcript": sel.candidate_transcript(candidate=candidate),
        "evidence": sel.evidence_for(candidate=candidate),
        "decisions": candidate.decisions.select_related("signed_by", "pleno").order_by("attempt"),
        "appeals": Appeal.objects.filter(decision__candidate=candidate),
        "review_form": ReviewForm(),
        "appeal_form": AppealDecideForm(),
        "can_manage": sel.can_manage_batch(user=request.user, batch=batch),
        "is_assessor": sel.is_batch_assessor(user=request.user, batch=batch),
        "reads_books": sel.is_batch_assessor(user=request.user, batch=batch)
        or sel.is_batch_trainer(user=request.user, batch=batch),
        "case": candidate.cases.order_by("-attempt").first(),
        "nik": sel.nik_for(user=request.user, candidate=candidate),
    }
    return render(request, "certificates/candidate_detail.html", context)


@login_required
@require_POST
def candidate_review_view(request: HtmxRequest, pk: int) -> HttpResponse:
    candidate = staff_candidate(request, pk)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Pilih terima, kembalikan atau tolak."))
    else:
        try:
            candidate_review(candidate=candidate, by=request.user, **form.cleaned_data)
            messages.success(request, _("Verifikasi disimpan."))
        except CertificationError as exc:
            messages.error(request, str(exc))
    return redirect("certificates:candidate-detail", candidate.pk)


@login_required
@require_GET
def evidence_download_view(request: HtmxRequest, pk: int) -> FileResponse:
    """The candidate or staff of the batch's dinas; served as an attachment, never inline."""
    from lms.storage import private_storage

    evidence = get_object_or_404(Evidence.objects.select_related("candidate__batch"), pk=pk)
    own = evidence.candidate.user_id == request.user.pk
    if not own and evidence.candidate.batch.region_id not in sel.staff_region_ids(
        user=request.user
    ):
        raise Http404
    if evidence.is_books:  # no file: its books are read at certificates:evidence-books-read
        raise Http404
    response = FileResponse(
        private_storage.open(evidence.path, "rb"),
        as_attachment=True,
        filename=evidence.original_name,
        content_type=evidence.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response


def _open_decision(request: HtmxRequest, candidate: Candidate) -> Decision | None:
    """The assessor's open decision on the candidate, or None with the reason in messages
    (the checklist and the decision page both start here)."""
    try:
        return decision_for_assessor(candidate=candidate, by=request.user)
    except CertificationError as exc:
        messages.error(request, str(exc))
        return None


@login_required
@require_GET
def checklist_view(request: HtmxRequest, pk: int) -> HttpResponse:
    """Observation/interview checklist per KUK; each tap saves (htmx), phone-sized."""
    candidate = assessed_candidate(request, pk)
    decision = _open_decision(request, candidate)
    if decision is None:
        return redirect("certificates:candidate-detail", candidate.pk)
    context = {
        "candidate": candidate,
        "decision": decision,
        "rows": sel.checklist_rows(decision=decision),
    }
    return render(request, "certificates/checklist.html", context)


@login_required
@require_POST
def checklist_mark_view(request: HtmxRequest, pk: int, criterion_pk: int) -> HttpResponse:
    candidate = assessed_candidate(request, pk)
    value = request.POST.get("met", "")
    met = {"1": True, "0": False}.get(value)
    error = ""
    mark = None
    try:
        mark = checklist_mark_save(
            candidate=candidate,
            criterion_id=criterion_pk,
            met=met,
            note=request.POST.get("note", ""),
            by=request.user,
        )
    except CertificationError as exc:
        error = str(exc)
    return render(
        request,
        "certificates/partials/checklist-mark.html",
        {"candidate": candidate, "mark": mark, "error": error, "criterion_pk": criterion_pk},
    )


def _decision_context(request: HtmxRequest, candidate, decision, forms=None) -> dict:
    units = CompetencyUnit.objects.filter(scheme_id=candidate.batch.scheme_id)
    recorded = {d.unit_id: d for d in decision.units.all()}
    forms = forms or {}
    rows = []
    for unit in units:
        current = recorded.get(unit.pk)
        initial = (
            {"result": current.result, "evidence": current.evidence, "comment": current.comment}
            if current
            else {}
        )
        form = forms.get(unit.pk) or UnitDecisionForm(initial=initial, prefix=f"u{unit.pk}")
        rows.append({"unit": unit, "current": current, "form": form})
    self_assessed = {s.unit_id: s for s in candidate.self_assessments.all()}
    return {
        "candidate": candidate,
        "decision": decision,
        "rows": rows,
        "self_assessed": self_assessed,
        "sign_form": SignForm(),
        "case": candidate.cases.order_by("-attempt").first(),
    }


@login_required
@require_http_methods(["GET", "POST"])
def decision_view(request: HtmxRequest, pk: int) -> HttpResponse:
    """K/BK per unit (saved one unit at a time, htmx) and the sign-off."""
    candidate = assessed_candidate(request, pk)
    decision = _open_decision(request, candidate)
    if decision is None:
        return redirect("certificates:candidate-detail", candidate.pk)
    forms = {}
    if request.method == "POST":
        unit_pk = int(request.POST.get("unit", "0") or 0)
        form = UnitDecisionForm(request.POST, prefix=f"u{unit_pk}")
        forms[unit_pk] = form
        if form.is_valid():
            try:
                unit_decision_record(
                    candidate=candidate, unit_id=unit_pk, by=request.user, **form.cleaned_data
                )
                decision.refresh_from_db()
            except CertificationError as exc:
                form.add_error(None, str(exc))
                if decision.is_signed:  # the page shows no unit forms any more
                    messages.error(request, str(exc))
    context = _decision_context(request, candidate, decision, forms)
    page = "certificates/decision.html"
    if request.htmx and request.method == "POST":
        row = next(r for r in context["rows"] if r["unit"].pk == unit_pk) if forms else None
        return render(request, "certificates/partials/unit-decision.html", {**context, "row": row})
    return render(request, page, context)


@login_required
@require_POST
def decision_sign_view(request: HtmxRequest, pk: int) -> HttpResponse:
    candidate = assessed_candidate(request, pk)
    form = SignForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Centang pernyataan tanda tangan untuk menandatangani."))
    else:
        try:
            decision = decision_sign(
                candidate=candidate, by=request.user, comment=form.cleaned_data["comment"]
            )
            messages.success(
                request,
                _("Keputusan ditandatangani: %(r)s.") % {"r": decision.get_overall_display()},
            )
        except CertificationError as exc:
            messages.error(request, str(exc))
    return redirect("certificates:decision", candidate.pk)


@login_required
@require_POST
def reassessment_view(request: HtmxRequest, pk: int) -> HttpResponse:
    candidate = assessed_candidate(request, pk)
    try:
        decision = reassessment_open(candidate=candidate, by=request.user)
        messages.success(request, _("Asesmen ulang ke-%(n)s dibuka.") % {"n": decision.attempt})
    except CertificationError as exc:
        messages.error(request, str(exc))
    return redirect("certificates:decision", candidate.pk)


@login_required
@require_GET
def practical_diff_view(request: HtmxRequest, pk: int) -> HttpResponse:
    """Side by side: the answer key and what the candidate recorded, per transaction."""
    candidate = staff_candidate(request, pk)
    case = get_object_or_404(
        PracticalCase, candidate=candidate, attempt=request.GET.get("attempt") or 1
    )
    context = {"candidate": candidate, "case": case, "chart": CHART_CODES}
    return render(request, "certificates/practical_diff.html", context)


@login_required
@require_POST
def appeal_decide_view(request: HtmxRequest, pk: int) -> HttpResponse:
    appeal = get_object_or_404(
        Appeal.objects.select_related("decision__candidate__batch"),
        pk=pk,
        decision__candidate__batch__region_id__in=sel.staff_region_ids(user=request.user),
    )
    form = AppealDecideForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Pilih hasil banding dan tuliskan penjelasannya."))
    else:
        try:
            appeal_decide(appeal=appeal, by=request.user, **form.cleaned_data)
            messages.success(request, _("Hasil banding dicatat."))
        except CertificationError as exc:
            messages.error(request, str(exc))
    return redirect("certificates:candidate-detail", appeal.decision.candidate_id)


@login_required
@require_POST
def candidate_tests_view(request: HtmxRequest, pk: int) -> HttpResponse:
    """Attendance of the training and a paper written test's score, from the detail page."""
    candidate = staff_candidate(request, pk)
    try:
        if request.POST.get("training_done"):
            candidate_training_done(candidate=candidate, by=request.user)
        score = request.POST.get("written_score", "").strip()
        if score:
            candidate_written_record(candidate=candidate, score=score, by=request.user)
        messages.success(request, _("Kemajuan peserta disimpan."))
    except CertificationError as exc:
        messages.error(request, str(exc))
    return redirect("certificates:candidate-detail", candidate.pk)
