"""Founding workflow pages (phone first, htmx); each step approved by the guru pembina."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lms.accounts.models import ConsentPurpose, Role, User
from lms.accounts.selectors import consent_granted
from lms.http import HtmxRequest
from school_coops.exceptions import CooperativeRuleError
from school_coops.forms import (
    BallotForm,
    BylawsForm,
    CommitteeForm,
    MeetingForm,
    MembersForm,
)
from school_coops.models import (
    Cooperative,
    FoundingProcess,
    FoundingStep,
)
from school_coops.pdf import DOCUMENTS
from school_coops.selectors import founding as founding_reads
from school_coops.services import founding as svc


def founding_access(request: HtmxRequest, slug: str) -> tuple[Cooperative, FoundingProcess, bool]:
    coop = get_object_or_404(Cooperative.objects.select_related("school"), slug=slug)
    process = get_object_or_404(FoundingProcess, coop=coop)
    is_supervisor = request.user.has_perm("school_coops.supervise", coop)
    is_initiator = process.initiators.filter(pk=request.user.pk).exists()
    # Only the guru pembina and the student initiators see the workflow; others get 404.
    if not (is_supervisor or is_initiator):
        raise Http404
    return coop, process, is_supervisor


def _supervised_founding(request: HtmxRequest, slug: str) -> tuple[Cooperative, FoundingProcess]:
    """founding_access() for the guru pembina's own actions; an initiator gets 404 too."""
    coop, process, is_supervisor = founding_access(request, slug)
    if not is_supervisor:
        raise Http404
    return coop, process


def _students(coop: Cooperative) -> Any:
    return (
        User.objects.filter(
            role_assignments__role=Role.STUDENT, role_assignments__school=coop.school
        )
        .distinct()
        .order_by("full_name")
    )


def _step_form(coop: Cooperative, process: FoundingProcess, data: Any = None) -> forms.Form | None:
    """The form of the current step, filled with what was saved; None after the last step."""
    build = _STEP_FORMS.get(process.step)  # the election step has its own page and forms
    return build(coop, process, data) if build else None


def _committee_form(coop: Cooperative, process: FoundingProcess, data: Any) -> forms.Form:
    form = CommitteeForm(
        data,
        initial={"committee": process.committee, "initiators": list(process.initiators.all())},
    )
    cast(forms.ModelChoiceField, form.fields["initiators"]).queryset = (
        User.objects.filter(role_assignments__school=coop.school).distinct().order_by("full_name")
    )
    return form


def _meeting_form(coop: Cooperative, process: FoundingProcess, data: Any) -> forms.Form:
    form = MeetingForm(
        data,
        initial={
            "meeting_date": process.meeting_date,
            "meeting_place": process.meeting_place,
            "chair_name": process.chair_name,
            "secretary_name": process.secretary_name,
            "guests": process.guests,
            "agenda": process.agenda or svc.DEFAULT_AGENDA,
            "attendees": list(process.attendees.all()),
        },
    )
    cast(forms.ModelChoiceField, form.fields["attendees"]).queryset = _students(coop)
    return form


def _bylaws_form(coop: Cooperative, process: FoundingProcess, data: Any) -> forms.Form:
    bylaw = coop.bylaws.earliest("version")  # every coop is created with version 1
    return BylawsForm(
        data,
        initial={
            **BylawsForm.shu_initial(bylaw),
            "simpanan_pokok": f"{bylaw.simpanan_pokok_amount:.0f}",
            "simpanan_wajib": f"{bylaw.simpanan_wajib_amount:.0f}",
            "term_years": bylaw.term_years,
            "membership_categories": bylaw.membership_categories or ["siswa"],
            "quorum_percent": bylaw.quorum_percent,
            "ad_art_text": bylaw.ad_art_text or svc.founding_initial_ad_art(coop=coop),
        },
    )


def _members_form(coop: Cooperative, process: FoundingProcess, data: Any) -> forms.Form:
    form = MembersForm(
        data,
        initial={
            "opening_grant": f"{process.opening_grant:.0f}",
            "staff_founders": list(process.staff_founders.all()),
        },
    )
    founders = cast(forms.ModelChoiceField, form.fields["staff_founders"])
    founders.queryset = founding_reads.staff_candidates(coop=coop)
    return form


_STEP_FORMS: dict[int, Callable[[Cooperative, FoundingProcess, Any], forms.Form]] = {
    FoundingStep.COMMITTEE: _committee_form,
    FoundingStep.MEETING: _meeting_form,
    FoundingStep.BYLAWS: _bylaws_form,
    FoundingStep.MEMBERS: _members_form,
}


