"""The Rapat Anggota Tahunan (docs/domain.md "RAT"): schedule with the standard agenda and invite
every member, record attendance against the bylaw's kuorum, put decisions to the vote (one
member, one vote, open for a set time), record the decisions, close the meeting.

Every write locks the meeting row (or the motion row, for votes); the voting channels and the
one-time codes are the mechanism shared with the founding election (services/ballots.py)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.accounts.models import User
from school_coops import models as m
from school_coops.exceptions import CooperativeRuleError
from school_coops.selectors import bylaw_in_effect, fiscal_year_end
from school_coops.selectors.rat import motion_is_open, motion_tally, rat_quorum
from school_coops.selectors.shu import allocate_buckets, shu_plan, shu_year_closed
from school_coops.services.ballots import (
    ballot_channel,
    ballot_code_claim,
    ballot_code_mark_used,
    ballot_code_new,
)
from school_coops.services.cooperative import cooperative_rat_record

DEFAULT_RAT_AGENDA = [
    "Pembukaan dan pemeriksaan kuorum",
    "Pengesahan tata tertib dan pimpinan sidang",
    "Laporan pertanggungjawaban pengurus (organisasi, usaha, keuangan)",
    "Laporan hasil pengawasan oleh pengawas",
    "Pembahasan dan pengesahan laporan pertanggungjawaban",
    "Penetapan pembagian SHU",
    "Rencana kerja dan RAPB tahun berikutnya",
    "Pemilihan pengurus dan pengawas (bila masa jabatan berakhir)",
    "Lain-lain",
    "Penutupan",
]
MAX_VOTING_MINUTES = 120


def _is_supervisor(coop: m.Cooperative, user: User) -> bool:
    return coop.supervisors.filter(pk=user.pk).exists()


def _lock(meeting: m.RatMeeting, by: User) -> m.RatMeeting:
    """Lock the meeting; only the guru pembina runs it, and a closed RAT is history."""
    meeting = m.RatMeeting.objects.select_for_update().select_related("coop").get(pk=meeting.pk)
    if not _is_supervisor(meeting.coop, by):
        raise CooperativeRuleError(_("Hanya guru pembina yang mengelola RAT."))
    if meeting.status == m.RatStatus.CLOSED:
        raise CooperativeRuleError(_("RAT ini sudah ditutup; tidak ada yang dapat diubah."))
    return meeting


def _invite_active_members(meeting: m.RatMeeting) -> int:
    """Every active member gets an invitation; members who joined since are added."""
    invited = set(meeting.invitations.values_list("membership_id", flat=True))
    new = m.Membership.objects.filter(coop=meeting.coop, status=m.Membership.Status.ACTIVE).exclude(
        pk__in=invited
    )
    rows = [m.RatInvitation(meeting=meeting, membership=member) for member in new]
    m.RatInvitation.objects.bulk_create(rows)
    return len(rows)


@transaction.atomic
def rat_meeting_schedule(
    *,
    coop: m.Cooperative,
    fiscal_year: int,
    scheduled_on: datetime.date,
    by: User,
    place: str = "",
    agenda: list[str] | None = None,
) -> m.RatMeeting:
    """Plan the RAT of a tahun buku with the standard agenda and invite every active member."""
    coop = m.Cooperative.objects.select_for_update().get(pk=coop.pk)
    if not _is_supervisor(coop, by):
        raise CooperativeRuleError(_("Hanya guru pembina yang mengelola RAT."))
    if coop.founded_on is None:
        raise CooperativeRuleError(_("Koperasi yang masih rintisan belum mengadakan RAT."))
    end = fiscal_year_end(coop=coop, fiscal_year=fiscal_year)
    if end < coop.founded_on:
        raise CooperativeRuleError(
            _("Koperasi belum berdiri pada tahun buku %(y)s.") % {"y": fiscal_year}
        )
    if scheduled_on <= end:
        raise CooperativeRuleError(_("RAT harus diadakan setelah tahun buku berakhir."))
    if m.RatMeeting.objects.filter(coop=coop, fiscal_year=fiscal_year).exists():
        raise CooperativeRuleError(
            _("RAT tahun buku %(y)s sudah dijadwalkan.") % {"y": fiscal_year}
        )
    bylaw_in_effect(coop=coop, day=scheduled_on)  # no AD/ART, no kuorum: refused here
    meeting = m.RatMeeting.objects.create(
        coop=coop,
        fiscal_year=fiscal_year,
        scheduled_on=scheduled_on,
        place=place.strip(),
        created_by=by,
    )
    titles = [t.strip() for t in (agenda or []) if t.strip()] or DEFAULT_RAT_AGENDA
    m.RatAgendaItem.objects.bulk_create(
        m.RatAgendaItem(meeting=meeting, position=i, title=t) for i, t in enumerate(titles, 1)
    )
    _invite_active_members(meeting)
    return meeting


@transaction.atomic
def rat_meeting_start(
    *,
    meeting: m.RatMeeting,
    by: User,
    held_on: datetime.date | None = None,
    chair_name: str = "",
    secretary_name: str = "",
) -> m.RatMeeting:
    """Open the meeting on its day: the kuorum of the bylaw in effect that day is stored."""
    meeting = _lock(meeting, by)
    if meeting.status != m.RatStatus.SCHEDULED:
        raise CooperativeRuleError(_("RAT ini sudah dimulai."))
    day = held_on or timezone.localdate()
    if day > timezone.localdate():
        raise CooperativeRuleError(_("Tanggal RAT tidak boleh di masa depan."))
    if day <= fiscal_year_end(coop=meeting.coop, fiscal_year=meeting.fiscal_year):
        raise CooperativeRuleError(_("RAT harus diadakan setelah tahun buku berakhir."))
    bylaw = bylaw_in_effect(coop=meeting.coop, day=day)
    meeting.status = m.RatStatus.IN_PROGRESS
    meeting.held_on = day
    meeting.bylaw = bylaw
    meeting.quorum_percent = bylaw.quorum_percent
    meeting.chair_name = chair_name.strip()
    meeting.secretary_name = secretary_name.strip()
    meeting.save()
    _invite_active_members(meeting)
    return meeting


@transaction.atomic
def rat_attendance_record(
    *, meeting: m.RatMeeting, memberships: list[m.Membership], by: User
) -> int:
    """Mark invited members present (the daftar hadir); returns how many were newly marked."""
    meeting = _lock(meeting, by)
    if meeting.status != m.RatStatus.IN_PROGRESS:
        raise CooperativeRuleError(_("Daftar hadir diisi saat RAT berlangsung."))
    ids = {member.pk for member in memberships}
    invitations = meeting.invitations.filter(membership_id__in=ids)
    # Posted ids are checked against this meeting: another coop's member is refused whole.
    if invitations.count() != len(ids):
        raise CooperativeRuleError(_("Daftar hadir hanya berisi anggota yang diundang ke RAT ini."))
    return invitations.filter(attended_at__isnull=True).update(
        attended_at=timezone.now(), attendance_recorded_by=by
    )


def _shu_proposal(meeting: m.RatMeeting) -> tuple[Decimal, list[dict[str, str]]]:
    """The SHU and its split as the books and the bylaw give them, frozen into the motion."""
    plan = shu_plan(coop=meeting.coop, fiscal_year=meeting.fiscal_year)
    if not shu_year_closed(plan=plan):
        raise CooperativeRuleError(
            _("Tutup tahun buku %(y)s dulu, agar usulan SHU final.") % {"y": meeting.fiscal_year}
        )
    if plan.total <= 0:
        raise CooperativeRuleError(_("Tidak ada SHU untuk dibagi pada tahun buku ini."))
    amounts = allocate_buckets(plan.member_part, plan.percents)
    return plan.total, [
        {"bucket": b, "percent": str(p), "amount": str(amounts.get(b, Decimal(0)))}
        for b, p in plan.percents.items()
    ]


@transaction.atomic
def rat_motion_add(
    *, meeting: m.RatMeeting, kind: str, title: str, by: User, body: str = ""
) -> m.RatMotion:
    """A decision to put to the vote; an SHU motion freezes the proposed SHU and split."""
    meeting = _lock(meeting, by)
    if kind not in m.MotionKind.values:
        raise CooperativeRuleError(_("Jenis keputusan tidak dikenal."))
    if not title.strip():
        raise CooperativeRuleError(_("Tuliskan judul keputusan."))
    motion = m.RatMotion(meeting=meeting, kind=kind, title=title.strip()[:200], body=body.strip())
    if kind == m.MotionKind.SHU:
        pending = meeting.motions.filter(kind=m.MotionKind.SHU).exclude(
            result=m.MotionResult.REJECTED
        )
        if pending.exists():
            raise CooperativeRuleError(_("Usulan pembagian SHU RAT ini sudah ada."))
        motion.shu_total, motion.shu_allocation = _shu_proposal(meeting)
    motion.save()
    return motion


def _lock_motion(motion: m.RatMotion, by: User) -> m.RatMotion:
    motion = (
        m.RatMotion.objects.select_for_update().select_related("meeting__coop").get(pk=motion.pk)
    )
    _lock(motion.meeting, by)
    return motion


def _require_quorum(meeting: m.RatMeeting) -> None:
    quorum = rat_quorum(meeting=meeting)
    if not quorum.met:
        raise CooperativeRuleError(
            _(
                "RAT belum mencapai kuorum (%(present)s dari %(invited)s anggota hadir, "
                "perlu %(required)s); keputusan tidak dapat diambil."
            )
            % {"present": quorum.present, "invited": quorum.invited, "required": quorum.required}
        )


@transaction.atomic
def rat_motion_open(*, motion: m.RatMotion, minutes: int, by: User) -> m.RatMotion:
    """Open the vote for `minutes`; only a quorate meeting in progress decides anything."""
    motion = _lock_motion(motion, by)
    if motion.meeting.status != m.RatStatus.IN_PROGRESS:
        raise CooperativeRuleError(_("Pemungutan suara hanya saat RAT berlangsung."))
    if motion.status != m.MotionStatus.DRAFT:
        raise CooperativeRuleError(_("Pemungutan suara untuk keputusan ini sudah dibuka."))
    if not 1 <= minutes <= MAX_VOTING_MINUTES:
        raise CooperativeRuleError(
            _("Lama pemungutan suara 1 sampai %(max)s menit.") % {"max": MAX_VOTING_MINUTES}
        )
    _require_quorum(motion.meeting)
    now = timezone.now()
    motion.status = m.MotionStatus.OPEN
    motion.opens_at, motion.closes_at = now, now + datetime.timedelta(minutes=minutes)
    motion.save(update_fields=["status", "opens_at", "closes_at"])
    return motion


def _vote_store(
    motion: m.RatMotion, *, voter: User, choice: str, by: User, channel: m.VoteChannel
) -> m.RatVote:
    """Store one vote (the caller holds the motion row lock, so checks and insert are atomic)."""
    if choice not in m.VoteChoice.values:
        raise CooperativeRuleError(_("Pilihan suara tidak dikenal."))
    if not motion_is_open(motion=motion):
        raise CooperativeRuleError(_("Pemungutan suara untuk keputusan ini sudah ditutup."))
    invitation = (
        m.RatInvitation.objects.filter(
            meeting=motion.meeting,
            membership__member=voter,
            membership__status=m.Membership.Status.ACTIVE,
        )
        .select_related("membership")
        .first()
    )
    if invitation is None:
        raise CooperativeRuleError(_("Hanya anggota koperasi ini yang dapat memberikan suara."))
    if invitation.attended_at is None:
        raise CooperativeRuleError(_("Anggota ini belum tercatat hadir di daftar hadir RAT."))
    if motion.votes.filter(membership=invitation.membership).exists():
        raise CooperativeRuleError(
            _("Anggota ini sudah memberikan suara untuk keputusan ini (satu anggota satu suara).")
        )
    try:
        # The savepoint keeps the caller's transaction usable if the constraint fires.
        with transaction.atomic():
            return m.RatVote.objects.create(
                motion=motion,
                membership=invitation.membership,
                choice=choice,
                channel=channel,
                recorded_by=by,
            )
    except IntegrityError as exc:
        raise CooperativeRuleError(
            _("Anggota ini sudah memberikan suara untuk keputusan ini (satu anggota satu suara).")
        ) from exc


@transaction.atomic
def rat_vote_cast(*, motion: m.RatMotion, voter: User, choice: str, by: User) -> m.RatVote:
    """The member's own vote from their account, or a paper vote the guru pembina records."""
    # The motion row lock serialises a member's two taps: the second one sees the first vote.
    motion = (
        m.RatMotion.objects.select_for_update().select_related("meeting__coop").get(pk=motion.pk)
    )
    channel = ballot_channel(
        voter=voter, by=by, is_supervisor=_is_supervisor(motion.meeting.coop, by)
    )
    return _vote_store(motion, voter=voter, choice=choice, by=by, channel=channel)


