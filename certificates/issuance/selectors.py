"""Reads of issued certificates: the public verification view, progress counts."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, Max, QuerySet
from django.utils import timezone

from certificates.models import (
    BundleKind,
    CertificateBundle,
    CertificateRevocation,
    CertificateStatus,
    IssuedCertificate,
)
from lms.jobs import FINISHED
from lms.privacy.helpers import mask_name


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
