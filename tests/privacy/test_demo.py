import pytest
from django.urls import reverse

from lms.privacy.models import AccessLog

pytestmark = pytest.mark.django_db


def test_demo_seed_is_idempotent_and_the_school_admin_sees_the_log(client):
    from lms.accounts import demo as core_demo
    from lms.accounts.models import User
    from lms.privacy import demo

    core_demo.seed()
    demo.seed()
    demo.seed()

    assert AccessLog.objects.count() == 2
    guru = User.objects.get(username="guru")
    school_id = guru.role_assignments.get(role="teacher").school_id
    client.force_login(guru)
    html = client.get(reverse("privacy:access-log", args=[school_id])).content.decode()
    assert html.count("<tr><td>") == 2