@transaction.atomic
def rat_ballot_codes_issue(*, motion: m.RatMotion, by: User) -> list[tuple[m.Membership, str]]:
    """One-time codes for present members who have neither voted nor a code (shown once)."""
    motion = _lock_motion(motion, by)
    if not motion_is_open(motion=motion):
        raise CooperativeRuleError(_("Pemungutan suara untuk keputusan ini sudah ditutup."))
    voted = set(motion.votes.values_list("membership_id", flat=True))
    coded = set(motion.ballot_codes.values_list("membership_id", flat=True))
    present = motion.meeting.invitations.filter(attended_at__isnull=False).exclude(
        membership_id__in=voted | coded
    )
    issued = []
    for invitation in present.select_related("membership__member").order_by(
        "membership__member__full_name"
    ):
        code_hash, printed = ballot_code_new()
        m.RatBallotCode.objects.create(
            motion=motion, membership=invitation.membership, code_hash=code_hash, issued_by=by
        )
        issued.append((invitation.membership, printed))
    return issued


@transaction.atomic
def rat_vote_by_code(*, code: str, choice: str, by: User) -> m.RatVote:
    """A vote with a one-time code (a member without a phone, on any signed-in device)."""
    ballot_code = ballot_code_claim(
        m.RatBallotCode.objects.select_related("membership__member", "motion"), code
    )
    motion = (
        m.RatMotion.objects.select_for_update()
        .select_related("meeting__coop")
        .get(pk=ballot_code.motion_id)
    )
    vote = _vote_store(
        motion,
        voter=ballot_code.membership.member,
        choice=choice,
        by=by,
        channel=m.VoteChannel.CODE,
    )
    ballot_code_mark_used(ballot_code)
    return vote


