"""Issuance through real worker processes that are killed with SIGKILL mid-batch.

The issue's batch of 500 (KOPSIS_KILL_BATCH overrides it for a quick local run): the worker
killed twice while it issues (after a tenth and after two fifths), restarted, the sweeper run:
exactly 500 certificates, 500 distinct consecutive numbers; a double dispatch of the prepare
step and a redelivered render message after the commit change nothing. Tier a runs it on the
embedded filesystem broker and SQLite, tier b on Redis and PostgreSQL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from certificates.issuance.services import batch_issuance_request, issuance_sweep
from certificates.models import CertificateStatus, IssuedCertificate
from certificates.tasks import certificates_render_task, issuance_prepare_task
from lms import celery_app
from lms.celery import ensure_broker_folders
from tests.factories import RegionFactory, UserFactory
from tests.issuance_data import confirmed_batch
from tests.services.conftest import ROOT, wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]
COUNT = int(os.environ.get("KOPSIS_KILL_BATCH", "500"))
# Generous: ~0.15 s of CPU a certificate on two processes, on cores shared with the database.
RENDER_TIMEOUT = 60 + COUNT * 0.5


def _start_worker(tag: str) -> subprocess.Popen:
    ensure_broker_folders()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.settings.test",
        "LMS_REAL_WORKER": "1",
        "LMS_DB_NAME": str(connection.settings_dict["NAME"]),
    }
    log = open(Path(settings.VAR_DIR) / f"test-issue-worker-{tag}.log", "w")  # noqa: SIM115
    return subprocess.Popen(
        [
            str(Path(sys.executable).parent / "celery"),
            "-A",
            "lms",
            "worker",
            "--pool",
            "prefork",
            "--concurrency",
            "2",
            "--without-mingle",
            "--without-gossip",
            "--hostname",
            f"issue-{tag}-{os.getpid()}@%h",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: SIGKILL reaches the pool children
    )


def _kill(worker: subprocess.Popen) -> None:
    os.killpg(worker.pid, signal.SIGKILL)
    worker.wait(timeout=10)


def _issued(batch) -> int:
    return IssuedCertificate.objects.filter(batch=batch, status=CertificateStatus.ISSUED).count()


@pytest.fixture
def real_broker():
    ensure_broker_folders()
    was_eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    yield
    celery_app.conf.task_always_eager = was_eager


def test_kill_9_twice_mid_batch_then_restart_issues_each_certificate_once(real_broker):
    region = RegionFactory(code="3273", name="Kota Bandung", province="Jawa Barat")
    trainer = UserFactory(username="pelatih-kill")
    batch = confirmed_batch(region=region, trainer=trainer, count=COUNT, name="Angkatan Kill")
    run = batch_issuance_request(batch=batch, by=trainer)
    issuance_prepare_task.delay(run.pk)  # a double dispatch of the prepare step
    for round_ in range(2):
        worker = _start_worker(f"k{round_}")
        target = max(3, COUNT // 10) if round_ == 0 else max(9, COUNT * 2 // 5)
        assert wait_for(lambda t=target: _issued(batch) >= t, timeout=RENDER_TIMEOUT)
        _kill(worker)
        assert _issued(batch) < COUNT
    worker = _start_worker("final")
    try:
        issuance_sweep(older_than=0)
        # A crash after the commit and before the ack: the same messages come again.
        ids = list(IssuedCertificate.objects.filter(batch=batch).values_list("pk", flat=True))
        certificates_render_task.delay(ids[:10])
        assert wait_for(lambda: _issued(batch) == COUNT, timeout=RENDER_TIMEOUT)
        issuance_sweep(older_than=0)
        time.sleep(3)
    finally:
        worker.terminate()
        worker.wait(timeout=20)
    certs = IssuedCertificate.objects.filter(batch=batch)
    assert certs.count() == COUNT
    sequences = sorted(certs.values_list("sequence", flat=True))
    assert sequences == list(range(sequences[0], sequences[0] + COUNT))  # no gaps
    assert len(set(certs.values_list("number", flat=True))) == COUNT
    assert all(c.pdf for c in certs)
