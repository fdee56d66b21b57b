"""Issuing certificates through the real services (eager Celery, SQLite or PostgreSQL)."""

from __future__ import annotations

import re
import time

import pytest

from certificates.exceptions import CertificationError
from certificates.issuance.numbering import validate_pattern
from certificates.issuance.services import (
    batch_issuance_request,
    certificate_render,
    certificate_retry,
    issuance_prepare,
    issuance_sweep,
)
from certificates.models import CertificateNumbering, CertificateStatus, IssuanceRun
from lms.jobs import JobStatus
from lms.storage import private_storage
from tests.factories import RegionFactory, UserFactory
from tests.issuance_data import confirmed_batch

pytestmark = pytest.mark.django_db


@pytest.fixture
def region(db):
    return RegionFactory(code="3201", name="Kabupaten Bogor", province="Jawa Barat")


@pytest.fixture
def trainer(db):
    return UserFactory(username="pelatih-terbit", full_name="Agus Pelatih")


def test_a_batch_is_issued_with_consecutive_numbers_and_pdfs(
    region, trainer, django_capture_on_commit_callbacks
):
    batch = confirmed_batch(region=region, trainer=trainer, count=3)
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        run = batch_issuance_request(batch=batch, by=trainer)
    run.refresh_from_db()
    elapsed = time.monotonic() - started
    certs = list(run.certificates.order_by("sequence"))
    assert run.status == JobStatus.DONE, run.error
    assert [c.status for c in certs] == [CertificateStatus.ISSUED] * 3
    assert [c.number for c in certs] == [f"JBK/3201/{certs[0].issued_on.year}/{i:05d}" for i in (1, 2, 3)]
    assert len({c.verify_token for c in certs}) == 3
    assert all(len(c.verify_token) >= 43 for c in certs)
    with private_storage.open(certs[0].pdf, "rb") as fh:
        assert fh.read(4) == b"%PDF"
    print(f"3 certificates in {elapsed:.2f}s")
