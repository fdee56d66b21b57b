"""Signed-in pages must not stay in a shared phone's or a school proxy's cache."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.cache import get_max_age

pytestmark = pytest.mark.django_db


def _directives(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


def test_a_signed_in_page_is_private_and_not_stored(client, student):
    client.force_login(student)
    response = client.get(reverse("accounts:dashboard"))
    assert response.status_code == 200
    assert {"private", "no-store"} <= _directives(response)


def test_a_signed_in_wagtail_page_is_private_too(client, student):
    client.force_login(student)
    response = client.get("/")
    assert response.status_code == 200
    assert {"private", "no-store"} <= _directives(response)


def test_public_pages_are_untouched(client, student):
    # (the login page is never_cache by Django itself, whoever asks)
    home = client.get("/")
    assert home.status_code == 200
    assert "no-store" not in _directives(home) and "private" not in _directives(home)
    assert get_max_age(home) is None
