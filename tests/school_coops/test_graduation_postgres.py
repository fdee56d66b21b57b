"""PostgreSQL: two teachers confirm the graduation of the same class at the same moment."""

import threading
from decimal import Decimal

import pytest
from django.db import connections
from django.utils import timezone

from school_coops.models import JournalEntry, Membership
from school_coops.selectors import trial_balance
from school_coops.services.cooperative import cooperative_create
from school_coops.services.members import membership_register, memberships_end_for_class
from school_coops.services.savings import savings_deposit
from tests.factories import ClassroomFactory, SchoolFactory, make_student, make_teacher

pytestmark = pytest.mark.postgres


@pytest.mark.django_db(transaction=True)
def test_two_confirmations_at_once_end_each_member_once():
    # given a class of four members with savings, and two teachers of the school
    school = SchoolFactory()
    first, second = make_teacher(school), make_teacher(school, username="guru-dua")
    coop = cooperative_create(
        school=school, name="Kopsis Lulus", by=first, founded_on=timezone.localdate()
    )
    classroom = ClassroomFactory(school=school)
    members = []
    for n in range(4):
        m = membership_register(
            coop=coop, member=make_student(classroom), category="siswa", by=first
        )
        savings_deposit(membership=m, amount=Decimal(5_000 + n), by=first)
        members.append(m)
    entries_before = JournalEntry.objects.filter(coop=coop).count()
    barrier = threading.Barrier(2)
    ended: list[int] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def confirm(teacher, key: str) -> None:
        try:
            barrier.wait()
            done = memberships_end_for_class(
                coop=coop,
                memberships=members,
                reason=Membership.EndReason.GRADUATED,
                by=teacher,
                idempotency_key=key,
            )
            with lock:
                ended.extend(m.pk for m in done)
        except BaseException as exc:  # reported by the assertion below
            errors.append(exc)
        finally:
            connections.close_all()

    # when both confirm at the same moment, each with their own form's key
    threads = [
        threading.Thread(target=confirm, args=(t, k))
        for t, k in ((first, "lulus-a"), (second, "lulus-b"))
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    # then every member ended exactly once, one exit entry each, and the books balance
    assert errors == []
    assert sorted(ended) == sorted(m.pk for m in members)
    assert Membership.objects.filter(coop=coop, status=Membership.Status.ENDED).count() == 4
    assert JournalEntry.objects.filter(coop=coop).count() == entries_before + 4
    assert trial_balance(coop=coop)["balanced"]
