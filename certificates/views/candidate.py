"""The candidate's side: apply, self-assess, upload evidence, do the practical case, appeal."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from certificates import selectors as sel
from certificates.exceptions import CertificationError
from certificates.forms import (
    AppealForm,
    ApplicationForm,
    BooksEvidenceForm,
    EvidenceForm,
    SandboxEntryForm,
)
from certificates.models import Batch, CandidateStatus, CompetencyUnit, PracticalCase, SandboxEntry
from certificates.portfolio import books_coops_for
from certificates.practical.services import (
    CHART_CODES,
    SandboxLineInput,
    practical_case_open,
    practical_case_submit,
    sandbox_entry_delete,
    sandbox_entry_record,
    sandbox_trial_balance,
)
from certificates.services.batches import (
    candidate_apply,
    candidate_resubmit,
    evidence_upload,
    self_assessment_save,
)
from certificates.services.decisions import appeal_file
from certificates.uploads import MAX_EVIDENCE_BYTES
from certificates.views.common import own_candidate, read_upload
from lms.http import HtmxRequest

LINE_ROWS = 4


@login_required
@require_http_methods(["GET", "POST"])
def batch_apply_view(request: HtmxRequest, pk: int) -> HttpResponse:
    """APL-01: identity, cooperative (any cooperative) and role."""
    batch = get_object_or_404(
        Batch.objects.select_related("scheme", "region"), pk=pk, open_for_applications=True
    )
    initial = {"full_name": request.user.full_name}
    form = ApplicationForm(request.POST or None, initial=initial, batch=batch)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            candidate = candidate_apply(batch=batch, user=request.user, **data)
        except CertificationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Pendaftaran terkirim. Lanjutkan dengan asesmen mandiri."))
            return redirect("certificates:application", candidate.pk)
    return render(request, "certificates/apply.html", {"batch": batch, "form": form})


def application_context(candidate, user, evidence_form=None, books_form=None) -> dict:
    units = CompetencyUnit.objects.filter(scheme_id=candidate.batch.scheme_id)
    latest = sel.latest_decision(candidate=candidate)
    coops = books_coops_for(user=user)
    return {
        "books_form": books_form or BooksEvidenceForm(units=units, coops=coops),
        "has_books_coops": coops.exists(),
        "candidate": candidate,
        "batch": candidate.batch,
        "transcript": sel.candidate_transcript(candidate=candidate),
        "evidence": sel.evidence_for(candidate=candidate),
        "evidence_form": evidence_form or EvidenceForm(units=units),
        "editable": candidate.status in (CandidateStatus.SUBMITTED, CandidateStatus.RETURNED),
        "decision": latest if latest and latest.is_signed else None,
        "appeal_form": AppealForm(),
        "case": candidate.cases.order_by("-attempt").first(),
    }


@login_required
@require_http_methods(["GET"])
def application_view(request: HtmxRequest, pk: int) -> HttpResponse:
    candidate = own_candidate(request, pk)
    return render(
        request, "certificates/application.html", application_context(candidate, request.user)
    )


@login_required
@require_POST
def self_assessment_view(request: HtmxRequest, pk: int, unit_pk: int) -> HttpResponse:
    """APL-02 for one unit, saved with htmx; returns the unit's row."""
    candidate = own_candidate(request, pk)
    error = ""
    competent = request.POST.get("competent")
    try:
        if competent not in ("1", "0"):
            raise CertificationError(_("Pilih kompeten atau belum kompeten."))
        self_assessment_save(
            candidate=candidate,
            unit_id=unit_pk,
            competent=competent == "1",
            note=request.POST.get("note", ""),
            by=request.user,
        )
    except CertificationError as exc:
        error = str(exc)
    context = application_context(candidate, request.user)
    row = next((r for r in context["transcript"] if r["unit"].pk == unit_pk), None)
    if row is None:
        return render(request, "certificates/partials/alert.html", {"error": error})
    if request.htmx:
        return render(
            request, "certificates/partials/self-row.html", {**context, "row": row, "error": error}
        )
    if error:
        messages.error(request, error)
    return redirect("certificates:application", candidate.pk)


