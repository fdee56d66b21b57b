import pytest

from lms.schools.models import LoginCardBatch
from lms.schools.services import login_cards_request
from lms.schools.tasks import login_cards_render_task
from lms.storage import private_storage

pytestmark = pytest.mark.django_db


def test_a_redelivered_task_keeps_the_first_pdf(teacher, classroom, student):
    batch = login_cards_request(classroom=classroom, by=teacher, students=[student])
    login_cards_render_task(batch.pk)
    first = LoginCardBatch.objects.get(pk=batch.pk).pdf_path
    login_cards_render_task(batch.pk)  # a redelivered message
    batch.refresh_from_db()
    assert batch.status == LoginCardBatch.Status.DONE and batch.pdf_path == first
    assert private_storage.exists(first)


def test_a_failing_render_is_reported_not_left_spinning(teacher, classroom, student, monkeypatch):
    batch = login_cards_request(classroom=classroom, by=teacher, students=[student])

    def broken(*args, **kwargs):
        raise ValueError("template broken")

    monkeypatch.setattr("lms.schools.pdf.render_login_cards_pdf", broken)
    with pytest.raises(ValueError):
        login_cards_render_task(batch.pk)
    batch.refresh_from_db()
    assert batch.status == LoginCardBatch.Status.FAILED and "template broken" in batch.error


def test_no_students_means_no_batch(teacher, classroom):
    from lms.schools.exceptions import SchoolRuleError

    with pytest.raises(SchoolRuleError):
        login_cards_request(classroom=classroom, by=teacher, students=[])
    assert not LoginCardBatch.objects.exists()


def _files(folder: str) -> list[str]:
    return private_storage.listdir(folder)[1] if private_storage.exists(folder) else []


def test_a_delivery_that_overlaps_another_neither_overwrites_nor_orphans_a_file(
    teacher, classroom, student, monkeypatch
):
    # given: a batch whose message is delivered twice, the second while the first still renders
    import lms.schools.pdf

    batch = login_cards_request(classroom=classroom, by=teacher, students=[student])
    before = set(_files("login-cards"))
    real_render = lms.schools.pdf.render_login_cards_pdf
    deliveries = []

    def render_while_redelivered(*args, **kwargs):
        if not deliveries:
            deliveries.append("second")
            login_cards_render_task(batch.pk)  # the redelivered message finishes first
        return real_render(*args, **kwargs)

    monkeypatch.setattr(lms.schools.pdf, "render_login_cards_pdf", render_while_redelivered)
    # when: the first delivery finishes last
    login_cards_render_task(batch.pk)
    # then: the second delivery's file is the batch's file, and it is the only new one
    batch.refresh_from_db()
    new_files = set(_files("login-cards")) - before
    assert batch.status == LoginCardBatch.Status.DONE
    assert [f"login-cards/{name}" for name in new_files] == [batch.pdf_path]


def test_when_retries_run_out_the_batch_is_failed_and_the_progress_bar_says_so(
    client, teacher, classroom, student, monkeypatch
):
    from django.urls import reverse

    batch = login_cards_request(classroom=classroom, by=teacher, students=[student])

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    from lms import celery_app

    monkeypatch.setattr(type(private_storage._wrapped), "_save", disk_full, raising=True)
    # Eager retries run inline; they must fail quietly like in a worker, not propagate.
    monkeypatch.setitem(celery_app.conf, "task_eager_propagates", False)
    result = login_cards_render_task.apply(args=[batch.pk])
    assert result.failed()
    batch.refresh_from_db()
    assert batch.status == LoginCardBatch.Status.FAILED and "No space" in batch.error
    client.force_login(teacher)
    status = client.get(reverse("schools:login-cards-status", args=[batch.pk]))
    assert status.status_code == 286  # htmx stops polling
    assert "Gagal membuat kartu" in status.content.decode()
