"""Paying a consignor from two phones at once: what is owed is paid once, never twice."""

from __future__ import annotations

import threading
from decimal import Decimal

import pytest
from django.db import connections

from school_coops.exceptions import CooperativeRuleError
from school_coops.models import ConsignorPayout, PaymentMethod
from school_coops.selectors.consignment import consignor_owed
from school_coops.services.business import (
    SaleLineInput,
    business_unit_create,
    consignment_receive,
    item_create,
    sale_record,
)
from school_coops.services.consignment import consignor_payout
from school_coops.services.cooperative import cooperative_create
from tests.factories import SchoolFactory, make_teacher
from tests.school_coops.business_helpers import assert_identities, key

pytestmark = pytest.mark.postgres


def _owed_canteen():
    """A consignor owed 5.000 (2 cakes sold at a 2.500 share) and 6.000 in Kas."""
    school = SchoolFactory()
    teacher = make_teacher(school)
    coop = cooperative_create(school=school, name="Kopsis Serentak Titipan", by=teacher)
    canteen = business_unit_create(coop=coop, kind="kantin", name="Kantin")
    cake = item_create(
        unit=canteen, name="Bolu", price=3000, consignor=teacher, consignor_share=2500
    )
    consignment_receive(item=cake, qty=2, by=teacher, idempotency_key=key())
    sale_record(
        unit=canteen,
        lines=[SaleLineInput(cake.pk, 2)],
        payment=PaymentMethod.CASH,
        by=teacher,
        idempotency_key=key(),
    )
    return teacher, coop, canteen, cake.consigned_by


def _race(target, n: int = 2) -> list[str]:
    barrier, results = threading.Barrier(n), []

    def run() -> None:
        try:
            barrier.wait()
            target()
            results.append("ok")
        except CooperativeRuleError as exc:
            results.append(str(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


@pytest.mark.django_db(transaction=True)
def test_two_payouts_of_all_that_is_owed_at_once_pay_it_once():
    teacher, coop, canteen, consignor = _owed_canteen()

    def pay_all() -> None:
        consignor_payout(consignor=consignor, amount=5000, by=teacher, idempotency_key=key())

    results = _race(pay_all)
    assert results.count("ok") == 1
    assert any("melebihi yang masih terutang" in r for r in results)
    assert ConsignorPayout.objects.filter(consignor=consignor).count() == 1
    assert consignor_owed(consignor=consignor) == Decimal(0)
    assert_identities(coop, [canteen])


@pytest.mark.django_db(transaction=True)
def test_a_double_tap_with_one_key_at_once_pays_once():
    teacher, _coop, _canteen, consignor = _owed_canteen()
    k = key()

    def tap() -> None:
        consignor_payout(consignor=consignor, amount=2000, by=teacher, idempotency_key=k)

    assert _race(tap) == ["ok", "ok"]
    assert ConsignorPayout.objects.filter(consignor=consignor).count() == 1
    assert consignor_owed(consignor=consignor) == Decimal(3000)
