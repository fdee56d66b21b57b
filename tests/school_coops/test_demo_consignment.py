"""Issue 14 point 5: the demo has handed-in team plans in every state, and the approved one
is sold in the demo canteen as the team's consigned goods, with a payout to the team."""

from __future__ import annotations

import pytest

from school_coops.chart import CONSIGNMENT_PAYABLE
from school_coops.models import Consignor, ConsignorPayout, Cooperative, Item, StockMovement
from school_coops.selectors import trial_balance
from school_coops.selectors.consignment import consignor_owed
from tests.school_coops.business_helpers import balance, stock_value

pytestmark = pytest.mark.django_db


def test_demo_seeds_plans_in_every_state_and_sells_the_approved_one_in_the_canteen():
    from courses import demo as courses_demo
    from courses.models import Submission
    from lms.accounts import demo as core_demo
    from school_coops import demo

    # given: the demo seeded twice (idempotent)
    core_demo.seed()
    courses_demo.seed()
    demo.seed()
    counts = (Item.objects.count(), ConsignorPayout.objects.count(), Submission.objects.count())
    courses_demo.seed()
    demo.seed()
    assert (
        Item.objects.count(),
        ConsignorPayout.objects.count(),
        Submission.objects.count(),
    ) == counts
    # then: plans handed in, returned and graded (approved), Tim Sarapan still writing
    states = dict(Submission.objects.values_list("team__name", "status"))
    assert states == {
        "Tim Es Buah": "graded",
        "Tim Keripik": "handed_in",
        "Tim Pisang": "returned",
    }
    assert Submission.objects.get(team__name="Tim Es Buah").grade.approved
    # the approved plan is the team's consigned item: 5 sold, 3 paid for, 2 still owed
    coop = Cooperative.objects.get(slug=demo.COOP_SLUG)
    team = Consignor.objects.get(coop=coop, name="Tim Es Buah")
    item = Item.objects.get(consigned_by=team)
    assert (item.name, item.price, item.stock_qty) == ("Es buah segar", 4000, 15)
    assert sorted(team.members.values_list("username", flat=True)) == ["siswa02", "siswa03"]
    payout = ConsignorPayout.objects.get(consignor=team)
    assert payout.entry.receipt_number.startswith("BKK-")
    assert consignor_owed(consignor=team) == 2 * item.consignor_share
    owed = sum((consignor_owed(consignor=c) for c in Consignor.objects.filter(coop=coop)), 0)
    assert balance(coop, CONSIGNMENT_PAYABLE) == owed
    # the canteen's stock purchase is a real one: inventory = counts × cost
    canteen = item.unit
    assert StockMovement.objects.filter(item__unit=canteen, item__name="Roti isi").count() == 1
    assert balance(coop, canteen.inventory_code) == stock_value(canteen)
    assert trial_balance(coop=coop)["balanced"]
