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
    # two members kept their SHU as savings: the credit is on their sukarela card
    for username in ("anggota02", "anggota03"):
        share = distribution.shares.get(membership__member__username=username)
        assert share.paid_to == "sukarela" and share.paid_entry is not None
        card = share.membership.savings.get(kind="sukarela")
        assert card.balance >= share.amount
        assert card.lines.filter(entry=share.paid_entry).exists()
    assert distribution.shares.filter(paid_entry__isnull=True).exists()  # "Bayar semua" waits
    assert coop.bylaws.get(version=2).simpanan_wajib_amount == 3000
    assert not coop.rat_records.get().is_late


def test_demo_district_has_a_queue_a_returned_submission_and_missing_pendataan():
    from django.utils import timezone

    from lms.accounts import demo as core_demo
    from lms.accounts.models import User
    from school_coops import demo
    from school_coops.selectors.dinas import (
        dinas_region_ids,
        pendataan_missing,
        recognition_queue,
    )

    core_demo.seed()
    demo.seed()
    demo.seed()
    dinas = User.objects.get(username="dinas")
    assert [s.coop.name for s in recognition_queue(user=dinas)] == ["Kopsis Sukamaju"]
    cempaka = Cooperative.objects.get(name="Kopsis Cempaka")
    assert cempaka.recognition_submissions.get().status == "dikembalikan"
    assert Cooperative.objects.get(name="Kopsis Melati").status == "menunggu_pengukuhan"
    missing = pendataan_missing(
        region_ids=dinas_region_ids(user=dinas), year=timezone.localdate().year
    )
    names = set(missing.values_list("name", flat=True))
    assert {"Kopsis Cempaka", "Kopsis Melati"} <= names
    assert "Kopsis Sukamaju" not in names and demo.COOP_NAME not in names
