"""Every certification URL needs a login; staff screens answer 404 to people without a role."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import URLPattern, reverse

from certificates.urls import urlpatterns

pytestmark = pytest.mark.django_db


def _url(pattern: URLPattern) -> str:
    args = {"fmt": "csv"}
    kwargs = {
        name: args.get(name, 1)
        for name in pattern.pattern.converters  # every <int:...> is 1
    }
    return reverse(f"certificates:{pattern.name}", kwargs=kwargs)


PUBLIC = {"register"}  # a batch's public sign-up page (tests/certificates/test_registration.py)


@pytest.mark.parametrize(
    "pattern", [p for p in urlpatterns if p.name not in PUBLIC], ids=lambda p: p.name
)
def test_anonymous_is_sent_to_login(client: Client, pattern: URLPattern) -> None:
    response = client.get(_url(pattern))
    assert response.status_code in (302, 405)
    if response.status_code == 302:
        assert "/akun/masuk/" in response["Location"]


STAFF_ONLY = [
    p
    for p in urlpatterns
    if p.name
    not in {
        "home",
        "register",
        "batch-apply",
        "application",
        "self-assessment",
        "evidence-upload",
        "application-resubmit",
        "appeal-file",
        "practical",
        "practical-entry-delete",
        "practical-submit",
        "evidence-download",
        "my-certificates",  # every signed-in user, empty state: test_lifecycle_views.py
    }
]


@pytest.mark.parametrize("pattern", STAFF_ONLY, ids=lambda p: p.name)
def test_a_user_without_a_dinas_role_gets_404(client: Client, pattern: URLPattern, batch) -> None:
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    url = _url(pattern).replace("/1/", f"/{batch.pk}/")
    response = (
        client.post(url) if pattern.name.endswith(("publish", "version")) else client.get(url)
    )
    assert response.status_code in (404, 405)
