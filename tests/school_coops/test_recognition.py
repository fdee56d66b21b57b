"""Recognition (pengukuhan): submit, return with a reason, resubmit, recognise once, region."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from lms.accounts.models import Role
from school_coops.exceptions import CooperativeRuleError
from school_coops.models import CoopStatusChange, RecognitionSubmission
from school_coops.models.district import AppendOnlyError
from school_coops.services.cooperative import cooperative_create
from school_coops.services.recognition import (
    recognition_recognise,
    recognition_return,
    recognition_submit,
)
from tests.factories import RegionFactory, UserFactory, make_teacher, with_role

pytestmark = pytest.mark.django_db
FOUNDED = datetime.date(2026, 7, 15)
DAY = datetime.date(2026, 8, 1)


@pytest.fixture
def coop(school, teacher):
    return cooperative_create(
        school=school, name="Kopsis Baru", by=teacher, founded_on=FOUNDED, awaiting_recognition=True
    )


@pytest.fixture
def dinas(school):
    return with_role(UserFactory(username="dinas1"), Role.DINAS, region=school.region)


@pytest.fixture
def other_dinas(db):
    return with_role(UserFactory(username="dinas2"), Role.DINAS, region=RegionFactory())


def test_a_registered_kopsis_awaiting_recognition_is_not_aktif_until_recognised(
    coop, teacher, dinas
):
    assert coop.status == "menunggu_pengukuhan"
    submission = recognition_submit(coop=coop, by=teacher, note="Mohon dikukuhkan")
    recognition_recognise(
        submission=submission, by=dinas, nomor_pengukuhan="001/PKS/X/2026", recognised_on=DAY
    )
    coop.refresh_from_db()
    assert coop.status == "aktif" and coop.nomor_pengukuhan == "001/PKS/X/2026"
    events = list(CoopStatusChange.objects.filter(coop=coop).values_list("event", "to_status"))
    assert events == [
        ("didirikan", "menunggu_pengukuhan"),
        ("diajukan", "menunggu_pengukuhan"),
        ("dikukuhkan", "aktif"),
    ]


def test_returned_with_a_reason_then_resubmitted_keeps_both_submissions(coop, teacher, dinas):
    first = recognition_submit(coop=coop, by=teacher)
    with pytest.raises(CooperativeRuleError, match="menunggu keputusan"):
        recognition_submit(coop=coop, by=teacher)
    with pytest.raises(CooperativeRuleError, match="alasan"):
        recognition_return(submission=first, by=dinas, reason="")
    recognition_return(submission=first, by=dinas, reason="Berita acara belum ditandatangani")
    second = recognition_submit(coop=coop, by=teacher, note="Sudah ditandatangani")
    first.refresh_from_db()
    assert first.status == "dikembalikan" and first.return_reason.startswith("Berita acara")
    assert second.status == "diajukan" and coop.recognition_submissions.count() == 2


def test_recognising_twice_gives_one_number(coop, teacher, dinas):
    submission = recognition_submit(coop=coop, by=teacher)
    recognition_recognise(
        submission=submission, by=dinas, nomor_pengukuhan="7/A", recognised_on=DAY
    )
    with pytest.raises(CooperativeRuleError, match="sudah dikukuhkan dengan nomor 7/A"):
        recognition_recognise(
            submission=submission, by=dinas, nomor_pengukuhan="8/A", recognised_on=DAY
        )
    coop.refresh_from_db()
    assert coop.nomor_pengukuhan == "7/A"
    assert RecognitionSubmission.objects.filter(nomor_pengukuhan="8/A").count() == 0


def test_a_number_is_unique_in_the_region_and_bad_dates_change_nothing(
    coop, teacher, dinas, school
):
    other_teacher = make_teacher(school, username="guru-b")
    other = cooperative_create(
        school=school,
        name="Kopsis B",
        by=other_teacher,
        founded_on=FOUNDED,
        awaiting_recognition=True,
    )
    a = recognition_submit(coop=coop, by=teacher)
    b = recognition_submit(coop=other, by=other_teacher)
    recognition_recognise(submission=a, by=dinas, nomor_pengukuhan="1/PKS", recognised_on=DAY)
    with pytest.raises(CooperativeRuleError, match="sudah dipakai"):
        recognition_recognise(submission=b, by=dinas, nomor_pengukuhan="1/PKS", recognised_on=DAY)
    with pytest.raises(CooperativeRuleError, match="sebelum tanggal berdiri"):
        recognition_recognise(
            submission=b, by=dinas, nomor_pengukuhan="2/PKS", recognised_on=FOUNDED.replace(day=1)
        )
    b.refresh_from_db()
    assert b.status == "diajukan" and b.nomor_pengukuhan == ""


def test_dinas_of_another_region_cannot_decide(coop, teacher, other_dinas):
    submission = recognition_submit(coop=coop, by=teacher)
    with pytest.raises(CooperativeRuleError, match="wilayah"):
        recognition_recognise(
            submission=submission, by=other_dinas, nomor_pengukuhan="1", recognised_on=DAY
        )


def test_status_history_is_append_only(coop):
    row = coop.status_changes.get()
    row.reason = "diubah"
    with pytest.raises(AppendOnlyError):
        row.save()
    with pytest.raises(AppendOnlyError):
        row.delete()


def test_views_other_region_and_other_school_answer_404(
    client, coop, teacher, dinas, other_dinas, outsider
):
    submission = recognition_submit(coop=coop, by=teacher)
    review = reverse("school_coops:recognition-review", args=[submission.pk])
    client.force_login(other_dinas)
    assert client.get(review).status_code == 404
    assert coop.name.encode() not in client.get(reverse("school_coops:recognition-queue")).content
    client.force_login(outsider)
    assert client.get(reverse("school_coops:recognition", args=[coop.slug])).status_code == 404
    client.force_login(dinas)
    page = client.get(reverse("school_coops:recognition-queue"))
    assert coop.name.encode() in page.content
    doc = client.get(reverse("school_coops:recognition-document", args=[submission.pk, "ad-art"]))
    assert doc["Content-Type"] == "application/pdf"
    # bad input: no number → a message, nothing changes
    response = client.post(review, {"decision": "kukuhkan", "nomor_pengukuhan": ""})
    assert response.status_code == 200 and "wajib diisi" in response.content.decode()
    submission.refresh_from_db()
    assert submission.status == "diajukan"
    response = client.post(
        review, {"decision": "kukuhkan", "nomor_pengukuhan": "5/PKS", "recognised_on": "2026-08-01"}
    )
    assert response.status_code == 302
    coop.refresh_from_db()
    assert coop.status == "aktif"


def test_teacher_submits_through_the_page_with_a_pdf_and_a_fake_pdf_is_refused(
    client, coop, teacher
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = reverse("school_coops:recognition", args=[coop.slug])
    client.force_login(teacher)
    fake = SimpleUploadedFile("ba.pdf", b"<html>not a pdf</html>", "application/pdf")
    response = client.post(url, {"note": "x", "attachment": fake})
    assert "PDF yang asli" in response.content.decode()
    assert not coop.recognition_submissions.exists()
    real = SimpleUploadedFile("ba.pdf", b"%PDF-1.4 scan\n", "application/pdf")
    assert client.post(url, {"note": "x", "attachment": real}).status_code == 302
    assert coop.recognition_submissions.get().attachments.count() == 1
