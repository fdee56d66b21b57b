"""Platform-level behaviour: settings from the environment, demo data, login throttling."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.urls import reverse

from lms.settings.env import cache_from_url, database_from_url, env_bool, env_int


def test_database_url_selects_postgresql():
    db = database_from_url("postgres://kopsis:s%40cret@db.internal:6543/kopsis?sslmode=require")
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["NAME"], db["USER"], db["PASSWORD"], db["HOST"], db["PORT"]) == (
        "kopsis",
        "kopsis",
        "s@cret",
        "db.internal",
        "6543",
    )
    assert db["OPTIONS"] == {"sslmode": "require"}


def test_unknown_database_scheme_is_refused():
    with pytest.raises(ImproperlyConfigured):
        database_from_url("mysql://x@y/z")


def test_cache_url_selects_redis():
    assert cache_from_url("redis://127.0.0.1:6379/1")["BACKEND"].endswith("RedisCache")


def test_embedded_broker_keeps_every_folder_under_the_var_dir(settings):
    """Kombu's filesystem transport defaults its control folder to the working directory."""
    embedded = settings.CELERY_BROKER_URL.startswith("filesystem://")
    options = getattr(settings, "CELERY_BROKER_TRANSPORT_OPTIONS", {})
    folders = {key: value for key, value in options.items() if "folder" in key}
    assert len(folders) == (4 if embedded else 0)
    for key, folder in folders.items():
        assert Path(folder).is_relative_to(settings.VAR_DIR), key


def test_bad_boolean_and_integer_env_values_are_refused(monkeypatch):
    monkeypatch.setenv("KOPSIS_FLAG", "perhaps")
    with pytest.raises(ImproperlyConfigured):
        env_bool("KOPSIS_FLAG")
    monkeypatch.setenv("KOPSIS_N", "ten")
    with pytest.raises(ImproperlyConfigured):
        env_int("KOPSIS_N", 1)


@pytest.mark.django_db
def test_demo_seed_is_idempotent():
    call_command("demo_seed", stdout=open("/dev/null", "w"))  # noqa: SIM115
    counts = {
        m._meta.label: m.objects.count()
        for m in apps.get_models()
        if not m._meta.label.startswith(("sessions.", "admin.", "django_celery"))
    }
    call_command("demo_seed", stdout=open("/dev/null", "w"))  # noqa: SIM115
    again = {label: apps.get_model(label).objects.count() for label in counts}
    assert again == counts


@pytest.mark.django_db
def test_demo_accounts_exist_with_the_documented_password():
    from lms.accounts.models import User

    call_command("demo_seed", stdout=open("/dev/null", "w"))  # noqa: SIM115
    for username in ("siswa", "guru", "pelatih", "asesor", "dinas", "editor", "admin"):
        assert User.objects.get(username=username).check_password("kopsis-demo")


@pytest.mark.django_db
def test_lockout_is_per_username_and_ip_so_classmates_behind_one_nat_still_log_in(
    client, student, other_student, settings
):
    settings.AXES_FAILURE_LIMIT = 3
    url = reverse("accounts:login")
    for _ in range(3):
        client.post(url, {"username": student.username, "password": "wrong"})
    locked = client.post(url, {"username": student.username, "password": "kopsis-test"})
    assert locked.status_code == 429
    ok = client.post(url, {"username": other_student.username, "password": "kopsis-test"})
    assert ok.status_code == 302


@pytest.mark.django_db
def test_unknown_address_answers_a_404_page_in_indonesian(client, settings):
    settings.DEBUG = False
    response = client.get("/tidak-ada-halaman-ini/")
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.content.decode()


def test_server_error_page_renders_without_a_request_context():
    from django.test import RequestFactory
    from django.views.defaults import server_error

    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Terjadi kesalahan di server" in response.content.decode()
