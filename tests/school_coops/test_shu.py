"""SHU distribution (docs/domain.md §3.3, §9 cases 2–11 and 14).

Numbers, ledger, screens, portal.
"""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from school_coops.exceptions import CooperativeRuleError
from school_coops.models import JournalLine, Membership, ShuDistribution, Side
from school_coops.selectors import account_balance, shu_received, trial_balance, unpaid_shu
from school_coops.selectors.shu import allocate_buckets, shu_plan, split_pool
from school_coops.services.closing import fiscal_year_close
from school_coops.services.cooperative import bylaw_version_create, cooperative_rat_record
from school_coops.services.ledger import LineInput, account_by_code, journal_entry_post
from school_coops.services.members import membership_end, membership_register
from school_coops.services.participation import member_purchase_record
from school_coops.services.savings import savings_wajib_pay
from school_coops.services.shu import shu_distribution_confirm, shu_payout
from tests.factories import make_student
from tests.school_coops.rat_helpers import rat_with_shu_approved

pytestmark = pytest.mark.django_db

D = Decimal
LR, FLOOR = "sisa_terbesar", "bulat_bawah"
TEXTBOOK_PERCENTS = {
    "cadangan": D(30),
    "jasa_modal": D(20),
    "jasa_usaha": D(25),
    "pengurus": D(5),
    "pendidikan": D(10),
    "sosial": D(5),
    "pembangunan": D(5),
}


def test_buckets_of_the_tunas_bangsa_example_and_an_uneven_total():
    # docs/domain.md §3.3 example and §9 case 2
    amounts = allocate_buckets(D(6_000_000), TEXTBOOK_PERCENTS)
    assert amounts["cadangan"] == 1_800_000 and amounts["jasa_modal"] == 1_200_000
    assert amounts["jasa_usaha"] == 1_500_000 and amounts["pendidikan"] == 600_000
    odd = allocate_buckets(D(1_000_001), TEXTBOOK_PERCENTS)
    assert sum(odd.values()) == D(1_000_001)
    assert all(a == a.to_integral_value() for a in odd.values())
    assert odd["jasa_modal"] == 200_000 and odd["cadangan"] == 300_000 + 1  # 0,2+0,25+… → 1


def test_the_tunas_bangsa_table_with_floor_rounding():
    # docs/domain.md §9 case 4: TMS 12 jt, VUK 60 jt; the other members are one "rest" row
    savings = {"siti": D(34_000), "budi": D(22_000), "citra": D(34_000), "dedi": D(17_000)}
    purchases = {"siti": D(450_000), "budi": D(120_000), "citra": D(0), "dedi": D(333_333)}
    savings["rest"] = D(12_000_000) - sum(savings.values())
    purchases["rest"] = D(60_000_000) - sum(purchases.values())
    jma, jma_rest = split_pool(D(1_200_000), savings, FLOOR)
    jua, jua_rest = split_pool(D(1_500_000), purchases, FLOOR)
    paid = {k: jma[k] + jua[k] for k in ("siti", "budi", "citra", "dedi")}
    assert paid == {"siti": 14_650, "budi": 5_200, "citra": 3_400, "dedi": 10_033}
    # the floored fractions are the residual that goes to cadangan
    assert jma_rest + jua_rest > 0
    assert sum(jma.values()) + jma_rest == 1_200_000 and sum(jua.values()) + jua_rest == 1_500_000


def test_lukman_gets_1_240_000():
    # docs/domain.md §9 case 5 (beritaharianku): JUA 25 %, JMA 20 % of Rp 60 jt
    jua, _r = split_pool(D(15_000_000), {"lukman": D(5_000_000), "rest": D(70_000_000)}, LR)
    jma, _r = split_pool(D(12_000_000), {"lukman": D(2_000_000), "rest": D(98_000_000)}, LR)
    assert jua["lukman"] + jma["lukman"] == D(1_240_000)


def test_largest_remainder_pays_exactly_the_pool_and_each_within_one_rupiah():
    # docs/domain.md §9 case 3
    weights = {i: D(w) for i, w in enumerate([1, 1, 1, 7, 13, 0])}
    paid, residual = split_pool(D(1_000), weights, LR)
    assert residual == 0 and sum(paid.values()) == 1_000
    total = sum(weights.values())
    for key, weight in weights.items():
        assert abs(paid[key] - D(1_000) * weight / total) < 1
    assert paid[5] == 0  # zero weight, zero share (case 6)


