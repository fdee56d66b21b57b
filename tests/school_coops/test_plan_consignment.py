"""Issue 14 point 4, from plan to shop: a team's approved business plan becomes a consigned item
of the cooperative's canteen (consignor = the team, price from the plan); its members see what
the canteen owes the team."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from courses.models import Submission
from school_coops.exceptions import CooperativeRuleError
from school_coops.models import Consignor, Item, PaymentMethod
from school_coops.services.business import (
    SaleLineInput,
    business_unit_create,
    consignment_receive,
    sale_record,
)
from school_coops.services.consignment import plan_consignment_register, plan_default_share
from tests.school_coops.business_helpers import key
from tests.school_coops.test_approved_plans import make_plan

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def canteen(coop):
    return business_unit_create(coop=coop, kind="kantin", name="Kantin Sehat")


@pytest.fixture
def plan(coop, classroom, teacher):
    return make_plan(classroom, teacher)


def _unapproved():
    return Submission.objects.get(grade__approved=False).pk


def test_registering_an_approved_plan_makes_the_team_the_consignor_once(
    canteen,
    plan,
    treasurer,
):
    # when: registered twice (a double tap)
    first = plan_consignment_register(unit=canteen, submission_id=plan.submission_id, by=treasurer)
    again = plan_consignment_register(unit=canteen, submission_id=plan.submission_id, by=treasurer)
    # then: one item, priced from the plan, the team its consignor with both members
    assert again.pk == first.pk and Item.objects.filter(unit=canteen).count() == 1
    assert (first.name, first.price, first.cost) == ("Keripik singkong", D(5000), D(0))
    assert first.consignor_share == plan_default_share(D(5000)) == D(4500)
    team = first.consigned_by
    assert team.name == "Tim Keripik" and team.user is None
    assert sorted(team.members.values_list("username", flat=True)) == ["anggota1", "anggota2"]
    assert first.is_consignment and Consignor.objects.count() == 1


def test_the_officer_may_set_the_teams_share(canteen, plan, treasurer):
    item = plan_consignment_register(
        unit=canteen, submission_id=plan.submission_id, share="4.000", by=treasurer
    )
    assert item.consignor_share == D(4000)
    with pytest.raises(CooperativeRuleError, match="tidak boleh melebihi"):
        other = business_unit_create(coop=canteen.coop, kind="toko", name="Toko")
        plan_consignment_register(
            unit=other, submission_id=plan.submission_id, share="6000", by=treasurer
        )


def test_an_unapproved_plan_is_refused_with_a_message(canteen, plan, treasurer):
    with pytest.raises(CooperativeRuleError, match="belum disetujui guru"):
        plan_consignment_register(unit=canteen, submission_id=_unapproved(), by=treasurer)
    assert not Item.objects.exists() and not Consignor.objects.exists()


def test_the_screen_lists_registers_and_shows_the_item(client, canteen, plan, treasurer):
    url = reverse("school_coops:unit-plans", args=[canteen.coop.slug, canteen.code])
    client.force_login(treasurer)
    page = client.get(url).content.decode()
    assert "Tim Keripik" in page and "Daftarkan sebagai barang titipan" in page
    register = reverse(
        "school_coops:plan-register",
        args=[canteen.coop.slug, canteen.code, plan.submission_id],
    )
    for _tap in range(2):
        assert client.post(register, {"share": "4500"}).status_code == 302
    assert Item.objects.filter(unit=canteen).count() == 1
    page = client.get(url).content.decode()
    assert 'data-testid="registered"' in page and "Keripik singkong" in page


def test_the_screen_refuses_an_unapproved_plan_and_another_schools_plan(
    client,
    canteen,
    plan,
    treasurer,
    other_coop,
):
    client.force_login(treasurer)
    args = [canteen.coop.slug, canteen.code]
    refused = client.post(
        reverse("school_coops:plan-register", args=[*args, _unapproved()]), follow=True
    )
    assert "belum disetujui guru" in refused.content.decode()
    # a plan of another school, through this cooperative's unit: 404
    foreign_unit = business_unit_create(coop=other_coop, kind="kantin", name="Kantin Lain")
    pembina = other_coop.supervisors.first()
    client.force_login(pembina)
    url = reverse(
        "school_coops:plan-register",
        args=[other_coop.slug, foreign_unit.code, plan.submission_id],
    )
    assert client.post(url, {"share": "4500"}).status_code == 404
    assert not Item.objects.exists()


def test_team_members_see_the_teams_balance(client, canteen, plan, treasurer):
    item = plan_consignment_register(unit=canteen, submission_id=plan.submission_id, by=treasurer)
    consignment_receive(item=item, qty=10, by=treasurer, idempotency_key=key())
    sale_record(
        unit=canteen,
        lines=[SaleLineInput(item.pk, 3)],
        payment=PaymentMethod.CASH,
        by=treasurer,
        idempotency_key=key(),
    )
    for member in item.consigned_by.members.all():
        client.force_login(member)
        page = client.get(reverse("school_coops:my-consignments")).content.decode()
        assert "Tim Keripik" in page and "Rp 13.500" in page
