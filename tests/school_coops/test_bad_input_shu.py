"""SHU screen with junk, other people's ids, twice, wrong roles: a message and no change."""

import datetime

import pytest
from django.urls import reverse

from school_coops.models import JournalEntry, JournalLine, PositionRole, ShuDistribution
from school_coops.selectors import unpaid_shu
from school_coops.services.shu import shu_distribution_confirm
from tests.school_coops import test_shu
from tests.school_coops.roles import officer, refused_people
from tests.school_coops.test_shu import FOUNDED, _with_rat

pytestmark = pytest.mark.django_db

# A cooperative whose tahun buku 2025 is closed, with three members (see test_shu.py).
old_coop, trio, closed_year = test_shu.old_coop, test_shu.trio, test_shu.closed_year


def _state():
    return (
        JournalEntry.objects.count(),
        JournalLine.objects.count(),
        ShuDistribution.objects.count(),
        sorted(
            ShuDistribution.objects.values_list("shares__pk", "shares__paid_entry").exclude(
                shares__pk=None
            )
        ),
    )


def _shu(coop):
    return reverse("school_coops:shu", args=[coop.slug])


def _payout(coop, year=2025):
    return reverse("school_coops:shu-payout", args=[coop.slug, year])


def _messages(response):
    return " ".join(str(m) for m in response.context["messages"])


@pytest.fixture
def rat(closed_year, teacher):
    return _with_rat(closed_year, teacher)


@pytest.fixture
def confirmed(closed_year, rat, teacher):
    return shu_distribution_confirm(coop=closed_year, fiscal_year=2025, by=teacher)


JUNK_YEARS = ["abc", "-5", "2025.5", "99999999999999999999", "", " ", "2025;DROP", "٢٠٢٥"]


def test_junk_years_in_the_preview_and_confirm_change_nothing(client, rat, teacher):
    # a junk year once fell back to last year and confirmed its SHU
    client.force_login(teacher)
    before = _state()
    for year in JUNK_YEARS:
        assert client.get(_shu(rat.coop), {"tahun": year}).status_code == 200, year
        response = client.post(_shu(rat.coop), {"fiscal_year": year}, follow=True)
        assert "Pilih tahun buku dari daftar" in _messages(response), year
    assert _state() == before


def test_confirm_without_the_year_field_is_refused_even_with_a_year_in_the_address(
    client, rat, teacher
):
    client.force_login(teacher)
    before = _state()
    response = client.post(f"{_shu(rat.coop)}?tahun=2025", {}, follow=True)
    assert "Pilih tahun buku dari daftar" in _messages(response)
    assert _state() == before


@pytest.mark.parametrize(
    ("year", "message"),
    [
        ("2026", "belum berakhir"),  # the running tahun buku
        ("2031", "belum berakhir"),  # the future
        ("1800", "Pilih tahun buku dari daftar"),  # out of range, not read as 1990
        ("2024", "belum ada AD/ART yang berlaku"),  # before the coop was founded
    ],
)
def test_confirming_a_year_that_cannot_be_shared_says_why(client, rat, teacher, year, message):
    client.force_login(teacher)
    before = _state()
    response = client.post(_shu(rat.coop), {"fiscal_year": year}, follow=True)
    assert message in _messages(response)
    assert _state() == before


def test_without_a_rat_confirm_is_refused_with_the_reason(client, closed_year, teacher):
    client.force_login(teacher)
    before = _state()
    response = client.post(_shu(closed_year), {"fiscal_year": "2025"}, follow=True)
    assert "catat dulu RAT tahun buku 2025" in _messages(response)
    assert _state() == before


JUNK_IDS = ["abc", "-1", "1.5", "99999999999999999999", "1e3", "0x1", "1 OR 1=1", "0", ""]


def test_junk_share_ids_are_not_found_and_pay_nothing(client, confirmed, teacher):
    # letters once raised ValueError (a 500)
    client.force_login(teacher)
    before = _state()
    for share in JUNK_IDS:
        response = client.post(_payout(confirmed.coop), {"share": share})
        assert response.status_code == 404, share
    assert _state() == before


def test_payout_of_a_year_without_a_distribution_is_not_found(client, confirmed, teacher):
    client.force_login(teacher)
    before = _state()
    for year in (2024, 2026, 99999, 99999999999999999999):
        assert client.post(_payout(confirmed.coop, year)).status_code == 404
    assert _state() == before


def test_a_share_of_another_year_or_cooperative_is_not_found(
    client, confirmed, teacher, school, classroom
):
    # given a second cooperative (same guru pembina) with its own distribution
    from school_coops.services.closing import fiscal_year_close
    from school_coops.services.cooperative import cooperative_create
    from school_coops.services.members import membership_register
    from school_coops.services.participation import member_purchase_record
    from tests.factories import make_student
    from tests.school_coops.test_shu import _cash

    other = cooperative_create(school=school, name="Kopsis Kedua", by=teacher, founded_on=FOUNDED)
    buyer = membership_register(
        coop=other, member=make_student(classroom), category="siswa", by=teacher, date=FOUNDED
    )
    member_purchase_record(
        membership=buyer, amount=50_000, by=teacher, date=datetime.date(2025, 3, 3)
    )
    _cash(other, teacher, datetime.date(2025, 4, 2), "6-1201", 10_000, incoming=False)
    fiscal_year_close(
        coop=other,
        start=datetime.date(2025, 1, 1),
        end=datetime.date(2025, 12, 31),
        by=teacher,
    )
    _with_rat(other, teacher)
    foreign = shu_distribution_confirm(coop=other, fiscal_year=2025, by=teacher).shares.get()
    # when the first cooperative's payout is posted with the other cooperative's share id
    client.force_login(teacher)
    before = _state()
    assert client.post(_payout(confirmed.coop), {"share": foreign.pk}).status_code == 404
    # then nothing is paid
    assert _state() == before and unpaid_shu(membership=buyer) == foreign.amount


