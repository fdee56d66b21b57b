"""With DEBUG on (the demo), errors show Kopsis' own Indonesian pages, not Django's English
debug pages."""

from __future__ import annotations

import pytest

from lms import policy

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_debug(settings, monkeypatch):
    # The two failing views are declared public, so the policy middleware lets them run.
    for name in ("uji-boom", "uji-terlarang"):
        monkeypatch.setitem(policy.POLICY, name, policy.rule(policy.EVERYONE))
    settings.DEBUG = True
    settings.DEBUG_PROJECT_ERROR_PAGES = True  # as lms/settings/dev.py sets it
    settings.ROOT_URLCONF = "tests.error_urls"


def _html(response) -> str:
    return response.content.decode()


def test_an_unknown_page_is_our_404(client, demo_debug):
    for path in ("/tidak-ada-halaman-ini/", "/tidak-ada.txt"):  # Wagtail's and no pattern at all
        response = client.get(path)
        assert response.status_code == 404, path
        assert "Halaman tidak ditemukan" in _html(response), path
        assert "DEBUG = True" not in _html(response), path


def test_a_bug_is_our_500_and_its_traceback_still_reaches_the_log(client, demo_debug, caplog):
    response = client.get("/uji/boom/")
    assert response.status_code == 500
    assert "Terjadi kesalahan di server" in _html(response)
    assert "Traceback" not in _html(response)
    assert any("a bug in a view" in str(r.exc_info) for r in caplog.records if r.exc_info)


def test_a_refusal_is_our_403(client, demo_debug):
    response = client.get("/uji/terlarang/")
    assert response.status_code == 403
    assert "DEBUG = True" not in _html(response)
    assert "Akses ditolak" in _html(response)


def test_with_the_switch_off_developers_get_django_s_debug_page(client, settings):
    settings.DEBUG = True
    settings.DEBUG_PROJECT_ERROR_PAGES = False
    response = client.get("/tidak-ada.txt")
    assert response.status_code == 404 and "DEBUG = True" in _html(response)


def test_the_demo_settings_turn_the_project_pages_on():
    import subprocess
    import sys

    code = "from lms.settings import dev; print(dev.DEBUG, dev.DEBUG_PROJECT_ERROR_PAGES)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "True"]
