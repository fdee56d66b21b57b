"""Lesson page budget check: page weight, SQL queries, throughput, and the teacher grid.

Usage: .venv/bin/python bench/lesson_page.py [--seconds 10] [--threads 6] [--workers 3]

1. Creates the PostgreSQL database (`kopsis_bench`, or the one in BENCH_DATABASE_URL) if
   missing, runs migrate, demo_seed and collectstatic, and precompresses the static files as
   production does (whitenoise: `.gz` next to each file). State under var/bench/, or
   BENCH_VAR_DIR.
2. Starts gunicorn (DEBUG off) on a free loopback port, logs in as the demo student `siswa`
   and fetches the first lesson of "Koperasi Sekolah untuk Pelajar" and its CSS and JS with
   `Accept-Encoding: gzip`, counting the bytes the server actually sends (bodies as
   received, plus response headers).
3. Counts the page's SQL queries in-process (CaptureQueriesContext), cold (cache and
   content types cleared, as a fresh worker) and warm, for that lesson and one with an image.
4. Runs a bounded loop of concurrent requests from Python threads against 127.0.0.1 only.
5. Builds a 40-student x 30-lesson class (once) and times the teacher's progress grid, and
   compares its query count with the demo class's small grid.

Budgets (issue 3): <= 60 KB compressed HTML+CSS+JS, <= 12 queries (cold and warm), grid
40 x 30 <= 300 ms median with as many queries as a small grid. Prints PASS or FAIL per
budget and exits 1 when one is missed.
"""

from __future__ import annotations

import argparse
import gzip
import http.cookiejar
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/kopsis_bench"
)
DB_NAME = urllib.parse.urlsplit(DATABASE_URL).path.lstrip("/")
VAR_DIR = Path(os.environ.get("BENCH_VAR_DIR", str(ROOT / "var" / "bench")))
LESSON_PATH = "/kursus/koperasi-sekolah-untuk-pelajar/mengenal-koperasi/"
MY_LEARNING_PATH = "/belajar/"
PORTAL_PATH = "/koperasi/saya/"
RATIO_FLOOR = 0.30  # issue 13: a student's page at >= 30% of the floor's requests per second
RATIO_WAGTAIL = 10.0  # ... and >= 10x the plain uncached Wagtail page
IMAGE_LESSON_PATH = "/kursus/dasar-pembukuan-koperasi/bukti-transaksi/"  # has a diagram
BUDGET_BYTES = 60 * 1024
BUDGET_QUERIES = 12
BUDGET_GRID_MS = 300
ENV = {
    **os.environ,
    "DATABASE_URL": DATABASE_URL,
    "DJANGO_SETTINGS_MODULE": "lms.settings.base",  # DEBUG off, no production TLS redirects
    "LMS_VAR_DIR": str(VAR_DIR),
    "CELERY_TASK_ALWAYS_EAGER": "1",
    # The bench's own cache (per process): count_queries() clears it to measure a cold start.
    # Redis as production (lms.fastpage and cache-backed sessions are shared by the workers).
    "CACHE_URL": os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/8"),
}


def ensure_database() -> None:
    import psycopg

    admin_url = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(
        admin_url.replace("postgres://", "postgresql://"), autocommit=True
    ) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB_NAME]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{DB_NAME}"')


def manage(*args: str) -> None:
    subprocess.run(
        [PY, "manage.py", *args], cwd=ROOT, env=ENV, check=True, stdout=subprocess.DEVNULL
    )


def seed_demo() -> None:
    """The demo data, as `make demo` loads it."""
    manage("demo_seed")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(port: int, workers: int) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "lms.wsgi",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=ENV,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
            return process
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise RuntimeError("gunicorn did not start")


def _request(url: str, **kwargs: object) -> urllib.request.Request:
    # Every URL here is http://127.0.0.1:<port>/...: the bench never leaves the machine.
    return urllib.request.Request(url, **kwargs)  # type: ignore[arg-type]  # noqa: S310


def login(base: str) -> urllib.request.OpenerDirector:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    html = opener.open(f"{base}/akun/masuk/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    data = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "username": "siswa", "password": "kopsis-demo"}
    ).encode()
    request = _request(f"{base}/akun/masuk/", data=data, headers={"Referer": f"{base}/akun/masuk/"})
    opener.open(request)
    if "sessionid" not in {c.name for c in jar}:
        raise RuntimeError("login as siswa failed")
    return opener


