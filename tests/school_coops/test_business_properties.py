"""Random purchases, sales, returns and stock counts keep the business units' identities:
every sale entry balances, member purchases (the SHU's Va) equal the member part of sales
income, and each unit's inventory account equals its item counts times cost."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from school_coops.exceptions import CooperativeRuleError
from school_coops.models import Membership, PaymentMethod, SaleLine
from school_coops.services.business import (
    SaleLineInput,
    business_unit_create,
    consignment_receive,
    item_create,
    sale_record,
    sale_return_record,
    stock_count_record,
    stock_purchase_record,
)
from school_coops.services.cooperative import cooperative_create
from school_coops.services.members import membership_register
from tests.factories import ClassroomFactory, SchoolFactory, make_student, make_teacher
from tests.school_coops.business_helpers import assert_identities, key

ops = st.lists(
    st.one_of(
        st.tuples(st.just("buy"), st.integers(0, 3), st.integers(1, 20), st.integers(1, 90_000)),
        st.tuples(st.just("sell"), st.integers(0, 3), st.integers(1, 6), st.integers(0, 2)),
        st.tuples(st.just("return"), st.integers(0, 50), st.integers(1, 3), st.just(0)),
        st.tuples(st.just("count"), st.integers(0, 3), st.integers(0, 25), st.just(0)),
    ),
    min_size=1,
    max_size=25,
)


def _world():
    school = SchoolFactory()
    teacher = make_teacher(school)
    coop = cooperative_create(school=school, name="Kopsis Acak", by=teacher)
    classroom = ClassroomFactory(school=school)
    members = [
        membership_register(coop=coop, member=make_student(classroom), category="siswa", by=teacher)
        for _ in range(2)
    ]
    canteen = business_unit_create(coop=coop, kind="kantin", name="Kantin")
    shop = business_unit_create(coop=coop, kind="toko", name="Toko")
    items = [
        item_create(unit=canteen, name="Nasi", price=7000, cost=0),
        item_create(unit=shop, name="Buku tulis", price=4500, cost=0),
        item_create(unit=canteen, name="Es jeruk", price=3000, cost=0),
        item_create(
            unit=canteen,
            name="Keripik",
            price=2000,
            consignor=make_student(classroom),
            consignor_share=1500,
        ),
    ]
    return teacher, coop, members, [canteen, shop], items


def _apply(op, teacher, members: list[Membership], items) -> None:
    kind, index, qty, extra = op
    if kind == "buy":
        item = items[index]
        if item.is_consignment:
            consignment_receive(item=item, qty=qty, by=teacher, idempotency_key=key())
        else:
            stock_purchase_record(
                item=item, qty=qty, paid=extra, by=teacher, idempotency_key=key(), on_credit=True
            )
    elif kind == "sell":
        member = members[extra - 1] if extra else None
        payment = PaymentMethod.MEMBER_CREDIT if extra == 2 else PaymentMethod.CASH
        sale_record(
            unit=items[index].unit,
            lines=[SaleLineInput(items[index].pk, qty)],
            payment=payment,
            membership=member,
            by=teacher,
            idempotency_key=key(),
        )
    elif kind == "return":
        lines = list(SaleLine.objects.order_by("pk"))
        if lines:
            line = lines[index % len(lines)]
            sale_return_record(line=line, qty=qty, by=teacher, idempotency_key=key())
    else:
        stock_count_record(
            unit=items[index].unit, counts={items[index].pk: qty}, by=teacher, idempotency_key=key()
        )


@pytest.mark.django_db
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(ops=ops)
def test_random_sales_returns_and_counts_keep_the_identities(db, ops):
    teacher, coop, members, units, items = _world()
    for op in ops:
        # A refusal (more than the stock, over-return) changes nothing: identities still hold.
        with contextlib.suppress(CooperativeRuleError):
            _apply(op, teacher, members, items)
        for item in items:
            item.refresh_from_db()
        assert_identities(coop, units)
