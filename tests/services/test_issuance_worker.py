"""Issuance through real worker processes that are killed with SIGKILL mid-batch.

Scaled down from the issue's 500 (rendering is ~0.5 s a PDF on the shared CI cores): a batch
of 30, the worker killed twice while it issues, restarted, the sweeper run: exactly 30
certificates, 30 distinct consecutive numbers; a double dispatch and a redelivered message
after the commit change nothing."""

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
COUNT = 30


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
        target = 3 + round_ * 6
        assert wait_for(lambda t=target: _issued(batch) >= t, timeout=60)
        _kill(worker)
        assert _issued(batch) < COUNT
    worker = _start_worker("final")
    try:
        issuance_sweep(older_than=0)
        # A crash after the commit and before the ack: the same messages come again.
        ids = list(IssuedCertificate.objects.filter(batch=batch).values_list("pk", flat=True))
        certificates_render_task.delay(ids[:10])
        assert wait_for(lambda: _issued(batch) == COUNT, timeout=80)
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
