"""Reads of issued certificates: the public verification view, progress counts, who may see
a certificate (holder, staff, a minor's guardian and teacher) and the holder's page."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db.models import Count, Exists, Max, OuterRef, QuerySet
from django.utils import timezone

from certificates.models import (
    BundleKind,
    CertificateBundle,
    CertificateKind,
    CertificateRevocation,
    CertificateStatus,
    IssuedCertificate,
)
from certificates.selectors import can_manage_batch
from lms.accounts.models import Guardianship
from lms.jobs import FINISHED
from lms.privacy.helpers import mask_name
from lms.schools.models import Enrolment

# States a holder, staff or the public may see (pending and failed rows are the worker's).
DOWNLOADABLE = (CertificateStatus.ISSUED, CertificateStatus.REVOKED, CertificateStatus.SUPERSEDED)


def certificate_by_token(*, token: str) -> IssuedCertificate | None:
    """An issued (or since revoked/superseded) certificate; pending and failed ones are absent."""
    if not token or len(token) > 64:
        return None
    return (
        IssuedCertificate.objects.filter(
            verify_token=token,
            status__in=(
                CertificateStatus.ISSUED,
                CertificateStatus.REVOKED,
                CertificateStatus.SUPERSEDED,
            ),
        )
        .select_related("scheme", "batch", "region", "course", "superseded_by")
        .first()
    )


def verification_state(cert: IssuedCertificate, today: datetime.date | None = None) -> str:
    """berlaku | kedaluwarsa | dicabut | diganti."""
    today = today or timezone.localdate()
    if cert.status == CertificateStatus.REVOKED:
        return "dicabut"
    if cert.status == CertificateStatus.SUPERSEDED:
        return "diganti"
    if cert.valid_until and cert.valid_until < today:
        return "kedaluwarsa"
    return "berlaku"


def verification_view_data(cert: IssuedCertificate) -> dict[str, Any]:
    """Every field of the certificate, with the holder's name masked."""
    revocation = CertificateRevocation.objects.filter(certificate=cert).order_by("-at").first()
    successor = cert.superseded_by
    return {
        "cert": cert,
        "state": verification_state(cert),
        "masked_name": mask_name(cert.holder_name),
        "revocation": revocation,
        "successor_token": successor.verify_token if successor else "",
    }