def fetch_as_sent(opener: urllib.request.OpenerDirector, url: str) -> tuple[bytes, int, int, bool]:
    """GET with `Accept-Encoding: gzip`: (decoded body, body bytes sent, header bytes, gzip?).

    urllib does not decompress, so the body read is what came over the wire."""
    with opener.open(_request(url, headers={"Accept-Encoding": "gzip"})) as response:
        body = response.read()
        headers = len(bytes(response.headers)) + len(f"HTTP/1.1 {response.status} OK\r\n")
        sent_gzip = response.headers.get("Content-Encoding") == "gzip"
    return (gzip.decompress(body) if sent_gzip else body), len(body), headers, sent_gzip


def page_weight(base: str, opener: urllib.request.OpenerDirector) -> dict[str, int]:
    raw, html_sent, html_headers, html_gzip = fetch_as_sent(opener, f"{base}{LESSON_PATH}")
    html = raw.decode()
    if "Mulai kuis" not in html and "Lanjutkan kuis" not in html:
        raise RuntimeError("the lesson page did not render for the student")
    assets = re.findall(r'(?:href|src)="(/static/[^"]+\.(?:css|js))"', html)
    asset_sent = asset_headers = 0
    uncompressed = 0 if html_gzip else 1
    for url in assets:
        _body, sent, headers, was_gzip = fetch_as_sent(opener, f"{base}{url}")
        asset_sent += sent
        asset_headers += headers
        uncompressed += 0 if was_gzip else 1
    return {
        "html_raw": len(raw),
        "html_sent": html_sent,
        "assets": len(assets),
        "assets_sent": asset_sent,
        "headers": html_headers + asset_headers,
        "uncompressed": uncompressed,  # responses the server sent without gzip
        "total_sent": html_sent + asset_sent + html_headers + asset_headers,
    }


def throughput(
    base: str,
    opener: urllib.request.OpenerDirector | None,
    seconds: float,
    threads: int,
    path: str = LESSON_PATH,
    warm_up: float = 1.0,
) -> dict[str, float]:
    if warm_up:
        # Unmeasured, the same for every page: each worker's first requests import, compile
        # templates and fill its caches (the lesson page used to be measured first, cold).
        throughput(base, opener, warm_up, threads, path, warm_up=0)
    cookie = ""
    for handler in opener.handlers if opener else []:
        if isinstance(handler, urllib.request.HTTPCookieProcessor):
            cookie = "; ".join(f"{c.name}={c.value}" for c in handler.cookiejar)
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def worker() -> None:
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            request = _request(
                f"{base}{path}", headers={"Cookie": cookie, "Accept-Encoding": "gzip"}
            )
            try:
                with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
                    response.read()
                    ok = response.status == 200
            except OSError:
                ok = False
            with lock:
                if ok:
                    latencies.append(time.perf_counter() - started)
                else:
                    errors[0] += 1

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    started = time.perf_counter()
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "requests": len(latencies),
        "errors": errors[0],
        "seconds": elapsed,
        "rps": len(latencies) / elapsed,
        "p50_ms": 1000 * statistics.median(latencies) if latencies else 0,
        "p95_ms": 1000 * latencies[int(0.95 * (len(latencies) - 1))] if latencies else 0,
    }


def setup_django() -> None:
    os.environ.update(ENV)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]


def count_queries(path: str = LESSON_PATH) -> dict[str, int]:
    from django.contrib.contenttypes.models import ContentType
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from lms.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username="siswa"))
    client.get(path)  # renditions of the lesson's images exist from now on
    # Cold: as the first request of a freshly started worker.
    cache.clear()
    ContentType.objects.clear_cache()
    with CaptureQueriesContext(connection) as cold:
        client.get(path)
    with CaptureQueriesContext(connection) as warm:
        response = client.get(path)
    assert response.status_code == 200
    return {"cold": len(cold.captured_queries), "warm": len(warm.captured_queries)}