# -- a coop with a finished tahun buku 2025 ------------------------------------------------

FOUNDED = datetime.date(2025, 1, 6)
YEAR_START, YEAR_END = datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)
RAT_ON = datetime.date(2026, 2, 20)


@pytest.fixture
def old_coop(school, teacher):
    from school_coops.services.cooperative import cooperative_create

    return cooperative_create(school=school, name="Kopsis Lama", by=teacher, founded_on=FOUNDED)


@pytest.fixture
def trio(old_coop, classroom, teacher):
    """Ani buys a lot and saves; Budi only saves (no purchases); Cici buys and saves less."""
    members = {}
    for name in ("ani", "budi", "cici"):
        user = make_student(classroom, username=f"shu-{name}")
        members[name] = membership_register(
            coop=old_coop, member=user, category="siswa", by=teacher, date=FOUNDED
        )
    for month in range(1, 4):  # Ani and Budi pay three months of wajib, Cici one
        for name in ("ani", "budi") if month > 1 else ("ani", "budi", "cici"):
            savings_wajib_pay(
                membership=members[name],
                period=datetime.date(2025, month, 1),
                by=teacher,
                date=datetime.date(2025, month, 10),
            )
    member_purchase_record(
        membership=members["ani"], amount=600_000, by=teacher, date=datetime.date(2025, 3, 1)
    )
    member_purchase_record(
        membership=members["cici"], amount=200_000, by=teacher, date=datetime.date(2025, 4, 1)
    )
    return members


def _cash(coop, teacher, day, code, amount, incoming):
    kas = account_by_code(coop=coop, code="1-1101")
    other = account_by_code(coop=coop, code=code)
    sides = (Side.DEBIT, Side.CREDIT) if incoming else (Side.CREDIT, Side.DEBIT)
    journal_entry_post(
        coop=coop,
        date=day,
        memo=f"{code} {amount}",
        by=teacher,
        lines=[LineInput(kas.pk, sides[0], D(amount)), LineInput(other.pk, sides[1], D(amount))],
    )


@pytest.fixture
def closed_year(old_coop, trio, teacher):
    """SHU 2025 = 800.000 member sales − 300.000 costs + 100.000 non-member sales = 600.000."""
    _cash(old_coop, teacher, datetime.date(2025, 5, 2), "6-1201", 300_000, incoming=False)
    _cash(old_coop, teacher, datetime.date(2025, 6, 2), "4-1201", 100_000, incoming=True)
    fiscal_year_close(coop=old_coop, start=YEAR_START, end=YEAR_END, by=teacher)
    return old_coop


def _with_rat(coop, teacher):
    # The RAT decided this SHU split by vote: what allows the distribution.
    return rat_with_shu_approved(coop=coop, fiscal_year=2025, held_on=RAT_ON, by=teacher)


def test_distribution_needs_a_rat_decision(closed_year, teacher):
    # docs/domain.md §9 case 11
    plan = shu_plan(coop=closed_year, fiscal_year=2025)
    assert plan.total == D(600_000) and any("catat dulu RAT" in p for p in plan.problems)
    with pytest.raises(CooperativeRuleError, match="RAT"):
        shu_distribution_confirm(coop=closed_year, fiscal_year=2025, by=teacher)
    assert not ShuDistribution.objects.exists()


def test_distribution_needs_the_year_closed(old_coop, trio, teacher):
    cooperative_rat_record(coop=old_coop, fiscal_year=2025, held_on=RAT_ON, by=teacher)
    plan = shu_plan(coop=old_coop, fiscal_year=2025)
    assert any("Tutup tahun buku" in p for p in plan.problems)