def _context(
    request: HtmxRequest,
    coop: Cooperative,
    process: FoundingProcess,
    is_supervisor: bool,
    form: Any = None,
    ballot: Any = None,
    error: str = "",
) -> dict[str, Any]:
    attendees = process.attendees.order_by("full_name")
    context = {
        "coop": coop,
        "process": process,
        "is_supervisor": is_supervisor,
        "steps": [
            (value, label) for value, label in FoundingStep.choices if value < FoundingStep.DONE
        ],
        "form": form or _step_form(coop, process),
        "problems": founding_reads.founding_step_problems(process=process),
        "error": error,
        "documents": [(key, label) for key, (_t, label) in DOCUMENTS.items()],
    }
    if process.step == FoundingStep.ELECTION:
        # A ballot with its errors is shown again; otherwise an empty one.
        context["ballot"] = ballot or BallotForm(attendees=attendees, with_voter=is_supervisor)
        context["election"] = founding_reads.election_result(process=process)
    if process.step == FoundingStep.MEMBERS:
        context["first_members"] = [
            {"user": a, "consent": consent_granted(student=a, purpose=ConsentPurpose.COOPERATIVE)}
            for a in attendees
        ]
    return context


@login_required
@require_GET
def founding_view(request: HtmxRequest, slug: str) -> HttpResponse:
    coop, process, is_supervisor = founding_access(request, slug)
    return render(
        request, "school_coops/founding.html", _context(request, coop, process, is_supervisor)
    )


def _render_step(request: HtmxRequest, context: dict[str, Any]) -> HttpResponse:
    template = "school_coops/founding.html"
    return render(request, f"{template}#founding-step" if request.htmx else template, context)


def _save_committee(process: FoundingProcess, data: dict[str, Any], form: Any, by: User) -> None:
    svc.founding_committee_save(
        process=process, committee=data["committee"], initiators=list(data["initiators"]), by=by
    )


MEETING_FIELDS = ("meeting_date", "meeting_place", "agenda", "guests", "chair_name")


def _save_meeting(process: FoundingProcess, data: dict[str, Any], form: Any, by: User) -> None:
    svc.founding_meeting_save(
        process=process,
        by=by,
        **{k: data[k] for k in (*MEETING_FIELDS, "secretary_name")},
        attendees=list(data["attendees"]),
    )


def _save_bylaws(process: FoundingProcess, data: dict[str, Any], form: Any, by: User) -> None:
    svc.founding_bylaws_save(
        process=process,
        simpanan_pokok_amount=data["simpanan_pokok"] or 0,
        simpanan_wajib_amount=data["simpanan_wajib"] or 0,
        term_years=data["term_years"],
        quorum_percent=data["quorum_percent"],
        ad_art_text=data["ad_art_text"],
        membership_categories=data["membership_categories"],
        shu_allocation=form.shu_allocation(),
        by=by,
    )


def _save_members(process: FoundingProcess, data: dict[str, Any], form: Any, by: User) -> None:
    svc.founding_members_save(
        process=process,
        opening_grant=data["opening_grant"] or 0,
        staff_founders=list(data["staff_founders"]),
        by=by,
    )


# The service that saves each step's form (the election step saves ballots instead).
STEP_SAVERS = {
    FoundingStep.COMMITTEE: _save_committee,
    FoundingStep.MEETING: _save_meeting,
    FoundingStep.BYLAWS: _save_bylaws,
    FoundingStep.MEMBERS: _save_members,
}


@login_required
@require_POST
def founding_step_view(request: HtmxRequest, slug: str, step: int) -> HttpResponse:
    """Save the current step's form; a stale step (another device moved on) says so."""
    coop, process, is_supervisor = founding_access(request, slug)
    # The step is in the URL: a tab that fell behind must not save into the next step.
    if step != process.step:
        error = _("Langkah ini sudah berubah; muat ulang halaman.")
        return _render_step(request, _context(request, coop, process, is_supervisor, error=error))
    form = _step_form(coop, process, request.POST)
    saver = STEP_SAVERS.get(FoundingStep(step)) if step in FoundingStep.values else None
    error = ""
    if form is not None and saver is not None and form.is_valid():
        try:
            saver(process, form.cleaned_data, form, request.user)
        except CooperativeRuleError as exc:
            error = str(exc)
        else:
            # The service saved a locked copy; this view's copy is stale until re-read.
            process.refresh_from_db()
            context = _context(request, coop, process, is_supervisor)
            context["saved"] = True
            return _render_step(request, context)
    return _render_step(
        request, _context(request, coop, process, is_supervisor, form=form, error=error)
    )


