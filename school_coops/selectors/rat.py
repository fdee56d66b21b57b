"""RAT reads: the deadline, quorum, live tallies and what a member is invited to or may vote on."""

from __future__ import annotations

import calendar
import datetime
import math
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from lms.accounts.models import User
from school_coops.models import (
    Cooperative,
    Membership,
    MotionKind,
    MotionResult,
    MotionStatus,
    RatInvitation,
    RatMeeting,
    RatMotion,
    RatStatus,
    ShuAllocation,
    VoteChoice,
)
from school_coops.selectors import bylaw_in_effect, fiscal_year_end


def rat_deadline(*, coop: Cooperative, fiscal_year: int) -> datetime.date:
    """The last day for the accountability RAT: six months after the tahun buku ends."""
    end = fiscal_year_end(coop=coop, fiscal_year=fiscal_year)
    month = end.month + 6
    year = end.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def rat_meeting_is_late(*, meeting: RatMeeting) -> bool:
    """Held (or, not yet held, planned) after the deadline: flagged "terlambat"."""
    day = meeting.held_on or meeting.scheduled_on
    return day > rat_deadline(coop=meeting.coop, fiscal_year=meeting.fiscal_year)


@dataclass(frozen=True)
class Quorum:
    present: int
    invited: int
    percent: int
    required: int

    @property
    def met(self) -> bool:
        return self.invited > 0 and self.present >= self.required


def rat_quorum(*, meeting: RatMeeting) -> Quorum:
    """Present vs invited members against the bylaw's kuorum (the stored one once started)."""
    percent = meeting.quorum_percent
    if percent is None:
        percent = bylaw_in_effect(coop=meeting.coop, day=meeting.scheduled_on).quorum_percent
    counts = meeting.invitations.aggregate(
        invited=Count("pk"), present=Count("pk", filter=Q(attended_at__isnull=False))
    )
    required = max(1, math.ceil(counts["invited"] * percent / 100))
    return Quorum(counts["present"], counts["invited"], percent, required)


def motion_is_open(*, motion: RatMotion, now: datetime.datetime | None = None) -> bool:
    now = now or timezone.now()
    return (
        motion.status == MotionStatus.OPEN
        and motion.closes_at is not None
        and now < motion.closes_at
    )


@dataclass(frozen=True)
class Tally:
    yes: int
    no: int
    abstain: int

    @property
    def total(self) -> int:
        return self.yes + self.no + self.abstain

    @property
    def passes(self) -> bool:
        # Decided by a simple majority of the votes for and against (abstentions do not count).
        return self.yes > self.no


def motion_tally(*, motion: RatMotion) -> Tally:
    counts = motion.votes.aggregate(
        yes=Count("pk", filter=Q(choice=VoteChoice.YES)),
        no=Count("pk", filter=Q(choice=VoteChoice.NO)),
        abstain=Count("pk", filter=Q(choice=VoteChoice.ABSTAIN)),
    )
    return Tally(counts["yes"], counts["no"], counts["abstain"])


def rat_meetings_of(*, coop: Cooperative) -> QuerySet[RatMeeting]:
    return RatMeeting.objects.filter(coop=coop).order_by("-fiscal_year")


def shu_decision(*, coop: Cooperative, fiscal_year: int) -> RatMotion | None:
    """The passed SHU motion of the tahun buku's RAT: what allows the distribution."""
    return (
        RatMotion.objects.filter(
            meeting__coop=coop,
            meeting__fiscal_year=fiscal_year,
            kind=MotionKind.SHU,
            status=MotionStatus.DECIDED,
            result=MotionResult.PASSED,
        )
        .order_by("-decided_at", "-pk")
        .first()
    )


def rat_invitations_for(*, user: User) -> QuerySet[RatInvitation]:
    """The user's own invitations to RATs not yet closed (the dashboard panel)."""
    if not user.is_authenticated:
        return RatInvitation.objects.none()
    return (
        RatInvitation.objects.filter(
            membership__member=user,
            membership__status=Membership.Status.ACTIVE,
            meeting__status__in=[RatStatus.SCHEDULED, RatStatus.IN_PROGRESS],
        )
        .select_related("meeting__coop", "membership")
        .order_by("meeting__scheduled_on")
    )


def open_motions_for(*, invitation: RatInvitation) -> list[tuple[RatMotion, str | None]]:
    """Motions open now in the invitation's meeting, with the member's vote (None: not yet)."""
    now = timezone.now()
    motions = invitation.meeting.motions.filter(status=MotionStatus.OPEN, closes_at__gt=now)
    voted = dict(
        invitation.membership.rat_votes.filter(motion__in=motions).values_list(
            "motion_id", "choice"
        )
    )
    return [(m, voted.get(m.pk)) for m in motions]


@dataclass(frozen=True)
class MotionRow:
    """A motion with its tally: live while the vote is open, the stored counts once decided."""

    motion: RatMotion
    tally: Tally
    is_open: bool


def rat_motion_rows(*, meeting: RatMeeting) -> list[MotionRow]:
    rows = []
    for motion in meeting.motions.all():
        if motion.status == MotionStatus.DECIDED:
            tally = Tally(motion.votes_yes, motion.votes_no, motion.votes_abstain)
        else:
            tally = motion_tally(motion=motion)
        rows.append(MotionRow(motion, tally, motion_is_open(motion=motion)))
    return rows


def shu_allocation_rows(*, motion: RatMotion) -> list[dict[str, object]]:
    """The SHU split frozen in a motion, with the bucket names as printed."""
    labels = dict(ShuAllocation.Bucket.choices)
    return [
        {
            "label": labels.get(row["bucket"], row["bucket"]),
            "percent": Decimal(row["percent"]),
            "amount": Decimal(row["amount"]),
        }
        for row in motion.shu_allocation
    ]


def rat_meeting_overview(*, meeting: RatMeeting) -> dict[str, object]:
    """Everything the meeting page and the minutes print: agenda, daftar hadir, kuorum,
    motions with their tallies, the SHU proposed and the SHU decided."""
    motions = rat_motion_rows(meeting=meeting)
    shu_motions = [r.motion for r in motions if r.motion.kind == MotionKind.SHU]
    decided_shu = next((m for m in shu_motions if m.result == MotionResult.PASSED), None)
    return {
        "meeting": meeting,
        "agenda": list(meeting.agenda.all()),
        "invitations": list(
            meeting.invitations.select_related("membership__member").order_by(
                "membership__number", "pk"
            )
        ),
        "quorum": rat_quorum(meeting=meeting),
        "motions": motions,
        "any_open": any(r.is_open for r in motions),
        "decisions": [r for r in motions if r.motion.status == MotionStatus.DECIDED],
        "shu_proposed": [(m, shu_allocation_rows(motion=m)) for m in shu_motions],
        "shu_decided": decided_shu,
        "late": rat_meeting_is_late(meeting=meeting),
        "deadline": rat_deadline(coop=meeting.coop, fiscal_year=meeting.fiscal_year),
    }
