"""Receipts (kuitansi) follow the rule of the money they show (issue 8, "Receipts leak")."""

from decimal import Decimal

import pytest
from django.urls import reverse

from school_coops.models import PositionRole
from school_coops.selectors import receipt_amount, receipt_members
from school_coops.services.ledger import LineInput, account_by_code, journal_entry_post
from school_coops.services.savings import savings_deposit
from tests.school_coops.conftest import FOUNDED
from tests.school_coops.roles import officer

pytestmark = pytest.mark.django_db


def test_the_pengawas_gets_404_on_receipts_as_on_member_pages(
    client, coop, member, treasurer, classroom, teacher
):
    # given a member's deposit with its receipt, and a grant received in cash
    deposit = savings_deposit(membership=member, amount=Decimal(2500), by=treasurer)
    kas, grants = (account_by_code(coop=coop, code=c) for c in ("1-1101", "3-1401"))
    grant = journal_entry_post(
        coop=coop,
        date=FOUNDED,
        memo="Hibah komite",
        by=teacher,
        receipt=True,
        lines=[
            LineInput(kas.pk, "D", Decimal(50_000)),
            LineInput(grants.pk, "K", Decimal(50_000)),
        ],
    )
    pengawas = officer(
        coop, classroom, teacher, PositionRole.PENGAWAS, "pengawas-kuitansi", FOUNDED
    )
    client.force_login(pengawas)
    # the pengawas sees the cooperative but not the member's page, so not their receipts
    assert client.get(reverse("school_coops:dashboard", args=[coop.slug])).status_code == 200
    member_page = reverse("school_coops:membership-detail", args=[coop.slug, member.pk])
    assert client.get(member_page).status_code == 404
    for entry in (deposit, grant):
        url = reverse("school_coops:receipt", args=[coop.slug, entry.pk])
        assert client.get(url).status_code == 404
    # while the guru pembina and the bendahara still get both
    for user in (teacher, treasurer):
        client.force_login(user)
        for entry in (deposit, grant):
            url = reverse("school_coops:receipt", args=[coop.slug, entry.pk])
            response = client.get(url)
            assert response.status_code == 200 and response.content[:4] == b"%PDF"


def test_the_receipt_amount_is_the_cash_received_in_one_query(
    coop, member, treasurer, django_assert_num_queries
):
    deposit = savings_deposit(membership=member, amount=Decimal(2500), by=treasurer)
    with django_assert_num_queries(1):
        assert receipt_amount(entry=deposit) == Decimal(2500)
    assert list(receipt_members(entry=deposit)) == [member]
