# ruff: noqa: F811  (the SHU fixtures of test_shu.py are imported and used as arguments)
""" "Bayar semua SHU" in chunks (school_coops/services/shu_payouts.py): a savepoint per share,
progress per chunk, bulk reads, and each share paid exactly once however often it runs."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lms.accounts.models import ConsentPurpose, ConsentRecord
from school_coops.exceptions import CooperativeRuleError
from school_coops.models import JournalEntry, SavingsAccount, SavingsKind, ShuJob, ShuPayout
from school_coops.selectors import account_balance, savings_balances, trial_balance, unpaid_shu
from school_coops.services import shu_payouts
from school_coops.services.ledger import account_by_code
from school_coops.services.shu import shu_distribution_confirm, shu_payout, shu_payout_all
from school_coops.services.shu_jobs import shu_job_request, shu_job_run
from tests.school_coops.test_shu import _cash, _with_rat, closed_year, old_coop, trio  # noqa: F401

SUKARELA = ShuPayout.SUKARELA


def _confirmed(coop, teacher):
    _with_rat(coop, teacher)
    return shu_distribution_confirm(coop=coop, fiscal_year=2025, by=teacher)


def _sukarela(membership):
    return savings_balances(membership=membership).get(SavingsKind.SUKARELA, D(0))


def _withdraw_consent(membership, teacher):
    ConsentRecord.objects.create(
        student=membership.member,
        purpose=ConsentPurpose.COOPERATIVE,
        action=ConsentRecord.Action.WITHDRAW,
        guardian_name="Ibu",
        guardian_relation="ibu",
        method=ConsentRecord.Method.PAPER,
        notice_version="2026-11",
        recorded_by=teacher,
    )


def test_a_refused_share_is_skipped_with_its_reason_and_the_rest_of_its_chunk_lands(
    monkeypatch, closed_year, trio, teacher
):
    monkeypatch.setattr(shu_payouts, "PAYOUT_CHUNK", 2)  # ani+budi, then cici
    dist = _confirmed(closed_year, teacher)
    _withdraw_consent(trio["budi"], teacher)  # budi sits between ani and cici
    skipped, progress = [], []
    paid = shu_payout_all(
        distribution=dist,
        by=teacher,
        payout=SUKARELA,
        progress=progress.append,
        on_skip=lambda share, reason: skipped.append((share.membership_id, reason)),
    )
    assert paid == 2 and progress == [2, 3]  # the bar moves once per chunk
    assert [m for m, _ in skipped] == [trio["budi"].pk] and "tidak berlaku lagi" in skipped[0][1]
    for name in ("ani", "cici"):
        share = dist.shares.get(membership=trio[name])
        assert share.paid_to == SUKARELA and _sukarela(trio[name]) == share.amount
        account = SavingsAccount.objects.get(membership=trio[name], kind=SavingsKind.SUKARELA)
        assert account.balance == share.amount  # the cached balance moved with the ledger
    budi = dist.shares.get(membership=trio["budi"])
    assert budi.paid_entry is None and unpaid_shu(membership=trio["budi"]) == budi.amount
    assert shu_payout(share=budi, by=teacher).pk  # still payable in cash
    assert trial_balance(coop=closed_year)["balanced"]


def test_each_share_is_its_own_entry_with_the_members_name(closed_year, trio, teacher):
    dist = _confirmed(closed_year, teacher)
    assert shu_payout_all(distribution=dist, by=teacher, payout=SUKARELA) == 3
    entries = JournalEntry.objects.filter(idempotency_key__startswith="shu-payout-")
    assert entries.count() == 3
    for share in dist.shares.select_related("membership__member", "paid_entry"):
        assert share.paid_entry.idempotency_key == f"shu-payout-{share.pk}"
        assert share.membership.member.get_full_name() in share.paid_entry.memo
        lines = {(x.account.code, x.side): x for x in share.paid_entry.lines.all()}
        assert lines[("2-1201", "K")].savings_account.membership_id == share.membership_id
        assert lines[("2-1401", "D")].membership_id == share.membership_id


def test_paying_all_reads_in_bulk_not_per_share(closed_year, trio, teacher):
    dist = _confirmed(closed_year, teacher)
    with CaptureQueriesContext(connection) as queries:
        assert shu_payout_all(distribution=dist, by=teacher, payout=SUKARELA) == 3
    # Before the chunks: 35 queries a share. Now about 15 (the posting itself) + the chunk's
    # bulk reads once.
    assert len(queries) <= 3 * 20 + 12, len(queries)


def test_in_cash_an_empty_kas_stops_the_run_and_keeps_the_chunks_before(
    monkeypatch, closed_year, trio, teacher
):
    monkeypatch.setattr(shu_payouts, "PAYOUT_CHUNK", 1)
    dist = _confirmed(closed_year, teacher)
    shares = list(dist.shares.order_by("pk"))
    kas = account_by_code(coop=closed_year, code="1-1101")
    spare = account_balance(account=kas) - shares[0].amount - shares[1].amount // 2
    today = timezone.localdate()
    _cash(closed_year, teacher, today, "6-1201", int(spare), incoming=False)  # spend the rest
    progress = []
    with pytest.raises(CooperativeRuleError, match="Kas tidak cukup"):
        shu_payout_all(distribution=dist, by=teacher, progress=progress.append)
    assert progress == [1]
    paid = [s.paid_entry_id is not None for s in dist.shares.order_by("pk")]
    assert paid == [True, False, False]
    assert account_balance(account=kas) == shares[1].amount // 2


def test_a_member_who_left_is_skipped_with_its_reason(closed_year, trio, teacher):
    from school_coops.services.members import membership_end

    dist = _confirmed(closed_year, teacher)
    membership_end(membership=trio["cici"], reason="lulus", by=teacher)
    reasons = []
    paid = shu_payout_all(
        distribution=dist, by=teacher, on_skip=lambda share, reason: reasons.append(reason)
    )
    assert paid == 2 and len(reasons) == 1 and "anggota keluar" in reasons[0]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_running_the_job_and_a_single_payout_pay_each_share_once(
    monkeypatch, settings, closed_year, trio, teacher
):
    """Threads on PostgreSQL: the job run twice at once (a redelivery while the first worker
    is still running), a second "Bayar semua" and the one-share button, chunks of two."""
    import threading

    monkeypatch.setattr(shu_payouts, "PAYOUT_CHUNK", 2)
    settings.CELERY_TASK_ALWAYS_EAGER = False
    dist = _confirmed(closed_year, teacher)
    job = shu_job_request(
        coop=closed_year, fiscal_year=2025, kind=ShuJob.Kind.PAYOUT, payout=SUKARELA, by=teacher
    )
    last = dist.shares.order_by("pk").last()
    barrier, errors = threading.Barrier(4), []

    def run(work):
        try:
            barrier.wait()
            work()
        except Exception as exc:  # collected for the assertion
            errors.append(exc)
        finally:
            connection.close()

    works = [lambda: shu_job_run(job_id=job.pk)] * 2
    works += [lambda: shu_payout_all(distribution=dist, by=teacher, payout=SUKARELA)]
    works += [lambda: shu_payout(share=last, by=teacher, payout=SUKARELA)]
    threads = [threading.Thread(target=run, args=(w,)) for w in works]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert JournalEntry.objects.filter(idempotency_key__startswith="shu-payout-").count() == 3
    for membership in trio.values():
        share = dist.shares.get(membership=membership)
        assert _sukarela(membership) == share.amount
        assert SavingsAccount.objects.get(membership=membership, kind="sukarela").balance == (
            share.amount
        )
    job.refresh_from_db()
    assert job.status == ShuJob.Status.DONE
    assert trial_balance(coop=closed_year)["balanced"]
