"""`make bench`: the production stack started once, every page measured in one run, one table.

Usage: .venv/bin/python bench/run_all.py [--seconds 6] [--threads 4] [--cert-n 100]
                                         [--only grid]

`--only grid` measures only the floor, plain Wagtail and the two teacher grid rows (no
certificates): a short run to compare the grid before and after a change.

1. The bench database (bench/lesson_page.py: BENCH_DATABASE_URL, default `kopsis_bench`;
   migrate, demo_seed, collectstatic with whitenoise's `.gz` files, the 40 x 30 class), a
   small generated province for the dinas overview (`district_generate --scale 0.02`).
2. The production stack on loopback: gunicorn with deploy/gunicorn.conf.py (its documented
   worker count, WEB_CONCURRENCY or 2 x cores + 1; DEBUG off), PostgreSQL, Redis as cache,
   session store and Celery broker (BENCH_CACHE_URL), and a real `celery worker`.
3. Each page is requested for `--seconds` by `--threads` Python threads on 127.0.0.1 (one
   new connection a request, as the sync workers close them). CPU ms per request is the
   gunicorn workers' user + system time from /proc (live workers plus what the master reaped
   from recycled ones) divided by the requests served: it does not depend on wall time.
   Queries are counted in-process (CaptureQueriesContext) for one warm request.
4. Certificate issuance: a batch of `--cert-n` through the same Celery worker (the logic of
   bench/certificate_issuance.py); time from the click to the last ISSUED row.

Prints ONE table with the Python floor (a static file through gunicorn + WhiteNoise) and plain
uncached Wagtail (the home page, anonymous) of the same run, each page's ratio to the floor and
PASS/FAIL against issue 13's targets; exits 1 when one fails.
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import ctypes
import gzip
import http.client
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import lesson_page as lp  # the bench database, data and login helpers

ROOT = lp.ROOT
PASSWORD = "kopsis-demo"  # noqa: S105  # the demo data's documented password
GRID_CPU_MS = 12.0  # issue 13: the 40 x 30 grid under 12 CPU ms
ANSWER_P95_MS = 300.0  # exam day: an answer saved within 300 ms at p95
DISTRICT_P95_MS = 500.0  # issue 12: the dinas pages under 500 ms
CERT_SECONDS_PER_500 = 60.0  # issue 10: 500 certificates in under 60 s


@dataclass
class Row:
    page: str
    rps: float = 0.0
    p50: float = 0.0
    p95: float = 0.0
    p99: float = 0.0
    cpu_ms: float | None = None
    queries: int | None = None
    bytes: int = 0
    errors: int = 0
    ratio: float | None = None  # requests/s over the floor's
    target: str = ""
    ok: bool | None = None  # None: no target (the floor and plain Wagtail)
    note: str = ""


@dataclass
class Target:
    floor: float | None = None  # at least this share of the floor's requests/s
    wagtail: float | None = None  # at least this many times plain Wagtail's requests/s
    cpu_ms: float | None = None  # at most this CPU ms per request
    p95_ms: float | None = None  # at most this p95

    def describe(self) -> str:
        parts = []
        if self.floor is not None:
            parts.append(f">= {self.floor:.2f} floor")
        if self.wagtail is not None:
            parts.append(f">= {self.wagtail:.0f}x Wagtail")
        if self.cpu_ms is not None:
            parts.append(f"< {self.cpu_ms:.0f} CPU ms")
        if self.p95_ms is not None:
            parts.append(f"p95 < {self.p95_ms:.0f} ms")
        return ", ".join(parts)


def judge(row: Row, target: Target, floor_rps: float, wagtail_rps: float) -> Row:
    """Fill in the ratio, the target's text and PASS/FAIL (errors always fail)."""
    row.ratio = row.rps / floor_rps if floor_rps else None
    row.target = target.describe()
    checks = [row.errors == 0]
    if target.floor is not None:
        checks.append(row.ratio is not None and row.ratio >= target.floor)
    if target.wagtail is not None:
        checks.append(wagtail_rps > 0 and row.rps >= target.wagtail * wagtail_rps)
        row.note = f"{row.rps / wagtail_rps:.1f}x Wagtail" if wagtail_rps else ""
    if target.cpu_ms is not None:
        checks.append(row.cpu_ms is not None and row.cpu_ms < target.cpu_ms)
    if target.p95_ms is not None:
        checks.append(row.p95 < target.p95_ms)
    row.ok = all(checks)
    return row


