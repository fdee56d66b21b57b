"""Locust users for the exam-day load test (started by bench/exam_day.py, not on its own).

A `Student` logs in (the logins are spread over the login window by the spawn rate), opens
the lesson, waits for the exam to be released (EXAM_T0), starts the quiz at a random moment
within EXAM_START_SPREAD seconds after it, answers every question with think time and
submits. A `Teacher` watches the progress grid of one exam class meanwhile. Every answer
and submit that got a success response is written to the acknowledgement log
(EXAM_ACK_DIR/ack-<pid>.jsonl), which bench/exam_day.py reconciles with the database.

Only 127.0.0.1 is ever addressed: the host comes from bench/exam_day.py.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import time
from pathlib import Path
from typing import Any

import gevent
from locust import FastHttpUser, between, events, task
from locust.exception import StopUser

T0 = float(os.environ.get("EXAM_T0", "0"))
START_SPREAD = float(os.environ.get("EXAM_START_SPREAD", "60"))
THINK = tuple(float(x) for x in os.environ.get("EXAM_THINK", "2,6").split(","))
LESSON_PATH = os.environ["EXAM_LESSON_PATH"]
PASSWORD = os.environ["EXAM_PASSWORD"]
STUDENTS = int(os.environ["EXAM_STUDENTS"])
GRIDS = os.environ.get("EXAM_GRIDS", "").split()
ACK_DIR = Path(os.environ["EXAM_ACK_DIR"])

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
START = re.compile(r'action="(/belajar/pelajaran/\d+/kuis/)"')
QUESTION = re.compile(r'<li id="q-(\d+)" class="question" data-kind="(\w+)">(.*?)</li>', re.S)
ANSWER_URL = re.compile(r'action="(/belajar/kuis/(\d+)/soal/(\d+)/)"')
SUBMIT_URL = re.compile(r'action="(/belajar/kuis/(\d+)/kirim/)"')
VALUES = re.compile(r'name="answer" value="([^"]*)"')
SELECTS = re.compile(r'<select name="((?:match|rank)-\d+)"')

_numbers = itertools.count()
_finished: list[str] = []
_ack_file: Any = None


def ack(record: dict[str, Any]) -> None:
    """One JSON line per acknowledged write, flushed at once (a crash keeps what was acked),
    with the time it was acknowledged (bench/scaleout.py counts the acks after a kill)."""
    global _ack_file
    if _ack_file is None:
        ACK_DIR.mkdir(parents=True, exist_ok=True)
        _ack_file = (ACK_DIR / f"ack-{os.getpid()}.jsonl").open("a", encoding="utf-8")
    _ack_file.write(json.dumps({**record, "t": round(time.time(), 3)}) + "\n")
    _ack_file.flush()


def answer_data(kind: str, body: str) -> dict[str, Any]:
    """A well-formed answer for the question's kind (right or wrong does not matter here)."""
    if kind in ("single", "multiple"):
        return {"answer": random.choice(VALUES.findall(body))}
    if kind == "true_false":
        return {"answer": random.choice(["true", "false"])}
    if kind == "numeric":
        return {"answer": str(random.randint(1, 2_000_000))}
    if kind == "short_text":
        return {"answer": "koperasi"}
    names = SELECTS.findall(body)  # matching / ordering: a permutation, one option each
    picks = random.sample(range(len(names)), len(names))
    return dict(zip(names, (str(p) for p in picks), strict=True))


