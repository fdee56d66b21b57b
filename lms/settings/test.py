"""Unit and integration tests: fast hashing, eager Celery unless a real worker is requested."""

import os

from lms.settings.base import *
from lms.settings.base import DATABASES, VAR_DIR

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Unit tests run tasks in-process; the worker tests (tests/services) switch this off and
# talk to a real `celery worker` subprocess over the configured broker.
CELERY_TASK_ALWAYS_EAGER = os.environ.get("LMS_REAL_WORKER", "") != "1"
CELERY_TASK_EAGER_PROPAGATES = True
AXES_ENABLED = True
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # A file (not :memory:) so a worker subprocess can open the same test database.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-kopsis.sqlite3")}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True

# A worker subprocess started by the services tests must open the test database, not the
# development one: the test process passes the test database name down.
if os.environ.get("LMS_DB_NAME"):
    DATABASES["default"]["NAME"] = os.environ["LMS_DB_NAME"]

# The suite runs in one process, so the per-process cache is shared by everything it does:
# keep the student fast path on (production turns it on with Redis, see settings.base).
FASTPAGE_ENABLED = True
