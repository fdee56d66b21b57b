"""A throwaway key folder per test: no test signs with the developer's var/keys."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey


@pytest.fixture
def keys_dir(tmp_path: Path, settings) -> Path:
    folder = tmp_path / "keys"
    settings.CERT_SIGNING_KEYS_DIR = folder
    settings.CERT_SIGNING_KEY_ID = ""
    settings.CERT_SIGNING_KEYS_AUTOCREATE = True
    return folder


@pytest.fixture
def stranger_key() -> Ed25519PrivateKey:
    """An Ed25519 key that is not in the key set."""
    return Ed25519PrivateKey.generate()


@pytest.fixture
def make_certificate(db):
    """IssuedCertificate rows (course certificates: the cheapest valid source)."""
    import datetime

    from django.utils import timezone

    from certificates.issuance.fixtures import signed_course_certificate
    from certificates.models import CertificateStatus
    from courses.models import CourseCompletion
    from tests.courses.factories import make_course
    from tests.factories import RegionFactory, UserFactory

    region = RegionFactory(code="3201", name="Kabupaten Bogor")
    course, _lessons = make_course(lessons=1, slug="koperasi-sekolah")

    def build(index: int, status: str = CertificateStatus.ISSUED, **fields):
        holder = fields.pop("holder", None) or UserFactory(full_name="Siti Rahmawati")
        completion = CourseCompletion.objects.create(
            student=holder, course=course, rule="all", completed_at=timezone.now()
        )
        return signed_course_certificate(
            completion=completion,
            region=region,
            number=f"KS/3201/2026/{index:04d}",
            status_index=index,
            status=status,
            issued_on=datetime.date(2026, 11, 20),
            **fields,
        )

    return build
