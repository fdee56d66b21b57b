"""The RAT meeting: invitations, kuorum, votes (own, recorded, by code), decisions, SHU gate."""

from __future__ import annotations

import datetime
import threading

import pytest
from django.db import connection
from django.utils import timezone

from school_coops.exceptions import CooperativeRuleError
from school_coops.models import (
    MotionKind,
    MotionResult,
    RatMeeting,
    RatMotion,
    RatVote,
    ShuDistribution,
    VoteChannel,
    VoteChoice,
)
from school_coops.selectors.rat import rat_meeting_is_late, rat_quorum
from school_coops.selectors.shu import shu_plan
from school_coops.services.rat import (
    DEFAULT_RAT_AGENDA,
    rat_attendance_record,
    rat_ballot_codes_issue,
    rat_meeting_close,
    rat_meeting_schedule,
    rat_meeting_start,
    rat_motion_add,
    rat_motion_decide,
    rat_motion_open,
    rat_vote_by_code,
    rat_vote_cast,
)
from school_coops.services.shu import shu_distribution_confirm
from tests.factories import make_student
from tests.school_coops.test_shu import RAT_ON, closed_year, old_coop, trio  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(closed_year, trio, teacher):  # noqa: F811
    meeting = rat_meeting_schedule(
        coop=closed_year, fiscal_year=2025, scheduled_on=RAT_ON, by=teacher
    )
    return rat_meeting_start(meeting=meeting, by=teacher, held_on=RAT_ON)


@pytest.fixture
def quorate(meeting, trio, teacher):  # noqa: F811
    rat_attendance_record(meeting=meeting, memberships=list(trio.values()), by=teacher)
    return meeting


def _shu_motion(meeting, teacher, minutes=10):
    motion = rat_motion_add(meeting=meeting, kind=MotionKind.SHU, title="SHU 2025", by=teacher)
    return rat_motion_open(motion=motion, minutes=minutes, by=teacher)


def test_scheduling_invites_every_member_with_the_standard_agenda(meeting, trio):  # noqa: F811
    assert [a.title for a in meeting.agenda.all()] == DEFAULT_RAT_AGENDA
    assert set(meeting.invitations.values_list("membership_id", flat=True)) == {
        m.pk for m in trio.values()
    }
    # the bylaw's kuorum (51 %) of 3 invited: 2 must be present
    quorum = rat_quorum(meeting=meeting)
    assert (quorum.percent, quorum.required, quorum.met) == (51, 2, False)


def test_a_rat_without_quorum_cannot_decide_shu(meeting, trio, teacher):  # noqa: F811
    rat_attendance_record(meeting=meeting, memberships=[trio["ani"]], by=teacher)
    motion = rat_motion_add(meeting=meeting, kind=MotionKind.SHU, title="SHU", by=teacher)
    with pytest.raises(CooperativeRuleError, match="belum mencapai kuorum"):
        rat_motion_open(motion=motion, minutes=10, by=teacher)
    motion.refresh_from_db()
    assert motion.status == "draf" and motion.opens_at is None
    with pytest.raises(CooperativeRuleError, match="kuorum"):
        rat_meeting_close(meeting=meeting, by=teacher)
    assert not RatMeeting.objects.get().record


def test_votes_decide_and_the_shu_distribution_needs_the_passed_vote(
    quorate,
    trio,  # noqa: F811
    teacher,
    closed_year,  # noqa: F811
):
    motion = _shu_motion(quorate, teacher)
    assert motion.shu_total == 600_000
    # Ani votes from her own account; Budi's paper vote is recorded by the guru pembina
    ani, budi = trio["ani"].member, trio["budi"].member
    assert rat_vote_cast(motion=motion, voter=ani, choice=VoteChoice.YES, by=ani).channel == (
        VoteChannel.OWN_SESSION
    )
    vote = rat_vote_cast(motion=motion, voter=budi, choice=VoteChoice.NO, by=teacher)
    assert (vote.channel, vote.recorded_by) == (VoteChannel.SUPERVISOR, teacher)
    # Cici has no phone: a one-time code with her name on it
    [(membership, code)] = rat_ballot_codes_issue(motion=motion, by=teacher)
    assert membership == trio["cici"]
    assert rat_vote_by_code(code=code.lower(), choice=VoteChoice.YES, by=teacher).channel == (
        VoteChannel.CODE
    )
    with pytest.raises(CooperativeRuleError, match="sudah dipakai"):
        rat_vote_by_code(code=code, choice=VoteChoice.NO, by=teacher)
    # before the decision the distribution is refused
    assert any(
        "belum disetujui RAT" in p for p in shu_plan(coop=closed_year, fiscal_year=2025).problems
    )
    decided = rat_motion_decide(motion=motion, by=teacher)
    assert (decided.result, decided.votes_yes, decided.votes_no) == (MotionResult.PASSED, 2, 1)
    rat_meeting_close(meeting=quorate, by=teacher)
    assert shu_plan(coop=closed_year, fiscal_year=2025).problems == []
    dist = shu_distribution_confirm(coop=closed_year, fiscal_year=2025, by=teacher)
    assert dist.rat == RatMeeting.objects.get().record and dist.total == 600_000


