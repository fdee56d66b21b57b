import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from lms.accounts.models import Role
from tests.factories import UserFactory, with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    user = with_role(UserFactory(username="editor1"), Role.EDITOR)
    user.groups.add(Group.objects.get(name="Editors"))  # created by Wagtail's migrations
    return user


def test_content_editor_reaches_the_wagtail_admin(client, editor):
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200


def test_content_editor_cannot_reach_school_data(client, editor, classroom, student):
    client.force_login(editor)
    assert client.get(reverse("schools:classroom-list")).status_code == 403
    assert client.get(reverse("schools:classroom-detail", args=[classroom.pk])).status_code == 404
    assert client.get(reverse("schools:student-consent", args=[student.pk])).status_code == 404
    assert client.get("/django-admin/").status_code == 302  # staff only


def test_students_cannot_open_the_wagtail_admin(client, student):
    client.force_login(student)
    assert client.get("/admin/").status_code in (302, 403)
