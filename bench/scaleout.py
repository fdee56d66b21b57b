"""Scale-out proof: two web nodes and two Celery workers, one killed of each, nothing lost.

Run through scripts/scaleout.sh (`make scaleout`), which creates the network namespaces
(web1, web2, worker1, worker2 on a bridge, host side 10.77.0.1) and removes them on exit.

1. Builds the exam-day data of bench/exam_day.py (same functions) in its own database
   (SCALEOUT_DATABASE_URL, default `kopsis_scaleout`) and Redis database (SCALEOUT_REDIS_DB).
2. Starts HAProxy on the host: HTTP in front of the two web nodes (round robin, no sticky
   sessions: a student's requests land on both nodes; health checks; a request that failed
   on a dead node is replayed on the other one, see HAPROXY below), and TCP forwarders on
   10.77.0.1 to PostgreSQL and Redis, which listen on 127.0.0.1 only.
3. Starts gunicorn (deploy/gunicorn.conf.py) in web1 and web2, a Celery worker in worker1
   and in worker2, and the one beat in worker2. Every node shares this host's disk, which
   stands for the shared file storage of a real cluster (README "Scale-out").
4. Runs the exam-day Locust load through HAProxy and, while the students answer, sends a
   burst of real file jobs (login-card PDFs of the exam classes, lms/schools). Once worker1
   is running one of them, SIGKILLs every process of web1 and of worker1 at once (a node
   that dies, not a polite shutdown).
5. Checks: the reconciliation of bench/exam_day.py is exact (every acknowledged answer
   stored exactly once, every acknowledged submit graded, one attempt per student); every
   file job ended done with its file; acknowledged answers and submits kept coming after
   the kill; every student finished; failed requests within the bound (FAILURE_BOUND).

Prints a summary, writes the figures to the work folder, exits 1 on a miss.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PREFIX = os.environ.get("SCALEOUT_PREFIX", "kso")
HOST_IP = os.environ.get("SCALEOUT_HOST_IP", "10.77.0.1")
NODES = dict(
    item.split(":")
    for item in os.environ.get(
        "SCALEOUT_NODES", "web1:10.77.0.11 web2:10.77.0.12 worker1:10.77.0.21 worker2:10.77.0.22"
    ).split()
)
DATABASE_URL = os.environ.get(
    "SCALEOUT_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/kopsis_scaleout"
)
REDIS_DB = os.environ.get("SCALEOUT_REDIS_DB", "13")  # cache and broker (flushed per run)
# exam_day reads these at import: same database and state folder for both, set first.
os.environ["BENCH_EXAM_DATABASE_URL"] = DATABASE_URL
os.environ.setdefault("BENCH_VAR_DIR", str(ROOT / "var" / "bench-scaleout"))
sys.path.insert(0, str(ROOT / "bench"))
import exam_day  # noqa: E402 - configured by the environment above

VENV = exam_day.VENV
VISIBILITY_TIMEOUT = 15  # seconds before Redis hands a dead worker's task to the other one
exam_day.ENV.update(
    {
        "CACHE_URL": f"redis://127.0.0.1:6379/{REDIS_DB}",
        "CELERY_BROKER_URL": f"redis://127.0.0.1:6379/{REDIS_DB}",
        "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT),
        "CELERY_UNACKED_RESTORE_INTERVAL": "2",
    }
)
# HAProxy: L7 retries replay a request whose connection failed or that got no response at
# all (the node died holding it) on the other node (redispatch). Safe only because every
# write Kopsis takes from a student is idempotent: the answer save is an upsert under the
# attempt's row lock, quiz start resumes the open attempt, a second submit changes nothing
# (courses/services.py). Requests that got a response are never replayed.
HAPROXY = """global
    maxconn 4000
    stats socket {work}/haproxy.sock mode 600 level admin
    tune.bufsize 65536
defaults
    mode http
    timeout connect 2s
    timeout client 60s
    timeout server 30s
    timeout queue 30s
    # A node busy with logins (PBKDF2) answers its check late: that is not a dead node.
    timeout check 5s
    retries 3
    option redispatch 1
    retry-on conn-failure empty-response junk-response
frontend web
    bind 127.0.0.1:{port}
    option forwardfor
    default_backend webs
backend webs
    balance roundrobin
    option httpchk
    http-check send meth GET uri /akun/masuk/ ver HTTP/1.1 hdr Host 127.0.0.1
    http-check expect status 200
{servers}
listen postgresql
    mode tcp
    bind {host}:5432
    timeout client 1h
    timeout server 1h
    server pg 127.0.0.1:5432
