"""RAT pages (phone first, htmx): the guru pembina runs the meeting; a member votes from their
own account and prints their invitation; the minutes and the RAT pack print as PDF."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lms.http import HtmxRequest
from school_coops.exceptions import CooperativeRuleError
from school_coops.models import (
    Cooperative,
    Membership,
    MotionKind,
    RatInvitation,
    RatMeeting,
    RatMotion,
    VoteChoice,
)
from school_coops.pdf import render_pdf
from school_coops.selectors.rat import (
    open_motions_for,
    rat_deadline,
    rat_meeting_is_late,
    rat_meeting_overview,
    rat_meetings_of,
)
from school_coops.selectors.statements import financial_statements
from school_coops.services import rat as svc
from school_coops.views.common import coop_for

SUPERVISE = "school_coops.supervise"
MEETING_TEMPLATE = "school_coops/rat_meeting.html"


def _meeting_for(request: HtmxRequest, slug: str, year: int) -> tuple[Cooperative, RatMeeting]:
    """The guru pembina's meeting of a tahun buku; anyone else (and a missing year) gets 404."""
    coop = coop_for(request, slug, SUPERVISE)
    meeting = get_object_or_404(
        RatMeeting.objects.select_related("coop"), coop=coop, fiscal_year=year
    )
    return coop, meeting


