"""SHU of a big cooperative in Celery (docs/jobs.md): confirming the distribution or paying
every share is a job row the page polls (lms/jobs.py WorkJob), above SHU_ASYNC_MEMBERS members.

The work is the same service the request calls for a small cooperative, and it is idempotent:
the distribution is confirmed once (coop lock, journal idempotency key) and a share is paid
once (share lock, `paid_entry`), so a double click, two officers or a task retry post nothing
twice. The request returns the open job of the same kind instead of queueing a second one.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils.translation import gettext as _

from lms.accounts.models import User
from lms.jobs import OPEN, Progress, WorkJob
from school_coops.exceptions import CooperativeRuleError
from school_coops.models import Cooperative, ShuDistribution, ShuJob, ShuPayout
from school_coops.selectors.shu import shu_eligible_count
from school_coops.services.shu import shu_distribution_confirm, shu_payout_all

logger = logging.getLogger(__name__)


@transaction.atomic
def shu_job_request(
    *, coop: Cooperative, fiscal_year: int, kind: str, by: User, payout: str = ShuPayout.CASH
) -> ShuJob:
    """Queue confirming (kind CONFIRM) or paying out (PAYOUT) a tahun buku's SHU; the worker
    starts after COMMIT. An open job of the same kind and year is returned instead."""
    from school_coops.tasks import shu_job_task

    if kind not in ShuJob.Kind.values or payout not in ShuPayout.values:
        raise CooperativeRuleError(_("Pilih cara pembayaran SHU: tunai atau simpanan sukarela."))
    Cooperative.objects.select_for_update().get(pk=coop.pk)  # two officers: one job
    jobs = ShuJob.objects.filter(coop=coop, fiscal_year=fiscal_year, kind=kind)
    open_job = jobs.filter(status__in=OPEN).first()
    if open_job is not None:
        return open_job
    distribution = ShuDistribution.objects.filter(coop=coop, fiscal_year=fiscal_year).first()
    if kind == ShuJob.Kind.CONFIRM:
        if distribution is not None:
            raise CooperativeRuleError(_("SHU tahun buku ini sudah dibagikan."))
        total = shu_eligible_count(coop=coop, fiscal_year=fiscal_year)
    else:
        if distribution is None:
            raise CooperativeRuleError(_("SHU tahun buku ini belum ditetapkan."))
        total = distribution.shares.filter(paid_entry__isnull=True).count()
        if total == 0:
            raise CooperativeRuleError(_("Semua SHU tahun buku ini sudah dibayar."))
    job = ShuJob.objects.create(
        coop=coop, fiscal_year=fiscal_year, kind=kind, payout=payout, requested_by=by, total=total
    )
    transaction.on_commit(lambda: shu_job_task.delay(job.pk))
    return job


def _shu_job_work(job: ShuJob, progress: Progress) -> int:
    """Do the job; returns its total. Errors that are not a rule become one Indonesian message
    for the job page (the original goes to the log)."""
    try:
        if job.kind == ShuJob.Kind.CONFIRM:
            distribution = shu_distribution_confirm(
                coop=job.coop, fiscal_year=job.fiscal_year, by=job.requested_by
            )
            return distribution.shares.count()
        distribution = ShuDistribution.objects.get(coop=job.coop, fiscal_year=job.fiscal_year)
        shu_payout_all(
            distribution=distribution, by=job.requested_by, payout=job.payout, progress=progress
        )
    except CooperativeRuleError:
        raise
    except Exception as exc:
        logger.exception("SHU job #%s failed", job.pk)
        raise CooperativeRuleError(
            _("Terjadi kesalahan sistem; tidak ada yang dibukukan dua kali. Coba lagi nanti.")
        ) from exc
    # Shares still unpaid were skipped (members who left, or no sukarela allowed): a re-run
    # (a retry) counts them the same way, so the numbers do not depend on the delivery.
    skipped = distribution.shares.filter(paid_entry__isnull=True).count()
    ShuJob.objects.filter(pk=job.pk).update(skipped=skipped)
    return job.total


# The job behind big SHU runs (lms/jobs.py: claim, progress, failure; no file).
SHU_JOBS = WorkJob(model=ShuJob, work=_shu_job_work, select_related=("coop", "requested_by"))


def shu_job_run(*, job_id: int) -> ShuJob:
    """Run one job (what the task does). Safe to run twice, also at the same time."""
    from lms.jobs import job_run

    return job_run(SHU_JOBS, job_id)
