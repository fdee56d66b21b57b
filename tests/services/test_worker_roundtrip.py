"""A task travels through the real broker (filesystem or Redis) to a real worker process and
its effect lands in the database."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django_celery_results.models import TaskResult

from lms.schools.models import LoginCardBatch
from lms.schools.services import login_cards_request
from lms.storage import private_storage
from tests.services.conftest import wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def _worker_log() -> str:
    path = Path(settings.VAR_DIR) / "test-worker.log"
    return path.read_text() if path.exists() else ""


def test_login_cards_are_rendered_by_a_real_worker(
    celery_worker_process, teacher, classroom, student, other_student
):
    # when: the teacher asks for login cards (the task is sent after COMMIT)
    batch = login_cards_request(classroom=classroom, by=teacher, students=[student, other_student])

    # then: the worker process renders them and records the result in the database
    def done() -> bool:
        batch.refresh_from_db()
        return batch.status in (LoginCardBatch.Status.DONE, LoginCardBatch.Status.FAILED)

    assert wait_for(done), f"worker did not finish; log:\n{_worker_log()}"
    assert batch.status == LoginCardBatch.Status.DONE, batch.error
    assert batch.done_count == 2
    with private_storage.open(batch.pdf_path, "rb") as pdf:
        assert pdf.read(4) == b"%PDF"
    assert wait_for(lambda: TaskResult.objects.filter(status="SUCCESS").exists(), timeout=30)


def test_worker_answers_a_control_ping_over_the_broker(celery_worker_process):
    from lms import celery_app

    replies: list = []
    assert wait_for(
        lambda: bool(replies.extend(celery_app.control.ping(timeout=2)) or replies), timeout=60
    ), _worker_log()
    assert any(name.startswith("test-") for reply in replies for name in reply)