def _parse_date(raw: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(raw.strip())
    except ValueError:
        return None


def _parse_int(raw: str | None) -> int | None:
    raw = (raw or "").strip()
    return int(raw) if raw.isdigit() and len(raw) < 10 else None


@login_required
@require_http_methods(["GET", "POST"])
def rat_list_view(request: HtmxRequest, slug: str) -> HttpResponse:
    """The RATs per tahun buku (late ones flagged) and the form to schedule the next one."""
    coop = coop_for(request, slug, SUPERVISE)
    error = ""
    if request.method == "POST":
        year = _parse_int(request.POST.get("fiscal_year"))
        day = _parse_date(request.POST.get("scheduled_on", ""))
        if year is None or not 1990 <= year <= 2100 or day is None:
            error = _("Isi tahun buku dan tanggal RAT dengan benar.")
        else:
            try:
                svc.rat_meeting_schedule(
                    coop=coop,
                    fiscal_year=year,
                    scheduled_on=day,
                    place=request.POST.get("place", "")[:150],
                    by=request.user,
                )
            except CooperativeRuleError as exc:
                error = str(exc)
            else:
                return redirect("school_coops:rat-meeting", slug=coop.slug, year=year)
    meetings = [
        {
            "meeting": m,
            "late": rat_meeting_is_late(meeting=m),
            "deadline": rat_deadline(coop=coop, fiscal_year=m.fiscal_year),
        }
        for m in rat_meetings_of(coop=coop).select_related("coop")
    ]
    context = {
        "coop": coop,
        "meetings": meetings,
        "error": error,
        "posted": request.POST if request.method == "POST" else {},
        "next_year": timezone.localdate().year - 1,
    }
    return render(request, "school_coops/rat_list.html", context)


def _meeting_context(coop: Cooperative, meeting: RatMeeting, **extra: Any) -> dict[str, Any]:
    meeting.refresh_from_db()
    return {
        "coop": coop,
        **rat_meeting_overview(meeting=meeting),
        "kinds": MotionKind.choices,
        "choices": VoteChoice.choices,
        "max_minutes": svc.MAX_VOTING_MINUTES,
        **extra,
    }


def _motion(meeting: RatMeeting, post: Any) -> RatMotion:
    pk = _parse_int(post.get("motion"))
    motion = meeting.motions.filter(pk=pk).first() if pk else None
    if motion is None:
        raise CooperativeRuleError(_("Pilih keputusan dari RAT ini."))
    return motion


def _members(meeting: RatMeeting, post: Any) -> list[Membership]:
    parsed = [_parse_int(v) for v in post.getlist("hadir")]
    ids = [i for i in parsed if i is not None]
    if not ids or len(ids) != len(parsed):
        raise CooperativeRuleError(_("Pilih anggota yang hadir."))
    # Ids of another coop are not found here and the service refuses the whole list.
    found = list(Membership.objects.filter(pk__in=ids))
    if len(found) != len(set(ids)):
        raise CooperativeRuleError(_("Daftar hadir hanya berisi anggota yang diundang ke RAT ini."))
    return found


def _act_start(request: HtmxRequest, meeting: RatMeeting) -> str:
    post = request.POST
    raw = post.get("held_on", "").strip()
    day = _parse_date(raw) if raw else None
    if raw and day is None:
        raise CooperativeRuleError(_("Tanggal RAT tidak valid."))
    svc.rat_meeting_start(
        meeting=meeting,
        by=request.user,
        held_on=day,
        chair_name=post.get("chair_name", "")[:150],
        secretary_name=post.get("secretary_name", "")[:150],
    )
    return _("RAT dimulai.")


def _act_attendance(request: HtmxRequest, meeting: RatMeeting) -> str:
    count = svc.rat_attendance_record(
        meeting=meeting, memberships=_members(meeting, request.POST), by=request.user
    )
    return _("%(n)s anggota dicatat hadir.") % {"n": count}


def _act_motion(request: HtmxRequest, meeting: RatMeeting) -> str:
    post = request.POST
    svc.rat_motion_add(
        meeting=meeting,
        kind=post.get("kind", ""),
        title=post.get("title", ""),
        body=post.get("body", "")[:5000],
        by=request.user,
    )
    return _("Usulan keputusan ditambahkan.")


def _act_open(request: HtmxRequest, meeting: RatMeeting) -> str:
    minutes = _parse_int(request.POST.get("minutes"))
    if minutes is None:
        raise CooperativeRuleError(
            _("Lama pemungutan suara 1 sampai %(max)s menit.") % {"max": svc.MAX_VOTING_MINUTES}
        )
    svc.rat_motion_open(motion=_motion(meeting, request.POST), minutes=minutes, by=request.user)
    return _("Pemungutan suara dibuka.")


def _act_decide(request: HtmxRequest, meeting: RatMeeting) -> str:
    motion = svc.rat_motion_decide(motion=_motion(meeting, request.POST), by=request.user)
    return _("Keputusan dicatat: %(r)s.") % {"r": motion.get_result_display()}


def _act_paper_vote(request: HtmxRequest, meeting: RatMeeting) -> str:
    """A paper vote the guru pembina records for a present member."""
    motion = _motion(meeting, request.POST)
    pk = _parse_int(request.POST.get("voter")) or 0
    invitation = meeting.invitations.filter(membership_id=pk).select_related("membership").first()
    if invitation is None:
        raise CooperativeRuleError(_("Hanya anggota koperasi ini yang dapat memberikan suara."))
    svc.rat_vote_cast(
        motion=motion,
        voter=invitation.membership.member,
        choice=request.POST.get("choice", ""),
        by=request.user,
    )
    return _("Suara kertas tercatat.")


def _act_code_vote(request: HtmxRequest, meeting: RatMeeting) -> str:
    svc.rat_vote_by_code(
        code=request.POST.get("code", "")[:64],
        choice=request.POST.get("choice", ""),
        by=request.user,
    )
    return _("Suara dengan kode tercatat.")


def _act_minutes(request: HtmxRequest, meeting: RatMeeting) -> str:
    post = request.POST
    svc.rat_minutes_save(
        meeting=meeting,
        minutes=post.get("minutes", "")[:20000],
        chair_name=post.get("chair_name", ""),
        secretary_name=post.get("secretary_name", ""),
        by=request.user,
    )
    return _("Notulen disimpan.")


def _act_close(request: HtmxRequest, meeting: RatMeeting) -> str:
    svc.rat_meeting_close(meeting=meeting, by=request.user)
    return _("RAT ditutup dan dicatat.")


ACTIONS: dict[str, Callable[[HtmxRequest, RatMeeting], str]] = {
    "mulai": _act_start,
    "hadir": _act_attendance,
    "usulan": _act_motion,
    "buka": _act_open,
    "putuskan": _act_decide,
    "suara": _act_paper_vote,
    "kode": _act_code_vote,
    "notulen": _act_minutes,
    "tutup": _act_close,
}


@login_required
@require_http_methods(["GET", "POST"])
def rat_meeting_view(request: HtmxRequest, slug: str, year: int) -> HttpResponse:
    """The meeting page; each form posts an `action` and gets the meeting body back (htmx)."""
    coop, meeting = _meeting_for(request, slug, year)
    error, done = "", ""
    if request.method == "POST":
        action = ACTIONS.get(request.POST.get("action", ""))
        try:
            if action is None:
                raise CooperativeRuleError(_("Tindakan tidak dikenal."))
            done = action(request, meeting)
        except CooperativeRuleError as exc:
            error = str(exc)
    context = _meeting_context(coop, meeting, error=error, done=done)
    template = f"{MEETING_TEMPLATE}#rat-body" if request.htmx else MEETING_TEMPLATE
    return render(request, template, context)


@login_required
@require_GET
def rat_results_view(request: HtmxRequest, slug: str, year: int) -> HttpResponse:
    """The live tally partial: polled every few seconds while a vote is open."""
    coop, meeting = _meeting_for(request, slug, year)
    response = render(request, f"{MEETING_TEMPLATE}#rat-results", _meeting_context(coop, meeting))
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def rat_ballot_codes_view(request: HtmxRequest, slug: str, year: int) -> HttpResponse:
    """One-time codes for present members without a phone, printable, shown once."""
    coop, meeting = _meeting_for(request, slug, year)
    issued: list[tuple[Membership, str]] = []
    motion = None
    try:
        motion = _motion(meeting, request.POST)
        issued = svc.rat_ballot_codes_issue(motion=motion, by=request.user)
    except CooperativeRuleError as exc:
        error = str(exc)
    else:
        error = ""
    context = {"coop": coop, "meeting": meeting, "motion": motion, "issued": issued, "error": error}
    response = render(request, "school_coops/rat_ballot_codes.html", context)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def rat_invitations_view(request: HtmxRequest, slug: str, year: int) -> HttpResponse:
    """Every invitation of the meeting on one printable page (one per sheet when printed)."""
    coop, meeting = _meeting_for(request, slug, year)
    context = {"coop": coop, **rat_meeting_overview(meeting=meeting)}
    return render(request, "school_coops/rat_invitations.html", context)


def _invitation_for(request: HtmxRequest, slug: str, pk: int, *, own_only: bool) -> RatInvitation:
    """The member's own invitation (or, for the printout, any one to the guru pembina)."""
    coop = get_object_or_404(Cooperative, slug=slug)
    invitation = get_object_or_404(
        RatInvitation.objects.select_related("meeting__coop", "membership__member"),
        pk=pk,
        meeting__coop=coop,
    )
    own = invitation.membership.member_id == request.user.pk
    if not own and (own_only or not request.user.has_perm(SUPERVISE, coop)):
        raise Http404  # another member's invitation is not told apart from a missing one
    return invitation


@login_required
@require_GET
def rat_invitation_view(request: HtmxRequest, slug: str, pk: int) -> HttpResponse:
    invitation = _invitation_for(request, slug, pk, own_only=False)
    meeting = invitation.meeting
    context = {
        "coop": meeting.coop,
        "meeting": meeting,
        "agenda": list(meeting.agenda.all()),
        "invitations": [invitation],
        "single": True,
    }
    return render(request, "school_coops/rat_invitations.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def rat_vote_view(request: HtmxRequest, slug: str, pk: int) -> HttpResponse:
    """The member's own ballot: the open motions, one vote each, from their own account."""
    invitation = _invitation_for(request, slug, pk, own_only=True)
    meeting = invitation.meeting
    error, cast = "", False
    if request.method == "POST":
        try:
            svc.rat_vote_cast(
                motion=_motion(meeting, request.POST),
                voter=request.user,
                choice=request.POST.get("choice", ""),
                by=request.user,
            )
        except CooperativeRuleError as exc:
            error = str(exc)
        else:
            cast = True
    context = {
        "coop": meeting.coop,
        "meeting": meeting,
        "invitation": invitation,
        "open_motions": open_motions_for(invitation=invitation),
        "choices": VoteChoice.choices,
        "error": error,
        "cast": cast,
    }
    return render(request, "school_coops/rat_vote.html", context)


def _pdf(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def rat_minutes_pdf_view(request: HtmxRequest, slug: str, year: int) -> HttpResponse:
    """Berita acara / notulen: date, attendance, kuorum, decisions with their vote counts."""
    coop, meeting = _meeting_for(request, slug, year)
    context = {"coop": coop, **rat_meeting_overview(meeting=meeting)}
    pdf = render_pdf("school_coops/documents/rat_minutes.html", context)
    return _pdf(pdf, f"notulen-rat-{coop.slug}-{year}.pdf")


@login_required
@require_GET
def rat_pack_pdf_view(request: HtmxRequest, slug: str, year: int) -> HttpResponse:
    """Everything of the RAT in one file, the year's statements rendered as on their page."""
    coop, meeting = _meeting_for(request, slug, year)
    context = {
        "coop": coop,
        **rat_meeting_overview(meeting=meeting),
        **financial_statements(coop=coop, fiscal_year=year),
    }
    pdf = render_pdf("school_coops/documents/rat_pack.html", context)
    return _pdf(pdf, f"paket-rat-{coop.slug}-{year}.pdf")
