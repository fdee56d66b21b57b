"""Issuing certificates. Every step is safe to run twice (docs/certificates.md).

1. request: the trainer (or dinas) asks; an IssuanceRun row is created and its task sent on
   commit. A batch has at most one open run (the batch row is locked while checking).
2. prepare (worker): ONE transaction creates a PENDING certificate per ready decision that has
   none yet, with its number, status-list index and verification token. A second delivery
   finds `prepared_at` set and only re-sends the render tasks.
3. render (worker): per certificate, outside any transaction: sign the claims, render the PDF,
   save the complete bytes under a fresh storage name, then compare-and-set PENDING -> ISSUED
   pointing at it. The loser of a race deletes its own file. A bad record becomes FAILED with
   its error and can be retried; the others go on.
4. sweep (Celery beat): certificates still PENDING and runs not prepared after
   CERT_SWEEP_AFTER_SECONDS are sent again. The row, not the broker, says what is left to do.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from certificates import selectors as cert_selectors
from certificates.exceptions import CertificationError
from certificates.issuance.numbering import allocate_numbers, allocate_status_indexes
from certificates.models import (
    Batch,
    CertificateKind,
    CertificateStatus,
    Decision,
    IssuanceRun,
    IssuedCertificate,
)
from lms.accounts.models import User
from lms.jobs import OPEN, JobStatus

logger = logging.getLogger(__name__)

CHUNK = 10  # certificates per render task: few messages, yet a kill loses little work
MAX_ATTEMPTS = 5


def _storage() -> Any:
    from lms.storage import private_storage

    return private_storage


def _send_prepare(run_id: int) -> None:
    from certificates.tasks import issuance_prepare_task

    issuance_prepare_task.delay(run_id)


def _send_render(cert_ids: list[int]) -> None:
    from certificates.tasks import certificates_render_task

    for start in range(0, len(cert_ids), CHUNK):
        certificates_render_task.delay(cert_ids[start : start + CHUNK])


# --- 1. request -------------------------------------------------------------------------


@transaction.atomic
def batch_issuance_request(*, batch: Batch, by: User) -> IssuanceRun:
    """One click: issue every confirmed Kompeten decision of the batch that has no certificate."""
    batch = Batch.objects.select_for_update().get(pk=batch.pk)
    if not cert_selectors.can_manage_batch(user=by, batch=batch):
        raise CertificationError(_("Hanya pelatih atau staf dinas angkatan ini yang menerbitkan."))
    open_run = IssuanceRun.objects.filter(batch=batch, status__in=OPEN).first()
    if open_run is not None:
        return open_run  # a double click shows the same progress bar
    if not _ready_decisions(batch).exists():
        raise CertificationError(
            _("Tidak ada keputusan Kompeten yang dikukuhkan pleno dan belum bersertifikat.")
        )
    run = IssuanceRun.objects.create(
        kind=CertificateKind.COMPETENCY, batch=batch, region_id=batch.region_id, requested_by=by
    )
    transaction.on_commit(lambda: _send_prepare(run.pk))
    return run


@transaction.atomic
def course_issuance_request(*, completion: Any, by: User) -> IssuanceRun:
    """A course-completion certificate through the same engine (the student asks, or staff)."""
    from courses.models import CourseCompletion

    completion = (
        CourseCompletion.objects.select_for_update(of=("self",))
        .select_related("course", "student")
        .get(pk=completion.pk)
    )
    if completion.student_id != by.pk:
        raise CertificationError(_("Sertifikat kursus hanya untuk peserta yang menyelesaikannya."))
    if completion.course.slug not in settings.CERT_COURSE_SLUGS:
        raise CertificationError(_("Kursus ini tidak memberikan sertifikat."))
    region_id = _student_region_id(completion.student)
    if region_id is None:
        raise CertificationError(_("Akun ini belum terdaftar di sekolah mana pun."))
    existing = IssuanceRun.objects.filter(
        kind=CertificateKind.COURSE, course=completion.course, requested_by=by
    ).first()
    if existing is not None:
        return existing
    run = IssuanceRun.objects.create(
        kind=CertificateKind.COURSE, course=completion.course, region_id=region_id, requested_by=by
    )
    transaction.on_commit(lambda: _send_prepare(run.pk))
    return run


def _student_region_id(user: User) -> int | None:
    from lms.accounts.models import Role, RoleAssignment

    role = (
        RoleAssignment.objects.filter(user=user, role=Role.STUDENT, school__isnull=False)
        .select_related("school")
        .first()
    )
    return role.school.region_id if role and role.school else None


# --- 2. prepare -------------------------------------------------------------------------


def _ready_decisions(batch: Batch) -> Any:
    """Confirmed K decisions of candidates who have no certificate of this batch at all
    (a revoked certificate is not issued again by a new run: re-issue is explicit)."""
    taken = IssuedCertificate.objects.filter(batch=batch).values("decision__candidate_id")
    return (
        cert_selectors.decisions_ready_for_certificates(batch=batch)
        .exclude(candidate_id__in=taken)
        .order_by("candidate__full_name", "candidate_id", "-attempt")
    )


def _valid_until(issued_on: datetime.date, years: int | None) -> datetime.date | None:
    if not years:
        return None
    try:
        return issued_on.replace(year=issued_on.year + years)
    except ValueError:  # 29 February
        return issued_on.replace(year=issued_on.year + years, day=28)


def _competency_rows(run: IssuanceRun, today: datetime.date) -> list[IssuedCertificate]:
    batch = Batch.objects.select_related("scheme", "region").get(pk=run.batch_id or 0)
    decisions: list[Decision] = []
    seen: set[int] = set()
    for decision in _ready_decisions(batch).select_related("candidate"):
        if decision.candidate_id not in seen:  # one per candidate: the latest attempt
            seen.add(decision.candidate_id)
            decisions.append(decision)
    numbers = allocate_numbers(
        region=batch.region, series=batch.scheme.code, year=today.year, count=len(decisions)
    )
    indexes = allocate_status_indexes(len(decisions))
    valid_until = _valid_until(today, batch.scheme.validity_years)
    return [
        IssuedCertificate(
            kind=CertificateKind.COMPETENCY,
            decision=decision,
            holder_id=decision.candidate.user_id,
            holder_name=decision.candidate.full_name,
            region_id=batch.region_id,
            scheme_id=batch.scheme_id,
            batch=batch,
            run=run,
            number=number,
            sequence=seq,
            status_index=index,
            issued_on=today,
            valid_until=valid_until,
        )
        for decision, (seq, number), index in zip(decisions, numbers, indexes, strict=True)
    ]


def _course_rows(run: IssuanceRun, today: datetime.date) -> list[IssuedCertificate]:
    from courses.models import CourseCompletion

    completion = (
        CourseCompletion.objects.filter(course_id=run.course_id, student_id=run.requested_by_id)
        .select_related("student", "course")
        .first()
    )
    live = IssuedCertificate.objects.filter(
        course_id=run.course_id, holder_id=run.requested_by_id
    ).exists()
    if completion is None or live:
        return []
    region = run.region
    [(seq, number)] = allocate_numbers(region=region, series="KS", year=today.year, count=1)
    [index] = allocate_status_indexes(1)
    student = completion.student
    return [
        IssuedCertificate(
            kind=CertificateKind.COURSE,
            course_completion=completion,
            course_id=completion.course_id,
            holder=student,
            holder_name=student.full_name or student.username,
            region=region,
            run=run,
            number=number,
            sequence=seq,
            status_index=index,
            issued_on=today,
        )
    ]


def issuance_prepare(
    *, run_id: int, today: datetime.date | None = None, dispatch: bool = True
) -> IssuanceRun:
    """Create the run's certificate rows (numbers included) in one transaction, once.

    `dispatch=False` (the demo seed) leaves the rendering to the caller."""
    with transaction.atomic():
        run = (
            IssuanceRun.objects.select_for_update(of=("self",))
            .select_related("region")
            .get(pk=run_id)
        )
        if run.prepared_at is None and run.status in OPEN:
            today = today or timezone.localdate()
            if run.kind == CertificateKind.COMPETENCY:
                # Serialise with other runs of the batch (and with revocation/re-issue).
                Batch.objects.select_for_update().filter(pk=run.batch_id or 0).first()
                rows = _competency_rows(run, today)
            else:
                rows = _course_rows(run, today)
            IssuedCertificate.objects.bulk_create(rows, batch_size=500)
            run.total = len(rows)
            run.prepared_at = timezone.now()
            run.status = JobStatus.RUNNING
            run.save(update_fields=["total", "prepared_at", "status"])
    pending = list(
        IssuedCertificate.objects.filter(run_id=run_id, status=CertificateStatus.PENDING)
        .order_by("sequence")
        .values_list("pk", flat=True)
    )
    if pending and dispatch:
        _send_render(pending)
    elif not pending:
        issuance_finish_if_complete(run_id=run_id)
    run.refresh_from_db()
    return run


# --- 3. render --------------------------------------------------------------------------


def certificate_pdf_name(cert: IssuedCertificate) -> str:
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in cert.number)
    return f"certificates/{cert.region_id}/{safe}-{cert.verify_token[:8]}.pdf"


def _load_pending(cert_ids: list[int]) -> list[IssuedCertificate]:
    """The chunk's certificates still PENDING, with what the document needs, in one query."""
    return list(
        IssuedCertificate.objects.filter(pk__in=cert_ids, status=CertificateStatus.PENDING)
        .select_related("scheme", "batch", "region", "course", "decision")
        .order_by("sequence")
    )


