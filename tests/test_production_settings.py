"""Production settings refuse to start on the demo's SQLite file or embedded broker."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GOOD = {
    "DJANGO_SETTINGS_MODULE": "lms.settings.production",
    "SECRET_KEY": "a-long-random-production-secret-for-this-test-only-0123456789",
    "ALLOWED_HOSTS": "kopsis.example.org",
    "DATABASE_URL": "postgres://kopsis@127.0.0.1:5432/kopsis",
    "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
    "CACHE_URL": "redis://127.0.0.1:6379/1",
}


def _check(tmp_path: Path, **overrides: str | None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in GOOD}
    env.update(GOOD, LMS_VAR_DIR=str(tmp_path))
    for key, value in overrides.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    command = [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def test_the_complete_production_environment_passes_check_deploy(tmp_path):
    result = _check(tmp_path)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"DATABASE_URL": None}, "DATABASE_URL is required"),
        ({"DATABASE_URL": "sqlite:///tmp/kopsis.sqlite3"}, "must point to PostgreSQL"),
        ({"CELERY_BROKER_URL": None}, "CELERY_BROKER_URL is required"),
        ({"CELERY_BROKER_URL": "filesystem://"}, "must be a Redis"),
        ({"SECRET_KEY": None}, "SECRET_KEY is required"),
        ({"CACHE_URL": None}, "CACHE_URL is required"),
        ({"CACHE_URL": "locmem://"}, "CACHE_URL must be a Redis URL"),
    ],
)
def test_production_refuses_to_start_without_its_services(tmp_path, overrides, message):
    result = _check(tmp_path, **overrides)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and message in result.stderr