listen redis
    mode tcp
    bind {host}:6379
    timeout client 1h
    timeout server 1h
    server redis 127.0.0.1:6379
"""


def node_env(extra: dict[str, str]) -> dict[str, str]:
    """The environment of a node: PostgreSQL and Redis through the host's forwarders."""
    db = urllib.parse.urlsplit(DATABASE_URL)
    return {
        **exam_day.ENV,
        "DATABASE_URL": f"postgres://{db.username}@{HOST_IP}:5432{db.path}",
        "CACHE_URL": f"redis://{HOST_IP}:6379/{REDIS_DB}",
        "CELERY_BROKER_URL": f"redis://{HOST_IP}:6379/{REDIS_DB}",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "TRUSTED_PROXIES": HOST_IP,  # X-Forwarded-For from HAProxy only (lms.http)
        "FORWARDED_ALLOW_IPS": HOST_IP,
        **extra,
    }


def in_ns(node: str, command: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        ["ip", "netns", "exec", f"{PREFIX}-{node}", *command],
        cwd=ROOT,
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )


def start_nodes(args: argparse.Namespace, work: Path) -> list[subprocess.Popen[bytes]]:
    processes = []
    for node in ("web1", "web2"):
        env = node_env(
            {"WEB_CONCURRENCY": str(args.web_workers), "GUNICORN_BIND": f"{NODES[node]}:8000"}
        )
        command = [str(VENV / "gunicorn"), "-c", "deploy/gunicorn.conf.py", "lms.wsgi"]
        processes.append(in_ns(node, command, env, work / f"{node}.log"))
    for node in ("worker1", "worker2"):
        command = [str(VENV / "celery"), "-A", "lms", "worker", "-n", f"{node}@kopsis"]
        command += ["--concurrency", "1", "--loglevel", "info"]
        processes.append(in_ns(node, command, node_env({}), work / f"{node}.log"))
    # Exactly one beat in the cluster (README "Scale-out"): on worker2, which survives.
    beat = [str(VENV / "celery"), "-A", "lms", "beat", "--loglevel", "warning"]
    beat += ["-s", str(work / "celerybeat-schedule")]
    processes.append(in_ns("worker2", beat, node_env({}), work / "beat.log"))
    return processes


def wait_ready(port: int, timeout: float = 90) -> None:
    """Both web nodes answer directly and through HAProxy; both workers answer a ping."""
    from lms.celery import app

    deadline = time.time() + timeout
    urls = [f"http://{NODES[n]}:8000/akun/masuk/" for n in ("web1", "web2")]
    urls.append(f"http://127.0.0.1:{port}/akun/masuk/")
    while time.time() < deadline:
        try:
            for url in urls:
                request = urllib.request.Request(url, headers={"Host": "127.0.0.1"})  # noqa: S310
                urllib.request.urlopen(request, timeout=3)  # noqa: S310 - our own nodes
            names = {name for reply in app.control.ping(timeout=2) for name in reply}
            if {"worker1@kopsis", "worker2@kopsis"} <= names:
                return
        except OSError:
            pass
        time.sleep(1)
    raise RuntimeError("the nodes did not come up; see the logs in the work folder")


def haproxy_stats(work: Path) -> dict[str, dict[str, str]]:
    with socket.socket(socket.AF_UNIX) as sock:
        sock.connect(str(work / "haproxy.sock"))
        sock.sendall(b"show stat\n")
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    lines = data.decode().lstrip("# ").splitlines()
    header = lines[0].split(",")
    rows = [dict(zip(header, line.split(","), strict=False)) for line in lines[1:] if line]
    return {f"{r['pxname']}/{r['svname']}": r for r in rows}


def send_jobs(count: int) -> list[int]:
    """`count` login-card PDFs of the exam classes, asked for as the teacher does."""
    from django.db import transaction

    from lms.accounts.models import User
    from lms.schools.models import Classroom
    from lms.schools.services import login_cards_request

    teacher = User.objects.get(username=exam_day.TEACHER)
    classes = list(Classroom.objects.filter(name__startswith="UJIAN-").order_by("name"))
    ids = []
    for number in range(count):
        classroom = classes[number % len(classes)]
        students = [e.student for e in classroom.enrolments.select_related("student")]
        with transaction.atomic():  # the task is sent on commit
            batch = login_cards_request(
                classroom=classroom, by=teacher, students=students, base_url="http://127.0.0.1"
            )
        ids.append(batch.pk)
    return ids


