"""Entries a workflow posted (closing, SHU, payout, opening balance, exit, loss charge) are not
reversed through the journal's "Batalkan": only the workflow's own guarded route undoes them
(issue 8, "Reversing system entries")."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from school_coops.exceptions import LedgerError
from school_coops.models import JournalEntry, PositionRole, Side, Workflow
from school_coops.selectors import account_balance, trial_balance
from school_coops.services import founding as founding_svc
from school_coops.services.closing import closing_entry_for, fiscal_year_close
from school_coops.services.cooperative import cooperative_create, cooperative_rat_record
from school_coops.services.ledger import (
    LineInput,
    account_by_code,
    journal_entry_post,
    journal_entry_reverse,
)
from school_coops.services.members import membership_end, membership_register
from school_coops.services.participation import member_purchase_record
from school_coops.services.savings import savings_wajib_pay
from school_coops.services.shu import shu_distribution_confirm, shu_payout
from school_coops.services.year_end import (
    fiscal_year_reopen,
    loss_charge_for,
    shu_loss_charge,
    shu_loss_charge_reverse,
)
from tests.factories import ClassroomFactory, make_student
from tests.school_coops.rat_helpers import rat_with_shu_approved
from tests.school_coops.roles import officer

pytestmark = pytest.mark.django_db

D = Decimal
FOUNDED = datetime.date(2025, 1, 6)
YEAR_START, YEAR_END = datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)
RAT_ON = datetime.date(2026, 2, 20)
JAN_2026 = datetime.date(2026, 1, 5)
REFUSED = "tidak dapat dibatalkan dari jurnal umum"


def post(coop, by, day, debit, credit, amount, membership=None):
    return journal_entry_post(
        coop=coop,
        date=day,
        memo=f"{debit}/{credit}",
        by=by,
        lines=[
            LineInput(account_by_code(coop=coop, code=debit).pk, Side.DEBIT, D(amount)),
            LineInput(
                account_by_code(coop=coop, code=credit).pk,
                Side.CREDIT,
                D(amount),
                None,
                membership.pk if membership else None,
            ),
        ],
    )


@pytest.fixture
def old_coop(school, teacher):
    return cooperative_create(school=school, name="Kopsis Proses", by=teacher, founded_on=FOUNDED)


@pytest.fixture
def ani(old_coop, classroom, teacher):
    membership = membership_register(
        coop=old_coop,
        member=make_student(classroom, username="proses-ani"),
        category="siswa",
        by=teacher,
        date=FOUNDED,
    )
    savings_wajib_pay(
        membership=membership,
        period=datetime.date(2025, 1, 1),
        by=teacher,
        date=datetime.date(2025, 1, 10),
    )
    return membership


@pytest.fixture
def profit_year(old_coop, ani, teacher):
    """2025: a sale of 50.000 to Ani, closed; the RAT of 2025 held."""
    member_purchase_record(
        membership=ani, amount=50_000, by=teacher, date=datetime.date(2025, 3, 1)
    )
    fiscal_year_close(coop=old_coop, start=YEAR_START, end=YEAR_END, by=teacher)
    rat_with_shu_approved(coop=old_coop, fiscal_year=2025, held_on=RAT_ON, by=teacher)
    return old_coop


def _refused(entry, by):
    before = JournalEntry.objects.count()
    with pytest.raises(LedgerError, match=REFUSED):
        journal_entry_reverse(entry=entry, by=by)
    assert JournalEntry.objects.count() == before
    assert not JournalEntry.objects.filter(reverses=entry).exists()


def test_closing_shu_and_payout_entries_cannot_be_reversed_from_the_journal(
    profit_year, ani, teacher
):
    # given a closed year, its SHU distributed and Ani's share paid
    distribution = shu_distribution_confirm(coop=profit_year, fiscal_year=2025, by=teacher)
    share = distribution.shares.get(membership=ani)
    payout = shu_payout(share=share, by=teacher)
    closing = closing_entry_for(coop=profit_year, start=YEAR_START)
    surplus = account_balance(account=account_by_code(coop=profit_year, code="3-1501"))
    # then none of the three entries is reversed by the journal's "Batalkan"
    assert (closing.workflow, distribution.entry.workflow, payout.workflow) == (
        Workflow.CLOSING,
        Workflow.SHU,
        Workflow.SHU_PAYOUT,
    )
    for entry in (closing, distribution.entry, payout):
        _refused(entry, teacher)
    assert account_balance(account=account_by_code(coop=profit_year, code="3-1501")) == surplus
    assert trial_balance(coop=profit_year)["balanced"]


def test_the_exit_entry_cannot_be_reversed_from_the_journal(old_coop, ani, teacher):
    entry = membership_end(membership=ani, reason="lulus", by=teacher)
    assert entry.workflow == Workflow.MEMBER_EXIT
    _refused(entry, teacher)


def test_an_officers_own_entry_is_still_reversed(old_coop, teacher):
    entry = post(old_coop, teacher, datetime.date(2025, 3, 1), "1-1101", "3-1401", 10_000)
    assert entry.workflow is None and entry.officer_may_reverse
    reversal = journal_entry_reverse(entry=entry, by=teacher)
    assert reversal.reverses == entry and reversal.workflow is None


def test_reopening_the_year_still_reverses_its_closing_entry(profit_year, teacher):
    closing = closing_entry_for(coop=profit_year, start=YEAR_START)
    reversal = fiscal_year_reopen(coop=profit_year, fiscal_year=2025, by=teacher)
    assert reversal.reverses == closing and reversal.workflow == Workflow.CLOSING
    with pytest.raises(LedgerError):
        journal_entry_reverse(entry=reversal, by=teacher)


def test_a_loss_charge_is_undone_only_by_its_own_route(old_coop, teacher):
    # given a closed loss year whose loss was charged to cadangan
    post(old_coop, teacher, datetime.date(2025, 1, 10), "1-1101", "3-1301", 100_000)
    post(old_coop, teacher, datetime.date(2025, 4, 1), "6-1601", "1-1101", 30_000)
    fiscal_year_close(coop=old_coop, start=YEAR_START, end=YEAR_END, by=teacher)
    cooperative_rat_record(coop=old_coop, fiscal_year=2025, held_on=RAT_ON, by=teacher)
    charge = shu_loss_charge(coop=old_coop, fiscal_year=2025, by=teacher)
    assert charge.workflow == Workflow.LOSS_CHARGE
    # then the journal refuses it, its own route undoes it once, and it can be charged again
    _refused(charge, teacher)
    undo = shu_loss_charge_reverse(coop=old_coop, fiscal_year=2025, by=teacher)
    assert undo.reverses == charge and loss_charge_for(coop=old_coop, fiscal_year=2025) is None
    again = shu_loss_charge(coop=old_coop, fiscal_year=2025, by=teacher)
    assert again.pk not in (charge.pk, undo.pk)
    assert loss_charge_for(coop=old_coop, fiscal_year=2025) == again


def test_the_opening_balance_of_a_founding_cannot_be_reversed_from_the_journal(
    school, classroom, teacher
):
    coop = cooperative_create(school=school, name="Kopsis Pendirian", by=teacher)
    other = ClassroomFactory(school=school, name="8B")
    students = [make_student(classroom if i % 2 else other) for i in range(20)]
    process = coop.founding
    founding_svc.founding_committee_save(
        process=process, committee="Ketua panitia: Bu Guru", initiators=[], by=teacher
    )
    founding_svc.founding_step_approve(process=process, by=teacher)
    founding_svc.founding_meeting_save(
        process=process,
        meeting_date=timezone.localdate(),
        meeting_place="Aula",
        agenda="",
        guests="Kepala sekolah",
        chair_name="A",
        secretary_name="B",
        attendees=students,
        by=teacher,
    )
    founding_svc.founding_step_approve(process=process, by=teacher)
    founding_svc.founding_bylaws_save(
        process=process,
        simpanan_pokok_amount=5000,
        simpanan_wajib_amount=1000,
        term_years=1,
        quorum_percent=51,
        ad_art_text=founding_svc.founding_initial_ad_art(coop=coop),
        by=teacher,
    )
    founding_svc.founding_step_approve(process=process, by=teacher)
    choices = dict(zip(("ketua", "sekretaris", "bendahara", "pengawas"), students[:4], strict=True))
    for voter in students[:11]:
        founding_svc.founding_vote_record(process=process, voter=voter, by=teacher, choices=choices)
    founding_svc.founding_step_approve(process=process, by=teacher)
    founding_svc.founding_members_save(process=process, opening_grant=250000, by=teacher)
    founding_svc.founding_step_approve(process=process, by=teacher)
    opening = JournalEntry.objects.get(coop=coop, idempotency_key=f"founding-opening-{process.pk}")
    assert opening.workflow == Workflow.OPENING
    _refused(opening, teacher)


def test_the_bendahara_cannot_reverse_a_workflow_entry_and_sees_no_button(
    client, profit_year, classroom, teacher
):
    bendahara = officer(
        profit_year, classroom, teacher, PositionRole.BENDAHARA, "bendahara-proses", JAN_2026
    )
    manual = post(profit_year, teacher, datetime.date(2026, 1, 5), "1-1101", "3-1401", 5_000)
    closing = closing_entry_for(coop=profit_year, start=YEAR_START)
    client.force_login(bendahara)
    journal = client.get(reverse("school_coops:journal", args=[profit_year.slug])).content
    page = journal.decode()
    assert reverse("school_coops:journal-reverse", args=[profit_year.slug, manual.pk]) in page
    assert reverse("school_coops:journal-reverse", args=[profit_year.slug, closing.pk]) not in page
    before = JournalEntry.objects.count()
    url = reverse("school_coops:journal-reverse", args=[profit_year.slug, closing.pk])
    html = client.post(url, {"idempotency_key": f"reverse-{closing.pk}"}, follow=True)
    assert REFUSED in html.content.decode()
    assert JournalEntry.objects.count() == before
    assert closing_entry_for(coop=profit_year, start=YEAR_START) == closing


def test_only_the_guru_pembina_undoes_a_loss_charge_on_the_shu_page(
    client, old_coop, classroom, teacher
):
    post(old_coop, teacher, datetime.date(2025, 1, 10), "1-1101", "3-1301", 100_000)
    post(old_coop, teacher, datetime.date(2025, 4, 1), "6-1601", "1-1101", 30_000)
    fiscal_year_close(coop=old_coop, start=YEAR_START, end=YEAR_END, by=teacher)
    cooperative_rat_record(coop=old_coop, fiscal_year=2025, held_on=RAT_ON, by=teacher)
    charge = shu_loss_charge(coop=old_coop, fiscal_year=2025, by=teacher)
    ketua = officer(old_coop, classroom, teacher, PositionRole.KETUA, "ketua-proses", JAN_2026)
    url = reverse("school_coops:shu-loss-charge", args=[old_coop.slug])
    client.force_login(ketua)
    assert client.post(url, {"fiscal_year": "2025", "action": "batal"}).status_code == 404
    assert loss_charge_for(coop=old_coop, fiscal_year=2025) == charge
    client.force_login(teacher)
    page = client.get(reverse("school_coops:shu", args=[old_coop.slug]) + "?tahun=2025")
    assert 'data-testid="shu-loss-charge-reverse"' in page.content.decode()
    html = client.post(url, {"fiscal_year": "2025", "action": "batal"}, follow=True)
    assert "Penutupan rugi tahun buku 2025 dibatalkan" in html.content.decode()
    assert loss_charge_for(coop=old_coop, fiscal_year=2025) is None