def _layout(cert: IssuedCertificate, layouts: dict[tuple[int, str], Any]) -> Any:
    """The region's template for the certificate's series, looked up once per chunk."""
    from certificates.issuance.pdf import template_for

    key = (cert.region_id, cert.scheme.code if cert.scheme else "KS")
    if key not in layouts:
        layouts[key] = template_for(region_id=key[0], series=key[1])
    return layouts[key]


def certificate_render(*, cert_id: int) -> bool:
    """Render, write and publish one certificate; False when there was nothing to do."""
    found = _load_pending([cert_id])
    return bool(found) and _render_loaded(found[0], {})


def _render_loaded(cert: IssuedCertificate, layouts: dict[tuple[int, str], Any]) -> bool:
    from certificates.credentials import current_key_id, sign
    from certificates.issuance.claims import certificate_claims
    from certificates.issuance.pdf import render_certificate_pdf

    IssuedCertificate.objects.filter(pk=cert.pk).update(attempts=F("attempts") + 1)
    try:
        kid = current_key_id()
        cert.signed_payload = sign(certificate_claims(cert), kid=kid)
        cert.key_id = kid
        content = render_certificate_pdf(cert, _layout(cert, layouts))
    except OSError:
        raise  # retried (the task's autoretry), then left PENDING for the sweeper
    except Exception as exc:
        logger.warning("certificate %s failed: %r", cert.pk, exc)
        certificate_mark_failed(cert_id=cert.pk, error=str(exc) or exc.__class__.__name__)
        return False
    return _publish(cert, content)


