"""`make demo`: a RAT in progress today (school_coops/rat_demo.py) next to the demo coop's
held RAT of last year, which stays as it was."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from lms.accounts.models import User
from school_coops.models import MotionStatus, RatMeeting, RatStatus
from school_coops.selectors.rat import rat_quorum

pytestmark = pytest.mark.django_db


def test_demo_has_a_rat_in_progress_with_an_open_vote_on_a_members_dashboard():
    from lms.accounts import demo as core_demo
    from school_coops import demo, rat_demo

    core_demo.seed()
    demo.seed()
    meetings = RatMeeting.objects.count()
    demo.seed()  # idempotent
    assert RatMeeting.objects.count() == meetings

    meeting = RatMeeting.objects.get(coop__name=rat_demo.COOP_NAME)
    assert meeting.status == RatStatus.IN_PROGRESS and meeting.held_on is not None
    quorum = rat_quorum(meeting=meeting)
    assert (quorum.present, quorum.invited, quorum.met) == (6, 8, True)
    assert [m.status for m in meeting.motions.order_by("pk")] == [
        MotionStatus.OPEN,
        MotionStatus.DRAFT,
    ]
    assert meeting.motions.get(status=MotionStatus.OPEN).votes.count() == 3
    # the SHU proposal was frozen from the closed year's books
    assert meeting.motions.get(status=MotionStatus.DRAFT).shu_total > 0

    client = Client()
    client.force_login(User.objects.get(username="karya01"))
    page = client.get(reverse("accounts:dashboard")).content.decode()
    assert 'data-testid="rat-vote-link"' in page
    assert "Pengesahan laporan pertanggungjawaban pengurus" in page

    # the demo coop's held RAT of last year and next year's scheduled one are untouched
    tunas = RatMeeting.objects.filter(coop__slug=demo.COOP_SLUG).order_by("fiscal_year")
    assert [m.status for m in tunas] == [RatStatus.CLOSED, RatStatus.SCHEDULED]