@login_required
@require_POST
def evidence_upload_view(request: HtmxRequest, pk: int) -> HttpResponse:
    candidate = own_candidate(request, pk)
    units = CompetencyUnit.objects.filter(scheme_id=candidate.batch.scheme_id)
    form = EvidenceForm(request.POST, request.FILES, units=units)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        data = read_upload(upload, MAX_EVIDENCE_BYTES)
        try:
            if data is None:
                raise CertificationError(
                    _("Berkas bukti terlalu besar (maksimal %(mb)s MB).")
                    % {"mb": MAX_EVIDENCE_BYTES // (1024 * 1024)}
                )
            unit = form.cleaned_data["unit"]
            evidence_upload(
                candidate=candidate,
                data=data,
                filename=upload.name,
                by=request.user,
                unit_id=unit.pk if unit else None,
            )
        except CertificationError as exc:
            form.add_error("file", str(exc))
        else:
            messages.success(request, _("Bukti diunggah."))
            return redirect("certificates:application", candidate.pk)
    context = application_context(candidate, request.user, evidence_form=form)
    return render(request, "certificates/application.html", context)


# same shape as the other one-action POST views on purpose (scheme_publish_view, reassessment_view):
# lookup, one service call, its message, redirect; a helper would hide the call they exist for.
@login_required
@require_POST
def application_resubmit_view(request: HtmxRequest, pk: int) -> HttpResponse:
    candidate = own_candidate(request, pk)
    try:
        candidate_resubmit(candidate=candidate, by=request.user)
        messages.success(request, _("Pendaftaran dikirim ulang ke pelatih."))
    except CertificationError as exc:
        messages.error(request, str(exc))
    return redirect("certificates:application", candidate.pk)


@login_required
@require_POST
def appeal_file_view(request: HtmxRequest, pk: int) -> HttpResponse:
    candidate = own_candidate(request, pk)
    decision = sel.latest_decision(candidate=candidate)
    form = AppealForm(request.POST)
    try:
        if decision is None or not form.is_valid():
            raise CertificationError(_("Tuliskan alasan banding."))
        appeal_file(decision=decision, by=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, _("Banding diajukan."))
    except CertificationError as exc:
        messages.error(request, str(exc))
    return redirect("certificates:application", candidate.pk)


def _lines_from(post) -> list[SandboxLineInput]:
    return [
        SandboxLineInput(a.strip(), s.strip(), m.strip())
        for a, s, m in zip(
            post.getlist("account"), post.getlist("side"), post.getlist("amount"), strict=False
        )
    ][:12]


def _blank_lines() -> list[SandboxLineInput]:
    """The empty journal rows of a fresh form: debit, credit, debit, credit."""
    return [SandboxLineInput("", "D" if i % 2 == 0 else "K", "") for i in range(LINE_ROWS)]


def _practical_context(case: PracticalCase, **page: Any) -> dict[str, Any]:
    """The page around the form: the case's entries, its trial balance and the chart."""
    balance = sandbox_trial_balance(case=case)
    return {
        **page,
        "case": case,
        "entries": case.entries.prefetch_related("lines"),
        "balance": balance,
        "balance_debit": sum((Decimal(r["debit"]) for r in balance), Decimal(0)),
        "balance_credit": sum((Decimal(r["credit"]) for r in balance), Decimal(0)),
        "chart": sorted(CHART_CODES.items()),
        "chart_names": CHART_CODES,
    }


@login_required
@require_http_methods(["GET", "POST"])
def practical_view(request: HtmxRequest, pk: int) -> HttpResponse:
    """The month's transactions, the sandbox journal form, the entries and the trial balance."""
    candidate = own_candidate(request, pk)
    try:
        case = practical_case_open(candidate=candidate, by=request.user)
    except CertificationError as exc:
        messages.error(request, str(exc))
        return redirect("certificates:application", candidate.pk)
    refs = [t["ref"] for t in case.case["transactions"]]
    form = SandboxEntryForm(request.POST or None, refs=refs)
    lines = _blank_lines()
    recorded = None
    if request.method == "POST":
        lines = _lines_from(request.POST) or lines
        if form.is_valid():
            try:
                recorded = sandbox_entry_record(
                    case=case, by=request.user, lines=lines, **form.cleaned_data
                )
            except CertificationError as exc:
                form.add_error(None, str(exc))
            else:  # recorded: a fresh form for the next entry
                form, lines = SandboxEntryForm(refs=refs), _blank_lines()
    context = _practical_context(
        case, candidate=candidate, form=form, lines=lines, recorded=recorded
    )
    page = "certificates/practical.html"
    return render(request, f"{page}#sandbox" if request.htmx else page, context)


@login_required
@require_POST
def practical_entry_delete_view(request: HtmxRequest, pk: int, entry_pk: int) -> HttpResponse:
    candidate = own_candidate(request, pk)
    entry = get_object_or_404(SandboxEntry, pk=entry_pk, case__candidate=candidate)
    try:
        sandbox_entry_delete(entry=entry, by=request.user)
    except CertificationError as exc:
        messages.error(request, str(exc))
    return redirect("certificates:practical", candidate.pk)


@login_required
@require_POST
def practical_submit_view(request: HtmxRequest, pk: int) -> HttpResponse:
    candidate = own_candidate(request, pk)
    case = candidate.cases.order_by("-attempt").first()
    try:
        if case is None:
            raise CertificationError(_("Belum ada jurnal yang dicatat."))
        practical_case_submit(case=case, by=request.user)
        messages.success(request, _("Jawaban studi kasus dikumpulkan."))
    except CertificationError as exc:
        messages.error(request, str(exc))
        return redirect("certificates:practical", candidate.pk)
    return redirect("certificates:application", candidate.pk)
