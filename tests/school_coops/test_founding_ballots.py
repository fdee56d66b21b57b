"""Founding ballots are cast by the voter, with a one-time code, or recorded by the guru
pembina; each vote stores who entered it (issue 8, "Forged ballots")."""

import pytest
from django.urls import reverse
from django.utils import timezone

from school_coops.exceptions import CooperativeRuleError
from school_coops.models import FoundingBallotCode, FoundingVote, VoteChannel
from school_coops.services import founding as svc
from school_coops.services.cooperative import cooperative_create
from tests.factories import ClassroomFactory, make_student

pytestmark = pytest.mark.django_db


@pytest.fixture
def students(school, classroom):
    other = ClassroomFactory(school=school, name="8C")
    return [make_student(classroom if i % 2 else other) for i in range(20)]


@pytest.fixture
def election(school, teacher, students):
    """A founding at its election step; students[0] is a student initiator."""
    coop = cooperative_create(school=school, name="Kopsis Pemilu", by=teacher)
    process = coop.founding
    svc.founding_committee_save(
        process=process, committee="Panitia", initiators=[students[0]], by=teacher
    )
    svc.founding_step_approve(process=process, by=teacher)
    svc.founding_meeting_save(
        process=process,
        meeting_date=timezone.localdate(),
        meeting_place="Aula",
        agenda="",
        guests="",
        chair_name="A",
        secretary_name="B",
        attendees=students,
        by=teacher,
    )
    svc.founding_step_approve(process=process, by=teacher)
    svc.founding_bylaws_save(
        process=process,
        simpanan_pokok_amount=5000,
        simpanan_wajib_amount=1000,
        term_years=1,
        quorum_percent=51,
        ad_art_text=svc.founding_initial_ad_art(coop=coop),
        by=teacher,
    )
    svc.founding_step_approve(process=process, by=teacher)
    return process


def _choices(students):
    return dict(zip(svc.ELECTED_ROLES, students[1:5], strict=True))


def _post(students):
    return {role: user.pk for role, user in _choices(students).items()}


def test_a_student_initiator_cannot_post_ballots_for_classmates(client, election, students):
    initiator, classmate = students[0], students[7]
    with pytest.raises(CooperativeRuleError, match="pemilih sendiri"):
        svc.founding_vote_record(
            process=election, voter=classmate, by=initiator, choices=_choices(students)
        )
    client.force_login(initiator)
    url = reverse("school_coops:founding-vote", args=[election.coop.slug])
    client.post(url, {"voter": classmate.pk, **_post(students)}, headers={"HX-Request": "true"})
    assert not FoundingVote.objects.filter(voter=classmate).exists()
    # the initiator's post counts as the initiator's own ballot, entered by themself
    assert set(FoundingVote.objects.values_list("voter", "recorded_by", "channel")) == {
        (initiator.pk, initiator.pk, VoteChannel.OWN_SESSION)
    }


def test_each_vote_stores_who_entered_it(client, election, students, teacher):
    svc.founding_vote_record(
        process=election, voter=students[3], by=teacher, choices=_choices(students)
    )
    client.force_login(students[5])
    url = reverse("school_coops:founding-ballot", args=[election.coop.slug])
    assert client.get(url).status_code == 200
    html = client.post(url, _post(students)).content.decode()
    assert 'data-testid="ballot-cast"' in html
    rows = set(FoundingVote.objects.values_list("voter", "recorded_by", "channel"))
    assert rows == {
        (students[3].pk, teacher.pk, VoteChannel.SUPERVISOR),
        (students[5].pk, students[5].pk, VoteChannel.OWN_SESSION),
    }
    assert FoundingVote.objects.filter(voter=students[5]).count() == len(svc.ELECTED_ROLES)


def test_a_one_time_code_casts_one_ballot_for_its_voter(client, election, students, teacher):
    client.force_login(teacher)
    page = client.post(reverse("school_coops:founding-ballot-codes", args=[election.coop.slug]))
    assert page["Cache-Control"] == "private, no-store"
    issued = svc.founding_ballot_codes_issue(process=election, by=teacher)
    assert issued == []  # every attendee already has a code; codes are shown only once
    # a fresh code for one attendee (the guru pembina's lost-code case is a new process here)
    FoundingBallotCode.objects.filter(voter=students[9]).delete()
    ((voter, code),) = svc.founding_ballot_codes_issue(process=election, by=teacher)
    assert voter == students[9]
    assert not FoundingBallotCode.objects.filter(code_hash__icontains=code.replace("-", ""))
    # the code is used on a friend's phone: the vote is the code's voter, entered by code
    friend = students[12]
    client.force_login(friend)
    url = reverse("school_coops:founding-ballot", args=[election.coop.slug])
    data = {
        "action": "kode",
        "kode-code": code.lower(),
        **{f"kode-{k}": v for k, v in _post(students).items()},
    }
    assert 'data-testid="ballot-cast"' in client.post(url, data).content.decode()
    assert set(FoundingVote.objects.values_list("voter", "recorded_by", "channel")) == {
        (students[9].pk, friend.pk, VoteChannel.CODE)
    }
    # and it works once
    html = client.post(url, data).content.decode()
    assert "Kode suara tidak dikenal atau sudah dipakai." in html
    assert FoundingVote.objects.count() == len(svc.ELECTED_ROLES)


def test_outsiders_cannot_open_the_ballot(client, election, classroom):
    client.force_login(make_student(classroom, username="bukan-peserta"))
    url = reverse("school_coops:founding-ballot", args=[election.coop.slug])
    assert client.get(url).status_code == 404
    assert client.post(url, {"action": "kode", "kode-code": "AAAAA-BBBBB"}).status_code == 404
