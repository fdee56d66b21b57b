"""Export, erasure and access-log pages: who may use them, progress and bad input."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.urls import reverse

from lms.accounts.models import Role, User
from lms.privacy.models import AccessLog, ErasureRecord, PersonalDataExport
from lms.privacy.services import export_render
from tests.factories import UserFactory, make_student, with_role
from tests.privacy.helpers import FULL_NAME, give_savings, graduate_and_pay_out

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


def _request_export(client, person, capture) -> PersonalDataExport:
    with capture(execute=True):  # the task is queued on commit; eager in tests
        response = client.post(reverse("privacy:export-request", args=[person.pk]), headers=HTMX)
    assert response.status_code == 200
    return PersonalDataExport.objects.get(subject=person)


def test_the_guardian_exports_their_childs_data_with_progress_and_download(
    client, guardian, student, django_capture_on_commit_callbacks
) -> None:
    client.force_login(guardian)

    export = _request_export(client, student, django_capture_on_commit_callbacks)

    assert export.status == PersonalDataExport.Status.DONE and export.percent == 100
    status = client.get(reverse("privacy:export-status", args=[export.pk]), headers=HTMX)
    assert status.status_code == 286  # htmx stops polling
    assert reverse("privacy:export-download", args=[export.pk]) in status.content.decode()
    download = client.get(reverse("privacy:export-download", args=[export.pk]))
    assert download["Cache-Control"] == "private, no-store"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    assert json.loads(archive.read("data.json"))["subject"]["id"] == student.pk
    # downloading a child's data is itself logged
    assert AccessLog.objects.filter(accessor=guardian, subject=student, kind="export").exists()


def test_a_pending_export_polls_and_shows_its_percentage(client, guardian, student) -> None:
    client.force_login(guardian)
    export = PersonalDataExport.objects.create(
        subject=student, requested_by=guardian, total=40, done_count=10
    )

    response = client.get(reverse("privacy:export-status", args=[export.pk]), headers=HTMX)

    html = response.content.decode()
    assert response.status_code == 200 and 'hx-trigger="every 1s"' in html and "25%" in html


def test_the_school_admin_exports_a_student_and_an_adult_exports_themselves(
    client, teacher, student, django_capture_on_commit_callbacks
) -> None:
    client.force_login(teacher)
    assert _request_export(client, student, django_capture_on_commit_callbacks).file_path
    export = _request_export(client, teacher, django_capture_on_commit_callbacks)
    assert export.status == PersonalDataExport.Status.DONE


@pytest.mark.parametrize("who", ["minor_self", "classmate", "outsider", "other_guardian"])
def test_people_without_a_right_get_404_and_nothing_is_queued(
    client, who, student, other_student, outsider
) -> None:
    user = {
        "minor_self": student,
        "classmate": other_student,
        "outsider": outsider,
        "other_guardian": with_role(UserFactory(), Role.GUARDIAN),
    }[who]
    client.force_login(user)

    assert client.get(reverse("privacy:person", args=[student.pk])).status_code == 404
    response = client.post(reverse("privacy:export-request", args=[student.pk]), headers=HTMX)
    assert response.status_code == 404
    assert not PersonalDataExport.objects.exists()


def test_an_adult_student_may_export_their_own_data(client, classroom) -> None:
    adult = make_student(classroom, username="alumni1")
    adult.birth_year = 2000
    adult.save()
    client.force_login(adult)

    assert client.get(reverse("privacy:person", args=[adult.pk])).status_code == 200


def test_only_the_requester_sees_or_downloads_an_export(client, guardian, student, teacher) -> None:
    export = PersonalDataExport.objects.create(subject=student, requested_by=guardian)
    export_render(export_id=export.pk)
    client.force_login(teacher)  # may export the student, but did not ask for this file

    assert client.get(reverse("privacy:export-status", args=[export.pk])).status_code == 404
    assert client.get(reverse("privacy:export-download", args=[export.pk])).status_code == 404


def test_a_redelivered_export_task_keeps_one_file(guardian, student) -> None:
    from lms.privacy.tasks import personal_data_export_task

    export = PersonalDataExport.objects.create(subject=student, requested_by=guardian)
    personal_data_export_task(export.pk)
    first = PersonalDataExport.objects.get(pk=export.pk).file_path
    personal_data_export_task(export.pk)

    assert PersonalDataExport.objects.get(pk=export.pk).file_path == first


def test_a_failing_export_shows_failed_instead_of_spinning(
    client, guardian, student, monkeypatch
) -> None:
    from lms.privacy import services
    from lms.privacy.tasks import personal_data_export_task

    def broken(**kwargs):
        raise ValueError("rusak")

    monkeypatch.setattr(services, "person_export_zip", broken)
    export = PersonalDataExport.objects.create(subject=student, requested_by=guardian)
    with pytest.raises(ValueError):
        personal_data_export_task(export.pk)

    client.force_login(guardian)
    response = client.get(reverse("privacy:export-status", args=[export.pk]), headers=HTMX)
    assert response.status_code == 286 and "Gagal membuat berkas" in response.content.decode()


def test_the_school_admin_erases_a_graduate_after_payout(
    client, teacher, member, treasurer
) -> None:
    student = member.member
    student.full_name = FULL_NAME
    student.save()
    give_savings(member, treasurer)
    client.force_login(teacher)
    url = reverse("privacy:erase", args=[student.pk])

    # while a member: refused with the reason, nothing changes
    refused = client.post(url, {"reason": "permintaan wali", "confirm": "on"})
    assert "masih berjalan" in refused.content.decode()
    assert not ErasureRecord.objects.exists()

    graduate_and_pay_out(member, treasurer)
    missing = client.post(url, {"reason": "permintaan wali"})  # confirmation not ticked
    assert missing.status_code == 200 and not ErasureRecord.objects.exists()

    done = client.post(url, {"reason": "permintaan wali", "confirm": "on"})
    assert done.status_code == 302
    assert User.objects.get(pk=student.pk).full_name.startswith("Pengguna terhapus #")


@pytest.mark.parametrize("who", ["guardian", "outsider", "student"])
def test_only_the_school_admin_may_erase(client, who, guardian, outsider, student) -> None:
    client.force_login({"guardian": guardian, "outsider": outsider, "student": student}[who])

    response = client.post(
        reverse("privacy:erase", args=[student.pk]), {"reason": "x", "confirm": "on"}
    )

    assert response.status_code == 404 and not ErasureRecord.objects.exists()
