"""'Akhiri keanggotaan' asks for confirmation first, with no preselected reason, and shows
what will happen to the savings (issue 8 §2)."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from school_coops.models import JournalEntry, Membership
from school_coops.selectors import membership_exit_preview, payable_outstanding
from school_coops.services.savings import savings_deposit

pytestmark = pytest.mark.django_db


def test_ending_a_membership_shows_the_savings_and_asks_for_a_reason_first(
    client, coop, member, treasurer
):
    savings_deposit(membership=member, amount=Decimal(7_500), by=treasurer)
    entries = JournalEntry.objects.count()
    client.force_login(treasurer)
    detail = client.get(reverse("school_coops:membership-detail", args=[coop.slug, member.pk]))
    url = reverse("school_coops:membership-end", args=[coop.slug, member.pk])
    assert url in detail.content.decode()
    # the confirmation page: pokok 10.000 + sukarela 7.500 to be paid back, no reason chosen
    page = client.get(url).content.decode()
    assert 'data-testid="exit-preview"' in page
    assert "Rp 10.000" in page and "Rp 7.500" in page
    assert "Rp 17.500" in page and membership_exit_preview(membership=member).payable == 17_500
    select = page.split('name="keluar-reason"')[1].split("</select>")[0]
    assert re.findall(r'<option value="([^"]*)" selected', select) == [""]
    member.refresh_from_db()
    assert member.status == Membership.Status.ACTIVE and JournalEntry.objects.count() == entries
    # a confirmation without a reason changes nothing
    key = page.split('name="keluar-idempotency_key" value="')[1].split('"')[0]
    again = client.post(url, {"keluar-idempotency_key": key, "keluar-reason": ""})
    assert again.status_code == 200 and "Alasan keluar" in again.content.decode()
    member.refresh_from_db()
    assert member.status == Membership.Status.ACTIVE
    # the confirmed reason ends it with exactly the amounts shown
    client.post(url, {"keluar-idempotency_key": key, "keluar-reason": "lulus"})
    member.refresh_from_db()
    assert member.status == Membership.Status.ENDED and member.end_reason == "lulus"
    assert payable_outstanding(membership=member) == 17_500


def test_members_cannot_open_the_confirmation(client, coop, member, student):
    client.force_login(student)
    url = reverse("school_coops:membership-end", args=[coop.slug, member.pk])
    assert client.get(url).status_code == 404
