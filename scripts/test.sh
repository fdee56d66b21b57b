#!/usr/bin/env bash
# `make test`: every tier.
#  (a) unit/integration on SQLite, including tests that start a real `celery worker` on the
#      embedded filesystem broker;
#  (b) services: with DATABASE_URL and CELERY_BROKER_URL set, the same suite on PostgreSQL with
#      a real worker on that broker (Redis in CI), plus PostgreSQL-only tests (locks, triggers);
#  (c) browser: Playwright + Debian Chromium against a live server and worker.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install.sh dev
export DJANGO_SETTINGS_MODULE=lms.settings.test
PYTEST=".venv/bin/pytest -q"
STATE=$(mktemp -d /tmp/kopsis-test.XXXXXX)
trap 'rm -rf "$STATE"' EXIT

echo "== Tier a: SQLite + embedded broker =="
env -u DATABASE_URL -u CELERY_BROKER_URL -u CACHE_URL LMS_VAR_DIR="$STATE/sqlite" \
  $PYTEST -m "not postgres" --ignore tests/e2e "$@"

echo "== Tier b: services (PostgreSQL + broker + real worker) =="
if [ -n "${DATABASE_URL:-}" ] && [ -n "${CELERY_BROKER_URL:-}" ]; then
  case "$DATABASE_URL" in postgres*) ;; *) echo "DATABASE_URL must point to PostgreSQL"; exit 1;; esac
  LMS_VAR_DIR="$STATE/pg" $PYTEST --ignore tests/e2e "$@"
elif [ "${CI:-}" = "true" ]; then
  echo "CI needs DATABASE_URL and CELERY_BROKER_URL for the services tier"; exit 1
else
  echo "DATABASE_URL/CELERY_BROKER_URL not set: tier a already ran the real worker on the"
  echo "embedded broker. Set both to also run the suite on PostgreSQL + Redis."
fi

echo "== Tier c: browser =="
scripts/e2e.sh
