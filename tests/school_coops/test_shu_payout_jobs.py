# ruff: noqa: F811  (the SHU fixtures of test_shu.py are imported and used as arguments)
"""SHU payouts into simpanan sukarela, and big cooperatives' SHU runs as a Celery job
(school_coops/services/shu_jobs.py, docs/jobs.md): the job row, progress and idempotency."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from django.urls import reverse

from lms.celery import app as celery_app
from school_coops.exceptions import CooperativeRuleError
from school_coops.models import (
    JournalEntry,
    SavingsAccount,
    SavingsKind,
    ShuDistribution,
    ShuJob,
    ShuPayout,
)
from school_coops.selectors import (
    account_balance,
    savings_balances,
    trial_balance,
    unpaid_shu,
)
from school_coops.services.ledger import account_by_code
from school_coops.services.members import membership_end
from school_coops.services.shu import shu_distribution_confirm, shu_payout, shu_payout_all
from school_coops.services.shu_jobs import shu_job_request, shu_job_run
from tests.school_coops.test_shu import _with_rat, closed_year, old_coop, trio  # noqa: F401

SUKARELA = ShuPayout.SUKARELA


def _confirmed(coop, teacher):
    _with_rat(coop, teacher)
    return shu_distribution_confirm(coop=coop, fiscal_year=2025, by=teacher)


def _sukarela(membership):
    return savings_balances(membership=membership).get(SavingsKind.SUKARELA, D(0))


def _cached_matches_ledger(membership):
    account = SavingsAccount.objects.get(membership=membership, kind=SavingsKind.SUKARELA)
    return account.balance == _sukarela(membership)


def test_sukarela_payout_credits_the_members_savings_not_cash(closed_year, trio, teacher):
    dist = _confirmed(closed_year, teacher)
    ani = dist.shares.get(membership=trio["ani"])
    cash = account_by_code(coop=closed_year, code="1-1101")
    cash_before = account_balance(account=cash)
    entry = shu_payout(share=ani, by=teacher, payout=SUKARELA)
    ani.refresh_from_db()
    assert ani.paid_to == SUKARELA and ani.paid_entry_id == entry.pk
    assert unpaid_shu(membership=trio["ani"]) == 0
    assert _sukarela(trio["ani"]) == ani.amount > 0 and _cached_matches_ledger(trio["ani"])
    assert account_balance(account=cash) == cash_before  # no cash moved
    lines = {(x.account.code, x.side): x for x in entry.lines.select_related("account")}
    assert lines[("2-1401", "D")].membership_id == trio["ani"].pk
    assert lines[("2-1201", "K")].savings_account.membership_id == trio["ani"].pk
    assert trial_balance(coop=closed_year)["balanced"]


def test_paying_twice_either_way_posts_once(closed_year, trio, teacher):
    dist = _confirmed(closed_year, teacher)
    ani = dist.shares.get(membership=trio["ani"])
    first = shu_payout(share=ani, by=teacher, payout=SUKARELA)
    assert shu_payout(share=ani, by=teacher, payout=SUKARELA).pk == first.pk
    assert shu_payout(share=ani, by=teacher).pk == first.pk  # then the cash button
    assert _sukarela(trio["ani"]) == ani.amount
    assert JournalEntry.objects.filter(idempotency_key=f"shu-payout-{ani.pk}").count() == 1


def test_pay_all_into_sukarela_skips_a_member_who_left_and_repeats_safely(
    closed_year, trio, teacher
):
    dist = _confirmed(closed_year, teacher)
    membership_end(membership=trio["budi"], reason="lulus", by=teacher)
    assert shu_payout_all(distribution=dist, by=teacher, payout=SUKARELA) == 2
    assert shu_payout_all(distribution=dist, by=teacher, payout=SUKARELA) == 0
    for name in ("ani", "cici"):
        share = dist.shares.get(membership=trio[name])
        assert _sukarela(trio[name]) == share.amount and _cached_matches_ledger(trio[name])
    assert dist.shares.get(membership=trio["budi"]).paid_entry is None
    assert trial_balance(coop=closed_year)["balanced"]


def test_a_junk_payout_option_is_refused(closed_year, trio, teacher):
    dist = _confirmed(closed_year, teacher)
    with pytest.raises(CooperativeRuleError, match="tunai atau simpanan sukarela"):
        shu_payout_all(distribution=dist, by=teacher, payout="emas")
    assert not dist.shares.filter(paid_entry__isnull=False).exists()


def test_screen_pays_all_into_sukarela_with_the_radio(client, closed_year, trio, teacher):
    _confirmed(closed_year, teacher)
    client.force_login(teacher)
    page = reverse("school_coops:shu", args=[closed_year.slug])
    html = client.get(page, {"tahun": 2025}).content.decode()
    assert 'value="tunai" checked' in html and "Pindahkan ke simpanan sukarela" in html
    url = reverse("school_coops:shu-payout", args=[closed_year.slug, 2025])
    response = client.post(url, {"payout": "emas"}, follow=True)
    assert "Tidak ada yang dibayar" in response.content.decode()
    assert not ShuDistribution.objects.get().shares.filter(paid_entry__isnull=False).exists()
    client.post(url, {"payout": "sukarela"})
    assert all(unpaid_shu(membership=m) == 0 for m in trio.values())
    assert _sukarela(trio["ani"]) > 0
    html = client.get(page, {"tahun": 2025}).content.decode()
    assert "ke simpanan sukarela" in html
    # the member's portal shows where her SHU went
    client.force_login(trio["ani"].member)
    html = client.get(reverse("school_coops:portal")).content.decode()
    assert 'data-testid="portal-shu-sukarela"' in html and "masuk simpanan sukarela" in html


def test_another_coops_share_or_distribution_is_404(client, closed_year, trio, teacher, other_coop):
    dist = _confirmed(closed_year, teacher)
    client.force_login(teacher)
    other = reverse("school_coops:shu-payout", args=[other_coop.slug, 2025])
    assert client.post(other, {"payout": "tunai"}).status_code == 404
    url = reverse("school_coops:shu-payout", args=[closed_year.slug, 2024])
    assert client.post(url, {"payout": "tunai"}).status_code == 404  # no distribution that year
    share = dist.shares.first()
    url = reverse("school_coops:shu-payout", args=[closed_year.slug, 2025])
    assert client.post(url, {"share": f"{share.pk}9999"}).status_code == 404
    assert not dist.shares.filter(paid_entry__isnull=False).exists()


# --- Big cooperatives: the job ----------------------------------------------------------


def test_above_the_threshold_confirm_and_pay_run_as_jobs(
    client, settings, closed_year, trio, teacher, django_capture_on_commit_callbacks
):
    settings.SHU_ASYNC_MEMBERS = 2  # three members: above it (tasks run eagerly in tests)
    _with_rat(closed_year, teacher)
    client.force_login(teacher)
    page = reverse("school_coops:shu", args=[closed_year.slug])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(page, {"fiscal_year": 2025})
    job = ShuJob.objects.get(kind=ShuJob.Kind.CONFIRM)
    assert job.status == ShuJob.Status.DONE and job.total == 3
    assert ShuDistribution.objects.filter(coop=closed_year).count() == 1
    status = reverse("school_coops:shu-job-status", args=[closed_year.slug, job.pk])
    response = client.get(status, HTTP_HX_REQUEST="true")
    assert response.status_code == 286  # htmx stops polling
    assert "3 anggota menerima SHU" in response.content.decode()
    payout = reverse("school_coops:shu-payout", args=[closed_year.slug, 2025])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(payout, {"payout": "sukarela"})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(payout, {"payout": "sukarela"})  # a double click: all paid already
    job = ShuJob.objects.get(kind=ShuJob.Kind.PAYOUT)
    assert job.status == ShuJob.Status.DONE and (job.paid_count, job.skipped) == (3, 0)
    assert job.done_count == 3
    assert all(_sukarela(m) > 0 and unpaid_shu(membership=m) == 0 for m in trio.values())
    html = client.get(page, {"tahun": 2025}).content.decode()
    assert "SHU 3 anggota dipindahkan ke simpanan sukarela" in html


def test_a_rerun_job_posts_nothing_twice(settings, closed_year, trio, teacher):
    settings.CELERY_TASK_ALWAYS_EAGER = False  # queue nothing: run the job by hand
    dist = _confirmed(closed_year, teacher)
    job = shu_job_request(
        coop=closed_year, fiscal_year=2025, kind=ShuJob.Kind.PAYOUT, payout=SUKARELA, by=teacher
    )
    again = shu_job_request(
        coop=closed_year, fiscal_year=2025, kind=ShuJob.Kind.PAYOUT, payout=SUKARELA, by=teacher
    )
    assert again.pk == job.pk  # two officers: one open job
    ShuJob.objects.filter(pk=job.pk).update(status=ShuJob.Status.RUNNING)  # a worker died
    shu_payout(share=dist.shares.get(membership=trio["ani"]), by=teacher, payout=SUKARELA)
    shu_job_run(job_id=job.pk)  # the retry
    shu_job_run(job_id=job.pk)  # a redelivery after it finished: nothing
    entries = JournalEntry.objects.filter(idempotency_key__startswith="shu-payout-")
    assert entries.count() == 3
    assert _sukarela(trio["ani"]) == dist.shares.get(membership=trio["ani"]).amount
    job.refresh_from_db()
    assert job.status == ShuJob.Status.DONE


def test_a_failed_job_says_why_in_indonesian(
    client, settings, monkeypatch, closed_year, trio, teacher, django_capture_on_commit_callbacks
):
    settings.SHU_ASYNC_MEMBERS = 0
    # The Celery app read its config at start-up: a settings override would not reach it.
    monkeypatch.setitem(celery_app.conf, "task_eager_propagates", False)
    client.force_login(teacher)
    page = reverse("school_coops:shu", args=[closed_year.slug])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(page, {"fiscal_year": 2025})  # no RAT decision yet: the job fails
    job = ShuJob.objects.get()
    assert job.status == ShuJob.Status.FAILED and "RAT" in job.error
    html = client.get(page, {"tahun": 2025}).content.decode()
    assert "Pembagian SHU berhenti" in html and 'data-job-status="failed"' in html
    assert not ShuDistribution.objects.exists()


def test_job_status_of_another_coop_or_a_member_is_404(
    client, settings, closed_year, trio, teacher, other_coop
):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    _confirmed(closed_year, teacher)
    job = shu_job_request(coop=closed_year, fiscal_year=2025, kind=ShuJob.Kind.PAYOUT, by=teacher)
    status = reverse("school_coops:shu-job-status", args=[closed_year.slug, job.pk])
    client.force_login(teacher)
    response = client.get(status, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and 'hx-trigger="every 1s"' in response.content.decode()
    other = reverse("school_coops:shu-job-status", args=[other_coop.slug, job.pk])
    assert client.get(other).status_code == 404
    client.force_login(trio["ani"].member)
    assert client.get(status).status_code == 404


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_sukarela_payouts_pay_each_share_once(closed_year, trio, teacher):
    import threading

    from django.db import connection

    dist = _confirmed(closed_year, teacher)
    errors: list[Exception] = []

    def pay():
        try:
            shu_payout_all(distribution=dist, by=teacher, payout=SUKARELA)
        except Exception as exc:  # collected for the assertion
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=pay) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert JournalEntry.objects.filter(idempotency_key__startswith="shu-payout-").count() == 3
    for membership in trio.values():
        share = dist.shares.get(membership=membership)
        assert _sukarela(membership) == share.amount and _cached_matches_ledger(membership)
    assert trial_balance(coop=closed_year)["balanced"]
