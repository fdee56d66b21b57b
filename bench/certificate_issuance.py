"""Certificate issuance end to end vs the bare PDF library, on this machine, in one run.

Usage:
  .venv/bin/python bench/certificate_issuance.py            # N=500
  .venv/bin/python bench/certificate_issuance.py --n 5000

Defaults: DATABASE_URL=postgres://postgres@127.0.0.1:5432/kopsis_issue_bench (created when
missing), CELERY_BROKER_URL=redis://127.0.0.1:6379/11, state under var/bench-issue/ (or
BENCH_VAR_DIR); the environment variables override them.

1. Migrates the database and builds a fresh batch of N candidates with signed, pleno-confirmed
   Kompeten decisions (8 units each: page 2 transcript), in bulk (tests/issuance_data.py).
2. Starts a real `celery worker --concurrency 2` (prefork) on the Redis broker and waits until
   it answers a ping. Then the clock starts: `batch_issuance_request()` (the trainer's click)
   -> prepare task (numbers) -> render tasks (sign, WeasyPrint, private storage, compare-and-
   set) -> until every certificate of the batch is ISSUED. That wall time is "pipeline".
3. The reference, "bare": the same N documents (the HTML the worker rendered, rebuilt from the
   issued rows, and the same stylesheet) rendered by WeasyPrint directly in
   multiprocessing.Pool(2), pool start included, PDF bytes kept in memory.

Targets (issue 10): 500 in under 60 s, 5,000 in under 6 minutes, and the pipeline within 1.3x
of the bare library. Prints both times, the ratio and PASS/FAIL; exits 1 when one is missed.
Also prints the CPU seconds of the worker and of the pool (from /proc) and their ratio, which
does not depend on what else the machine runs (wall times on a shared machine do).
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import platform
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.dev")
os.environ.setdefault("LMS_VAR_DIR", os.environ.get("BENCH_VAR_DIR", str(ROOT / "var/bench-issue")))
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/kopsis_issue_bench")
os.environ.setdefault("CELERY_BROKER_URL", "redis://127.0.0.1:6379/11")
TARGET_SECONDS = {500: 60.0, 5000: 360.0}
MAX_RATIO = 1.3


def _create_database() -> None:
    from urllib.parse import urlparse

    import psycopg

    url = urlparse(os.environ["DATABASE_URL"])
    name = url.path.lstrip("/")
    admin = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def _setup() -> None:
    if os.environ["DATABASE_URL"].startswith("postgres"):
        _create_database()
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _batch(n: int) -> Any:
    from lms.accounts.models import User
    from lms.schools.models import Region
    from tests.issuance_data import confirmed_batch

    region, _ = Region.objects.get_or_create(
        code="9902", defaults={"province": "Bench", "name": "Kabupaten Bench Terbit"}
    )
    trainer, _ = User.objects.get_or_create(
        username="bench-terbit", defaults={"full_name": "Pelatih Bench"}
    )
    stamp = time.strftime("%Y%m%d%H%M%S")
    return confirmed_batch(
        region=region, trainer=trainer, count=n, name=f"Bench terbit {n} {stamp}", prefix=stamp
    ), trainer


def _start_worker() -> subprocess.Popen:
    from lms import celery_app

    celery_app.control.purge()  # this bench's own Redis database: leftovers of a killed run
    log = open(Path(os.environ["LMS_VAR_DIR"]) / "worker.log", "w")  # noqa: SIM115
    worker = subprocess.Popen(
        [
            *(str(ROOT / ".venv/bin/celery"), "-A", "lms", "worker", "--concurrency", "2"),
            *("--without-mingle", "--without-gossip", "-l", "warning"),
            *("--hostname", f"bench-issue-{os.getpid()}@%h"),
        ],
        cwd=ROOT,
        env=os.environ.copy(),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if celery_app.control.ping(destination=[f"bench-issue-{os.getpid()}@{platform.node()}"]):
            return worker
        time.sleep(0.5)
    worker.terminate()
    raise SystemExit("the worker did not answer within 60 s (see worker.log)")


def _issue(batch: Any, trainer: Any, n: int, worker: int) -> tuple[float, float]:
    """Wall time from the click to the last ISSUED row, and the worker's CPU seconds."""
    from django.db import transaction
    from django.db.models import Count

    from certificates.issuance.services import batch_issuance_request
    from certificates.models import CertificateStatus, IssuedCertificate

    cpu = _cpu_seconds(worker)
    begin = time.perf_counter()
    with transaction.atomic():
        batch_issuance_request(batch=batch, by=trainer)
    last = -1
    while True:
        counts = dict(
            IssuedCertificate.objects.filter(batch=batch)
            .values_list("status")
            .annotate(n=Count("pk"))
        )
        issued = counts.get(CertificateStatus.ISSUED, 0)
        failed = counts.get(CertificateStatus.FAILED, 0)
        if issued // 100 != last:
            print(f"  {time.perf_counter() - begin:6.1f} s  issued {issued}/{n}, failed {failed}")
            last = issued // 100
        if issued + failed >= n:
            if failed:
                raise SystemExit(f"{failed} certificates FAILED (see worker.log)")
            return time.perf_counter() - begin, _cpu_seconds(worker) - cpu
        time.sleep(0.25)


