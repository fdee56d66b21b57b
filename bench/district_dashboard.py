"""District dashboard budget: the overview and the cooperative lists at province scale.

Usage:
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/kopsis_dash \
  CELERY_BROKER_URL=redis://127.0.0.1:6379/8 .venv/bin/python bench/district_dashboard.py \
  [--scale 1.0] [--runs 15]

1. Migrates the database and, once, runs `district_generate --scale <scale>` (40 kabupaten,
   2,000 schools, 400,000 students, 2,000 cooperatives with a year of sales, 20,000
   candidates at scale 1) and the snapshot refresh, timing both.
2. Requests, in-process with the test client, as a kabupaten and as a province dinas user:
   the overview (reads the snapshot), the cooperative list (first page, no filter and two
   filters) and the CSV export of one kabupaten, the recognition and pendataan lists, and the
   lists behind the schools, course and certification numbers: median and max time and SQL
   queries.

Budget (issue 12): every page < 500 ms median on PostgreSQL. Prints PASS or FAIL per page and
exits 1 when one is missed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.dev")
os.environ.setdefault("LMS_VAR_DIR", str(ROOT / "var" / "bench-district"))
BUDGET_MS = 500


def _setup(scale: float) -> None:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    started = time.monotonic()
    call_command("district_generate", scale=scale)
    print(f"setup (generate + refresh, or nothing when present): {time.monotonic() - started:.1f}s")


def _users() -> tuple:
    from lms.accounts.models import Role, RoleAssignment, User
    from lms.schools.models import Region
    from school_coops.generate import PROVINCE

    region = Region.objects.filter(province=PROVINCE).order_by("code").first()
    kab, _c = User.objects.get_or_create(username="bench-dinas-kab", defaults={"full_name": "K"})
    RoleAssignment.objects.get_or_create(user=kab, role=Role.DINAS, region=region)
    prov, _c = User.objects.get_or_create(username="bench-dinas-prov", defaults={"full_name": "P"})
    RoleAssignment.objects.get_or_create(
        user=prov, role=Role.DINAS, school=None, region=None, defaults={"province": PROVINCE}
    )
    return kab, prov


def _time(client, url: str, runs: int) -> tuple[float, float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings = []
    for _n in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return statistics.median(timings), max(timings), len(queries)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    _setup(args.scale)
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    kab, prov = _users()
    year = timezone.localdate().year
    pages = [
        ("kabupaten", kab, "/sekolah/dinas/"),
        ("kabupaten", kab, "/dinas/koperasi/"),
        ("kabupaten", kab, "/dinas/koperasi/?status=tidak_aktif&health=kurang"),
        ("kabupaten", kab, "/dinas/koperasi/ekspor.csv"),
        ("province", prov, "/sekolah/dinas/"),
        ("province", prov, "/dinas/koperasi/"),
        ("province", prov, "/dinas/koperasi/?rat=terlambat&level=SMA"),
        ("province", prov, "/dinas/koperasi/?page=40"),
        # the lists behind "Pengajuan pengukuhan menunggu" and "Belum mengirim pendataan"
        ("kabupaten", kab, "/koperasi/wilayah/pengukuhan/"),
        ("kabupaten", kab, f"/koperasi/wilayah/pendataan/{year}/?belum=1"),
        ("province", prov, "/koperasi/wilayah/pengukuhan/"),
        ("province", prov, f"/koperasi/wilayah/pendataan/{year}/?belum=1&page=20"),
        ("province", prov, f"/koperasi/wilayah/pendataan/{year}/ekspor.csv"),
        # the lists behind the schools, students, course and certification numbers
        ("kabupaten", kab, "/sekolah/dinas/sekolah/"),
        ("province", prov, "/sekolah/dinas/sekolah/"),
        ("province", prov, "/sekolah/dinas/sekolah/?page=40&level=SMA"),
        ("province", prov, "/belajar/dinas/penyelesaian/"),
        ("kabupaten", kab, "/sertifikat/dinas/angkatan/"),
        ("province", prov, "/sertifikat/dinas/angkatan/"),
        ("province", prov, "/sertifikat/dinas/terbit/?habis=90"),
        ("province", prov, "/sertifikat/dinas/lsp/"),
    ]
    print(f"database: {connection.vendor}, scale {args.scale}")
    failed = False
    for who, user, url in pages:
        client = Client(SERVER_NAME="localhost")
        client.force_login(user)
        client.get(url)  # warm: templates, translations
        median, worst, queries = _time(client, url, args.runs)
        ok = median < BUDGET_MS
        failed |= not ok
        verdict = "PASS" if ok else "FAIL"
        print(
            f"{verdict} {who:9} {url:55} median {median:6.1f} ms  max {worst:6.1f} ms  "
            f"{queries} queries"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