def _cell(value: float | int | None, fmt: str) -> str:
    return "" if value is None else format(value, fmt)


def format_table(rows: list[Row]) -> str:
    """A Markdown table (the same text goes to the terminal and docs/performance.md)."""
    head = (
        "| page | req/s | p50 ms | p95 ms | p99 ms | CPU ms/req | queries | bytes | "
        "ratio to floor | target | result |"
    )
    lines = [head, "|" + "---|" * 11]
    for r in rows:
        verdict = "" if r.ok is None else ("PASS" if r.ok else "FAIL")
        note = f" ({r.note})" if r.note else ""
        lines.append(
            f"| {r.page} | {_cell(r.rps or None, '.1f')} | {_cell(r.p50 or None, '.1f')} | "
            f"{_cell(r.p95 or None, '.1f')} | {_cell(r.p99 or None, '.1f')} | "
            f"{_cell(r.cpu_ms, '.2f')} | {_cell(r.queries, 'd')} | {_cell(r.bytes or None, 'd')} | "
            f"{_cell(r.ratio, '.3f')} | {r.target} | {verdict}{note} |"
        )
    return "\n".join(lines)


def percentile(sorted_ms: list[float], share: float) -> float:
    if not sorted_ms:
        return 0.0
    return sorted_ms[min(len(sorted_ms) - 1, int(share * len(sorted_ms)))]


# The stack ------------------------------------------------------------------------------


@dataclass
class Stack:
    port: int
    gunicorn: subprocess.Popen[bytes]
    worker: subprocess.Popen[bytes]
    workers: int
    env: dict[str, str] = field(default_factory=dict)


def use_the_stack_broker() -> None:
    """The harness enqueues (certificate issuance) in-process: with the stack's broker (Redis,
    BENCH_BROKER_URL or the bench cache's database), never eager or the filesystem default,
    so the real worker does the work. Before Django is set up."""
    lp.ENV.pop("CELERY_TASK_ALWAYS_EAGER", None)
    os.environ.pop("CELERY_TASK_ALWAYS_EAGER", None)
    lp.ENV["CELERY_BROKER_URL"] = os.environ.get("BENCH_BROKER_URL", lp.ENV["CACHE_URL"])


def _die_with_parent() -> None:
    """In the child before exec: SIGTERM when the harness dies, even by SIGKILL (Linux)."""
    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _spawn(command: list[str], env: dict[str, str], **kwargs: object) -> subprocess.Popen[bytes]:
    # Own process group: stop_stack() reaches gunicorn's and celery's children too.
    return subprocess.Popen(  # type: ignore[call-overload, no-any-return]
        command, cwd=ROOT, env=env, start_new_session=True, preexec_fn=_die_with_parent, **kwargs
    )


