"""Certificates for the offline-verifier browser test (tests/e2e/test_offline_verifier.py):

    manage.py cert_verifier_e2e     # prints {"valid": "/v/<token>#<jws>", "revoked": ...}

Uses the demo's issued and revoked certificates when they exist; otherwise creates (once) two
course certificates with status indexes far above the demo's. Idempotent.
"""

from __future__ import annotations

import datetime
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from certificates.issuance.fixtures import signed_course_certificate
from certificates.models import CertificateStatus, IssuedCertificate
from courses.models import CourseCompletion, CoursePage
from lms.accounts.models import User
from lms.schools.models import Region

BASE_INDEX = 131_000


def _path(cert: IssuedCertificate) -> str:
    return f"/v/{cert.verify_token}#{cert.signed_payload}"


class Command(BaseCommand):
    help = "Sertifikat untuk uji peramban verifikasi luring (sah dan dicabut)."

    def handle(self, *args: Any, **options: Any) -> None:
        found = {
            key: IssuedCertificate.objects.filter(status=status)
            .exclude(signed_payload="")
            .order_by("pk")
            .first()
            for key, status in (
                ("valid", CertificateStatus.ISSUED),
                ("revoked", CertificateStatus.REVOKED),
            )
        }
        for offset, key in enumerate(["valid", "revoked"]):
            cert = found[key]
            if cert is None or (cert.valid_until or datetime.date.max) < timezone.localdate():
                found[key] = self._ensure(key, BASE_INDEX + offset)
        self.stdout.write(json.dumps({key: _path(cert) for key, cert in found.items() if cert}))

    @transaction.atomic
    def _ensure(self, key: str, index: int) -> IssuedCertificate:
        existing = IssuedCertificate.objects.filter(status_index=index).first()
        if existing is not None:
            return existing
        course = CoursePage.objects.order_by("pk").first()
        region = Region.objects.order_by("pk").first()
        if course is None or region is None:
            raise CommandError("Jalankan demo_seed dulu: belum ada kursus atau wilayah.")
        holder, _ = User.objects.get_or_create(
            username=f"verifikasi-{key}", defaults={"full_name": f"Peserta Verifikasi {key}"}
        )
        completion, _ = CourseCompletion.objects.get_or_create(
            student=holder, course=course, defaults={"rule": "e2e", "completed_at": timezone.now()}
        )
        status = CertificateStatus.REVOKED if key == "revoked" else CertificateStatus.ISSUED
        return signed_course_certificate(
            completion=completion,
            region=region,
            number=f"E2E/{region.code}/{index}",
            status_index=index,
            status=status,
            issued_on=timezone.localdate(),
        )