def _publish(cert: IssuedCertificate, content: bytes) -> bool:
    storage = _storage()
    # Complete bytes in one save; the row points to the file only after it was written.
    name = storage.save(certificate_pdf_name(cert), ContentFile(content))
    try:
        published = IssuedCertificate.objects.filter(
            pk=cert.pk, status=CertificateStatus.PENDING
        ).update(
            status=CertificateStatus.ISSUED,
            pdf=name,
            signed_payload=cert.signed_payload,
            key_id=cert.key_id,
            last_error="",
            updated_at=timezone.now(),
        )
    except BaseException:
        storage.delete(name)
        raise
    if not published:  # another delivery won: keep its file, drop ours
        storage.delete(name)
    return bool(published)


def certificate_mark_failed(*, cert_id: int, error: str) -> bool:
    return bool(
        IssuedCertificate.objects.filter(pk=cert_id, status=CertificateStatus.PENDING).update(
            status=CertificateStatus.FAILED, last_error=error[:300], updated_at=timezone.now()
        )
    )


def certificates_render(*, cert_ids: Iterable[int]) -> int:
    """Render a chunk; one bad record fails alone. Returns how many were published.

    The chunk is read in one query and its template once; each certificate is still its own
    compare-and-set, so a chunk delivered twice publishes each certificate once."""
    ids = list(cert_ids)
    layouts: dict[tuple[int, str], Any] = {}
    published = sum(_render_loaded(cert, layouts) for cert in _load_pending(ids))
    run_ids = (
        IssuedCertificate.objects.filter(pk__in=ids, run__isnull=False)
        .values_list("run_id", flat=True)
        .distinct()
    )
    for run_id in set(run_ids.order_by()):
        issuance_finish_if_complete(run_id=run_id)
    return published