class Student(FastHttpUser):
    weight = 100
    wait_time = between(*THINK)

    def on_start(self) -> None:
        number = next(_numbers)
        if number >= STUDENTS:  # bounded in count: one user per exam student
            raise StopUser
        self.username = f"exam-s{number:04d}"
        page = self.client.get("/akun/masuk/", name="login page").text
        with self.client.post(
            "/akun/masuk/",
            data={
                "csrfmiddlewaretoken": CSRF.search(page).group(1),
                "username": self.username,
                "password": PASSWORD,
            },
            headers={"Referer": f"{self.host}/akun/masuk/"},
            name="login",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            logged_in = response.status_code == 302
            if not logged_in:
                response.failure("login refused")
        if not logged_in:
            self.finish()
        lesson = self.client.get(LESSON_PATH, name="lesson").text
        self.csrf = CSRF.search(lesson).group(1)
        self.start_url = START.search(lesson).group(1)
        self.questions: list[tuple[str, str, str, str]] = []
        self.submit_url = ""
        # Released for everyone at T0; each student starts within START_SPREAD after it.
        time.sleep(max(0.0, T0 - time.time()) + random.uniform(0, START_SPREAD))
        self.start_quiz()

    def htmx_post(self, url: str, data: dict[str, Any], name: str) -> Any:
        """An htmx POST as the page sends it; the caller marks success or failure."""
        return self.client.post(
            url,
            data={"csrfmiddlewaretoken": self.csrf, **data},
            headers={"HX-Request": "true", "Referer": f"{self.host}{LESSON_PATH}"},
            name=name,
            catch_response=True,
        )

    def finish(self) -> None:
        """This student is done (or gave up): stop the run once every student is."""
        _finished.append(self.username)
        raise StopUser

    def start_quiz(self) -> None:
        with self.htmx_post(self.start_url, {}, "quiz start") as response:
            html = response.text or ""
            for question_id, kind, body in QUESTION.findall(html):
                url = ANSWER_URL.search(body)
                if url:
                    self.questions.append((url.group(1), question_id, kind, body))
            submit = SUBMIT_URL.search(html)
            if not self.questions or not submit:
                response.failure("the quiz did not open")
                self.finish()
            self.submit_url = submit.group(1)
            self.attempt = int(submit.group(2))

    @task
    def next_step(self) -> None:
        if self.questions:
            url, question_id, kind, body = self.questions.pop(0)
            data = answer_data(kind, body)
            with self.htmx_post(url, data, "answer") as response:
                if response.status_code == 200 and "save-state saved" in (response.text or ""):
                    ack(
                        {
                            "kind": "answer",
                            "student": self.username,
                            "attempt": self.attempt,
                            "question": int(question_id),
                        }
                    )
                else:
                    response.failure("answer not saved")
            return
        with self.htmx_post(self.submit_url, {"confirm": "1"}, "submit") as response:
            if response.status_code == 200 and '<div class="result' in (response.text or ""):
                ack({"kind": "submit", "student": self.username, "attempt": self.attempt})
            else:
                response.failure("submit not graded")
        self.finish()  # done: bounded in time as well as in count


class Teacher(FastHttpUser):
    """Watches one exam class's progress grid, as a teacher refreshing it does."""

    fixed_count = len(GRIDS)
    wait_time = between(4, 6)

    def on_start(self) -> None:
        self.grid = GRIDS[_teacher_numbers.__next__() % len(GRIDS)]
        page = self.client.get("/akun/masuk/", name="login page").text
        self.client.post(
            "/akun/masuk/",
            data={
                "csrfmiddlewaretoken": CSRF.search(page).group(1),
                "username": os.environ["EXAM_TEACHER"],
                "password": PASSWORD,
            },
            headers={"Referer": f"{self.host}/akun/masuk/"},
            name="login (teacher)",
        )

    @task
    def watch(self) -> None:
        self.client.get(self.grid, name="grid")


_teacher_numbers = itertools.count()
_finished: list[str] = []


@events.test_start.add_listener
def _stop_when_everyone_submitted(environment: Any, **_kwargs: Any) -> None:
    """Quit once every student is done (teachers would watch forever): from a greenlet of its
    own, because quit() kills every user's greenlet."""

    def watch() -> None:
        while len(_finished) < STUDENTS:
            gevent.sleep(1)
        environment.runner.quit()

    gevent.spawn(watch)


@events.quitting.add_listener
def _close_ack_log(**_kwargs: Any) -> None:
    if _ack_file is not None:
        _ack_file.close()