def run_counts(run: Any) -> dict[str, int]:
    """done / failed / pending of a run, read from its certificates (the source of truth)."""
    counts = dict(
        IssuedCertificate.objects.filter(run=run)
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    dead_or_done = (
        CertificateStatus.ISSUED,
        CertificateStatus.REVOKED,
        CertificateStatus.SUPERSEDED,
    )
    return {
        "done": sum(counts.get(s, 0) for s in dead_or_done),
        "failed": counts.get(CertificateStatus.FAILED, 0),
        "pending": counts.get(CertificateStatus.PENDING, 0),
        "total": run.total,
    }


# --- Who may see one certificate --------------------------------------------------------


def _is_guardian_of(user: Any, student_id: int) -> bool:
    return Guardianship.objects.filter(guardian=user, student_id=student_id).exists()


def _teaches(user: Any, student_id: int) -> bool:
    """A teacher of a class the student is enrolled in (the supervising teacher)."""
    return Enrolment.objects.filter(student_id=student_id, classroom__teachers=user).exists()


def may_view_certificate(*, user: Any, cert: IssuedCertificate) -> bool:
    """The holder; for a competency certificate the batch's trainers and the region's dinas
    staff; for a course certificate (a minor's, docs/privacy.md) the guardian and the teacher
    of the student's class only. At most two queries."""
    if not user.is_authenticated:
        return False
    if cert.holder_id == user.pk:
        return True
    if cert.kind == CertificateKind.COMPETENCY:
        return cert.batch is not None and can_manage_batch(user=user, batch=cert.batch)
    return _is_guardian_of(user, cert.holder_id) or _teaches(user, cert.holder_id)


def certificate_for_viewer(*, user: Any, pk: int) -> IssuedCertificate | None:
    """A certificate `user` may see (see may_view_certificate), else None (the view's 404)."""
    cert = (
        IssuedCertificate.objects.filter(pk=pk, status__in=DOWNLOADABLE)
        .select_related("region", "scheme", "batch", "course", "holder")
        .first()
    )
    if cert is None or not may_view_certificate(user=user, cert=cert):
        return None
    return cert


# --- The holder's page "Sertifikat saya" ------------------------------------------------


def _with_state(certs: QuerySet[IssuedCertificate]) -> list[IssuedCertificate]:
    today = timezone.localdate()
    rows = list(certs.select_related("scheme", "course", "batch", "superseded_by"))
    for cert in rows:
        cert.state = (  # type: ignore[attr-defined]  # a display value for the template
            verification_state(cert, today) if cert.status in DOWNLOADABLE else "dibuat"
        )
    return rows


def holder_certificate_list(*, user: Any) -> list[IssuedCertificate]:
    """The user's own certificates, newest first, with `state` (berlaku, kedaluwarsa,
    dicabut, diganti, or dibuat while the worker renders it). One query."""
    mine = IssuedCertificate.objects.filter(holder=user).exclude(status=CertificateStatus.FAILED)
    return _with_state(mine.order_by("-issued_on", "-pk"))


def ward_certificate_list(*, user: Any) -> list[IssuedCertificate]:
    """Course certificates of the user's wards (the guardian's view). One query."""
    wards = Guardianship.objects.filter(guardian=user).values("student_id")
    certs = IssuedCertificate.objects.filter(
        holder_id__in=wards, kind=CertificateKind.COURSE, status__in=DOWNLOADABLE
    )
    return _with_state(certs.select_related("holder").order_by("holder__full_name", "-pk"))


def pupil_certificate_list(*, user: Any) -> list[IssuedCertificate]:
    """Course certificates of the students in the classes the user teaches. One query."""
    pupils = Enrolment.objects.filter(classroom__teachers=user).values("student_id")
    certs = IssuedCertificate.objects.filter(
        holder_id__in=pupils, kind=CertificateKind.COURSE, status__in=DOWNLOADABLE
    )
    return _with_state(certs.select_related("holder").order_by("holder__full_name", "-pk"))


def certifiable_completion_list(*, user: Any) -> list[Any]:
    """Courses the user completed that give a certificate (settings.CERT_COURSE_SLUGS) and for
    which no certificate exists yet: each gets a "Minta sertifikat" button. One query."""
    from courses.models import CourseCompletion

    has_cert = IssuedCertificate.objects.filter(holder=user, course=OuterRef("course_id"))
    return list(
        CourseCompletion.objects.filter(student=user, course__slug__in=settings.CERT_COURSE_SLUGS)
        .annotate(has_cert=Exists(has_cert))
        .filter(has_cert=False)
        .select_related("course")
        .order_by("completed_at")
    )


# --- Staff: one certificate's lifecycle -------------------------------------------------


def certificate_history(*, cert: IssuedCertificate) -> dict[str, Any]:
    """Revocations (with the actor), the certificate it replaced and the one replacing it."""
    return {
        "revocations": list(
            CertificateRevocation.objects.filter(certificate=cert)
            .select_related("actor")
            .order_by("at", "pk")
        ),
        "predecessors": list(IssuedCertificate.objects.filter(superseded_by=cert).order_by("pk")),
        "successor": cert.superseded_by,
        "state": verification_state(cert) if cert.status in DOWNLOADABLE else "dibuat",
    }


def batch_lifecycle_list(*, batch: Any) -> dict[str, Any]:
    """A batch's revocations and re-issues, newest first (the issuance page's history)."""
    return {
        "revocations": list(
            CertificateRevocation.objects.filter(certificate__batch=batch)
            .select_related("certificate", "actor")
            .order_by("-at", "-pk")
        ),
        "superseded": list(
            IssuedCertificate.objects.filter(batch=batch, status=CertificateStatus.SUPERSEDED)
            .select_related("superseded_by")
            .order_by("-updated_at", "-pk")
        ),
    }


def batch_issued_certificates(*, batch_id: int) -> QuerySet[IssuedCertificate]:
    """The batch's live certificates with a PDF (ISSUED: not pending, failed, revoked or
    superseded), in number order. One query when iterated."""
    return IssuedCertificate.objects.filter(
        batch_id=batch_id, status=CertificateStatus.ISSUED
    ).order_by("number")


def batch_latest_bundles(*, batch_id: int) -> dict[str, CertificateBundle | None]:
    """The newest bundle of each kind (any organiser's: they all may download it), unless it
    was built before a certificate of the batch changed (a revocation, a re-issue): the page
    then offers a fresh one instead of a file with a revoked certificate. Three queries."""
    changed = IssuedCertificate.objects.filter(batch_id=batch_id).aggregate(at=Max("updated_at"))
    latest: dict[str, CertificateBundle | None] = {}
    for kind in BundleKind.values:
        bundle = CertificateBundle.objects.filter(batch_id=batch_id, kind=kind).first()
        if bundle is not None and bundle.status in FINISHED and changed["at"] is not None:
            bundle = None if changed["at"] > bundle.created_at else bundle
        latest[kind] = bundle
    return latest
