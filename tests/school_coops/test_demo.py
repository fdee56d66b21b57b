import pytest

from school_coops.models import Cooperative, JournalEntry, Membership
from school_coops.selectors import savings_reconciliation, trial_balance

pytestmark = pytest.mark.django_db


def test_demo_seed_is_idempotent_and_its_books_balance():
    from lms.accounts import demo as core_demo
    from school_coops import demo

    core_demo.seed()
    demo.seed()
    counts = (Cooperative.objects.count(), Membership.objects.count(), JournalEntry.objects.count())
    demo.seed()
    assert (
        Cooperative.objects.count(),
        Membership.objects.count(),
        JournalEntry.objects.count(),
    ) == counts
    coop = Cooperative.objects.get(slug=demo.COOP_SLUG)
    assert coop.status == "aktif" and trial_balance(coop=coop)["balanced"]
    assert all(row["ok"] for row in savings_reconciliation(coop=coop))