def start_stack() -> Stack:
    port = lp.free_port()
    # deploy/gunicorn.conf.py as is, except worker recycling (max_requests 2000): a run serves
    # ~20,000 requests, and the 5 new workers' start-up CPU (~1.5 s each) would land in the one
    # row measured when they recycle (seen: "Belajar saya" at 9 instead of 2 CPU ms a request).
    env = {**lp.ENV, "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_CMD_ARGS": "--max-requests 0"}
    workers = int(env.get("WEB_CONCURRENCY", (os.cpu_count() or 1) * 2 + 1))
    log = open(lp.VAR_DIR / "stack.log", "w")  # noqa: SIM115  # open while the stack runs
    from lms import celery_app

    celery_app.control.purge()  # tasks the setup (demo_seed) queued: not in the measurements
    gunicorn = _spawn(
        [str(ROOT / ".venv/bin/gunicorn"), "-c", "deploy/gunicorn.conf.py", "lms.wsgi"],
        env,
        stdout=subprocess.DEVNULL,  # the access log
        stderr=log,
    )
    hostname = f"bench-all-{os.getpid()}@{platform.node()}"
    worker = _spawn(
        [
            *(str(ROOT / ".venv/bin/celery"), "-A", "lms", "worker", "--concurrency", "2"),
            *("--without-mingle", "--without-gossip", "-l", "warning", "--hostname", hostname),
        ],
        env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    stack = Stack(port, gunicorn, worker, workers, env)
    atexit.register(stop_stack, stack)
    if _wait_http(port) and _wait_worker(hostname):
        return stack
    stop_stack(stack)
    raise RuntimeError(f"the stack did not start (see {lp.VAR_DIR / 'stack.log'})")


def _wait_http(port: int) -> bool:
    for _ in range(150):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/")
            conn.getresponse().read()
            return True
        except OSError:
            time.sleep(0.2)
    return False


def _wait_worker(hostname: str) -> bool:
    """The Celery worker answers a ping (so its start-up is not in the first page's CPU)."""
    from lms import celery_app

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if celery_app.control.ping(destination=[hostname], timeout=1.0):
            return True
    return False


def stop_stack(stack: Stack, grace: float = 30.0) -> None:
    """SIGTERM to both servers, then SIGKILL to their process groups (after `grace` s for a
    server that does not stop); idempotent (atexit calls it again)."""
    for process in (stack.gunicorn, stack.worker):
        if process.poll() is None:
            process.terminate()
    for process in (stack.gunicorn, stack.worker):
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=grace)
        # The group's leftovers (children of a master that did not reap them).
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def _exit_on_signal(signum: int, _frame: object) -> None:
    raise SystemExit(128 + signum)  # runs the finally blocks and atexit: the stack stops


def server_cpu_seconds(master: int) -> float:
    """Live gunicorn workers' utime + stime, plus what the master reaped (cutime + cstime)
    from workers recycled by max_requests, so no worker's CPU is lost."""
    import certificate_issuance as ci

    return ci._cpu_seconds(master, with_root=False, reaped=True)


# Load -----------------------------------------------------------------------------------