def test_confirmed_distribution_posts_buckets_and_member_shares(closed_year, trio, teacher):
    # given the RAT, non-member SHU (100.000) kept out of the members' part (case 8)
    _with_rat(closed_year, teacher)
    plan = shu_plan(coop=closed_year, fiscal_year=2025)
    assert plan.problems == []
    assert (plan.total, plan.member_part, plan.nonmember_part) == (600_000, 500_000, 100_000)
    # Sa at year-end: pokok 10.000 + wajib 3 × 2.000 (Ani, Budi) or 1 × 2.000 (Cici)
    bases = {r.membership.pk: (r.savings, r.transactions) for r in plan.shares}
    assert bases[trio["ani"].pk] == (16_000, 600_000)
    assert bases[trio["budi"].pk] == (16_000, 0)
    assert bases[trio["cici"].pk] == (12_000, 200_000)
    # when confirmed
    dist = shu_distribution_confirm(
        coop=closed_year, fiscal_year=2025, by=teacher, date=datetime.date(2026, 2, 21)
    )
    # then JMA pool 20 % × 500.000 = 100.000 by 16:16:12, JUA pool 125.000 by 600:0:200
    shares = {s.membership_id: s for s in dist.shares.all()}
    ani, budi, cici = (shares[trio[n].pk] for n in ("ani", "budi", "cici"))
    # exact 36.363,6 / 36.363,6 / 27.272,7: the two spare rupiah go to the largest fractions
    assert (ani.jasa_modal, budi.jasa_modal, cici.jasa_modal) == (36_364, 36_363, 27_273)
    assert (ani.jasa_usaha, budi.jasa_usaha, cici.jasa_usaha) == (93_750, 0, 31_250)
    assert budi.amount == budi.jasa_modal  # case 6: no purchases, only JMA
    # every rupiah of the 600.000 is booked, the buckets on their accounts
    lines = {(ln.account.code, ln.membership_id): ln.amount for ln in dist.entry.lines.all()}
    assert lines[("3-1501", None)] == 600_000
    assert lines[("3-1301", None)] == 150_000 + 100_000  # cadangan 30 % + non-member SHU
    assert lines[("2-1302", None)] == 50_000  # pendidikan 10 %
    assert lines[("2-1401", trio["ani"].pk)] == 130_114
    assert sum(s.amount for s in shares.values()) == 225_000
    assert account_balance(account=account_by_code(coop=closed_year, code="3-1501")) == 0
    assert trial_balance(coop=closed_year)["balanced"]
    assert shu_received(membership=trio["ani"]) == D(130_114)
    assert dist.bylaw.version == 1 and dist.rat.held_on == RAT_ON


def test_confirming_twice_gives_one_distribution(closed_year, trio, teacher):
    _with_rat(closed_year, teacher)
    first = shu_distribution_confirm(coop=closed_year, fiscal_year=2025, by=teacher)
    again = shu_distribution_confirm(coop=closed_year, fiscal_year=2025, by=teacher)
    assert first.pk == again.pk and ShuDistribution.objects.count() == 1
    assert JournalLine.objects.filter(account__code="2-1401", side=Side.CREDIT).count() == 3


def test_a_loss_blocks_distribution(old_coop, trio, teacher):
    # docs/domain.md §9 case 9
    _cash(old_coop, teacher, datetime.date(2025, 5, 1), "3-1401", 900_000, incoming=True)
    _cash(old_coop, teacher, datetime.date(2025, 5, 2), "6-1201", 900_000, incoming=False)
    fiscal_year_close(coop=old_coop, start=YEAR_START, end=YEAR_END, by=teacher)
    cooperative_rat_record(coop=old_coop, fiscal_year=2025, held_on=RAT_ON, by=teacher)
    with pytest.raises(CooperativeRuleError, match="rugi"):
        shu_distribution_confirm(coop=old_coop, fiscal_year=2025, by=teacher)


def test_split_follows_the_bylaw_in_effect_on_the_rat_date(closed_year, trio, teacher):
    bylaw_version_create(
        coop=closed_year,
        effective_from=datetime.date(2026, 1, 15),
        simpanan_pokok_amount=10_000,
        simpanan_wajib_amount=2_000,
        shu_allocation={"cadangan": 50, "jasa_modal": 50},
        nonmember_shu_to_reserve=False,
        rounding_rule=FLOOR,
    )
    _with_rat(closed_year, teacher)
    plan = shu_plan(coop=closed_year, fiscal_year=2025)
    assert plan.bylaw.version == 2 and plan.member_part == 600_000
    # 300.000 by 16:16:12, floored: 109.090 + 109.090 + 81.818, residual 2 to cadangan
    assert sorted(r.jasa_modal for r in plan.shares) == [81_818, 109_090, 109_090]
    assert plan.residual == 2 and plan.buckets["cadangan"] == 300_002