def test_paying_one_share_twice_pays_once(client, confirmed, teacher):
    share = confirmed.shares.order_by("pk").first()
    client.force_login(teacher)
    client.post(_payout(confirmed.coop), {"share": share.pk})
    after_first = _state()
    response = client.post(_payout(confirmed.coop), {"share": share.pk}, follow=True)
    assert response.status_code == 200
    assert _state() == after_first
    assert unpaid_shu(membership=share.membership) == 0


def test_paying_all_twice_pays_each_share_once(client, confirmed, teacher):
    client.force_login(teacher)
    entries = JournalEntry.objects.count()
    first = client.post(_payout(confirmed.coop), follow=True)
    assert "3 pembayaran SHU dicatat" in _messages(first)
    assert JournalEntry.objects.count() == entries + 3
    second = client.post(_payout(confirmed.coop), follow=True)
    assert "0 pembayaran SHU dicatat" in _messages(second)
    assert JournalEntry.objects.count() == entries + 3


def test_confirming_twice_through_the_screen_posts_one_entry(client, rat, teacher):
    client.force_login(teacher)
    entries = JournalEntry.objects.count()
    for _ in range(2):
        client.post(_shu(rat.coop), {"fiscal_year": "2025"})
    assert ShuDistribution.objects.count() == 1
    assert JournalEntry.objects.count() == entries + 1


def test_a_tampered_fiscal_year_on_confirm_does_not_touch_the_confirmed_year(
    client, confirmed, teacher
):
    client.force_login(teacher)
    before = _state()
    response = client.post(_shu(confirmed.coop), {"fiscal_year": "2025", "tahun": "2024"})
    assert response.status_code == 302 and response["Location"].endswith("tahun=2025")
    assert _state() == before


@pytest.fixture
def refused(closed_year, classroom, teacher):
    # joined today: tahun buku 2025 is closed
    people = refused_people(closed_year, classroom, teacher, None)
    people["sekretaris"] = officer(
        closed_year, classroom, teacher, PositionRole.SEKRETARIS, "sekretaris-x", None
    )
    return people


def test_wrong_roles_cannot_confirm_or_pay(client, closed_year, rat, refused, teacher):
    for who, user in refused.items():
        client.force_login(user)
        before = _state()
        response = client.post(_shu(closed_year), {"fiscal_year": "2025"})
        assert response.status_code == 404, who
        assert _state() == before, who
    confirmed = shu_distribution_confirm(coop=closed_year, fiscal_year=2025, by=teacher)
    share = confirmed.shares.order_by("pk").first()
    for who, user in refused.items():
        client.force_login(user)
        before = _state()
        assert client.post(_payout(closed_year)).status_code == 404, who
        assert client.post(_payout(closed_year), {"share": share.pk}).status_code == 404, who
        assert _state() == before, who


def test_wrong_roles_cannot_see_the_preview(client, closed_year, refused):
    for who, user in refused.items():
        if who == "sekretaris":  # a pengurus reads the books
            continue
        client.force_login(user)
        assert client.get(_shu(closed_year), {"tahun": 2025}).status_code == 404, who


def test_anonymous_is_sent_to_login_and_changes_nothing(client, rat):
    before = _state()
    response = client.post(_shu(rat.coop), {"fiscal_year": "2025"})
    assert response.status_code == 302 and "/akun/masuk/" in response["Location"]
    assert _state() == before


def test_get_on_payout_is_refused(client, confirmed, teacher):
    client.force_login(teacher)
    before = _state()
    assert client.get(_payout(confirmed.coop)).status_code == 405
    assert _state() == before


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_pay_all_and_pay_one_pay_each_share_once(closed_year, trio, teacher):
    import threading

    from django.db import connection

    from school_coops.services.shu import shu_payout, shu_payout_all

    _with_rat(closed_year, teacher)
    dist = shu_distribution_confirm(coop=closed_year, fiscal_year=2025, by=teacher)
    entries = JournalEntry.objects.count()
    first = dist.shares.order_by("pk").first()
    barrier, errors, counts = threading.Barrier(5), [], []

    def run(job):
        try:
            barrier.wait()
            counts.append(job())
        except Exception as exc:  # collected for the assertion
            errors.append(exc)
        finally:
            connection.close()

    jobs = [lambda: shu_payout_all(distribution=dist, by=teacher)] * 3
    jobs += [lambda: shu_payout(share=first, by=teacher)] * 2
    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert JournalEntry.objects.count() == entries + 3
    # "n pembayaran SHU dicatat" counts only what that request paid
    assert sum(c for c in counts if isinstance(c, int)) <= 3
    assert all(unpaid_shu(membership=m) == 0 for m in trio.values())
    assert not dist.shares.filter(paid_entry__isnull=True).exists()
