import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from lms.accounts.models import ConsentPurpose, ConsentRecord
from school_coops.exceptions import CooperativeRuleError, LedgerError
from school_coops.models import JournalLine, Membership, PositionRole, SavingsKind
from school_coops.selectors import (
    savings_balances,
    savings_card,
    savings_reconciliation,
    wajib_arrears,
)
from school_coops.services.cooperative import bylaw_version_create
from school_coops.services.ledger import journal_entry_reverse
from school_coops.services.members import (
    membership_apply,
    membership_approve,
    membership_end,
    membership_register,
    position_assign,
)
from school_coops.services.savings import (
    savings_deposit,
    savings_pokok_pay,
    savings_wajib_pay,
    savings_withdraw,
)
from tests.factories import make_student
from tests.school_coops.conftest import FOUNDED

pytestmark = pytest.mark.django_db


def test_pokok_equals_the_bylaw_amount_for_every_member(coop, classroom, teacher):
    # docs/domain.md §9 case 12
    members = [
        membership_register(coop=coop, member=make_student(classroom), category="siswa", by=teacher)
        for _ in range(3)
    ]
    assert {savings_balances(membership=m)[SavingsKind.POKOK] for m in members} == {Decimal(10000)}


def test_pokok_is_paid_only_once(member, teacher):
    with pytest.raises(CooperativeRuleError, match="sudah dibayar"):
        savings_pokok_pay(membership=member, by=teacher)


def test_pokok_and_wajib_cannot_be_withdrawn_while_a_member(member, teacher):
    # docs/domain.md §9 case 13
    for kind in (SavingsKind.POKOK, SavingsKind.WAJIB):
        with pytest.raises(CooperativeRuleError, match="tidak dapat ditarik"):
            savings_withdraw(membership=member, amount=Decimal(1000), by=teacher, kind=kind)
    assert savings_balances(membership=member)[SavingsKind.POKOK] == Decimal(10000)


def test_sukarela_withdrawal_cannot_exceed_the_balance(member, teacher):
    savings_deposit(membership=member, amount=Decimal(5000), by=teacher)
    with pytest.raises(LedgerError, match="tidak cukup"):
        savings_withdraw(membership=member, amount=Decimal(5001), by=teacher)
    savings_withdraw(membership=member, amount=Decimal(5000), by=teacher)
    assert savings_balances(membership=member)[SavingsKind.SUKARELA] == 0


def test_reversing_a_deposit_that_was_already_withdrawn_is_refused(member, teacher):
    deposit = savings_deposit(membership=member, amount=Decimal(5000), by=teacher)
    savings_withdraw(membership=member, amount=Decimal(5000), by=teacher)
    with pytest.raises(LedgerError, match="tidak cukup"):
        journal_entry_reverse(entry=deposit, by=teacher)


def test_wajib_arrears_list_and_payment(member, teacher):
    today = timezone.localdate()
    months = (today.year - FOUNDED.year) * 12 + today.month - FOUNDED.month + 1
    assert len(wajib_arrears(membership=member)) == months
    savings_wajib_pay(membership=member, period=FOUNDED, by=teacher)
    arrears = wajib_arrears(membership=member)
    assert len(arrears) == months - 1 and arrears[0]["amount"] == Decimal(2000)
    with pytest.raises(CooperativeRuleError, match="sudah dibayar"):
        savings_wajib_pay(
            membership=member, period=FOUNDED + datetime.timedelta(days=3), by=teacher
        )
    with pytest.raises(CooperativeRuleError, match="sebelum tanggal masuk"):
        savings_wajib_pay(membership=member, period=datetime.date(2026, 1, 1), by=teacher)


def test_wajib_amount_follows_the_bylaw_version_in_effect(coop, member, teacher):
    bylaw_version_create(
        coop=coop,
        effective_from=datetime.date(2026, 9, 1),
        simpanan_pokok_amount=10000,
        simpanan_wajib_amount=3000,
        shu_allocation={"cadangan": 50, "jasa_modal": 50},
    )
    savings_wajib_pay(membership=member, period=datetime.date(2026, 8, 1), by=teacher)
    savings_wajib_pay(membership=member, period=datetime.date(2026, 9, 1), by=teacher)
    assert savings_balances(membership=member)[SavingsKind.WAJIB] == Decimal(5000)


