"""Private files (login cards, member cards, pending roster uploads) never get a public URL."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings
from django.urls import Resolver404, URLResolver, reverse
from django.urls.resolvers import RegexPattern

from lms.schools.models import LoginCardBatch
from lms.schools.services import login_cards_request
from lms.storage import check_private_storage, private_storage
from lms.urls import public_media_urlpatterns


@pytest.mark.django_db
def test_login_cards_are_stored_outside_media_and_only_their_requester_gets_them(
    client, settings, teacher, classroom, student, outsider, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        batch = login_cards_request(classroom=classroom, by=teacher, students=[student])
    batch.refresh_from_db()
    assert batch.status == LoginCardBatch.Status.DONE
    path = Path(private_storage.path(batch.pdf_path)).resolve()
    assert Path(settings.MEDIA_ROOT).resolve() not in path.parents
    assert Path(settings.STATIC_ROOT).resolve() not in path.parents
    url = reverse("schools:login-cards-download", args=[batch.pk])
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.force_login(student)
    assert client.get(url).status_code == 404
    client.force_login(teacher)
    response = client.get(url)
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"


def test_a_private_root_inside_media_fails_the_system_check(tmp_path):
    with override_settings(MEDIA_ROOT=tmp_path, PRIVATE_MEDIA_ROOT=tmp_path / "private"):
        assert [e.id for e in check_private_storage()] == ["kopsis.E001"]
        with pytest.raises(SystemCheckError):
            call_command("check")
    with override_settings(MEDIA_ROOT=tmp_path / "media", PRIVATE_MEDIA_ROOT=tmp_path):
        assert [e.id for e in check_private_storage()] == ["kopsis.E001"]
    with override_settings(MEDIA_ROOT=tmp_path / "media", PRIVATE_MEDIA_ROOT=tmp_path / "p"):
        assert check_private_storage() == []


def test_the_configured_settings_pass_the_check():
    assert check_private_storage() == []


@pytest.mark.parametrize(
    ("path", "served"),
    [
        ("media/images/foto.max-800x600.jpg", True),
        ("media/original_images/foto.jpg", False),  # originals stay behind the admin
        ("media/documents/rapat.pdf", False),  # documents go through Wagtail's serve view
        ("media/login-cards/batch-1.pdf", False),
        ("media/member-cards/kop-1.pdf", False),
        ("media/images/../private/login-cards/batch-1.pdf", False),
    ],
)
def test_development_media_serving_mirrors_nginx(path, served):
    resolver = URLResolver(RegexPattern(r"^/"), public_media_urlpatterns())
    try:
        resolver.resolve("/" + path)
        found = True
    except Resolver404:
        found = False
    assert found is served
