"""Member cards (PDF with QR) rendered by the Celery worker, like the school's login cards."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.accounts.models import User
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


def member_cards_render(*, batch_id: int) -> MemberCardBatch:
    """Render the PDF. Safe to run twice: a finished batch is left untouched."""
    from lms.storage import private_storage
    from school_coops.pdf import render_member_cards_pdf

    batch = MemberCardBatch.objects.select_related("coop__school").get(pk=batch_id)
    if batch.status == MemberCardBatch.Status.DONE:
        return batch
    MemberCardBatch.objects.filter(pk=batch.pk).update(status=MemberCardBatch.Status.RUNNING)
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
    pdf = render_member_cards_pdf(cards, coop)
    name = private_storage.save(f"member-cards/{coop.slug}-{batch.pk}.pdf", ContentFile(pdf))
    claimed = (
        MemberCardBatch.objects.filter(pk=batch.pk)
        .exclude(status=MemberCardBatch.Status.DONE)
        .update(
            status=MemberCardBatch.Status.DONE,
            pdf_path=name,
            total=len(cards),
            finished_at=timezone.now(),
        )
    )
    if not claimed:  # another delivery of the task finished first: keep its file
        private_storage.delete(name)
    batch.refresh_from_db()
    return batch


def member_cards_mark_failed(*, batch_id: int, error: str) -> None:
    MemberCardBatch.objects.filter(pk=batch_id).exclude(status=MemberCardBatch.Status.DONE).update(
        status=MemberCardBatch.Status.FAILED, error=error[:300], finished_at=timezone.now()
    )