def test_reversed_wajib_payment_is_owed_again(member, teacher):
    entry = savings_wajib_pay(membership=member, period=FOUNDED, by=teacher)
    before = len(wajib_arrears(membership=member))
    journal_entry_reverse(entry=entry, by=teacher)
    assert len(wajib_arrears(membership=member)) == before + 1


def test_graduation_ends_membership_and_creates_the_payable(member, teacher):
    # docs/domain.md §9 case 14: pokok + wajib + sukarela − debts
    savings_wajib_pay(membership=member, period=FOUNDED, by=teacher)
    savings_deposit(membership=member, amount=Decimal(7000), by=teacher)
    entry = membership_end(membership=member, reason="lulus", by=teacher)
    member.refresh_from_db()
    assert member.status == Membership.Status.ENDED and member.end_reason == "lulus"
    payable = JournalLine.objects.get(entry=entry, account__code="2-1402")
    assert payable.side == "K" and payable.amount == Decimal(10000 + 2000 + 7000)
    assert payable.membership_id == member.pk
    assert savings_balances(membership=member) == dict.fromkeys(SavingsKind.values, 0)
    assert all(row["ok"] for row in savings_reconciliation(coop=member.coop))


def test_exit_deducts_member_debts(coop, member, teacher):
    from school_coops.models import Side
    from school_coops.services.ledger import LineInput, account_by_code, journal_entry_post

    receivable = account_by_code(coop=coop, code="1-1301")
    sales = account_by_code(coop=coop, code="4-1101")
    journal_entry_post(
        coop=coop,
        date=timezone.localdate(),
        memo="Kredit alat tulis",
        by=teacher,
        lines=[
            LineInput(receivable.pk, Side.DEBIT, Decimal(3000), None, member.pk),
            LineInput(sales.pk, Side.CREDIT, Decimal(3000), None, member.pk),
        ],
    )
    entry = membership_end(membership=member, reason="pindah", by=teacher)
    lines = {(line.account.code, line.side): line.amount for line in entry.lines.all()}
    assert lines[("1-1301", "K")] == Decimal(3000)
    assert lines[("2-1402", "K")] == Decimal(7000)


def test_after_exit_savings_cannot_move(member, teacher):
    membership_end(membership=member, reason="keluar", by=teacher)
    with pytest.raises(CooperativeRuleError, match="tidak aktif"):
        savings_deposit(membership=member, amount=Decimal(1000), by=teacher)


def test_savings_cards_reconcile_to_the_general_ledger(coop, member, treasurer, teacher):
    # docs/domain.md §9 case 20
    savings_deposit(membership=member, amount=Decimal(12000), by=treasurer)
    savings_withdraw(membership=member, amount=Decimal(2000), by=treasurer)
    savings_wajib_pay(membership=member, period=FOUNDED, by=treasurer)
    rows = savings_reconciliation(coop=coop)
    assert [r["code"] for r in rows] == ["3-1101", "3-1201", "2-1201"]
    assert all(r["ok"] for r in rows)
    card = savings_card(membership=member, kind=SavingsKind.SUKARELA)
    assert [row.balance for row in card] == [Decimal(12000), Decimal(10000)]


def test_student_without_guardian_consent_cannot_join(coop, classroom, teacher):
    student = make_student(classroom, consent=False)
    with pytest.raises(CooperativeRuleError, match="persetujuan orang tua/wali"):
        membership_apply(coop=coop, member=student, category="siswa", by=teacher)
    ConsentRecord.objects.create(
        student=student,
        purpose=ConsentPurpose.COOPERATIVE,
        action=ConsentRecord.Action.GRANT,
        guardian_name="Ibu",
        guardian_relation="ibu",
        method=ConsentRecord.Method.PAPER,
        notice_version="2026-11",
        recorded_by=teacher,
    )
    membership = membership_apply(coop=coop, member=student, category="siswa", by=teacher)
    membership_approve(membership=membership, by=teacher)
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ACTIVE and membership.number


def test_students_of_another_school_cannot_join(coop, other_coop, teacher):
    outsider = other_coop.memberships.get().member
    with pytest.raises(CooperativeRuleError, match="siswa sekolah ini"):
        membership_apply(coop=coop, member=outsider, category="siswa", by=teacher)


