"""A student's course-completion certificate: "Minta sertifikat" on "Sertifikat saya", once;
the minor's certificate is seen by the student, the guardian and the class teacher only."""

from __future__ import annotations

import pytest
from django.test import Client

from certificates.models import CertificateKind, CertificateStatus, IssuedCertificate
from courses.services import lesson_mark_done
from lms.accounts.models import Guardianship, Role
from lms.privacy.helpers import mask_name
from tests.courses.factories import make_course
from tests.factories import ClassroomFactory, UserFactory, make_student, make_teacher, with_role

pytestmark = pytest.mark.django_db

SLUG = "koperasi-sekolah-untuk-pelajar"


@pytest.fixture
def classroom(db):
    return ClassroomFactory()


@pytest.fixture
def course(db):
    course, _lessons = make_course(lessons=1, slug=SLUG, title="Koperasi Sekolah untuk Pelajar")
    return course


def _complete(student, course) -> None:
    from courses.models import LessonPage

    for lesson in LessonPage.objects.child_of(course):
        lesson_mark_done(student=student, lesson=lesson)


@pytest.fixture
def student(classroom, course):
    student = make_student(classroom, full_name="Siti Rahmawati")
    _complete(student, course)
    return student


def _login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _request(client: Client, course, capture):
    with capture(execute=True):
        return client.post(f"/sertifikat/saya/kursus/{course.pk}/minta/", follow=True)


def _messages(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


@pytest.fixture
def certificate(student, course, django_capture_on_commit_callbacks):
    _request(_login(student), course, django_capture_on_commit_callbacks)
    return IssuedCertificate.objects.get(holder=student)


def test_a_student_who_completed_the_course_asks_once_and_gets_one_certificate(
    student, course, django_capture_on_commit_callbacks
):
    # given
    client = _login(student)
    page = client.get("/sertifikat/saya/").content.decode()
    assert "Minta sertifikat" in page and f"/sertifikat/saya/kursus/{course.pk}/minta/" in page
    # when: asked twice (a double click, a second visit)
    first = _request(client, course, django_capture_on_commit_callbacks)
    second = _request(client, course, django_capture_on_commit_callbacks)
    # then
    [cert] = IssuedCertificate.objects.filter(holder=student)
    assert cert.kind == CertificateKind.COURSE and cert.status == CertificateStatus.ISSUED
    assert cert.pdf and cert.holder_name == "Siti Rahmawati"
    assert "sedang dibuat" in _messages(first) and "sedang dibuat" in _messages(second)
    text = client.get("/sertifikat/saya/").content.decode()
    assert cert.number in text and 'data-cert-state="berlaku"' in text
    assert f"/sertifikat/saya/kursus/{course.pk}/minta/" not in text  # button gone
    assert client.get(f"/sertifikat/terbit/{cert.pk}/sertifikat.pdf").status_code == 200
    public = Client().get(f"/v/{cert.verify_token}/").content.decode()
    assert "Siti Rahmawati" not in public and mask_name("Siti Rahmawati") in public


def test_a_course_not_completed_or_of_someone_else_is_404(
    classroom, course, student, django_capture_on_commit_callbacks
):
    lazy = make_student(classroom)
    client = _login(lazy)
    assert "Minta sertifikat" not in client.get("/sertifikat/saya/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/sertifikat/saya/kursus/{course.pk}/minta/").status_code == 404
        assert client.post("/sertifikat/saya/kursus/999999/minta/").status_code == 404
        assert client.get(f"/sertifikat/saya/kursus/{course.pk}/minta/").status_code == 405
    assert not IssuedCertificate.objects.exists()


def test_a_course_without_certificates_offers_no_button_and_refuses(
    classroom, django_capture_on_commit_callbacks
):
    other, _lessons = make_course(lessons=1, slug="dasar-pembukuan", title="Dasar Pembukuan")
    student = make_student(classroom)
    _complete(student, other)
    client = _login(student)
    assert "Minta sertifikat" not in client.get("/sertifikat/saya/").content.decode()
    response = _request(client, other, django_capture_on_commit_callbacks)
    assert "tidak memberikan sertifikat" in _messages(response)
    assert not IssuedCertificate.objects.exists()


def test_an_adult_without_a_student_role_cannot_ask(course, django_capture_on_commit_callbacks):
    adult = UserFactory()
    client = _login(adult)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/sertifikat/saya/kursus/{course.pk}/minta/").status_code in (403, 404)
    assert not IssuedCertificate.objects.exists()


def test_the_minors_pdf_is_for_the_student_guardian_and_class_teacher_only(
    certificate, classroom, student
):
    # given
    guardian = with_role(UserFactory(full_name="Rahmat Wali"), Role.GUARDIAN)
    Guardianship.objects.create(guardian=guardian, student=student, relation="ayah")
    class_teacher = make_teacher(classroom.school)
    classroom.teachers.add(class_teacher)
    unrelated_teacher = make_teacher(classroom.school)  # same school, not the student's class
    other_class = ClassroomFactory(school=classroom.school)
    other_class.teachers.add(unrelated_teacher)
    classmate = make_student(classroom)
    dinas = with_role(UserFactory(), Role.DINAS, region=classroom.school.region)
    url = f"/sertifikat/terbit/{certificate.pk}/sertifikat.pdf"
    # then
    for allowed in (student, guardian, class_teacher):
        assert _login(allowed).get(url).status_code == 200, allowed
    from lms.privacy.models import AccessLog

    logged = AccessLog.objects.filter(subject=student, url_name="certificates:issued-pdf")
    assert set(logged.values_list("accessor_id", flat=True)) == {guardian.pk, class_teacher.pk}
    for refused in (unrelated_teacher, classmate, dinas, UserFactory()):
        client = _login(refused)
        assert client.get(url).status_code == 404, refused
        assert client.get(f"/sertifikat/terbit/{certificate.pk}/open-badge.jwt").status_code == 404
        assert certificate.number not in client.get("/sertifikat/saya/").content.decode()
    ward_page = _login(guardian).get("/sertifikat/saya/").content.decode()
    assert 'data-testid="ward-certificates"' in ward_page and certificate.number in ward_page
    teacher_page = _login(class_teacher).get("/sertifikat/saya/").content.decode()
    assert 'data-testid="pupil-certificates"' in teacher_page and certificate.number in teacher_page


def test_a_student_cannot_download_or_email_another_students_pdf(
    certificate, classroom, course, mailoutbox, django_capture_on_commit_callbacks
):
    other = make_student(classroom, email="lain@contoh.test")
    _complete(other, course)
    client = _login(other)
    assert client.get(f"/sertifikat/terbit/{certificate.pk}/sertifikat.pdf").status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/sertifikat/terbit/{certificate.pk}/kirim-email/").status_code == 404
    assert mailoutbox == []


def test_course_certificates_have_no_revoke_page(certificate, classroom):
    dinas = with_role(UserFactory(), Role.DINAS, region=classroom.school.region)
    assert _login(dinas).get(f"/sertifikat/terbit/{certificate.pk}/").status_code == 404
