"""A RAT run through the services: scheduled, everyone present, the SHU split voted and passed,
closed. Fixtures that need the SHU distribution allowed use it instead of a bare RAT record."""

from __future__ import annotations

from school_coops.models import Membership, MotionKind, VoteChoice
from school_coops.services.rat import (
    rat_attendance_record,
    rat_meeting_close,
    rat_meeting_schedule,
    rat_meeting_start,
    rat_motion_add,
    rat_motion_decide,
    rat_motion_open,
    rat_vote_cast,
)


def rat_with_shu_approved(*, coop, fiscal_year, held_on, by):
    """Returns the RatRecord the closed meeting created (what cooperative_rat_record returned)."""
    meeting = rat_meeting_schedule(coop=coop, fiscal_year=fiscal_year, scheduled_on=held_on, by=by)
    rat_meeting_start(meeting=meeting, by=by, held_on=held_on)
    members = list(Membership.objects.filter(coop=coop, status=Membership.Status.ACTIVE))
    rat_attendance_record(meeting=meeting, memberships=members, by=by)
    motion = rat_motion_add(meeting=meeting, kind=MotionKind.SHU, title="Pembagian SHU", by=by)
    rat_motion_open(motion=motion, minutes=10, by=by)
    for membership in members:
        rat_vote_cast(motion=motion, voter=membership.member, choice=VoteChoice.YES, by=by)
    rat_motion_decide(motion=motion, by=by)
    return rat_meeting_close(meeting=meeting, by=by).record
