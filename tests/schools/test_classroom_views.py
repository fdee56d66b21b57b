import pytest
from django.urls import reverse

from lms.accounts.models import InitialPassword
from lms.schools.models import Classroom, LoginCardBatch
from tests.factories import ClassroomFactory, make_student

pytestmark = pytest.mark.django_db


def test_teacher_sees_own_classroom_with_pagination(client, teacher, classroom):
    for _ in range(30):
        make_student(classroom)
    client.force_login(teacher)
    html = client.get(reverse("schools:classroom-detail", args=[classroom.pk])).content.decode()
    assert "Halaman 1 dari 2" in html


def test_htmx_search_returns_the_table_fragment_only(client, teacher, classroom, student):
    client.force_login(teacher)
    url = reverse("schools:classroom-detail", args=[classroom.pk])
    html = client.get(url, {"q": student.username}, headers={"HX-Request": "true"}).content.decode()
    assert 'id="student-table"' in html and "<html" not in html and student.username in html


def test_other_schools_classroom_is_not_found(client, outsider, classroom):
    client.force_login(outsider)
    assert client.get(reverse("schools:classroom-detail", args=[classroom.pk])).status_code == 404


def test_student_cannot_list_classrooms(client, student):
    client.force_login(student)
    assert client.get(reverse("schools:classroom-list")).status_code == 403


def test_teacher_resets_a_students_password(client, teacher, student):
    client.force_login(teacher)
    html = client.post(
        reverse("schools:student-password-reset", args=[student.pk]), headers={"HX-Request": "true"}
    ).content.decode()
    student.refresh_from_db()
    otp = InitialPassword.objects.get(user=student).password
    assert otp in html and student.must_change_password and student.check_password(otp)


def test_outsider_cannot_reset_password(client, outsider, student):
    client.force_login(outsider)
    response = client.post(reverse("schools:student-password-reset", args=[student.pk]))
    assert response.status_code == 404
    assert not InitialPassword.objects.filter(user=student).exists()


def test_student_cannot_reset_a_classmates_password(client, student, other_student):
    client.force_login(student)
    response = client.post(reverse("schools:student-password-reset", args=[other_student.pk]))
    assert response.status_code == 404


def test_classroom_create_validates_year(client, teacher, school):
    client.force_login(teacher)
    url = reverse("schools:classroom-create")
    html = client.post(
        url, {"name": "9B", "grade": 9, "academic_year": "2026/2030"}
    ).content.decode()
    assert "dua tahun berurutan" in html
    assert (
        client.post(url, {"name": "9B", "grade": 9, "academic_year": "2026/2027"}).status_code
        == 302
    )
    html = client.post(
        url, {"name": "9b", "grade": 9, "academic_year": "2026/2027"}
    ).content.decode()
    assert "sudah ada" in html
    assert Classroom.objects.filter(school=school, name__iexact="9b").count() == 1


def test_login_cards_render_and_only_the_requester_downloads(
    client, teacher, classroom, student, outsider, django_capture_on_commit_callbacks
):
    client.force_login(teacher)
    with django_capture_on_commit_callbacks(execute=True):
        html = client.post(
            reverse("schools:login-cards-request", args=[classroom.pk])
        ).content.decode()
    batch = LoginCardBatch.objects.get()
    assert batch.status == LoginCardBatch.Status.DONE and batch.done_count == batch.total == 1
    status = client.get(reverse("schools:login-cards-status", args=[batch.pk]))
    assert status.status_code == 286  # htmx: stop polling
    assert "progress" in html or "Selesai" in html
    pdf = client.get(reverse("schools:login-cards-download", args=[batch.pk]))
    assert (
        pdf["Content-Type"] == "application/pdf" and b"".join(pdf.streaming_content)[:4] == b"%PDF"
    )
    client.force_login(outsider)
    assert client.get(reverse("schools:login-cards-download", args=[batch.pk])).status_code == 404
    assert client.get(reverse("schools:login-cards-status", args=[batch.pk])).status_code == 404


def test_login_cards_for_another_schools_classroom_are_refused(
    client, outsider, classroom, student
):
    client.force_login(outsider)
    response = client.post(reverse("schools:login-cards-request", args=[classroom.pk]))
    assert response.status_code == 404
    assert not LoginCardBatch.objects.exists()


def test_login_cards_ignore_junk_and_foreign_student_ids(
    client, teacher, classroom, student, outsider, django_capture_on_commit_callbacks
):
    foreign = make_student(ClassroomFactory())
    client.force_login(teacher)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("schools:login-cards-request", args=[classroom.pk]),
            {"student": ["abc", str(foreign.pk), str(student.pk), "-1"]},
        )
    batch = LoginCardBatch.objects.get()
    assert list(batch.students.all()) == [student]


def test_get_is_not_allowed_on_state_changing_endpoints(client, teacher, classroom, student):
    client.force_login(teacher)
    assert (
        client.get(reverse("schools:login-cards-request", args=[classroom.pk])).status_code == 405
    )
    assert (
        client.get(reverse("schools:student-password-reset", args=[student.pk])).status_code == 405
    )