def grid_fixture() -> tuple[int, int]:
    """A class of 40 students and a course of 30 lessons with progress (built once)."""
    from django.db import transaction
    from django.utils import timezone

    from courses.models import (
        CourseAssignment,
        CourseIndexPage,
        CoursePage,
        LessonPage,
        LessonProgress,
        QuizAttempt,
    )
    from lms.accounts.models import Role, RoleAssignment, User
    from lms.schools.models import Classroom, Enrolment

    guru = User.objects.get(username="guru")
    classroom, _ = Classroom.objects.get_or_create(
        school=guru.taught_classrooms.first().school,
        name="BENCH-40",
        academic_year="2026/2027",
        defaults={"grade": 8},
    )
    classroom.teachers.add(guru)
    course = CoursePage.objects.filter(slug="bench-30-pelajaran").first()
    if course is not None:
        return classroom.pk, course.pk
    template = LessonPage.objects.get(slug="mengenal-koperasi")
    with transaction.atomic():
        course = CoursePage(
            title="Bench: 30 pelajaran", slug="bench-30-pelajaran", summary="Data uji kinerja."
        )
        CourseIndexPage.objects.get().add_child(instance=course)
        course.save_revision().publish()
        lessons = []
        for number in range(1, 31):
            lesson = LessonPage(
                title=f"Pelajaran {number}", slug=f"pelajaran-{number}", body=template.body.raw_data
            )
            course.add_child(instance=lesson)
            lessons.append(lesson)
        CourseAssignment.objects.create(course=course, classroom=classroom, assigned_by=guru)
        now = timezone.now()
        students = []
        for number in range(40):
            student, _ = User.objects.get_or_create(
                username=f"bench-s{number:02d}", defaults={"full_name": f"Siswa Bench {number}"}
            )
            RoleAssignment.objects.get_or_create(
                user=student, role=Role.STUDENT, school=classroom.school
            )
            Enrolment.objects.get_or_create(classroom=classroom, student=student)
            paper_consent(student, recorded_by=guru)
            students.append(student)
        LessonProgress.objects.bulk_create(
            [
                LessonProgress(
                    student=s,
                    lesson=lesson,
                    course=course,
                    completed_at=now,
                    completed_via="quiz",
                    quiz_passed_at=now,
                    best_score=80,
                )
                for i, s in enumerate(students)
                for lesson in lessons[: 1 + i % 30]
            ]
        )
        QuizAttempt.objects.bulk_create(
            [
                # One quiz serves all 30 bench lessons, so attempt numbers run per lesson.
                QuizAttempt(
                    student=s,
                    quiz_id=template.quiz_id,
                    lesson=lesson,
                    number=n + 1,
                    status="submitted",
                    started_at=now,
                    finished_at=now,
                    correct_count=4,
                    question_count=5,
                    score_percent=80,
                    passed=True,
                )
                for i, s in enumerate(students)
                for n, lesson in enumerate(lessons[: 1 + i % 30])
            ]
        )
    return classroom.pk, course.pk


def small_grid() -> tuple[int, int]:
    """The demo's class 8A and the course the demo assigns to it (a few students x 6)."""
    from courses.models import CourseAssignment

    assignment = CourseAssignment.objects.get(
        classroom__name="8A", course__slug="koperasi-sekolah-untuk-pelajar"
    )
    return assignment.classroom_id, assignment.course_id