def _documents(batch: Any) -> tuple[list[str], str]:
    """The HTML of every issued certificate, as the worker rendered it, and the stylesheet."""
    from certificates.issuance.pdf import render_html, template_for
    from certificates.models import IssuedCertificate

    certs = list(
        IssuedCertificate.objects.filter(batch=batch)
        .select_related("scheme", "batch", "region", "course", "decision")
        .order_by("sequence")
    )
    layout = template_for(region_id=batch.region_id, series=batch.scheme.code)
    return [render_html(c, layout) for c in certs], layout.css


def _cpu_seconds(root: int, *, with_root: bool = True, reaped: bool = False) -> float:
    """User + system CPU of a process's live children (and its own), from /proc; with
    `reaped`, also what it reaped from children that ended (bench/run_all.py: gunicorn
    workers recycled by max_requests)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(entry.name) == root:
            if with_root:
                total += int(fields[11]) + int(fields[12])  # utime, stime
            if reaped:
                total += int(fields[13]) + int(fields[14])  # cutime, cstime
        elif int(fields[1]) == root:
            total += int(fields[11]) + int(fields[12])
    return total / ticks


def _bare_render(args: tuple[str, str]) -> int:
    from certificates.issuance.pdf import html_to_pdf

    return len(html_to_pdf(*args))


def _bare(htmls: list[str], css: str) -> tuple[float, float]:
    """Wall time and CPU seconds of the same documents in Pool(2), pool start included."""
    begin = time.perf_counter()
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(2) as pool:
        sizes = pool.map(_bare_render, [(h, css) for h in htmls], chunksize=10)
        seconds = time.perf_counter() - begin
        cpu = _cpu_seconds(os.getpid(), with_root=False)  # the two pool processes
    assert all(sizes)
    return seconds, cpu


def _report(n: int, pipeline: tuple[float, float], bare: tuple[float, float]) -> bool:
    (pipeline_s, pipeline_cpu), (bare_s, bare_cpu) = pipeline, bare
    ratio = pipeline_s / bare_s
    target = TARGET_SECONDS.get(n, 60.0 * n / 500)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}")
    print(f"pipeline, {n} certificates (request -> worker x2 -> all ISSUED): {pipeline_s:.1f} s")
    print(f"  = {pipeline_s / n * 1000:.0f} ms per certificate, {n / pipeline_s:.1f} per second")
    print(f"  worker CPU {pipeline_cpu:.1f} s = {pipeline_cpu / n * 1000:.0f} ms per certificate")
    print(f"bare WeasyPrint, the same {n} documents, Pool(2): {bare_s:.1f} s")
    print(f"  pool CPU {bare_cpu:.1f} s = {bare_cpu / n * 1000:.0f} ms per document")
    print(f"ratio pipeline / bare: {ratio:.2f} wall, {pipeline_cpu / bare_cpu:.2f} CPU")
    ok_time, ok_ratio = pipeline_s < target, ratio <= MAX_RATIO
    print("PASS" if ok_time else "FAIL", f"{n} certificates in under {target:.0f} s")
    print("PASS" if ok_ratio else "FAIL", f"within {MAX_RATIO}x of the bare library")
    cpu_ok = pipeline_cpu / bare_cpu <= MAX_RATIO  # not in the exit status: for a loaded host
    print("PASS" if cpu_ok else "FAIL", f"within {MAX_RATIO}x in CPU seconds (load-independent)")
    return ok_time and ok_ratio


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=500)
    args = parser.parse_args()
    _setup()
    from django.db import connection

    begin = time.perf_counter()
    batch, trainer = _batch(args.n)
    seconds = time.perf_counter() - begin
    print(f"setup: {args.n} candidates in {seconds:.1f} s ({connection.vendor})")
    worker = _start_worker()
    try:
        pipeline = _issue(batch, trainer, args.n, worker.pid)
    finally:
        worker.terminate()
        worker.wait(timeout=60)
    htmls, css = _documents(batch)
    connection.close()  # the pool forks: no shared socket
    bare = _bare(htmls, css)
    return 0 if _report(args.n, pipeline, bare) else 1


if __name__ == "__main__":
    sys.exit(main())
