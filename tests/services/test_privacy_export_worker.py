"""The export travels through the real broker to a real worker, like the card batches."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from lms.privacy.models import PersonalDataExport
from lms.privacy.services import export_request
from lms.storage import private_storage
from tests.services.conftest import wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_a_guardians_export_is_built_by_a_real_worker(celery_worker_process, guardian, student):
    # when: the guardian asks (the task is sent after COMMIT)
    export = export_request(subject=student, by=guardian)

    # then: the worker builds the ZIP and records its progress
    def done() -> bool:
        export.refresh_from_db()
        return export.status in (PersonalDataExport.Status.DONE, PersonalDataExport.Status.FAILED)

    assert wait_for(done), "worker did not finish the export"
    assert export.status == PersonalDataExport.Status.DONE, export.error
    assert export.done_count == export.total > 0
    with private_storage.open(export.file_path, "rb") as handle:
        archive = zipfile.ZipFile(io.BytesIO(handle.read()))
    assert json.loads(archive.read("data.json"))["subject"]["username"] == student.username
