"""Local development and `make demo`: SQLite + filesystem broker, DEBUG on."""

from lms.settings.base import *
from lms.settings.env import env_bool

DEBUG = env_bool("DEBUG", True)
# The demo shows Kopsis' own Indonesian 403/404/500 pages, not Django's English debug pages
# (lms.middleware.ProjectErrorPagesMiddleware). DEBUG_PROJECT_ERROR_PAGES=false for tracebacks.
DEBUG_PROJECT_ERROR_PAGES = env_bool("DEBUG_PROJECT_ERROR_PAGES", True)
# The demo prints e-mail (certificate PDFs, expiry reminders) to the console instead of sending.
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