def login(port: int, username: str) -> str:
    """The Cookie header of a signed-in session (the login form, as a browser posts it)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", "/akun/masuk/")
    response = conn.getresponse()
    html = response.read().decode()
    cookies = _cookies(response, {})
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    body = f"csrfmiddlewaretoken={token}&username={username}&password={PASSWORD}"
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("POST", "/akun/masuk/", body=body, headers=_form_headers(port, cookies))
    response = conn.getresponse()
    response.read()
    cookies = _cookies(response, cookies)
    if "sessionid" not in cookies:
        raise RuntimeError(f"login as {username} failed")
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


def _cookies(response: http.client.HTTPResponse, jar: dict[str, str]) -> dict[str, str]:
    for header in response.headers.get_all("Set-Cookie") or []:
        name, value = header.split(";", 1)[0].split("=", 1)
        jar[name] = value
    return jar


def _form_headers(port: int, cookies: dict[str, str] | str) -> dict[str, str]:
    cookie = (
        cookies if isinstance(cookies, str) else "; ".join(f"{k}={v}" for k, v in cookies.items())
    )
    return {
        "Cookie": cookie,
        "Content-Type": "application/x-www-form-urlencoded",
        "Referer": f"http://127.0.0.1:{port}/",
    }


def fetch(port: int, path: str, cookie: str = "") -> str:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
    response = conn.getresponse()
    return response.read().decode()


def load(
    stack: Stack,
    name: str,
    path: str,
    *,
    seconds: float,
    threads: int,
    cookie: str = "",
    body: str | None = None,
    ok_text: str = "",
    before: Callable[[], None] | None = None,
) -> Row:
    """Requests from `threads` threads for `seconds`; CPU of the server over the same span."""
    headers = {"Accept-Encoding": "gzip", **({"Cookie": cookie} if cookie else {})}
    if body is not None:
        headers.update(_form_headers(stack.port, cookie), **{"HX-Request": "true"})
    latencies: list[float] = []
    sizes: list[int] = []
    errors = [0]
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def worker() -> None:
        while time.perf_counter() < deadline:
            if before is not None:
                before()
            started = time.perf_counter()
            try:
                conn = http.client.HTTPConnection("127.0.0.1", stack.port, timeout=10)
                conn.request(
                    "POST" if body is not None else "GET", path, body=body, headers=headers
                )
                response = conn.getresponse()
                data = response.read()
                text = data
                if ok_text and response.getheader("Content-Encoding") == "gzip":
                    text = gzip.decompress(data)
                ok = response.status == 200 and (not ok_text or ok_text.encode() in text)
            except OSError:
                ok, data = False, b""
            elapsed = 1000 * (time.perf_counter() - started)
            with lock:
                if ok:
                    latencies.append(elapsed)
                    sizes.append(len(data))
                else:
                    errors[0] += 1

    cpu = server_cpu_seconds(stack.gunicorn.pid)
    started = time.perf_counter()
    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    wall = time.perf_counter() - started
    cpu = server_cpu_seconds(stack.gunicorn.pid) - cpu
    latencies.sort()
    served = len(latencies) + errors[0]
    return Row(
        page=name,
        rps=len(latencies) / wall,
        p50=percentile(latencies, 0.50),
        p95=percentile(latencies, 0.95),
        p99=percentile(latencies, 0.99),
        cpu_ms=1000 * cpu / served if served else None,
        bytes=int(statistics.mean(sizes)) if sizes else 0,
        errors=errors[0],
    )


# wrk: a C client, so that the fast pages are not measured against the client's cost -------

WRK = shutil.which("wrk")  # Debian's wrk (scripts/install.sh dev); the Python threads without
WRK_CONNECTIONS = 16  # as issue 13 measured: wrk -c16 (two threads, one per core)
# Counts every status but 200 (wrk itself counts only >= 400: a redirect to the login page
# would pass as a fast page) and prints the summary on one line.
WRK_SCRIPT = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) bad = 0 end
function response(status, headers, body) if status ~= 200 then bad = bad + 1 end end
function done(summary, latency, requests)
  local b = 0
  for _, t in ipairs(threads) do b = b + t:get("bad") end
  local e = summary.errors
  io.write(string.format("KOPSIS %d %d %d %.1f %.1f %.1f\\n", summary.requests,
    summary.duration, e.connect + e.read + e.write + e.timeout + b,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""


def load_wrk(stack: Stack, name: str, path: str, *, seconds: float, cookie: str = "") -> Row:
    """`wrk -t2 -c16` for `seconds` on one GET; CPU of the server over the same span. The
    bytes column is one response's body, as the Python client measures it."""
    script = lp.VAR_DIR / "wrk-summary.lua"
    script.write_text(WRK_SCRIPT)
    headers = ["-H", "Accept-Encoding: gzip", *(["-H", f"Cookie: {cookie}"] if cookie else [])]
    command = [WRK or "wrk", "-t2", f"-c{WRK_CONNECTIONS}", f"-d{seconds:.0f}s", "-s", str(script)]
    cpu = server_cpu_seconds(stack.gunicorn.pid)
    out = subprocess.run(
        [*command, *headers, f"http://127.0.0.1:{stack.port}{path}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    cpu = server_cpu_seconds(stack.gunicorn.pid) - cpu
    summary = next(line for line in out.splitlines() if line.startswith("KOPSIS "))
    requests, duration_us, errors, *latency_us = summary.split()[1:]
    served = int(requests)
    p50, p95, p99 = (float(x) / 1000 for x in latency_us)
    return Row(
        page=name,
        rps=(served - int(errors)) / (int(duration_us) / 1e6),
        p50=p50,
        p95=p95,
        p99=p99,
        cpu_ms=1000 * cpu / served if served else None,
        bytes=len(fetch_bytes(stack.port, path, cookie)),
        errors=int(errors),
    )


def fetch_bytes(port: int, path: str, cookie: str = "") -> bytes:
    """One GET as the load sends it (gzip accepted); its body as sent."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    headers = {"Accept-Encoding": "gzip", **({"Cookie": cookie} if cookie else {})}
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    body = response.read()
    if response.status != 200:
        raise RuntimeError(f"{path}: {response.status} before the load (expected 200)")
    return body


def median_round(rounds: list[Row]) -> Row:
    """The round with the median requests/s (interleaved rounds: each page meets the same
    load from the rest of the machine)."""
    return sorted(rounds, key=lambda row: row.rps)[len(rounds) // 2]


# Data and queries -------------------------------------------------------------------------

QUIZ_LESSON = lp.LESSON_PATH  # the demo lesson with a quiz; `siswa` answers it
QUESTION = re.compile(r'<li id="q-(\d+)" class="question" data-kind="(\w+)">(.*?)</li>', re.S)
ANSWER_URL = re.compile(r'hx-post="(/belajar/kuis/\d+/soal/\d+/)"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def prepare_users() -> None:
    """Passwords for the bench users the load generator signs in as (in the bench db only)."""
    from django.contrib.auth.hashers import make_password

    from lms.accounts.models import User

    User.objects.filter(username__in=["bench-s00", "bench-dinas-prov"]).update(
        password=make_password(PASSWORD)
    )


def answer_form(kind: str, body: str) -> str:
    """A well-formed answer of the question's kind, urlencoded (as bench/locust sends it)."""
    import urllib.parse

    if kind in ("single", "multiple"):
        data = {"answer": re.findall(r'name="answer" value="([^"]*)"', body)[0]}
    elif kind == "true_false":
        data = {"answer": "true"}
    elif kind == "numeric":
        data = {"answer": "1"}
    elif kind == "short_text":
        data = {"answer": "koperasi"}
    else:
        names = re.findall(r'<select name="((?:match|rank)-\d+)"', body)
        data = {name: str(n) for n, name in enumerate(names)}
    return urllib.parse.urlencode(data)


def open_attempt(port: int, cookie: str) -> tuple[str, str]:
    """Start (or resume) siswa's attempt as htmx does: POST the lesson's attempt-start URL
    (`/belajar/pelajaran/<lesson pk>/kuis/`, HX-Request) and read the first question's
    answer form (`/belajar/kuis/<attempt pk>/soal/<question pk>/`) from the fragment."""
    from django.urls import reverse

    from courses.models import LessonPage

    lesson = LessonPage.objects.get(slug=QUIZ_LESSON.rstrip("/").rsplit("/", 1)[1])
    token = CSRF.search(fetch(port, QUIZ_LESSON, cookie))
    if token is None:
        raise RuntimeError(f"no CSRF token on {QUIZ_LESSON}")
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request(
        "POST",
        reverse("courses:attempt-start", args=[lesson.pk]),
        body=f"csrfmiddlewaretoken={token.group(1)}",
        headers={**_form_headers(port, cookie), "HX-Request": "true"},
    )
    response = conn.getresponse()
    fragment = response.read().decode()
    question = QUESTION.search(fragment)
    if response.status != 200 or question is None:
        raise RuntimeError(f"no open quiz attempt ({response.status}): {fragment[:300]}")
    _qid, kind, body = question.groups()
    url = ANSWER_URL.search(body).group(1)  # type: ignore[union-attr]
    return url, f"csrfmiddlewaretoken={token.group(1)}&{answer_form(kind, body)}"


def count_queries(username: str, path: str, body: str | None = None) -> int:
    """SQL queries of one warm request, in-process (the same settings, cache and database)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from lms.accounts.models import User

    client = Client(SERVER_NAME="127.0.0.1")
    if username:
        client.force_login(User.objects.get(username=username))

    def call() -> int:
        if body is None:
            return client.get(path).status_code
        from urllib.parse import parse_qsl

        return client.post(path, dict(parse_qsl(body)), headers={"HX-Request": "true"}).status_code

    call()
    with CaptureQueriesContext(connection) as queries:
        status = call()
    return len(queries) if status == 200 else -1


def district_fixture() -> None:
    """A small province for the dinas overview (once; `district_generate` refreshes it)."""
    from django.core.management import call_command

    from lms.accounts.models import Role, RoleAssignment, User
    from school_coops.generate import PROVINCE

    if not User.objects.filter(username="bench-dinas-prov").exists():
        call_command("district_generate", scale=0.02)
        prov = User.objects.create(username="bench-dinas-prov", full_name="Dinas Provinsi Bench")
        RoleAssignment.objects.get_or_create(
            user=prov, role=Role.DINAS, school=None, region=None, defaults={"province": PROVINCE}
        )


def certificate_row(stack: Stack, n: int) -> Row:
    """bench/certificate_issuance.py's pipeline on this stack's Celery worker."""
    import certificate_issuance as ci

    batch, trainer = ci._batch(n)
    seconds, cpu = ci._issue(batch, trainer, n, stack.worker.pid)
    target = CERT_SECONDS_PER_500 * n / 500
    return Row(
        page=f"certificate issuance, batch of {n} (Celery worker x2)",
        cpu_ms=1000 * cpu / n,
        target=f"{n} in < {target:.0f} s",
        ok=seconds < target,
        note=f"{seconds:.1f} s wall, {n / seconds:.1f}/s; CPU ms per certificate",
    )


# Main -------------------------------------------------------------------------------------


def measure(stack: Stack, args: argparse.Namespace) -> list[Row]:  # long: one line per page
    from django.urls import reverse

    from lms.accounts.models import User
    from lms.fastpage import bump_person

    classroom_id, course_id = lp.grid_fixture()
    grid = reverse("courses:progress-grid", args=[classroom_id, course_id])
    cookies = {name: login(stack.port, name) for name in ("siswa", "guru", "bench-dinas-prov")}
    cookies[""] = ""
    lesson = fetch(stack.port, lp.LESSON_PATH, cookies["siswa"])
    css = re.search(r'href="(/static/[^"]+\.css)"', lesson).group(1)  # type: ignore[union-attr]
    answer_url, answer_body = open_attempt(stack.port, cookies["siswa"])
    ids = list(User.objects.filter(username__startswith="bench-s").values_list("pk", flat=True))
    turn = iter(range(10**9))
    saved = {"ok_text": "save-state saved"}
    writer = {"before": lambda: bump_person(ids[next(turn) % len(ids)]), "threads": 1}
    pages: list[tuple[str, str, str, str | None, dict[str, object]]] = [
        ("Python floor: kopsis.css via gunicorn + WhiteNoise", css, "", None, {}),
        ("plain Wagtail: home page, anonymous, uncached", "/", "", None, {}),
        ("lesson page, student", lp.LESSON_PATH, "siswa", None, {}),
        ("Belajar saya, student", lp.MY_LEARNING_PATH, "siswa", None, {}),
        ("member portal, student", lp.PORTAL_PATH, "siswa", None, {}),
        ("quiz answer (POST, htmx)", answer_url, "siswa", answer_body, saved),
        ("teacher grid 40 x 30", grid, "guru", None, {}),
        ("teacher grid 40 x 30, a student wrote before each request", grid, "guru", None, writer),
        ("district overview, province (dinas)", "/sekolah/dinas/", "bench-dinas-prov", None, {}),
    ]
    if args.only == "grid":
        pages = [page for page in pages if page[0] in FLOOR_ROWS or page[0].startswith("teacher")]
    # The floor, plain Wagtail and the student pages: interleaved rounds, the median each.
    ratio_group = [page for page in pages[:5] if not page[0].startswith("teacher")]
    rounds: dict[str, list[Row]] = {name: [] for name, *_ in ratio_group}
    for _round in range(args.rounds if WRK else 1):
        for name, path, user, body, extra in ratio_group:
            rounds[name].append(_measure_one(stack, args, name, path, cookies[user], body, extra))
    rows = [median_round(rounds[name]) for name, *_ in ratio_group]
    for name, path, user, body, extra in pages[len(ratio_group) :]:
        rows.append(_measure_one(stack, args, name, path, cookies[user], body, extra))
    for row, (_name, path, user, body, _extra) in zip(rows, pages, strict=True):
        row.queries = count_queries(user, path, body) if path != css else 0
    return rows


def _measure_one(
    stack: Stack,
    args: argparse.Namespace,
    name: str,
    path: str,
    cookie: str,
    body: str | None,
    extra: dict[str, object],
) -> Row:
    """wrk for a plain GET (when installed), the Python threads for a POST or a page with a
    write before each request; an unmeasured warm-up first."""
    if WRK and body is None and "before" not in extra:
        load_wrk(stack, name, path, seconds=max(1.0, args.warm_up), cookie=cookie)
        return load_wrk(stack, name, path, seconds=args.seconds, cookie=cookie)
    options: dict[str, object] = {"seconds": args.seconds, "threads": args.threads, **extra}
    warm = {**options, "seconds": args.warm_up, "before": None}
    load(stack, name, path, cookie=cookie, body=body, **warm)  # type: ignore[arg-type]
    return load(stack, name, path, cookie=cookie, body=body, **options)  # type: ignore[arg-type]


FLOOR_ROWS = (
    "Python floor: kopsis.css via gunicorn + WhiteNoise",
    "plain Wagtail: home page, anonymous, uncached",
)


def verdicts(rows: list[Row]) -> list[Row]:
    by_name = {row.page: row.rps for row in rows}
    floor, wagtail = (by_name.get(name, 0.0) for name in FLOOR_ROWS)
    targets = {
        "lesson page, student": Target(floor=0.30, wagtail=10.0),
        "Belajar saya, student": Target(floor=0.30, wagtail=10.0),
        "member portal, student": Target(floor=0.30, wagtail=10.0),
        "quiz answer (POST, htmx)": Target(p95_ms=ANSWER_P95_MS),
        "teacher grid 40 x 30": Target(cpu_ms=GRID_CPU_MS),
        "teacher grid 40 x 30, a student wrote before each request": Target(cpu_ms=GRID_CPU_MS),
        "district overview, province (dinas)": Target(p95_ms=DISTRICT_P95_MS),
    }
    for row in rows:
        if row.page in targets:
            judge(row, targets[row.page], floor, wagtail)
        elif row.ok is None and row.rps:
            row.ratio = row.rps / floor if floor else None
    return rows


def client(args: argparse.Namespace) -> str:
    python = f"{args.threads} Python client threads x {args.seconds:.0f} s"
    if not WRK:
        return f"{python} a page (wrk is not installed: scripts/install.sh dev)"
    return (
        f"GETs: wrk -t2 -c{WRK_CONNECTIONS} x {args.seconds:.0f} s, the first five rows the "
        f"median of {args.rounds} interleaved rounds; POST and write-before rows: {python}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=6.0)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--warm-up", type=float, default=1.0, help="unmeasured s a page")
    parser.add_argument("--cert-n", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3, help="interleaved, for the ratios")
    parser.add_argument("--only", choices=["grid"], help="the floor rows and the grid rows")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, _exit_on_signal)
    signal.signal(signal.SIGHUP, _exit_on_signal)
    begin = time.monotonic()
    use_the_stack_broker()
    lp.ensure_database()
    lp.manage("migrate", "--noinput", "-v0")
    lp.seed_demo()
    lp.manage("collectstatic", "--noinput", "-v0")
    subprocess.run(
        [lp.PY, "-m", "whitenoise.compress", "-q", "--no-brotli", str(lp.VAR_DIR / "static")],
        check=True,
    )
    lp.setup_django()
    lp.grid_fixture()
    district_fixture()
    prepare_users()
    setup = time.monotonic() - begin
    stack = start_stack()
    try:
        rows = verdicts(measure(stack, args))
        if args.only is None:
            rows.append(certificate_row(stack, args.cert_n))
    finally:
        stop_stack(stack)
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.python_version()}; "
        f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}; "
        f"gunicorn {stack.workers} sync workers (deploy/gunicorn.conf.py); {client(args)}; "
        f"setup {setup:.0f} s, "
        f"total {time.monotonic() - begin:.0f} s"
    )
    print(format_table(rows))
    return 0 if all(r.ok is not False for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
