"""Founding workflow pages (phone first, htmx), founding documents and member cards."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import HttpResponseStopPolling

from lms.accounts.models import ConsentPurpose, Role, User
from lms.accounts.selectors import consent_granted
from lms.http import HtmxRequest
from school_coops.exceptions import CooperativeRuleError
from school_coops.forms import RupiahField
from school_coops.models import (
    Cooperative,
    FoundingProcess,
    FoundingStep,
    MemberCardBatch,
    Membership,
    PositionRole,
)
from school_coops.models.cooperative import MembershipCategory
from school_coops.pdf import DOCUMENTS, render_pdf
from school_coops.services import founding as svc
from school_coops.services.cards import member_cards_request


class CommitteeForm(forms.Form):
    committee = forms.CharField(
        label=gettext_lazy("Susunan panitia pendiri"), widget=forms.Textarea(attrs={"rows": 4})
    )
    initiators = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Pemrakarsa"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class MeetingForm(forms.Form):
    meeting_date = forms.DateField(
        label=gettext_lazy("Tanggal rapat"),
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    meeting_place = forms.CharField(label=gettext_lazy("Tempat"), max_length=150)
    chair_name = forms.CharField(label=gettext_lazy("Pimpinan rapat"), max_length=150)
    secretary_name = forms.CharField(label=gettext_lazy("Notulis"), max_length=150)
    guests = forms.CharField(
        label=gettext_lazy("Undangan yang hadir (kepala sekolah, dinas, guru)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    agenda = forms.CharField(
        label=gettext_lazy("Acara rapat"), widget=forms.Textarea(attrs={"rows": 8})
    )
    attendees = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Siswa yang hadir"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class BylawsForm(forms.Form):
    simpanan_pokok = RupiahField(label=gettext_lazy("Simpanan pokok (Rp)"), allow_zero=True)
    simpanan_wajib = RupiahField(
        label=gettext_lazy("Simpanan wajib per bulan (Rp)"), allow_zero=True
    )
    term_years = forms.IntegerField(
        label=gettext_lazy("Masa jabatan pengurus (tahun)"), min_value=1, max_value=5
    )
    quorum_percent = forms.IntegerField(
        label=gettext_lazy("Kuorum rapat anggota (%)"), min_value=1, max_value=100
    )
    membership_categories = forms.MultipleChoiceField(
        label=gettext_lazy("Kategori anggota"),
        choices=MembershipCategory.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    ad_art_text = forms.CharField(
        label=gettext_lazy("Teks AD/ART"), widget=forms.Textarea(attrs={"rows": 16})
    )


class BallotForm(forms.Form):
    voter = forms.ModelChoiceField(label=gettext_lazy("Pemilih"), queryset=User.objects.none())

    def __init__(self, *args: Any, attendees: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["voter"].queryset = attendees
        for role in svc.ELECTED_ROLES:
            self.fields[role] = forms.ModelChoiceField(
                label=PositionRole(role).label, queryset=attendees
            )


class MembersForm(forms.Form):
    opening_grant = RupiahField(
        label=gettext_lazy("Modal awal/hibah untuk neraca awal (Rp)"),
        allow_zero=True,
        required=False,
    )


def _process(request: HtmxRequest, slug: str) -> tuple[Cooperative, FoundingProcess, bool]:
    coop = get_object_or_404(Cooperative.objects.select_related("school"), slug=slug)
    process = get_object_or_404(FoundingProcess, coop=coop)
    is_supervisor = request.user.has_perm("school_coops.supervise", coop)
    is_initiator = process.initiators.filter(pk=request.user.pk).exists()
    if not (is_supervisor or is_initiator):
        raise Http404
    return coop, process, is_supervisor


def _students(coop: Cooperative) -> Any:
    return (
        User.objects.filter(
            role_assignments__role=Role.STUDENT, role_assignments__school=coop.school
        )
        .distinct()
        .order_by("full_name")
    )


def _step_form(coop: Cooperative, process: FoundingProcess, data: Any = None) -> forms.Form | None:
    bylaw = coop.bylaws.order_by("version").first()
    step = process.step
    if step == FoundingStep.COMMITTEE:
        form: forms.Form = CommitteeForm(
            data,
            initial={"committee": process.committee, "initiators": list(process.initiators.all())},
        )
        form.fields["initiators"].queryset = (
            User.objects.filter(role_assignments__school=coop.school)
            .distinct()
            .order_by("full_name")
        )
        return form
    if step == FoundingStep.MEETING:
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
        form.fields["attendees"].queryset = _students(coop)
        return form
    if step == FoundingStep.BYLAWS:
        return BylawsForm(
            data,
            initial={
                "simpanan_pokok": f"{bylaw.simpanan_pokok_amount:.0f}",
                "simpanan_wajib": f"{bylaw.simpanan_wajib_amount:.0f}",
                "term_years": bylaw.term_years,
                "membership_categories": bylaw.membership_categories or ["siswa"],
                "quorum_percent": bylaw.quorum_percent,
                "ad_art_text": bylaw.ad_art_text or svc.founding_initial_ad_art(coop=coop),
            },
        )
    if step == FoundingStep.MEMBERS:
        return MembersForm(data, initial={"opening_grant": f"{process.opening_grant:.0f}"})
    return None


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
        "problems": svc.founding_step_problems(process=process),
        "error": error,
        "documents": [(key, label) for key, (_t, label) in DOCUMENTS.items()],
    }
    if process.step == FoundingStep.ELECTION:
        context["ballot"] = ballot or BallotForm(attendees=attendees)
        context["election"] = svc.election_result(process=process)
    if process.step == FoundingStep.MEMBERS:
        context["first_members"] = [
            {"user": a, "consent": consent_granted(student=a, purpose=ConsentPurpose.COOPERATIVE)}
            for a in attendees
        ]
    return context


@login_required
@require_GET
def founding_view(request: HtmxRequest, slug: str) -> HttpResponse:
    coop, process, is_supervisor = _process(request, slug)
    return render(
        request, "school_coops/founding.html", _context(request, coop, process, is_supervisor)
    )


def _render_step(request: HtmxRequest, context: dict[str, Any]) -> HttpResponse:
    template = "school_coops/founding.html"
    return render(request, f"{template}#founding-step" if request.htmx else template, context)


@login_required
@require_POST
def founding_step_view(request: HtmxRequest, slug: str, step: int) -> HttpResponse:
    coop, process, is_supervisor = _process(request, slug)
    if step != process.step:
        return _render_step(
            request,
            _context(
                request,
                coop,
                process,
                is_supervisor,
                error=_("Langkah ini sudah berubah; muat ulang halaman."),
            ),
        )
    form = _step_form(coop, process, request.POST)
    error = ""
    if form is not None and form.is_valid():
        data = form.cleaned_data
        try:
            if step == FoundingStep.COMMITTEE:
                svc.founding_committee_save(
                    process=process,
                    committee=data["committee"],
                    initiators=list(data["initiators"]),
                    by=request.user,
                )
            elif step == FoundingStep.MEETING:
                svc.founding_meeting_save(
                    process=process,
                    by=request.user,
                    **{
                        k: data[k]
                        for k in (
                            "meeting_date",
                            "meeting_place",
                            "agenda",
                            "guests",
                            "chair_name",
                            "secretary_name",
                        )
                    },
                    attendees=list(data["attendees"]),
                )
            elif step == FoundingStep.BYLAWS:
                svc.founding_bylaws_save(
                    process=process,
                    simpanan_pokok_amount=data["simpanan_pokok"] or 0,
                    simpanan_wajib_amount=data["simpanan_wajib"] or 0,
                    term_years=data["term_years"],
                    quorum_percent=data["quorum_percent"],
                    ad_art_text=data["ad_art_text"],
                    membership_categories=data["membership_categories"],
                    by=request.user,
                )
            elif step == FoundingStep.MEMBERS:
                svc.founding_members_save(
                    process=process, opening_grant=data["opening_grant"] or 0, by=request.user
                )
        except CooperativeRuleError as exc:
            error = str(exc)
        else:
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
    coop, process, is_supervisor = _process(request, slug)
    ballot = BallotForm(request.POST, attendees=process.attendees.order_by("full_name"))
    error = ""
    if ballot.is_valid():
        data = ballot.cleaned_data
        try:
            svc.founding_vote_record(
                process=process,
                voter=data["voter"],
                by=request.user,
                choices={role: data[role] for role in svc.ELECTED_ROLES},
            )
        except CooperativeRuleError as exc:
            error = str(exc)
        else:
            ballot = None
    return _render_step(
        request, _context(request, coop, process, is_supervisor, ballot=ballot, error=error)
    )


@login_required
@require_POST
def founding_approve_view(request: HtmxRequest, slug: str) -> HttpResponse:
    coop, process, is_supervisor = _process(request, slug)
    if not is_supervisor:
        raise Http404
    try:
        process = svc.founding_step_approve(process=process, by=request.user)
    except CooperativeRuleError as exc:
        return _render_step(
            request, _context(request, coop, process, is_supervisor, error=str(exc))
        )
    if process.step == FoundingStep.DONE:
        messages.success(request, _("Koperasi resmi berdiri dan berstatus aktif."))
    coop.refresh_from_db()
    return _render_step(request, _context(request, coop, process, is_supervisor))


@login_required
@require_GET
def founding_document_view(request: HtmxRequest, slug: str, doc: str) -> HttpResponse:
    coop, process, _sup = _process(request, slug)
    if doc not in DOCUMENTS:
        raise Http404
    template, title = DOCUMENTS[doc]
    bylaw = coop.bylaws.order_by("version").first()
    context = {
        "coop": coop,
        "process": process,
        "bylaw": bylaw,
        "title": title,
        "attendees": process.attendees.order_by("full_name"),
        "election": svc.election_result(process=process),
        "officers": coop.positions.filter(ended_on__isnull=True)
        .select_related("membership__member")
        .order_by("role"),
    }
    response = HttpResponse(render_pdf(template, context), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{doc}-{coop.slug}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def member_cards_request_view(request: HtmxRequest, slug: str) -> HttpResponse:
    coop = get_object_or_404(Cooperative.objects.select_related("school"), slug=slug)
    if not request.user.has_perm("school_coops.view_member_list", coop):
        raise Http404
    template = "school_coops/partials/card-progress.html"
    try:
        batch = member_cards_request(
            coop=coop, by=request.user, base_url=request.build_absolute_uri("/")
        )
    except CooperativeRuleError as exc:
        return render(request, template, {"error": str(exc), "coop": coop})
    return render(request, template, {"batch": batch, "coop": coop})


def _own_card_batch(request: HtmxRequest, slug: str, pk: int) -> MemberCardBatch:
    batch = get_object_or_404(
        MemberCardBatch.objects.select_related("coop"), pk=pk, coop__slug=slug
    )
    if batch.requested_by_id != request.user.pk:
        raise Http404
    return batch


@login_required
@require_GET
def member_cards_status_view(request: HtmxRequest, slug: str, pk: int) -> HttpResponse:
    batch = _own_card_batch(request, slug, pk)
    response = render(
        request, "school_coops/partials/card-progress.html", {"batch": batch, "coop": batch.coop}
    )
    if batch.status in (MemberCardBatch.Status.DONE, MemberCardBatch.Status.FAILED):
        return HttpResponseStopPolling(response.content)  # 286: htmx stops polling
    return response


@login_required
@require_GET
def member_cards_download_view(request: HtmxRequest, slug: str, pk: int) -> FileResponse:
    from lms.storage import private_storage

    batch = _own_card_batch(request, slug, pk)
    if batch.status != MemberCardBatch.Status.DONE or not batch.pdf_path:
        raise Http404
    response = FileResponse(
        private_storage.open(batch.pdf_path, "rb"),
        as_attachment=True,
        filename=f"kartu-anggota-{batch.coop.slug}.pdf",
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def receipt_view(request: HtmxRequest, slug: str, pk: int) -> HttpResponse:
    """Kuitansi of a cash receipt: officers, the guru pembina, or the member it concerns."""
    from school_coops.models import JournalEntry, Side

    coop = get_object_or_404(Cooperative.objects.select_related("school"), slug=slug)
    entry = get_object_or_404(
        JournalEntry.objects.select_related("created_by"), pk=pk, coop=coop, receipt_number__gt=""
    )
    tagged = Membership.objects.filter(ledger_lines__entry=entry).distinct()
    allowed = request.user.has_perm("school_coops.view_coop", coop) or any(
        request.user.has_perm("school_coops.view_membership", m) for m in tagged
    )
    if not allowed:
        raise Http404
    amount = sum(
        line.amount
        for line in entry.lines.all()
        if line.side == Side.DEBIT and line.account.code == "1-1101"
    )
    pdf = render_pdf(
        "school_coops/documents/receipt.html", {"coop": coop, "entry": entry, "amount": amount}
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{entry.receipt_number}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
