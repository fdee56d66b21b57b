"""The retention job erases graduates whose retention period ended; dry-run changes nothing."""

from __future__ import annotations

import datetime
import io

import pytest
from django.conf import settings
from django.core.management import call_command

from lms.accounts.models import User
from lms.privacy.models import ErasureRecord
from lms.privacy.tasks import privacy_retention_task
from school_coops.models import Membership
from school_coops.services.members import membership_end
from tests.privacy.helpers import FULL_NAME, give_savings, graduate_and_pay_out

pytestmark = pytest.mark.django_db
LATER = datetime.date(2029, 8, 4)  # graduated 2026-08-03, retention 2 years


@pytest.fixture
def graduate(member, treasurer):
    student = member.member
    student.full_name = FULL_NAME
    student.save()
    give_savings(member, treasurer)
    graduate_and_pay_out(member, treasurer)
    return student


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("privacy_retention", *args, stdout=out)
    return out.getvalue()


def test_dry_run_lists_the_graduate_and_changes_nothing(graduate) -> None:
    output = _run("--dry-run", "--today", LATER.isoformat())

    assert f"{graduate.username} {FULL_NAME}: akan dihapus" in output
    assert "Uji coba" in output
    assert not ErasureRecord.objects.exists()
    assert User.objects.get(pk=graduate.pk).full_name == FULL_NAME


def test_the_job_erases_after_the_period_and_is_idempotent(graduate) -> None:
    assert "0 orang" in _run("--today", "2027-08-04")  # only one year since graduation

    first = _run("--today", LATER.isoformat())
    second = _run("--today", LATER.isoformat())

    assert ": dihapus" in first and "0 orang" in second
    record = ErasureRecord.objects.get(person=graduate)
    assert record.trigger == ErasureRecord.Trigger.RETENTION
    assert User.objects.get(pk=graduate.pk).full_name == f"Pengguna terhapus #{record.pk}"


def test_the_period_is_a_setting(graduate, settings) -> None:
    settings.PRIVACY_RETENTION_YEARS_AFTER_GRADUATION = 5
    assert "0 orang" in _run("--today", LATER.isoformat())
    settings.PRIVACY_RETENTION_YEARS_AFTER_GRADUATION = 1
    assert "akan dihapus" in _run("--dry-run", "--today", "2027-08-04")


def test_a_graduate_still_owed_money_is_skipped_with_the_reason(
    member, treasurer, other_student, coop, teacher
) -> None:
    from school_coops.services.members import membership_register

    give_savings(member, treasurer)
    membership_end(
        membership=member,
        reason=Membership.EndReason.GRADUATED,
        by=treasurer,
        date=datetime.date(2026, 8, 3),
    )
    # Another member who is still active is no candidate at all.
    membership_register(coop=coop, member=other_student, category="siswa", by=teacher)

    output = _run("--today", LATER.isoformat())

    assert "dilewati" in output and "masih harus mengembalikan" in output
    assert other_student.username not in output
    assert not ErasureRecord.objects.exists()


def test_a_bad_date_is_refused() -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="tidak valid"):
        _run("--today", "3 Desember")


def test_the_nightly_task_is_scheduled_and_runs_the_job(graduate, monkeypatch) -> None:
    schedule = settings.CELERY_BEAT_SCHEDULE["privacy-retention"]
    assert schedule["task"] == privacy_retention_task.name

    from lms.privacy import services

    monkeypatch.setattr(services, "retention_cutoff", lambda today=None: LATER)
    assert privacy_retention_task() == 1


def test_an_adult_is_erased_on_request_by_command_and_refusals_are_clear(guardian) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("privacy_erase", "--username", "tidak-ada", "--reason", "x")
    out = io.StringIO()
    call_command(
        "privacy_erase",
        "--username",
        guardian.username,
        "--reason",
        "surat",
        "--dry-run",
        stdout=out,
    )
    assert "Uji coba" in out.getvalue() and not ErasureRecord.objects.exists()

    call_command("privacy_erase", "--username", guardian.username, "--reason", "surat", stdout=out)

    record = ErasureRecord.objects.get(person=guardian)
    assert record.reason == "surat"
    with pytest.raises(CommandError, match="sudah dihapus"):
        call_command("privacy_erase", "--username", f"terhapus-{record.pk}", "--reason", "x")


def test_beat_with_the_database_scheduler_installs_the_nightly_entry() -> None:
    from django_celery_beat.models import PeriodicTask
    from django_celery_beat.schedulers import ModelEntry

    from lms import celery_app

    # What DatabaseScheduler.setup_schedule() does with app.conf.beat_schedule at start.
    for name, entry in celery_app.conf.beat_schedule.items():
        ModelEntry.from_entry(name, app=celery_app, **entry)

    task = PeriodicTask.objects.get(name="privacy-retention")
    assert task.task == "lms.privacy.tasks.privacy_retention_task" and task.enabled
    assert (task.crontab.hour, task.crontab.minute) == ("2", "30")
