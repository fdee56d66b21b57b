import pytest
from django.urls import reverse

from lms.accounts.models import InitialPassword, Role
from lms.accounts.services import student_password_reset
from tests.factories import RegionFactory, UserFactory, with_role

pytestmark = pytest.mark.django_db


def test_student_logs_in_and_sees_student_panel(client, student):
    response = client.post(
        reverse("accounts:login"), {"username": "siswa1", "password": "kopsis-test"}, follow=True
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-panel="student"' in html
    assert 'data-panel="teacher"' not in html


def test_wrong_password_gets_indonesian_message(client, student):
    response = client.post(reverse("accounts:login"), {"username": "siswa1", "password": "x"})
    assert "Username atau kata sandi salah" in response.content.decode()


def test_teacher_dashboard_lists_own_classrooms(client, teacher, classroom):
    client.force_login(teacher)
    html = client.get(reverse("accounts:dashboard")).content.decode()
    assert 'data-panel="teacher"' in html and classroom.name in html


def test_person_with_several_roles_sees_each_panel(client):
    region = RegionFactory()
    user = UserFactory()
    with_role(user, Role.TRAINER, region=region)
    with_role(user, Role.EDITOR)
    client.force_login(user)
    html = client.get(reverse("accounts:dashboard")).content.decode()
    assert 'data-panel="dinas"' in html and 'data-panel="editor"' in html
    assert region.name in html


def test_dashboard_requires_login(client):
    response = client.get(reverse("accounts:dashboard"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_one_time_password_forces_a_new_password(client, student):
    password = student_password_reset(student=student)
    client.post(reverse("accounts:login"), {"username": "siswa1", "password": password})
    response = client.get(reverse("accounts:dashboard"))
    assert response.status_code == 302 and response["Location"] == reverse(
        "accounts:password-change"
    )
    response = client.post(
        reverse("accounts:password-change"),
        {
            "old_password": password,
            "new_password1": "koperasi-kita-2026",
            "new_password2": "koperasi-kita-2026",
        },
    )
    assert response.status_code == 302
    student.refresh_from_db()
    assert not student.must_change_password
    assert not InitialPassword.objects.filter(user=student).exists()
    assert client.get(reverse("accounts:dashboard")).status_code == 200


def test_pages_carry_a_csp_nonce_used_by_the_local_htmx_script(client, student):
    client.force_login(student)
    response = client.get(reverse("accounts:dashboard"))
    csp = response["Content-Security-Policy"]
    nonce = csp.split("'nonce-")[1].split("'")[0]
    html = response.content.decode()
    assert f'nonce="{nonce}"' in html
    assert "/static/django-htmx/" in html or "/static/django_htmx/" in html
    assert "https://" not in html.split("<body")[0]  # no CDN in <head>


def test_english_can_be_selected(client, student):
    client.force_login(student)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("accounts:dashboard"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'lang="en"' in html and "Sign out" in html


def test_indonesian_is_the_default(client, student):
    client.force_login(student)
    html = client.get(reverse("accounts:dashboard")).content.decode()
    assert 'lang="id"' in html and "Keluar" in html