def test_payout_once_and_exit_moves_unpaid_shu_to_the_payable(closed_year, trio, teacher):
    _with_rat(closed_year, teacher)
    dist = shu_distribution_confirm(coop=closed_year, fiscal_year=2025, by=teacher)
    ani = dist.shares.get(membership=trio["ani"])
    entry = shu_payout(share=ani, by=teacher)
    assert shu_payout(share=ani, by=teacher).pk == entry.pk  # a second click
    assert unpaid_shu(membership=trio["ani"]) == 0
    assert shu_received(membership=trio["ani"]) == ani.amount  # received stays visible
    # docs/domain.md §9 case 14: Budi graduates before collecting: pokok + wajib + SHU
    exit_entry = membership_end(membership=trio["budi"], reason="lulus", by=teacher)
    budi = dist.shares.get(membership=trio["budi"])
    assert exit_entry.lines.get(account__code="2-1402").amount == 16_000 + budi.amount
    with pytest.raises(CooperativeRuleError, match="dialihkan"):
        shu_payout(share=budi, by=teacher)
    assert trial_balance(coop=closed_year)["balanced"]


def test_shu_screen_preview_confirm_and_payout(client, closed_year, trio, teacher):
    _with_rat(closed_year, teacher)
    url = reverse("school_coops:shu", args=[closed_year.slug])
    client.force_login(teacher)
    html = client.get(url, {"tahun": 2025}).content.decode()
    assert 'data-testid="shu-preview"' in html and "Rp 600.000" in html
    assert "Rp 93.750" in html  # Ani's jasa usaha in the preview
    client.post(url, {"fiscal_year": 2025})
    client.post(url, {"fiscal_year": 2025})  # a double click
    assert ShuDistribution.objects.filter(coop=closed_year).count() == 1
    html = client.get(url, {"tahun": 2025}).content.decode()
    assert 'data-testid="shu-distribution"' in html and "Rp 130.114" in html
    payout = reverse("school_coops:shu-payout", args=[closed_year.slug, 2025])
    client.post(payout)
    assert all(unpaid_shu(membership=m) == 0 for m in trio.values())


def test_members_cannot_confirm_or_see_the_shu_screen(client, closed_year, trio):
    client.force_login(trio["ani"].member)
    url = reverse("school_coops:shu", args=[closed_year.slug])
    assert client.get(url).status_code == 404
    assert client.post(url, {"fiscal_year": 2025}).status_code == 404
    assert not ShuDistribution.objects.exists()


def test_portal_shows_shu_received_outstanding_wajib_and_history(
    client, closed_year, trio, teacher
):
    # given a paid SHU for Ani
    _with_rat(closed_year, teacher)
    dist = shu_distribution_confirm(coop=closed_year, fiscal_year=2025, by=teacher)
    shu_payout(share=dist.shares.get(membership=trio["ani"]), by=teacher)
    # when Ani opens her portal
    client.force_login(trio["ani"].member)
    html = client.get(reverse("school_coops:portal")).content.decode()
    # then SHU received, the year's line, her savings and what she still owes are shown
    assert 'data-testid="portal-shu">Rp 130.114<' in html
    assert "Tahun buku 2025: Rp 130.114" in html and "dibayar" in html
    assert 'data-testid="portal-wajib">Rp 6.000<' in html
    arrears = html.split('data-testid="portal-arrears"')[1].split("</ul>")[0]
    assert "April 2025: Rp 2.000" in arrears and "Januari 2025" not in arrears
    history = html.split('data-testid="portal-history"')[1].split("</ul>")[0]
    assert "Simpanan wajib 03/2025" in history and "+Rp 10.000" in history


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_confirmations_make_one_distribution(closed_year, trio, teacher):
    import threading

    from django.db import connection

    _with_rat(closed_year, teacher)
    results, errors = [], []

    def confirm():
        try:
            results.append(
                shu_distribution_confirm(coop=closed_year, fiscal_year=2025, by=teacher).pk
            )
        except Exception as exc:  # collected for the assertion
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=confirm) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and len(set(results)) == 1
    assert ShuDistribution.objects.count() == 1
    assert Membership.objects.filter(shu_shares__isnull=False).count() == 3
