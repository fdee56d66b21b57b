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
