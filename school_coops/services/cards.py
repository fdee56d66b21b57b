"""Member cards (PDF with QR) rendered by the Celery worker, like the school's login cards."""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from lms.accounts.models import User
from lms.jobs import FileJob, Progress, Rendered, job_mark_failed, job_run
from school_coops.exceptions import CooperativeRuleError
from school_coops.models import Cooperative, MemberCardBatch, Membership

MAX_CARDS = 1000


@transaction.atomic
def member_cards_request(*, coop: Cooperative, by: User, base_url: str) -> MemberCardBatch:
    """Queue a PDF of every active member's card; the worker starts after COMMIT."""
    from school_coops.tasks import member_cards_render_task

    total = Membership.objects.filter(coop=coop, status=Membership.Status.ACTIVE).count()
    if total == 0:
        raise CooperativeRuleError(_("Belum ada anggota aktif."))
    if total > MAX_CARDS:
        raise CooperativeRuleError(_("Terlalu banyak anggota untuk satu berkas."))
    batch = MemberCardBatch.objects.create(
        coop=coop, requested_by=by, total=total, base_url=base_url.rstrip("/")
    )
    transaction.on_commit(lambda: member_cards_render_task.delay(batch.pk))
    return batch


def _member_cards_render(batch: MemberCardBatch, progress: Progress) -> Rendered:
    from school_coops.pdf import render_member_cards_pdf

    coop = batch.coop
    memberships = (
        Membership.objects.filter(coop=coop, status=Membership.Status.ACTIVE)
        .select_related("member")
        .order_by("number")[:MAX_CARDS]
    )
    cards = [
        {
            "name": m.member.get_full_name(),
            "number": m.number,
            "joined_on": m.joined_on,
            "url": batch.base_url
            + reverse("school_coops:membership-detail", args=[coop.slug, m.pk]),
        }
        for m in memberships
    ]
    return Rendered(content=render_member_cards_pdf(cards, coop), count=len(cards))


# The file job behind member cards (lms/jobs.py: claim, render, write, progress, failure).
MEMBER_CARDS = FileJob(
    model=MemberCardBatch,
    path=lambda batch: f"member-cards/{batch.coop.slug}-{batch.pk}.pdf",
    render=_member_cards_render,
    select_related=("coop__school",),
)


def member_cards_render(*, batch_id: int) -> MemberCardBatch:
    """Render the PDF. Safe to run twice, also at the same time: one file survives."""
    return job_run(MEMBER_CARDS, batch_id)


def member_cards_mark_failed(*, batch_id: int, error: str) -> None:
    job_mark_failed(MEMBER_CARDS, batch_id, error)
