"""Settings shared by every environment. Everything deployment-specific comes from env vars."""

from __future__ import annotations

from pathlib import Path

from celery.schedules import crontab
from csp.constants import NONCE, SELF
from django.utils.translation import gettext_lazy as _

from lms.settings.env import (
    cache_from_url,
    database_from_url,
    env_bool,
    env_int,
    env_list,
    env_str,
    sqlite_database,
)

BASE_DIR = Path(__file__).resolve().parent.parent.parent
# Writable state (SQLite file, media, Celery broker folders) lives under VAR_DIR.
VAR_DIR = Path(env_str("LMS_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

SECRET_KEY = env_str("SECRET_KEY", "insecure-dev-key-change-me-kopsis")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "lms.accounts",
    "lms.schools",
    "lms.privacy",
    "courses",
    "school_coops",
    "certificates",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_htmx",
    "template_partials",
    "django_celery_results",
    "django_celery_beat",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "lms.middleware.ProjectErrorPagesMiddleware",  # runs last on exceptions: after the rest
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A student's cached pages, before CSP, gzip, session and auth: a hit replays the stored
    # CSP header with its own nonce and sends pre-compressed gzip (lms.fastpage).
    "lms.fastpage.FastPageMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "lms.middleware.PrivateCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "lms.authz.PolicyMiddleware",  # default deny: every URL name has a row in lms/policy.py
    "lms.accounts.middleware.ForcePasswordChangeMiddleware",
    "axes.middleware.AxesMiddleware",  # must stay last
]

ROOT_URLCONF = "lms.urls"
WSGI_APPLICATION = "lms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "csp.context_processors.nonce",
                "lms.context_processors.csp_nonce",
                "lms.context_processors.navigation",
            ],
        },
    },
]

DATABASE_URL = env_str("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": database_from_url(DATABASE_URL)}
else:
    DATABASES = {"default": sqlite_database(str(VAR_DIR / "kopsis.sqlite3"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHE_URL = env_str("CACHE_URL", "")
CACHES = {
    "default": cache_from_url(CACHE_URL)
    if CACHE_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}

# lms.fastpage keeps a student's pages in the cache and bumps versions on every write: only
# safe when every web process and worker shares that cache (Redis), so it is on with CACHE_URL.
FASTPAGE_ENABLED = env_bool("FASTPAGE_ENABLED", bool(CACHE_URL))

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 8},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:dashboard"
LOGOUT_REDIRECT_URL = "/"

# Whole schools share one NAT/hotspot IP: lock out per username + IP, never per IP alone.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 8)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"
# Behind nginx REMOTE_ADDR is the proxy: take the client from X-Forwarded-For, but only when
# the request came from one of these addresses (django-ipware is not installed, so axes 8
# calls our resolver). Must match gunicorn's forwarded_allow_ips and the nginx host.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", ["127.0.0.1", "::1"])
AXES_CLIENT_IP_CALLABLE = "lms.http.client_ip"

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# Login cards, member cards and pending roster uploads: never under MEDIA_ROOT (lms/storage.py).
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(VAR_DIR / "private")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Ed25519 keys that sign certificate payloads (certificates/credentials/keys.py): <kid>.pem per
# key, <kid>.pub.pem for retired keys that must keep verifying. Outside production an empty
# folder gets a key on first use.
CERT_SIGNING_KEYS_DIR = Path(env_str("CERT_SIGNING_KEYS_DIR", str(VAR_DIR / "keys")))
CERT_SIGNING_KEY_ID = env_str("CERT_SIGNING_KEY_ID", "")
CERT_SIGNING_KEYS_AUTOCREATE = True
# Issued certificates (docs/certificates.md).
CERT_SWEEP_AFTER_SECONDS = env_int("CERT_SWEEP_AFTER_SECONDS", 120)
CERT_COURSE_SLUGS = ("koperasi-sekolah-untuk-pelajar",)
CERT_VERIFY_RATE_PER_MINUTE = env_int("CERT_VERIFY_RATE_PER_MINUTE", 30)
CERT_REMIND_DAYS_BEFORE = (90, 30)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# With DEBUG on, show our own 404/500 pages anyway (lms.middleware; dev.py turns it on).
DEBUG_PROJECT_ERROR_PAGES = False

# --- Security headers (production tightens cookies and HSTS) ---
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"
SESSION_COOKIE_HTTPONLY = True
# Session length by role (lms/sessions.py): the shortest age among a person's roles wins.
SESSION_ENGINE = "lms.sessions"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 14 * 24 * 3600)  # staff, guardians
SESSION_AGE_BY_ROLE = {
    "student": env_int("SESSION_AGE_STUDENT", 8 * 3600),  # one school day on a shared phone
}
# e.g. SESSION_EXPIRE_AT_BROWSER_CLOSE_ROLES=student for schools that lend phones
SESSION_EXPIRE_AT_BROWSER_CLOSE_ROLES = env_list("SESSION_EXPIRE_AT_BROWSER_CLOSE_ROLES", [])
CONTENT_SECURITY_POLICY = {
    # The Wagtail admin uses inline scripts; it is only for trusted staff.
    "EXCLUDE_URL_PREFIXES": ["/admin/", "/django-admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "frame-ancestors": [SELF],
        # Lesson videos, loaded only when a student presses "play" (courses/blocks.py).
        "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": ["'none'"],
    },
}

# --- Wagtail ---
WAGTAIL_SITE_NAME = "Kopsis"
# The public address printed on login and member cards. Unset: taken from the request that
# asked for the cards (lms.http.site_base_url), never a hard-coded 127.0.0.1:8000.
SITE_BASE_URL = env_str("SITE_BASE_URL", env_str("WAGTAILADMIN_BASE_URL", "")).rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_BASE_URL or "http://127.0.0.1:8000"
WAGTAILADMIN_USER_LOGIN_FORM = "lms.accounts.admin_forms.AdminLoginForm"
WAGTAIL_ENABLE_UPDATE_CHECK = False  # servers are often offline; no upstream feed
# lms.search wraps Wagtail's database backend and cleans every typed query (FTS syntax).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "lms.search"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "odt", "ods", "csv", "txt"]
# Uploads are judged by content and cleaned in lms/uploads.py (no SVG: it can carry script).
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 5 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 25_000_000  # a 6000 x 4000 photo; decoding needs ~100 MB
WAGTAILIMAGES_IMAGE_FORM_BASE = "lms.uploads.ImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "lms.uploads.DocumentForm"
WAGTAILDOCS_SERVE_METHOD = "serve_view"  # through Wagtail's view, which checks collection privacy

# --- Celery: embedded filesystem broker by default, Redis in production ---
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "filesystem://")
CELERY_BROKER_DIR = VAR_DIR / "celery-broker"
if CELERY_BROKER_URL.startswith("filesystem://"):
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_BROKER_DIR / "queue"),
        "data_folder_out": str(CELERY_BROKER_DIR / "queue"),
        "processed_folder": str(CELERY_BROKER_DIR / "processed"),
        "control_folder": str(CELERY_BROKER_DIR / "control"),
        "store_processed": False,
        "polling_interval": 0.5,
    }