@transaction.atomic
def rat_motion_decide(*, motion: m.RatMotion, by: User) -> m.RatMotion:
    """Close the vote (early, or after its time) and record the decision from the tally."""
    motion = _lock_motion(motion, by)
    if motion.status != m.MotionStatus.OPEN:
        raise CooperativeRuleError(_("Keputusan ini belum dibuka atau sudah diputuskan."))
    # Attendance can only grow, but the kuorum is checked again for the record.
    _require_quorum(motion.meeting)
    tally = motion_tally(motion=motion)
    now = timezone.now()
    motion.status = m.MotionStatus.DECIDED
    motion.result = m.MotionResult.PASSED if tally.passes else m.MotionResult.REJECTED
    motion.votes_yes, motion.votes_no, motion.votes_abstain = tally.yes, tally.no, tally.abstain
    motion.present_at_decision = rat_quorum(meeting=motion.meeting).present
    motion.closes_at = min(motion.closes_at or now, now)
    motion.decided_at, motion.decided_by = now, by
    motion.save()
    return motion


@transaction.atomic
def rat_minutes_save(
    *, meeting: m.RatMeeting, minutes: str, chair_name: str, secretary_name: str, by: User
) -> m.RatMeeting:
    meeting = _lock(meeting, by)
    meeting.minutes = minutes.strip()
    meeting.chair_name = chair_name.strip()[:150]
    meeting.secretary_name = secretary_name.strip()[:150]
    meeting.save(update_fields=["minutes", "chair_name", "secretary_name"])
    return meeting


@transaction.atomic
def rat_meeting_close(*, meeting: m.RatMeeting, by: User) -> m.RatMeeting:
    """Close a quorate RAT with no vote still open; it becomes the tahun buku's RAT record."""
    meeting = _lock(meeting, by)
    if meeting.status != m.RatStatus.IN_PROGRESS or meeting.held_on is None:
        raise CooperativeRuleError(_("RAT ini belum dimulai."))
    if meeting.motions.filter(status=m.MotionStatus.OPEN).exists():
        raise CooperativeRuleError(_("Masih ada pemungutan suara yang belum diputuskan."))
    _require_quorum(meeting)
    meeting.record = cooperative_rat_record(
        coop=meeting.coop, fiscal_year=meeting.fiscal_year, held_on=meeting.held_on, by=by
    )
    meeting.status = m.RatStatus.CLOSED
    meeting.save(update_fields=["record", "status"])
    return meeting
