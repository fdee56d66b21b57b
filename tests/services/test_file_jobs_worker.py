"""File jobs (lms/jobs.py) through a real worker: login cards and member cards are rendered,
and when the disk refuses the file the retries run out and the batch says it failed."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings

from lms.schools.models import LoginCardBatch
from lms.schools.services import login_cards_request
from lms.storage import private_storage
from school_coops.models import MemberCardBatch, Membership
from school_coops.services.cards import member_cards_request
from school_coops.services.cooperative import cooperative_create
from tests.services.conftest import wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

FOUNDED = datetime.date(2026, 7, 15)


def _worker_log() -> str:
    path = Path(settings.VAR_DIR) / "test-worker.log"
    return path.read_text() if path.exists() else ""


def _finished(batch) -> bool:
    batch.refresh_from_db()
    return batch.status in (batch.Status.DONE, batch.Status.FAILED)


@pytest.fixture
def coop_with_members(school, teacher, student, other_student):
    coop = cooperative_create(school=school, name="Kopsis Pekerja", by=teacher, founded_on=FOUNDED)
    # Active memberships without their savings entries: a transactional test on SQLite ends
    # with DELETE, which the posted-entry triggers refuse. A card needs no ledger.
    for number, person in enumerate((student, other_student), start=1):
        Membership.objects.create(
            coop=coop,
            member=person,
            category=Membership.Category.STUDENT,
            status=Membership.Status.ACTIVE,
            number=f"A-{number:03d}",
            joined_on=FOUNDED,
        )
    return coop


def _unwritable(folder: str) -> Iterator[None]:
    """Put a plain file where the job's folder goes: every save fails with an OSError (also
    as root, where file permissions would not stop the worker)."""
    path = Path(settings.VAR_DIR) / "private" / folder
    aside = path.with_name(f"{folder}.aside")
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_dir():
        path.rename(aside)
    path.write_text("not a folder")
    try:
        yield
    finally:
        path.unlink()
        if aside.exists():
            aside.rename(path)


@pytest.fixture
def login_cards_folder_unwritable() -> Iterator[None]:
    yield from _unwritable("login-cards")


@pytest.fixture
def member_cards_folder_unwritable() -> Iterator[None]:
    yield from _unwritable("member-cards")


def test_member_cards_are_rendered_by_a_real_worker(celery_worker_process, coop_with_members):
    teacher = coop_with_members.school.roles.get(role="teacher").user
    batch = member_cards_request(coop=coop_with_members, by=teacher, base_url="https://k.test/")
    assert wait_for(lambda: _finished(batch)), _worker_log()
    assert batch.status == MemberCardBatch.Status.DONE, batch.error
    assert batch.total == 2
    with private_storage.open(batch.pdf_path, "rb") as pdf:
        assert pdf.read(4) == b"%PDF"


def test_login_cards_whose_retries_run_out_end_failed_in_a_real_worker(
    celery_worker_process, login_cards_folder_unwritable, teacher, classroom, student
):
    batch = login_cards_request(classroom=classroom, by=teacher, students=[student])
    assert wait_for(lambda: _finished(batch)), f"still {batch.status}; log:\n{_worker_log()}"
    assert batch.status == LoginCardBatch.Status.FAILED
    assert batch.error and batch.pdf_path == "" and batch.finished_at
    assert "Retry in" in _worker_log()  # it was retried before giving up


def test_member_cards_whose_retries_run_out_end_failed_in_a_real_worker(
    celery_worker_process, member_cards_folder_unwritable, coop_with_members
):
    teacher = coop_with_members.school.roles.get(role="teacher").user
    batch = member_cards_request(coop=coop_with_members, by=teacher, base_url="https://k.test/")
    assert wait_for(lambda: _finished(batch)), f"still {batch.status}; log:\n{_worker_log()}"
    assert batch.status == MemberCardBatch.Status.FAILED
    assert batch.error and batch.pdf_path == ""
