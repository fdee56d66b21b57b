"""Local development and `make demo`: SQLite + filesystem broker, DEBUG on."""

from lms.settings.base import *
from lms.settings.env import env_bool

DEBUG = env_bool("DEBUG", True)
# The demo shows Kopsis' own Indonesian 403/404/500 pages, not Django's English debug pages
# (lms.middleware.ProjectErrorPagesMiddleware). DEBUG_PROJECT_ERROR_PAGES=false for tracebacks.
DEBUG_PROJECT_ERROR_PAGES = env_bool("DEBUG_PROJECT_ERROR_PAGES", True)
# The demo prints e-mail (certificate PDFs, expiry reminders) to the console instead of sending.
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# `make demo` serves static files as production does (issue: "the demo as light as
# production"): collected into STATIC_ROOT with hashed names, gzip + brotli siblings, and
# served by WhiteNoise with a one-year immutable Cache-Control. scripts/demo.sh runs
# collectstatic first. STATIC_LIVE=true serves the source folders uncached while editing CSS.
STATIC_LIVE = env_bool("STATIC_LIVE", False)
if not STATIC_LIVE:
    STORAGES = {
        **STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    WHITENOISE_AUTOREFRESH = False
    WHITENOISE_USE_FINDERS = False
