"""Batch board and batch grading for a province's year: 2,000 candidates on PostgreSQL.

Usage:
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/kopsis_bench \
  CELERY_BROKER_URL=redis://127.0.0.1:6379/0 .venv/bin/python bench/certification_board.py

1. Migrates the database and builds (once) a batch of 2,000 accepted candidates, each with a
   self-assessment for all 8 units, one evidence row and a submitted practical case (the
   answer key with a few mistakes): 24,000 sandbox entries. Setup uses bulk inserts; the
   rules under test (board, grading) run through the real selectors, views and services.
2. Renders the board view (GET /sertifikat/angkatan/<id>/, first page of 25, counts over all
   2,000) 20 times as the trainer, in-process with the test client: median and max time and
   the SQL query count, compared with a 3-candidate batch (must be equal: constant queries).
3. Grades every case in Celery: starts a worker (2 processes) on CELERY_BROKER_URL, queues
   the grading run through `grading_run_start()` and prints the progress the board polls
   (done / total / failed) until it finishes.

Budget (issue 9): board < 300 ms median with as many queries as a small batch. Prints PASS
or FAIL and exits 1 when the budget is missed.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.dev")
os.environ.setdefault("LMS_VAR_DIR", str(ROOT / "var" / "bench-cert"))
CANDIDATES = 2000
BIG = "Bench: angkatan provinsi 2.000 peserta"
SMALL = "Bench: angkatan kecil"


def _setup() -> None:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _people() -> tuple:
    from lms.accounts.models import Role, RoleAssignment, User
    from lms.schools.models import Region

    region, _ = Region.objects.get_or_create(
        code="9901", defaults={"province": "Bench", "name": "Kabupaten Bench"}
    )
    people = []
    for username, role in (("bench-pelatih", Role.TRAINER), ("bench-asesor", Role.ASSESSOR)):
        user, _ = User.objects.get_or_create(username=username, defaults={"full_name": username})
        RoleAssignment.objects.get_or_create(user=user, role=role, region=region)
        people.append(user)
    return region, *people


def _scheme(trainer):
    from certificates.models import Scheme
    from certificates.scheme_data import units_csv
    from certificates.services.schemes import scheme_create, scheme_publish, scheme_units_import

    scheme = Scheme.objects.filter(code="BENCH").first()
    if scheme is None:
        scheme = scheme_create(code="BENCH", title="Juru Buku (bench)", by=trainer)
        scheme_units_import(scheme=scheme, data=units_csv(code="BENCH"), filename="u.csv")
        scheme = scheme_publish(scheme=scheme, by=trainer)
    return scheme


def _batch(name: str, size: int, region, scheme, trainer, assessor):
    import datetime
    import random

    from certificates.models import (
        Batch,
        Candidate,
        Evidence,
        PracticalCase,
        SandboxEntry,
        SandboxLine,
        SelfAssessment,
    )
    from certificates.practical.generator import generate_case
    from certificates.services.batches import batch_create
    from lms.accounts.models import User

    batch = Batch.objects.filter(name=name).first()
    if batch is not None:
        return batch
    start = datetime.date(2026, 3, 2)
    batch = batch_create(
        region=region,
        scheme=scheme,
        name=name,
        start_date=start,
        end_date=start,
        test_date=start,
        venue="Bench",
        quota=size,
        by=trainer,
        assessors=[assessor],
    )
    users = User.objects.bulk_create(
        User(username=f"{name[:10]}-{batch.pk}-{i}", full_name=f"Peserta {i:04d}")
        for i in range(size)
    )
    now = datetime.datetime.now(tz=datetime.UTC)
    candidates = Candidate.objects.bulk_create(
        Candidate(
            batch=batch,
            user=u,
            full_name=u.full_name,
            cooperative_name=f"Koperasi Desa Merah Putih {i}",
            cooperative_role="Juru buku",
            status="diterima",
            reviewed_by=trainer,
            reviewed_at=now,
            training_done_at=now,
            written_score=80,
            written_passed=True,
        )
        for i, u in enumerate(users)
    )
    units = list(scheme.units.all())
    SelfAssessment.objects.bulk_create(
        SelfAssessment(candidate=c, unit=u, competent=True) for c in candidates for u in units
    )
    Evidence.objects.bulk_create(
        Evidence(candidate=c, path="x.pdf", original_name="ijazah.pdf", content_type="pdf", size=1)
        for c in candidates
    )
    rng = random.Random(7)
    cases = PracticalCase.objects.bulk_create(
        PracticalCase(
            candidate=c,
            seed=(seed := rng.getrandbits(62)),
            case=generate_case(seed),
            submitted_at=now,
        )
        for c in candidates
    )
    entries, lines = [], []
    for case in cases:
        for tx in case.case["transactions"]:
            entry = SandboxEntry(
                case=case,
                date=datetime.date.fromisoformat(tx["date"]),
                memo=tx["ref"],
                transaction_ref=tx["ref"],
            )
            entries.append(entry)
            wrong = rng.random() < 0.1
            lines.append(
                [
                    (
                        x["account"],
                        ("K" if x["side"] == "D" else "D") if wrong else x["side"],
                        x["amount"],
                    )
                    for x in tx["lines"]
                ]
            )
    SandboxEntry.objects.bulk_create(entries, batch_size=2000)
    SandboxLine.objects.bulk_create(
        (
            SandboxLine(entry=e, account_code=a, side=s, amount=n)
            for e, rows in zip(entries, lines, strict=True)
            for a, s, n in rows
        ),
        batch_size=5000,
    )
    return batch


def _time_board(batch, trainer) -> tuple[float, float, int]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    client = Client()
    client.force_login(trainer)
    url = reverse("certificates:batch-board", args=[batch.pk])
    assert client.get(url, HTTP_HOST="localhost").status_code == 200
    times = []
    for _ in range(20):
        begin = time.perf_counter()
        client.get(url, HTTP_HOST="localhost")
        times.append((time.perf_counter() - begin) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(url, HTTP_HOST="localhost")
    return statistics.median(times), max(times), len(queries)


def _grade_in_celery(batch, assessor) -> float:
    from django.db import transaction

    from certificates.models import GradingRun
    from certificates.practical.services import grading_run_start

    worker = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/celery"),
            "-A",
            "lms",
            "worker",
            "--concurrency",
            "2",
            "-l",
            "warning",
        ],
        cwd=ROOT,
        env=os.environ.copy(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        time.sleep(4)
        GradingRun.objects.filter(batch=batch).delete()
        begin = time.perf_counter()
        with transaction.atomic():
            run = grading_run_start(batch=batch, by=assessor)
        last = -1
        while True:
            run.refresh_from_db()
            if run.done_count != last:
                print(f"  grading: {run.done_count}/{run.total} (gagal {run.failed_count})")
                last = run.done_count
            if run.status in ("done", "failed"):
                break
            time.sleep(1)
        return time.perf_counter() - begin
    finally:
        worker.terminate()
        worker.wait(timeout=30)


def main() -> int:
    _setup()
    from django.db import connection

    region, trainer, assessor = _people()
    scheme = _scheme(trainer)
    begin = time.perf_counter()
    big = _batch(BIG, CANDIDATES, region, scheme, trainer, assessor)
    small = _batch(SMALL, 3, region, scheme, trainer, assessor)
    print(f"setup: {time.perf_counter() - begin:.1f} s on {connection.vendor}")
    median, worst, queries = _time_board(big, trainer)
    _small_median, _small_worst, small_queries = _time_board(small, trainer)
    print(
        f"board, {CANDIDATES} candidates: median {median:.0f} ms, max {worst:.0f} ms, "
        f"{queries} queries"
    )
    print(f"board, 3 candidates: {small_queries} queries")
    ok = median < 300 and queries == small_queries
    print("PASS" if ok else "FAIL", "board < 300 ms median with constant queries")
    if "--no-grading" not in sys.argv:
        seconds = _grade_in_celery(big, assessor)
        print(f"grading {CANDIDATES} cases in Celery (2 processes): {seconds:.1f} s")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