def test_one_open_membership_per_person(coop, member, teacher, student):
    with pytest.raises(CooperativeRuleError, match="sudah terdaftar"):
        membership_apply(coop=coop, member=student, category="siswa", by=teacher)


def test_bendahara_cannot_also_be_pengawas(member, teacher):
    # docs/domain.md §9 case 25
    position_assign(membership=member, role=PositionRole.BENDAHARA, by=teacher)
    with pytest.raises(CooperativeRuleError, match="merangkap"):
        position_assign(membership=member, role=PositionRole.PENGAWAS, by=teacher)


@pytest.mark.parametrize(
    "allocation",
    [
        # The widely copied textbook template sums to 105 % (docs/domain.md §3.3).
        {
            "cadangan": 40,
            "jasa_usaha": 40,
            "pengurus": 5,
            "karyawan": 5,
            "pendidikan": 5,
            "sosial": 5,
            "pembangunan": 5,
        },
        {"cadangan": "99.99"},
        {
            "cadangan": 30,
            "jasa_modal": 20,
            "jasa_usaha": 25,
            "pengurus": 5,
            "pendidikan": 10,
            "sosial": 5,
        },
    ],
)
def test_shu_allocation_must_total_exactly_100(coop, allocation):
    # docs/domain.md §9 case 1
    with pytest.raises(CooperativeRuleError, match="tepat 100%"):
        bylaw_version_create(
            coop=coop,
            effective_from=FOUNDED,
            simpanan_pokok_amount=10000,
            simpanan_wajib_amount=2000,
            shu_allocation=allocation,
        )
    assert coop.bylaws.count() == 1


def test_bylaw_versions_are_numbered(coop):
    bylaw = bylaw_version_create(
        coop=coop,
        effective_from=FOUNDED + datetime.timedelta(days=1),
        simpanan_pokok_amount=15000,
        simpanan_wajib_amount=2000,
        shu_allocation={"cadangan": "33.34", "jasa_modal": "33.33", "jasa_usaha": "33.33"},
    )
    assert bylaw.version == 2 and bylaw.allocation_total() == 100


def test_status_is_derived_from_founding_and_rat_history(coop):
    assert coop.status_on(FOUNDED) == "aktif"
    assert coop.status_on(datetime.date(2029, 7, 15)) == "aktif"
    assert coop.status_on(datetime.date(2029, 7, 16)) == "tidak_aktif"
    coop.last_rat_on = datetime.date(2028, 3, 1)
    assert coop.status_on(datetime.date(2029, 7, 16)) == "aktif"
    coop.founded_on = None
    assert coop.status_on(FOUNDED) == "rintisan"


def test_ex_member_is_paid_out_once(member, teacher, client):
    from school_coops.services.members import membership_payout, payable_outstanding

    with pytest.raises(CooperativeRuleError, match="setelah keanggotaan berakhir"):
        membership_payout(membership=member, by=teacher)
    membership_end(membership=member, reason="lulus", by=teacher)
    assert payable_outstanding(membership=member) == Decimal(10000)
    membership_payout(membership=member, by=teacher, idempotency_key="payout-1")
    membership_payout(membership=member, by=teacher, idempotency_key="payout-1")  # retried
    assert payable_outstanding(membership=member) == 0
    with pytest.raises(CooperativeRuleError, match="Tidak ada simpanan"):
        membership_payout(membership=member, by=teacher)


@pytest.mark.parametrize(
    ("held_on", "late"),
    [
        (datetime.date(2026, 6, 30), False),
        (datetime.date(2026, 7, 1), True),
    ],
)
def test_rat_more_than_six_months_after_year_end_is_flagged_late(coop, teacher, held_on, late):
    # docs/domain.md §9 case 24, for a coop that existed in tahun buku 2025
    from school_coops.services.cooperative import cooperative_create, cooperative_rat_record

    coop = cooperative_create(
        school=coop.school, name="Kopsis 2025", by=teacher, founded_on=datetime.date(2025, 1, 6)
    )
    record = cooperative_rat_record(coop=coop, fiscal_year=2025, held_on=held_on, by=teacher)
    coop.refresh_from_db()
    assert coop.last_rat_on == held_on
    # the flag is stored with the RAT, not recomputed later
    assert coop.rat_records.get(fiscal_year=2025).is_late is late is record.is_late
    with pytest.raises(CooperativeRuleError, match="sudah dicatat"):
        cooperative_rat_record(coop=coop, fiscal_year=2025, held_on=held_on, by=teacher)
    with pytest.raises(CooperativeRuleError, match="setelah tahun buku berakhir"):
        cooperative_rat_record(coop=coop, fiscal_year=2026, held_on=held_on, by=teacher)


