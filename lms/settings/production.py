"""Production: PostgreSQL + Redis, every secret from the environment, strict transport security.

Refuses to start (ImproperlyConfigured) without SECRET_KEY, a PostgreSQL DATABASE_URL, a
real broker in CELERY_BROKER_URL and a Redis CACHE_URL: the SQLite file, the embedded
filesystem broker and the per-process memory cache of the demo would otherwise be used
silently.
"""

from django.core.exceptions import ImproperlyConfigured

from lms.settings.base import *
from lms.settings.base import DATABASES
from lms.settings.env import env_bool, env_int, env_str

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY")  # no default: refuse to start without one

DATABASE_URL = env_str("DATABASE_URL")  # e.g. postgres://kopsis:secret@127.0.0.1:5432/kopsis
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("DATABASE_URL must point to PostgreSQL in production.")

CELERY_BROKER_URL = env_str("CELERY_BROKER_URL")  # e.g. redis://127.0.0.1:6379/0
if not CELERY_BROKER_URL.startswith(("redis://", "rediss://", "amqp://", "amqps://")):
    # filesystem:// does not redeliver after a crash and works on one host only.
    raise ImproperlyConfigured("CELERY_BROKER_URL must be a Redis (or AMQP) URL in production.")

# Sessions (cached_db), the fast path, rate limits and cache-based locks must be shared by
# every gunicorn worker and every web node: a per-process local-memory cache would give each
# process its own limits and stale pages (README "Scale-out").
CACHE_URL = env_str("CACHE_URL")  # e.g. redis://127.0.0.1:6379/1
if not CACHE_URL.startswith(("redis://", "rediss://")):
    raise ImproperlyConfigured("CACHE_URL must be a Redis URL in production.")

# Certificates are signed with keys the operator generates and backs up (README, deploy step).
CERT_SIGNING_KEYS_AUTOCREATE = False

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