def busy_on(worker: str, timeout: float) -> list[str]:
    """Wait until `worker` is executing a task; returns the ids it is running."""
    from lms.celery import app

    deadline = time.time() + timeout
    while time.time() < deadline:
        active = app.control.inspect(destination=[worker], timeout=1).active() or {}
        running = [task["id"] for task in active.get(worker, [])]
        if running:
            return running
        time.sleep(0.3)
    return []


def kill_node(node: str) -> int:
    """SIGKILL every process in the node's namespace at once, as when the machine dies."""
    out = subprocess.run(
        ["ip", "netns", "pids", f"{PREFIX}-{node}"], capture_output=True, text=True, check=True
    ).stdout.split()
    for pid in out:
        with contextlib.suppress(ProcessLookupError):
            os.kill(int(pid), signal.SIGKILL)
    return len(out)


def wait_jobs(ids: list[int], timeout: float) -> dict[str, int]:
    """Every job done with its file (a dead worker's job comes back after the visibility
    timeout); returns how many ended which way."""
    from lms.jobs import JobStatus
    from lms.schools.models import LoginCardBatch
    from lms.storage import private_storage

    deadline = time.time() + timeout
    while time.time() < deadline:
        if not LoginCardBatch.objects.filter(pk__in=ids).exclude(status=JobStatus.DONE).exists():
            break
        time.sleep(1)
    batches = list(LoginCardBatch.objects.filter(pk__in=ids))
    complete = [
        b
        for b in batches
        if b.status == JobStatus.DONE
        and b.done_count == b.total
        and b.pdf_path
        and private_storage.exists(b.pdf_path)
    ]
    return {"jobs_sent": len(ids), "jobs_done_with_file": len(complete)}


def killed_tasks_rerun(task_ids: list[str]) -> int:
    """How many of the tasks worker1 was running when it died succeeded on worker2."""
    from django_celery_results.models import TaskResult

    return TaskResult.objects.filter(
        task_id__in=task_ids, status="SUCCESS", worker="worker2@kopsis"
    ).count()