def time_grid(classroom_id: int, course_id: int, runs: int = 20) -> dict[str, float]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from lms.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username="guru"))
    url = reverse("courses:progress-grid", args=[classroom_id, course_id])
    client.get(url)
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        timings.append(1000 * (time.perf_counter() - started))
        assert response.status_code == 200
    html = response.content.decode()
    return {
        "rows": html.count('<tr><th scope="row"'),
        "lessons": html.count('<th scope="col"><a href='),
        "queries": len(queries.captured_queries),
        "median_ms": statistics.median(timings),
        "max_ms": max(timings),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--threads", type=int, default=6)
    parser.add_argument("--workers", type=int, default=3)
    args = parser.parse_args()

    ensure_database()
    manage("migrate", "--noinput", "-v0")
    seed_demo()
    manage("collectstatic", "--noinput", "-v0")
    # What production's CompressedManifestStaticFilesStorage leaves next to each file, so
    # whitenoise answers `Accept-Encoding: gzip` with the compressed file.
    subprocess.run(
        [PY, "-m", "whitenoise.compress", "-q", "--no-brotli", str(VAR_DIR / "static")],
        check=True,
    )
    setup_django()
    classroom_id, course_id = grid_fixture()

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_gunicorn(port, args.workers)
    try:
        opener = login(base)
        weight = page_weight(base, opener)
        load = throughput(base, opener, args.seconds, args.threads)
        # Issue 13 in the same run: the Python floor (a static file through gunicorn and
        # WhiteNoise), a plain uncached Wagtail page (the home page, anonymous), the student's
        # "Belajar saya" and member portal.
        css = re.search(
            r'href="(/static/[^"]+\.css)"', opener.open(f"{base}{LESSON_PATH}").read().decode()
        )
        pages = {
            "floor": throughput(base, None, args.seconds, args.threads, css.group(1)),
            "wagtail": throughput(base, None, args.seconds, args.threads, "/"),
            "lesson": load,
            "my_learning": throughput(base, opener, args.seconds, args.threads, MY_LEARNING_PATH),
            "portal": throughput(base, opener, args.seconds, args.threads, PORTAL_PATH),
        }
    finally:
        server.terminate()
        server.wait(timeout=20)
    queries = count_queries()
    image_queries = count_queries(IMAGE_LESSON_PATH)
    grid = time_grid(classroom_id, course_id)
    small = time_grid(*small_grid(), runs=3)
    report(args, weight, load, queries, image_queries, grid, small)
    checks = [
        ("page weight", weight["total_sent"] <= BUDGET_BYTES),
        ("queries", max(queries.values()) <= BUDGET_QUERIES),
        ("queries, image", max(image_queries.values()) <= BUDGET_QUERIES),
        ("grid time", grid["median_ms"] <= BUDGET_GRID_MS),
        ("grid queries", grid["queries"] == small["queries"]),
        ("no errors", all(p["errors"] == 0 for p in pages.values())),
    ]
    floor, wagtail = pages["floor"]["rps"], pages["wagtail"]["rps"]
    print(f"floor (static)     {floor:.1f} req/s; plain Wagtail {wagtail:.1f} req/s")
    for name in ("lesson", "my_learning", "portal"):
        rps = pages[name]["rps"]
        print(
            f"  {name:<16} {rps:.1f} req/s = {rps / floor:.2f} of the floor, "
            f"{rps / wagtail:.1f}x plain Wagtail"
        )
        checks.append((f"{name} >= {RATIO_FLOOR:.2f} floor", rps >= RATIO_FLOOR * floor))
        checks.append((f"{name} >= {RATIO_WAGTAIL:.0f}x Wagtail", rps >= RATIO_WAGTAIL * wagtail))
    for name, ok in checks:
        print(f"{'PASS' if ok else 'FAIL'}  {name}")
    return 0 if all(ok for _name, ok in checks) else 1


def report(
    args: argparse.Namespace,
    weight: dict[str, int],
    load: dict[str, float],
    queries: dict[str, int],
    image_queries: dict[str, int],
    grid: dict[str, float],
    small: dict[str, float],
) -> None:
    print(f"lesson page        {LESSON_PATH}")
    print(f"  HTML             {weight['html_raw']:>7} B raw, {weight['html_sent']:>6} B sent")
    print(f"  CSS+JS           {weight['assets']} files, {weight['assets_sent']:>6} B sent")
    print(f"  response headers {weight['headers']:>7} B")
    print(
        f"  total sent       {weight['total_sent']:>7} B with Accept-Encoding: gzip "
        f"({weight['uncompressed']} responses uncompressed; budget {BUDGET_BYTES})"
    )
    print(
        f"  SQL queries      {queries['cold']} cold, {queries['warm']} warm "
        f"(budget {BUDGET_QUERIES})"
    )
    print(
        f"  with an image    {image_queries['cold']} cold, {image_queries['warm']} warm "
        f"({IMAGE_LESSON_PATH}, WebP srcset rendition)"
    )
    print(
        f"  throughput       {load['rps']:.1f} req/s over {load['seconds']:.1f} s, "
        f"{args.threads} client threads, gunicorn {args.workers} sync workers "
        f"({load['requests']} ok, {load['errors']} errors; "
        f"p50 {load['p50_ms']:.0f} ms, p95 {load['p95_ms']:.0f} ms)"
    )
    print(
        f"teacher grid       {grid['rows']} students x {grid['lessons']} lessons: median "
        f"{grid['median_ms']:.0f} ms, max {grid['max_ms']:.0f} ms, {grid['queries']} queries "
        f"(budget {BUDGET_GRID_MS} ms)"
    )
    print(
        f"  small grid       {small['rows']} students x {small['lessons']} lessons: "
        f"{small['queries']} queries"
    )


if __name__ == "__main__":
    sys.exit(main())


def paper_consent(student: Any, *, recorded_by: Any) -> None:
    """A guardian's learning consent on paper, as a teacher records it (bench students)."""
    from lms.accounts.models import ConsentPurpose, ConsentRecord

    ConsentRecord.objects.create(
        student=student,
        purpose=ConsentPurpose.LEARNING,
        action=ConsentRecord.Action.GRANT,
        guardian_name="Wali",
        guardian_relation="ibu",
        method=ConsentRecord.Method.PAPER,
        notice_version="2026-11",
        recorded_by=recorded_by,
    )