@login_required
@require_POST
def founding_vote_view(request: HtmxRequest, slug: str) -> HttpResponse:
    """The guru pembina records a paper ballot for an attendee; an initiator who attended
    casts only their own (the form has no voter field for them)."""
    coop, process, is_supervisor = founding_access(request, slug)
    attendees = process.attendees.order_by("full_name")
    form = BallotForm(request.POST, attendees=attendees, with_voter=is_supervisor)
    ballot: BallotForm | None = form  # shown again unless the vote was recorded
    error = ""
    if form.is_valid():
        try:
            svc.founding_vote_record(
                process=process,
                # Only the guru pembina names the voter (a paper ballot); a student votes as self.
                voter=form.cleaned_data["voter"] if is_supervisor else request.user,
                by=request.user,
                choices=form.choices(),
            )
        except CooperativeRuleError as exc:
            error = str(exc)
        else:
            ballot = None
    return _render_step(
        request, _context(request, coop, process, is_supervisor, ballot=ballot, error=error)
    )


def _ballot_access(request: HtmxRequest, slug: str) -> tuple[Cooperative, FoundingProcess]:
    coop = get_object_or_404(Cooperative.objects.select_related("school"), slug=slug)
    process = get_object_or_404(FoundingProcess, coop=coop)
    user = request.user
    if not (
        # The ballot page is for attendees, initiators and the guru pembina: others get 404.
        process.attendees.filter(pk=user.pk).exists()
        or process.initiators.filter(pk=user.pk).exists()
        or user.has_perm("school_coops.supervise", coop)
    ):
        raise Http404
    return coop, process


@login_required
@require_http_methods(["GET", "POST"])
def founding_ballot_view(request: HtmxRequest, slug: str) -> HttpResponse:
    """An attendee's own ballot, or (action=kode) a ballot cast with a one-time code."""
    coop, process = _ballot_access(request, slug)
    attendees = process.attendees.order_by("full_name")
    own = BallotForm(attendees=attendees, with_voter=False)
    by_code = BallotForm(attendees=attendees, with_voter=False, with_code=True, prefix="kode")
    error, cast = "", False
    if request.method == "POST":
        with_code = request.POST.get("action") == "kode"
        form = BallotForm(
            request.POST,
            attendees=attendees,
            with_voter=False,
            with_code=with_code,
            prefix="kode" if with_code else None,
        )
        if form.is_valid():
            error = _ballot_cast(request, process, form, with_code=with_code)
            cast = not error
        if not cast:
            # The posted form goes back with its errors; the other one stays empty.
            own, by_code = (own, form) if with_code else (form, by_code)
    context = {
        "coop": coop,
        "process": process,
        "own": own if process.attendees.filter(pk=request.user.pk).exists() else None,
        "by_code": by_code,
        "voted": process.votes.filter(voter=request.user).exists(),
        "error": error,
        "cast": cast,
    }
    return render(request, "school_coops/founding_ballot.html", context)


def _ballot_cast(
    request: HtmxRequest, process: FoundingProcess, form: BallotForm, *, with_code: bool
) -> str:
    """Record a valid ballot (own or by one-time code); the rule's message, or "" when cast."""
    try:
        if with_code:
            svc.founding_vote_by_code(
                process=process,
                code=form.cleaned_data["code"],
                choices=form.choices(),
                by=request.user,
            )
        else:
            svc.founding_vote_record(
                process=process, voter=request.user, by=request.user, choices=form.choices()
            )
    except CooperativeRuleError as exc:
        return str(exc)
    return ""


@login_required
@require_POST
def founding_ballot_codes_view(request: HtmxRequest, slug: str) -> HttpResponse:
    """The guru pembina prints one-time codes for attendees without a phone (shown once)."""
    coop, process = _supervised_founding(request, slug)
    try:
        issued = svc.founding_ballot_codes_issue(process=process, by=request.user)
    except CooperativeRuleError as exc:
        issued, error = [], str(exc)
    else:
        error = ""
    response = render(
        request,
        "school_coops/founding_ballot_codes.html",
        {"coop": coop, "process": process, "issued": issued, "error": error},
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def founding_approve_view(request: HtmxRequest, slug: str) -> HttpResponse:
    coop, process = _supervised_founding(request, slug)
    try:
        process = svc.founding_step_approve(process=process, by=request.user)
    except CooperativeRuleError as exc:
        return _render_step(
            request, _context(request, coop, process, is_supervisor=True, error=str(exc))
        )
    if process.step == FoundingStep.DONE:
        messages.success(request, _("Koperasi resmi berdiri dan berstatus aktif."))
    coop.refresh_from_db()
    return _render_step(request, _context(request, coop, process, is_supervisor=True))
