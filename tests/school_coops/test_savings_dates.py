"""Savings forms carry a transaction date: a month of paper receipts entered afterwards."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from school_coops.models import JournalEntry, SavingsKind, WajibPayment
from school_coops.selectors import savings_balances, savings_card
from school_coops.services.closing import accounting_period_close
from school_coops.services.ledger import accounting_period_for
from tests.school_coops.conftest import FOUNDED

pytestmark = pytest.mark.django_db


def _post(client, name, coop, member, data):
    url = reverse(f"school_coops:{name}", args=[coop.slug, member.pk])
    return client.post(url, data, headers={"HX-Request": "true"}).content.decode()


def test_a_month_of_dated_deposits_withdrawals_and_wajib(client, coop, member, treasurer):
    client.force_login(treasurer)
    day = FOUNDED + datetime.timedelta(days=3)
    for i, (action, prefix, amount) in enumerate(
        [("savings-deposit", "setor", "20.000"), ("savings-withdraw", "tarik", "5.000")]
    ):
        _post(
            client,
            action,
            coop,
            member,
            {
                f"{prefix}-amount": amount,
                f"{prefix}-date": (day + datetime.timedelta(days=7 * i)).isoformat(),
                f"{prefix}-idempotency_key": f"dated-{i}" * 4,
            },
        )
    _post(
        client,
        "wajib-pay",
        coop,
        member,
        {
            "wajib-period": "2026-07-01",
            "wajib-date": "2026-07-20",
            "wajib-idempotency_key": "w" * 20,
        },
    )
    assert savings_balances(membership=member)[SavingsKind.SUKARELA] == Decimal(15_000)
    dates = [r.date for r in savings_card(membership=member) if r.kind != SavingsKind.POKOK]
    assert dates == [
        datetime.date(2026, 7, 18),
        datetime.date(2026, 7, 20),
        datetime.date(2026, 7, 25),
    ]
    assert WajibPayment.objects.get(membership=member).entry.date == datetime.date(2026, 7, 20)


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (timezone.localdate() + datetime.timedelta(days=1), "tidak boleh di masa depan"),
        (FOUNDED - datetime.timedelta(days=1), "sebelum tanggal masuk anggota"),
        (datetime.date(2026, 8, 10), "Periode 08/2026 sudah ditutup"),
    ],
)
def test_bad_transaction_dates_are_refused(client, coop, member, treasurer, teacher, day, message):
    accounting_period_close(
        period=accounting_period_for(coop=coop, day=datetime.date(2026, 8, 1)), by=teacher
    )
    client.force_login(treasurer)
    entries = JournalEntry.objects.count()
    html = _post(
        client,
        "savings-deposit",
        coop,
        member,
        {"setor-amount": "5000", "setor-date": day.isoformat(), "setor-idempotency_key": "d" * 20},
    )
    assert message in html
    assert JournalEntry.objects.count() == entries
    assert savings_balances(membership=member)[SavingsKind.SUKARELA] == 0


def test_the_form_offers_today_and_no_later(client, coop, member, treasurer):
    client.force_login(treasurer)
    url = reverse("school_coops:membership-detail", args=[coop.slug, member.pk])
    html = client.get(url).content.decode()
    today = timezone.localdate().isoformat()
    assert f'name="setor-date" value="{today}"' in html and f'max="{today}"' in html
