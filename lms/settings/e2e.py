"""Browser tests: dev settings against throwaway state under LMS_VAR_DIR, real worker."""

from lms.settings.dev import *

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AXES_ENABLED = False  # the browser suite logs in many times from one IP
# Static files as `make demo` serves them: scripts/e2e.sh collects them first (dev.py).