elif CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
    # A worker killed mid-task (kill -9, a node lost) never acks: Redis hands the message to
    # another worker once it has been unacknowledged this long. Longer than the task time
    # limit (15 min) so a slow task is not run twice; every task is idempotent anyway
    # (docs/jobs.md), so a second run changes nothing. Each worker looks for such messages
    # every `unacked_restore_interval` seconds (README "Scale-out").
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 30 * 60),
        "unacked_restore_interval": env_int("CELERY_UNACKED_RESTORE_INTERVAL", 10),
        "unacked_restore_throttle": 1,
    }
CELERY_RESULT_BACKEND = "django-db"
CELERY_RESULT_EXTENDED = True
CELERY_TASK_TRACK_STARTED = True
CELERY_TASK_ACKS_LATE = True
# A worker child that dies mid-task (OOM killer, kill -9) puts the message back instead of
# failing the task: safe because every task is idempotent (compare-and-set rows, lms/jobs.py).
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 15 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 14 * 60
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TASK_ALWAYS_EAGER = False
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Above this many members the SHU distribution is confirmed and paid out in Celery with a
# progress bar (school_coops/services/shu_jobs.py); below it the request does it.
SHU_ASYNC_MEMBERS = env_int("SHU_ASYNC_MEMBERS", 100)
# Periodic jobs, listed once. DatabaseScheduler copies them into django-celery-beat's tables.
CELERY_BEAT_SCHEDULE = {
    "privacy-retention": {
        "task": "lms.privacy.tasks.privacy_retention_task",
        "schedule": crontab(hour=2, minute=30),  # at night, when nobody books anything
    },
    # The district dashboard's snapshot (lms/district.py): every hour, and on demand.
    "district-refresh": {
        "task": "lms.schools.tasks.district_refresh_task",
        "schedule": crontab(minute=15),
    },
    # The certificate row is the source of truth: re-send what a killed worker left pending.
    "certificates-issuance-sweep": {
        "task": "certificates.tasks.issuance_sweep_task",
        "schedule": 60.0,
    },
    "certificates-expiry-reminders": {
        "task": "certificates.tasks.expiry_reminders_task",
        "schedule": crontab(hour=7, minute=0),
    },
}

# --- Kopsis ---
ROSTER_MAX_UPLOAD_BYTES = 2 * 1024 * 1024
ROSTER_MAX_ROWS = 500
# Checked on the zip's members before openpyxl opens a workbook (a 2 MB XLSX can hold 2 GB).
ROSTER_MAX_UNPACKED_BYTES = 20 * 1024 * 1024
ROSTER_MAX_CELL_CHARS = 300
ROSTER_MAX_COLUMNS = 50
PAGINATE_BY = 25
# Certification: one evidence upload (PDF or image) of a candidate, in bytes.
CERT_EVIDENCE_MAX_BYTES = env_int("CERT_EVIDENCE_MAX_BYTES", 5 * 1024 * 1024)
ASSIGNMENT_MAX_UPLOAD_BYTES = env_int("ASSIGNMENT_MAX_UPLOAD_BYTES", 5 * 1024 * 1024)
# Self-registration on a batch's public page: sign-ups per client address per hour.
CERT_REGISTRATION_PER_HOUR = env_int("CERT_REGISTRATION_PER_HOUR", 10)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
# A new notice version forces guardians to consent again (UU PDP Pasal 22, 25).
CONSENT_NOTICE_VERSION = env_str("CONSENT_NOTICE_VERSION", "2026-11")
# UU PDP Pasal 42-44: a graduate's personal data is erased this many years after the
# membership ended (financial amounts stay in the books, pseudonymised).
PRIVACY_RETENTION_YEARS_AFTER_GRADUATION = env_int("PRIVACY_RETENTION_YEARS_AFTER_GRADUATION", 2)