def test_a_rejected_shu_vote_does_not_allow_the_distribution(
    quorate,
    trio,  # noqa: F811
    teacher,
    closed_year,  # noqa: F811
):
    motion = _shu_motion(quorate, teacher)
    for m in trio.values():
        rat_vote_cast(motion=motion, voter=m.member, choice=VoteChoice.NO, by=teacher)
    assert rat_motion_decide(motion=motion, by=teacher).result == MotionResult.REJECTED
    rat_meeting_close(meeting=quorate, by=teacher)
    with pytest.raises(CooperativeRuleError, match="belum disetujui RAT"):
        shu_distribution_confirm(coop=closed_year, fiscal_year=2025, by=teacher)
    assert not ShuDistribution.objects.exists()


def test_bad_votes_are_refused_in_indonesian_and_change_nothing(
    quorate,
    trio,  # noqa: F811
    teacher,
    classroom,
):
    motion = _shu_motion(quorate, teacher)
    ani = trio["ani"].member
    rat_vote_cast(motion=motion, voter=ani, choice=VoteChoice.YES, by=ani)
    # a second vote
    with pytest.raises(CooperativeRuleError, match="satu anggota satu suara"):
        rat_vote_cast(motion=motion, voter=ani, choice=VoteChoice.NO, by=ani)
    # a non-member
    outsider = make_student(classroom, username="bukan-anggota")
    with pytest.raises(CooperativeRuleError, match="Hanya anggota koperasi"):
        rat_vote_cast(motion=motion, voter=outsider, choice=VoteChoice.YES, by=outsider)
    # a classmate entering a vote for someone else
    budi = trio["budi"].member
    with pytest.raises(CooperativeRuleError, match="pemilih sendiri"):
        rat_vote_cast(motion=motion, voter=budi, choice=VoteChoice.YES, by=ani)
    # junk choice
    with pytest.raises(CooperativeRuleError, match="Pilihan suara"):
        rat_vote_cast(motion=motion, voter=budi, choice="ya!!", by=budi)
    # after the voting time ended
    RatMotion.objects.filter(pk=motion.pk).update(
        closes_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    with pytest.raises(CooperativeRuleError, match="sudah ditutup"):
        rat_vote_cast(motion=motion, voter=budi, choice=VoteChoice.YES, by=budi)
    assert list(RatVote.objects.values_list("membership__member", "choice")) == [
        (ani.pk, VoteChoice.YES)
    ]


def test_junk_meeting_input_is_refused(closed_year, trio, teacher, other_coop):  # noqa: F811
    with pytest.raises(CooperativeRuleError, match="setelah tahun buku berakhir"):
        rat_meeting_schedule(
            coop=closed_year, fiscal_year=2025, scheduled_on=datetime.date(2025, 6, 1), by=teacher
        )
    meeting = rat_meeting_schedule(
        coop=closed_year, fiscal_year=2025, scheduled_on=RAT_ON, by=teacher
    )
    with pytest.raises(CooperativeRuleError, match="sudah dijadwalkan"):
        rat_meeting_schedule(coop=closed_year, fiscal_year=2025, scheduled_on=RAT_ON, by=teacher)
    rat_meeting_start(meeting=meeting, by=teacher, held_on=RAT_ON)
    foreign = other_coop.memberships.get()
    with pytest.raises(CooperativeRuleError, match="diundang"):
        rat_attendance_record(meeting=meeting, memberships=[foreign], by=teacher)
    with pytest.raises(CooperativeRuleError, match="guru pembina"):
        rat_meeting_close(meeting=meeting, by=trio["ani"].member)
    assert rat_quorum(meeting=meeting).present == 0


def test_a_rat_later_than_six_months_is_flagged(closed_year, trio, teacher):  # noqa: F811
    meeting = rat_meeting_schedule(
        coop=closed_year, fiscal_year=2025, scheduled_on=datetime.date(2026, 7, 1), by=teacher
    )
    assert rat_meeting_is_late(meeting=meeting)
    meeting.scheduled_on = datetime.date(2026, 6, 30)
    assert not rat_meeting_is_late(meeting=meeting)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_one_member_voting_twice_at_once_counts_once(quorate, trio, teacher):  # noqa: F811
    motion = _shu_motion(quorate, teacher)
    ani = trio["ani"].member
    barrier, errors = threading.Barrier(2), []

    def vote(choice):
        try:
            barrier.wait()
            rat_vote_cast(motion=motion, voter=ani, choice=choice, by=ani)
        except CooperativeRuleError as exc:
            errors.append(str(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=vote, args=(c,)) for c in (VoteChoice.YES, VoteChoice.NO)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert RatVote.objects.filter(motion=motion).count() == 1
    assert len(errors) == 1 and "satu anggota satu suara" in errors[0]


def test_the_member_dashboard_panel_shows_the_invitation_and_open_votes(quorate, trio, teacher):  # noqa: F811
    from django.template.loader import render_to_string

    from school_coops.nav import _panel_context

    motion = _shu_motion(quorate, teacher)
    ani = trio["ani"].member
    panel = _panel_context(ani)
    [row] = panel["rats"]
    assert row["invitation"].membership == trio["ani"]
    assert row["open_motions"] == [(motion, None)]
    html = render_to_string("school_coops/panels/dashboard.html", {"panel": panel})
    assert "Undangan RAT" in html and "SHU 2025" in html