def test_after_guardian_consent_is_withdrawn_no_new_savings_but_exit_still_refunds(member, teacher):
    # docs/domain.md §9 case 35 (for the cooperative purpose)
    ConsentRecord.objects.create(
        student=member.member,
        purpose=ConsentPurpose.COOPERATIVE,
        action=ConsentRecord.Action.WITHDRAW,
        guardian_name="Ibu",
        guardian_relation="ibu",
        method=ConsentRecord.Method.PAPER,
        notice_version="2026-11",
        recorded_by=teacher,
    )
    with pytest.raises(CooperativeRuleError, match="tidak berlaku lagi"):
        savings_deposit(membership=member, amount=Decimal(1000), by=teacher)
    entry = membership_end(membership=member, reason="keluar", by=teacher)
    assert entry.lines.get(account__code="2-1402").amount == Decimal(10000)


def test_a_retried_savings_form_posts_once_but_a_reused_key_with_other_content_is_refused(
    member, classroom, coop, teacher
):
    day = timezone.localdate()
    first = savings_deposit(membership=member, amount="5000", by=teacher, idempotency_key="k1")
    assert (
        savings_deposit(membership=member, amount="5.000", by=teacher, idempotency_key="k1")
        == first
    )
    with pytest.raises(LedgerError, match="sudah dipakai"):
        savings_deposit(membership=member, amount="6000", by=teacher, idempotency_key="k1")
    with pytest.raises(LedgerError, match="sudah dipakai"):  # same key, now a withdrawal
        savings_withdraw(membership=member, amount="5000", by=teacher, idempotency_key="k1")
    other = membership_register(
        coop=coop, member=make_student(classroom), category="siswa", by=teacher
    )
    with pytest.raises(LedgerError, match="sudah dipakai"):  # same key, another member
        savings_deposit(membership=other, amount="5000", by=teacher, idempotency_key="k1")
    paid = savings_wajib_pay(membership=member, period=day, by=teacher, idempotency_key="w1")
    assert (
        savings_wajib_pay(membership=member, period=day, by=teacher, idempotency_key="w1") == paid
    )
    with pytest.raises(LedgerError, match="sudah dipakai"):
        savings_wajib_pay(
            membership=member,
            period=day - datetime.timedelta(days=40),
            by=teacher,
            idempotency_key="w1",
        )
    assert savings_balances(membership=member)[SavingsKind.SUKARELA] == Decimal(5000)
    assert savings_balances(membership=other)[SavingsKind.SUKARELA] == 0


def test_a_back_dated_withdrawal_never_leaves_the_savings_card_below_zero(member, teacher):
    today = timezone.localdate()
    days_ago = lambda n: today - datetime.timedelta(days=n)  # noqa: E731
    savings_deposit(membership=member, amount=10000, by=teacher, date=days_ago(10))
    savings_deposit(membership=member, amount=10000, by=teacher, date=today)
    with pytest.raises(LedgerError, match="atau sesudahnya tidak cukup"):
        savings_withdraw(membership=member, amount=15000, by=teacher, date=days_ago(5))
    savings_withdraw(membership=member, amount=10000, by=teacher, date=days_ago(5))
    with pytest.raises(LedgerError, match="atau sesudahnya tidak cukup"):
        savings_withdraw(membership=member, amount=1, by=teacher, date=days_ago(7))
    savings_withdraw(membership=member, amount=10000, by=teacher)  # today's balance allows it
    card = savings_card(membership=member, kind=SavingsKind.SUKARELA)
    assert [row.balance for row in card] == [10000, 0, 10000, 0]  # never below zero
    assert savings_balances(membership=member)[SavingsKind.SUKARELA] == 0
