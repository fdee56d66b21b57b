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
    # last tahun buku was closed, its RAT recorded and its SHU shared out; a later AD/ART
    from school_coops.models import ShuDistribution
    from school_coops.selectors import shu_received

    distribution = ShuDistribution.objects.get(coop=coop)
    assert distribution.total == 315_000 - 165_000  # member purchases − their cost
    assert sum(s.amount for s in distribution.shares.all()) == (
        distribution.total * 45 // 100  # JMA 20 % + JUA 25 %, largest remainder
    )
    siswa = coop.memberships.get(member__username="siswa")
    assert shu_received(membership=siswa) > 0
    assert distribution.shares.get(membership=siswa).paid_entry is not None
    assert coop.bylaws.get(version=2).simpanan_wajib_amount == 3000
    assert not coop.rat_records.get().is_late
