"""Two counters selling the last item at the same moment: one sale, one refusal."""

from __future__ import annotations

import threading

import pytest
from django.db import connections

from school_coops.exceptions import CooperativeRuleError
from school_coops.models import Item, PaymentMethod, Sale
from school_coops.services.business import (
    SaleLineInput,
    business_unit_create,
    item_create,
    sale_record,
    stock_purchase_record,
)
from school_coops.services.cooperative import cooperative_create
from tests.factories import SchoolFactory, make_teacher
from tests.school_coops.business_helpers import assert_identities, key

pytestmark = pytest.mark.postgres


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_sales_of_the_last_item_only_one_succeeds():
    school = SchoolFactory()
    teacher = make_teacher(school)
    coop = cooperative_create(school=school, name="Kopsis Serentak Kantin", by=teacher)
    canteen = business_unit_create(coop=coop, kind="kantin", name="Kantin")
    item = item_create(unit=canteen, name="Roti", price=5000, cost=0)
    stock_purchase_record(
        item=item, qty=1, paid=3000, by=teacher, idempotency_key=key(), on_credit=True
    )
    barrier = threading.Barrier(2)
    results: list[str] = []

    def sell() -> None:
        try:
            barrier.wait()
            sale_record(
                unit=canteen,
                lines=[SaleLineInput(item.pk, 1)],
                payment=PaymentMethod.CASH,
                by=teacher,
                idempotency_key=key(),
            )
            results.append("ok")
        except CooperativeRuleError as exc:
            results.append(str(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sell) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results.count("ok") == 1
    assert any("Stok Roti tinggal 0" in r for r in results)
    assert Sale.objects.filter(coop=coop).count() == 1
    assert Item.objects.get(pk=item.pk).stock_qty == 0
    assert_identities(coop, [canteen])