def issuance_finish_if_complete(*, run_id: int) -> bool:
    """RUNNING -> DONE once no certificate of the run is PENDING (a FAILED one can be retried)."""
    if IssuedCertificate.objects.filter(run_id=run_id, status=CertificateStatus.PENDING).exists():
        return False
    return bool(
        IssuanceRun.objects.filter(
            pk=run_id, status=JobStatus.RUNNING, prepared_at__isnull=False
        ).update(status=JobStatus.DONE, finished_at=timezone.now())
    )


@transaction.atomic
def certificate_retry(*, cert: IssuedCertificate, by: User) -> IssuedCertificate:
    """A FAILED certificate goes back to PENDING (same number) and is rendered again."""
    cert = (
        IssuedCertificate.objects.select_for_update(of=("self",))
        .select_related("batch")
        .get(pk=cert.pk)
    )
    if cert.batch is None or not cert_selectors.can_manage_batch(user=by, batch=cert.batch):
        raise CertificationError(_("Hanya pelatih atau staf dinas angkatan ini yang menerbitkan."))
    if cert.status != CertificateStatus.FAILED:
        raise CertificationError(_("Hanya sertifikat yang gagal yang dapat dicoba lagi."))
    cert.status = CertificateStatus.PENDING
    cert.attempts = 0
    cert.save(update_fields=["status", "attempts", "updated_at"])
    if cert.run_id:
        IssuanceRun.objects.filter(pk=cert.run_id).update(
            status=JobStatus.RUNNING, finished_at=None
        )
    transaction.on_commit(lambda: _send_render([cert.pk]))
    return cert


# --- 4. sweep ---------------------------------------------------------------------------


def issuance_sweep(*, older_than: float | None = None) -> dict[str, int]:
    """Send again what a killed worker left behind; give up after MAX_ATTEMPTS renders."""
    seconds = settings.CERT_SWEEP_AFTER_SECONDS if older_than is None else older_than
    cutoff = timezone.now() - datetime.timedelta(seconds=seconds)
    runs = list(
        IssuanceRun.objects.filter(
            status__in=OPEN, prepared_at__isnull=True, created_at__lte=cutoff
        ).values_list("pk", flat=True)
    )
    for run_id in runs:
        _send_prepare(run_id)
    stuck = IssuedCertificate.objects.filter(
        status=CertificateStatus.PENDING, updated_at__lte=cutoff
    )
    gave_up = 0
    for cert_id in stuck.filter(attempts__gte=MAX_ATTEMPTS).values_list("pk", flat=True):
        gave_up += certificate_mark_failed(
            cert_id=cert_id, error=_("Gagal dirender setelah beberapa percobaan.")
        )
    ids = list(stuck.order_by("pk").values_list("pk", flat=True))
    # Touch them, so the next sweep waits for these messages instead of sending them again.
    IssuedCertificate.objects.filter(pk__in=ids).update(updated_at=timezone.now())
    if ids:
        _send_render(ids)
    finished = 0
    for run_id in IssuanceRun.objects.filter(
        status=JobStatus.RUNNING, prepared_at__isnull=False
    ).values_list("pk", flat=True):
        finished += issuance_finish_if_complete(run_id=run_id)
    return {"runs": len(runs), "certificates": len(ids), "failed": gave_up, "finished": finished}
