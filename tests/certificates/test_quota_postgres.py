"""Concurrent applications for the last seats: the batch row lock keeps the quota."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from certificates.exceptions import CertificationError
from certificates.models import Candidate
from tests.certificates.conftest import apply, make_batch
from tests.factories import UserFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_concurrent_applications_never_exceed_the_quota(region, scheme, trainer, assessor) -> None:
    batch = make_batch(region, scheme, trainer, [assessor], quota=3)
    users = [UserFactory() for _ in range(8)]
    barrier = threading.Barrier(len(users))
    refused: list[str] = []

    def run(user) -> None:
        try:
            barrier.wait()
            apply(batch, user)
        except CertificationError as exc:
            refused.append(str(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(u,)) for u in users]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert Candidate.objects.filter(batch=batch).count() == 3
    assert len(refused) == 5 and all("penuh" in m for m in refused)
