"""Lesson page budget check: page weight, SQL queries, throughput, and the teacher grid.

Usage: .venv/bin/python bench/lesson_page.py [--seconds 10] [--threads 6] [--workers 3]

1. Creates the PostgreSQL database `kopsis_bench` if missing, runs migrate, demo_seed and
   collectstatic (state under var/bench/).
2. Starts gunicorn (DEBUG off) on a free loopback port, logs in as the demo student `siswa`
   and fetches the first lesson of "Koperasi Sekolah untuk Pelajar" with gzip, plus its
   CSS and JS (gzip-compressed as a production server sends them).
3. Counts the page's SQL queries in-process (CaptureQueriesContext, warm cache).
4. Runs a bounded loop of concurrent requests from Python threads against 127.0.0.1 only.
5. Builds a 40-student x 30-lesson class (once) and times the teacher's progress grid.

Budgets (issue 3): <= 60 KB compressed HTML+CSS+JS, <= 12 queries, grid < 300 ms.
Exits 1 when a budget is missed.
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

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
DB_NAME = "kopsis_bench"
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/{DB_NAME}")
LESSON_PATH = "/kursus/koperasi-sekolah-untuk-pelajar/mengenal-koperasi/"
IMAGE_LESSON_PATH = "/kursus/dasar-pembukuan-koperasi/bukti-transaksi/"  # has a diagram
BUDGET_BYTES = 60 * 1024
BUDGET_QUERIES = 12
BUDGET_GRID_MS = 300
ENV = {
    **os.environ,
    "DATABASE_URL": DATABASE_URL,
    "DJANGO_SETTINGS_MODULE": "lms.settings.base",  # DEBUG off, no production TLS redirects
    "LMS_VAR_DIR": str(ROOT / "var" / "bench"),
    "CELERY_TASK_ALWAYS_EAGER": "1",
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


def page_weight(base: str, opener: urllib.request.OpenerDirector) -> dict[str, int]:
    request = _request(f"{base}{LESSON_PATH}", headers={"Accept-Encoding": "gzip"})
    response = opener.open(request)
    body = response.read()
    sent_gzip = response.headers.get("Content-Encoding") == "gzip"
    html = gzip.decompress(body).decode() if sent_gzip else body.decode()
    if "Mulai kuis" not in html and "Lanjutkan kuis" not in html:
        raise RuntimeError("the lesson page did not render for the student")
    html_gz = len(body) if sent_gzip else len(gzip.compress(body))
    assets = re.findall(r'(?:href|src)="(/static/[^"]+\.(?:css|js))"', html)
    asset_gz = 0
    for url in assets:
        raw = opener.open(f"{base}{url}").read()
        asset_gz += len(gzip.compress(raw, compresslevel=6))  # what a gzip server sends
    return {
        "html_raw": len(html.encode()),
        "html_gzip": html_gz,
        "assets": len(assets),
        "assets_gzip": asset_gz,
        "total_gzip": html_gz + asset_gz,
    }


def throughput(
    base: str, opener: urllib.request.OpenerDirector, seconds: float, threads: int
) -> dict[str, float]:
    cookie = ""
    for handler in opener.handlers:
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
                f"{base}{LESSON_PATH}", headers={"Cookie": cookie, "Accept-Encoding": "gzip"}
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
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from lms.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username="siswa"))
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
    from lms.accounts.models import ConsentPurpose, ConsentRecord, Role, RoleAssignment, User
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
            ConsentRecord.objects.create(
                student=student,
                purpose=ConsentPurpose.LEARNING,
                action=ConsentRecord.Action.GRANT,
                guardian_name="Wali",
                guardian_relation="ibu",
                method=ConsentRecord.Method.PAPER,
                notice_version="2026-11",
                recorded_by=guru,
            )
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
    manage("demo_seed")
    manage("collectstatic", "--noinput", "-v0")
    setup_django()
    classroom_id, course_id = grid_fixture()

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_gunicorn(port, args.workers)
    try:
        opener = login(base)
        weight = page_weight(base, opener)
        load = throughput(base, opener, args.seconds, args.threads)
    finally:
        server.terminate()
        server.wait(timeout=20)
    queries = count_queries()
    image_queries = count_queries(IMAGE_LESSON_PATH)
    grid = time_grid(classroom_id, course_id)

    print(f"lesson page        {LESSON_PATH}")
    print(f"  HTML             {weight['html_raw']:>7} B raw, {weight['html_gzip']:>6} B gzip")
    print(f"  CSS+JS           {weight['assets']} files, {weight['assets_gzip']:>6} B gzip")
    print(f"  total            {weight['total_gzip']:>7} B gzip  (budget {BUDGET_BYTES})")
    print(
        f"  SQL queries      {queries['warm']} warm, {queries['cold']} cold cache "
        f"(budget {BUDGET_QUERIES})"
    )
    print(
        f"  with an image    {image_queries['warm']} warm queries ({IMAGE_LESSON_PATH}, "
        "WebP srcset rendition)"
    )
    print(
        f"  throughput       {load['rps']:.1f} req/s over {load['seconds']:.1f} s, "
        f"{args.threads} client threads, gunicorn {args.workers} sync workers "
        f"({load['requests']} ok, {load['errors']} errors; "
        f"p50 {load['p50_ms']:.0f} ms, p95 {load['p95_ms']:.0f} ms)"
    )
    print(
        f"teacher grid       {grid['rows']} students x 30 lessons: median "
        f"{grid['median_ms']:.0f} ms, max {grid['max_ms']:.0f} ms, {grid['queries']} queries "
        f"(budget {BUDGET_GRID_MS} ms)"
    )
    ok = (
        weight["total_gzip"] <= BUDGET_BYTES
        and queries["warm"] <= BUDGET_QUERIES
        and image_queries["warm"] <= BUDGET_QUERIES
        and grid["median_ms"] < BUDGET_GRID_MS
        and load["errors"] == 0
    )
    print("budgets            " + ("met" if ok else "MISSED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
