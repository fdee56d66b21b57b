"""Books a student treasurer can keep (issue 11 point 2): cash presets, the unpaid wajib list,
withdrawal receipts and graduation per class."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from school_coops.chart import CASH, NONMEMBER_SALES, SAVINGS_SUKARELA
from school_coops.models import JournalEntry, Membership, WajibPayment
from school_coops.selectors import coop_wajib_arrears, receipt_amount
from school_coops.services.savings import savings_deposit, savings_withdraw

pytestmark = pytest.mark.django_db

KEY = "k" * 24


def _preset(client, coop, **data):
    return client.post(
        reverse("school_coops:cash-preset", args=[coop.slug]),
        {
            f"preset-{k}": v
            for k, v in {"date": "2026-07-20", "note": "", "idempotency_key": KEY, **data}.items()
        },
        HTTP_HX_REQUEST="true",
    )


def test_a_preset_fills_the_accounts_and_a_second_tap_posts_once(client, coop, treasurer):
    client.force_login(treasurer)
    page = client.get(reverse("school_coops:cash-entry", args=[coop.slug]))
    assert "Penjualan tunai" in page.content.decode()
    for _tap in range(2):
        response = _preset(client, coop, preset="penjualan-tunai", amount="15.000", note="kantin")
        assert response.status_code == 200
    entries = JournalEntry.objects.filter(coop=coop, idempotency_key=KEY)
    assert entries.count() == 1
    entry = entries.get()
    lines = {(line.account.code, line.side): line.amount for line in entry.lines.all()}
    assert lines == {(CASH, "D"): Decimal(15000), (NONMEMBER_SALES, "K"): Decimal(15000)}
    assert entry.receipt_number.startswith("KW-2026-")
    assert entry.memo == "Penjualan tunai (bukan per anggota): kantin"


def test_a_cash_out_preset_is_refused_when_cash_would_go_below_zero(client, coop, treasurer):
    client.force_login(treasurer)
    response = _preset(client, coop, preset="biaya-listrik-kebersihan", amount="5.000.000")
    assert response.status_code == 200
    assert not JournalEntry.objects.filter(coop=coop, idempotency_key=KEY).exists()
    assert "alert error" in response.content.decode()


@pytest.mark.parametrize(
    "data",
    [
        {"preset": "penjualan-tunai", "amount": "lima ribu"},
        {"preset": "penjualan-tunai", "amount": "-5000"},
        {"preset": "penjualan-tunai", "amount": "1.5"},
        {"preset": "tidak-ada", "amount": "5000"},
        {"preset": "penjualan-tunai", "amount": "5000", "date": "2099-01-01"},
        {"preset": "penjualan-tunai", "amount": "5000", "date": "kemarin"},
    ],
)
def test_junk_preset_input_is_refused_in_indonesian(client, coop, treasurer, data):
    client.force_login(treasurer)
    response = _preset(client, coop, **data)
    assert response.status_code == 200
    assert "field-error" in response.content.decode()
    assert not JournalEntry.objects.filter(coop=coop, idempotency_key=KEY).exists()


def test_the_unpaid_wajib_list_pays_one_month_per_tap_idempotently(
    client, coop, member, treasurer, settings
):
    client.force_login(treasurer)
    rows = coop_wajib_arrears(coop=coop)
    row = next(r for r in rows if r["membership"] == member)
    period = row["next"]["period"]
    page = client.get(reverse("school_coops:wajib-arrears", args=[coop.slug]))
    assert member.member.get_full_name() in page.content.decode()
    url = reverse("school_coops:wajib-arrears-pay", args=[coop.slug, member.pk])
    for _tap in range(2):  # a double tap sends the same key twice
        response = client.post(
            url, {"period": period.isoformat(), "idempotency_key": KEY}, HTTP_HX_REQUEST="true"
        )
        assert response.status_code == 200
    assert WajibPayment.objects.filter(membership=member).count() == 1
    assert WajibPayment.objects.get(membership=member).period == period
    after = next((r for r in coop_wajib_arrears(coop=coop) if r["membership"] == member), None)
    assert after is None or len(after["months"]) == len(row["months"]) - 1


def test_wajib_tap_junk_and_other_coops_members(client, coop, member, treasurer, other_coop):
    client.force_login(treasurer)
    foreign = Membership.objects.filter(coop=other_coop).first()
    url = reverse("school_coops:wajib-arrears-pay", args=[coop.slug, foreign.pk])
    assert client.post(url, {"period": "2026-07-01", "idempotency_key": KEY}).status_code == 404
    url = reverse("school_coops:wajib-arrears-pay", args=[coop.slug, member.pk])
    response = client.post(
        url, {"period": "bulan-lalu", "idempotency_key": KEY}, HTTP_HX_REQUEST="true"
    )
    assert "Periode simpanan wajib tidak valid." in response.content.decode()
    response = client.post(
        url, {"period": "2031-01-01", "idempotency_key": KEY}, HTTP_HX_REQUEST="true"
    )
    assert "belum jatuh tempo" in response.content.decode()
    assert not WajibPayment.objects.filter(membership=member).exists()


def test_withdrawals_get_their_own_receipt_series(coop, member, treasurer):
    deposit = savings_deposit(membership=member, amount=10000, by=treasurer)
    first = savings_withdraw(membership=member, amount=3000, by=treasurer)
    second = savings_withdraw(membership=member, amount=2000, by=treasurer)
    assert deposit.receipt_number.startswith("KW-")
    year = first.date.year
    assert (first.receipt_number, second.receipt_number) == (
        f"BKK-{year}-00001",
        f"BKK-{year}-00002",
    )
    assert receipt_amount(entry=first) == Decimal(3000)
    assert first.lines.get(account__code=SAVINGS_SUKARELA).side == "D"


def test_withdrawal_receipt_pdf_says_paid_out(client, coop, member, treasurer):
    savings_deposit(membership=member, amount=10000, by=treasurer)
    entry = savings_withdraw(membership=member, amount=3000, by=treasurer)
    client.force_login(treasurer)
    response = client.get(reverse("school_coops:receipt", args=[coop.slug, entry.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


def _graduate(client, coop, classroom, members, key=KEY, reason="lulus"):
    return client.post(
        reverse("school_coops:graduation", args=[coop.slug]),
        {
            "kelas": classroom.pk,
            "members": members,
            "reason": reason,
            "date": "",
            "idempotency_key": key,
        },
    )


def test_graduation_reviews_the_class_and_ends_it_once(
    client, coop, member, teacher, classroom, treasurer
):
    savings_deposit(membership=member, amount=4000, by=teacher)
    client.force_login(teacher)
    page = client.get(reverse("school_coops:graduation", args=[coop.slug]), {"kelas": classroom.pk})
    assert member.member.get_full_name() in page.content.decode()
    for _confirm in range(2):
        assert _graduate(client, coop, classroom, [member.pk]).status_code == 302
    member.refresh_from_db()
    assert member.status == Membership.Status.ENDED
    assert member.end_reason == "lulus"
    exits = JournalEntry.objects.filter(coop=coop, workflow="anggota-keluar")
    assert exits.count() == 1
    # the treasurer (not ticked) stays a member
    assert Membership.objects.get(coop=coop, member=treasurer).status == "aktif"


def test_graduation_bad_input(client, coop, member, teacher, classroom, other_coop, treasurer):
    foreign = Membership.objects.filter(coop=other_coop).first()
    client.force_login(teacher)
    assert _graduate(client, coop, classroom, [foreign.pk]).status_code == 404
    assert _graduate(client, coop, classroom, ["abc"]).status_code == 404
    url = reverse("school_coops:graduation", args=[coop.slug])
    assert client.get(url, {"kelas": "x"}).status_code == 404
    response = _graduate(client, coop, classroom, [member.pk], reason="kabur")
    assert response.status_code == 200
    assert "Pilih alasan dari daftar." in response.content.decode()
    member.refresh_from_db()
    assert member.status == Membership.Status.ACTIVE
    # a student treasurer may not end memberships
    client.force_login(treasurer)
    assert _graduate(client, coop, classroom, [member.pk]).status_code == 404