def after_kill(work: Path, killed_at: float) -> dict[str, int]:
    answers = submits = 0
    for path in sorted((work / "acks").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            if record["t"] > killed_at:
                answers += record["kind"] == "answer"
                submits += record["kind"] == "submit"
    return {"answers_acked_after_kill": answers, "submits_acked_after_kill": submits}


def orchestrate(args: argparse.Namespace, work: Path, port: int, grids: list[str]) -> Any:
    """Run the load in a thread; mid-exam send the jobs, then kill web1 and worker1."""
    result: dict[str, Any] = {}
    started = time.time()
    load = threading.Thread(
        target=lambda: result.update(rc=exam_day.run_locust(args, port, grids, work))
    )
    load.start()
    # All students started their quiz by then and are answering.
    kill_at = started + args.login_window + 5 + args.start_spread + args.kill_delay
    time.sleep(max(0.0, kill_at - 4 - time.time()))
    result["jobs"] = send_jobs(args.jobs)
    result["running_on_worker1"] = busy_on("worker1@kopsis", timeout=30)
    result["before_kill"] = haproxy_stats(work)
    result["killed_at"] = time.time()
    result["killed_processes"] = kill_node("web1") + kill_node("worker1")
    print(
        f"t+{result['killed_at'] - started:.0f} s: killed web1 and worker1 "
        f"({result['killed_processes']} processes; worker1 was running "
        f"{len(result['running_on_worker1'])} task)",
        flush=True,
    )
    load.join()
    result["after_load"] = haproxy_stats(work)
    return result


def checks(
    args: argparse.Namespace, facts: dict[str, int], stats: dict[str, dict[str, str]], run: Any
) -> list[tuple[str, bool]]:
    failures = int(stats["Aggregated"]["Failure Count"])
    return [
        ("locust finished", run.get("rc") in (0, 1)),
        (
            "reconciliation exact (acked answers stored once, acked submits graded)",
            facts["lost_or_doubled"] == 0
            and facts["students_with_two_attempts"] == 0
            and facts["submits_not_graded"] == 0
            and facts["acked_answers"] == facts["stored_answers"],
        ),
        ("worker1 was running a task when killed", bool(run["running_on_worker1"])),
        ("every job done with its file", facts["jobs_done_with_file"] == facts["jobs_sent"]),
        (
            "the task killed on worker1 succeeded on worker2",
            facts["killed_tasks_rerun_on_worker2"] == len(run["running_on_worker1"]) > 0,
        ),
        ("answers acknowledged after the kill", facts["answers_acked_after_kill"] > 0),
        ("submits acknowledged after the kill", facts["submits_acked_after_kill"] > 0),
        (
            f"failed requests {failures} <= bound {args.web_workers}",
            failures <= args.web_workers,
        ),
        (
            "every student submitted (less one per failed request)",
            facts["acked_submits"] >= args.students - failures,
        ),
    ]


def print_haproxy(run: Any) -> dict[str, dict[str, int]]:
    """Requests per web node before and after the kill, HAProxy's retries and redispatches."""
    figures: dict[str, dict[str, int]] = {}
    for server in ("web1", "web2"):
        before, after = run["before_kill"][f"webs/{server}"], run["after_load"][f"webs/{server}"]
        figures[server] = {
            "requests_before_kill": int(before["stot"]),
            "requests_after_kill": int(after["stot"]) - int(before["stot"]),
            "retries": int(after["wretr"] or 0),
            "redispatches": int(after["wredis"] or 0),
            "status_at_end": after["status"],
        }
    for server, row in figures.items():
        print(f"  haproxy {server}: {row}")
    return figures


def prepare(args: argparse.Namespace) -> list[str]:
    exam_day.ensure_database()
    exam_day.manage("migrate", "--noinput", "-v0")
    exam_day.manage("demo_seed")
    exam_day.manage("collectstatic", "--noinput", "-v0")
    exam_day.setup_django()
    grids = exam_day.build_exam(args.students)
    subprocess.run(["redis-cli", "-n", REDIS_DB, "flushdb"], check=True, stdout=subprocess.DEVNULL)
    return grids


def start_haproxy(work: Path, port: int) -> subprocess.Popen[bytes]:
    servers = "\n".join(
        f"    server {n} {NODES[n]}:8000 check inter 2s fall 3 rise 2" for n in ("web1", "web2")
    )
    config = work / "haproxy.cfg"
    config.write_text(HAPROXY.format(work=work, port=port, host=HOST_IP, servers=servers))
    subprocess.run(["haproxy", "-c", "-q", "-f", str(config)], check=True)
    process = subprocess.Popen(
        ["haproxy", "-db", "-f", str(config)],
        stdout=(work / "haproxy.log").open("wb"),
        stderr=subprocess.STDOUT,
    )
    Path(os.environ.get("SCALEOUT_STATE", str(work)), "haproxy.pid").write_text(str(process.pid))
    return process


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=60)
    parser.add_argument("--login-window", type=float, default=45.0)
    parser.add_argument("--start-spread", type=float, default=15.0)
    parser.add_argument("--think", default="2,5", help="think time range in seconds: min,max")
    parser.add_argument("--web-workers", type=int, default=3, help="gunicorn workers per node")
    parser.add_argument("--jobs", type=int, default=12, help="login-card PDFs sent mid-exam")
    parser.add_argument("--kill-delay", type=float, default=5.0, help="s after the last start")
    args = parser.parse_args()

    began = time.time()
    grids = prepare(args)
    work = Path(tempfile.mkdtemp(prefix="kopsis-scaleout-"))
    port = exam_day.free_port()
    haproxy = start_haproxy(work, port)
    processes = start_nodes(args, work)
    try:
        wait_ready(port)
        print(f"cluster up after {time.time() - began:.0f} s: HAProxy on 127.0.0.1:{port}")
        run = orchestrate(args, work, port, grids)
        jobs = wait_jobs(run["jobs"], timeout=VISIBILITY_TIMEOUT + 90)
        jobs["killed_tasks_rerun_on_worker2"] = killed_tasks_rerun(run["running_on_worker1"])
    finally:
        for process in [*processes, haproxy]:
            process.terminate()
        for process in [*processes, haproxy]:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
    stats = exam_day.read_stats(work)
    facts = {**exam_day.reconcile(work), **jobs, **after_kill(work, run["killed_at"])}
    exam_day.report(stats, facts)  # the table; its latency targets are for one node
    figures = print_haproxy(run)
    results = checks(args, facts, stats, run)
    summary = {
        "args": vars(args),
        "facts": facts,
        "haproxy": figures,
        "seconds": time.time() - began,
    }
    (work / "summary.json").write_text(json.dumps(summary, indent=2))
    print(f"  logs, Locust CSV and summary.json in {work}; {summary['seconds']:.0f} s in all")
    for name, ok in results:
        print(f"{'PASS' if ok else 'FAIL'}  {name}")
    return 0 if all(ok for _name, ok in results) else 1


if __name__ == "__main__":
    sys.exit(main())
