#!/usr/bin/env bash
# `make test`: every tier.
#  (a) unit/integration on SQLite, including tests that start a real `celery worker` on the
#      embedded filesystem broker;
#  (b) services: with DATABASE_URL and CELERY_BROKER_URL set, the same suite on PostgreSQL with
#      a real worker on that broker (Redis in CI), plus PostgreSQL-only tests (locks, triggers);
#  (c) browser: Playwright + Debian Chromium against a live server and worker;
#  (d) scale-out: two web nodes and two workers in network namespaces behind HAProxy, the
#      exam-day load, one web node and one worker killed mid-run (scripts/scaleout.sh, root).
#      Runs with the services tier (CI); KOPSIS_SKIP_SCALEOUT=1 leaves it out locally.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install.sh dev
export DJANGO_SETTINGS_MODULE=lms.settings.test
PYTEST=".venv/bin/pytest -q"
STATE=$(mktemp -d /tmp/kopsis-test.XXXXXX)
trap 'rm -rf "$STATE"' EXIT

tier_a() {
  env -u DATABASE_URL -u CELERY_BROKER_URL -u CACHE_URL LMS_VAR_DIR="$STATE/sqlite" \
    $PYTEST -m "not postgres" --ignore tests/e2e "$@"
}
tier_b() { LMS_VAR_DIR="$STATE/pg" $PYTEST --ignore tests/e2e "$@"; }

if [ -n "${DATABASE_URL:-}" ] && [ -n "${CELERY_BROKER_URL:-}" ]; then
  case "$DATABASE_URL" in postgres*) ;; *) echo "DATABASE_URL must point to PostgreSQL"; exit 1;; esac
  # Tiers a and b share nothing (own state folder, SQLite vs PostgreSQL, filesystem broker vs
  # Redis), so they run side by side on the two cores; KOPSIS_SERIAL_TIERS=1 runs them in turn.
  if [ "${KOPSIS_SERIAL_TIERS:-0}" = "1" ]; then
    echo "== Tier a: SQLite + embedded broker =="; tier_a "$@"
    echo "== Tier b: services (PostgreSQL + broker + real worker) =="; tier_b "$@"
  else
    echo "== Tiers a (SQLite + embedded broker) and b (PostgreSQL + broker + real worker), in parallel =="
    start=$SECONDS
    tier_a "$@" >"$STATE/tier-a.log" 2>&1 & pid_a=$!
    tier_b "$@" >"$STATE/tier-b.log" 2>&1 & pid_b=$!
    rc_a=0; wait "$pid_a" || rc_a=$?
    echo "== Tier a: SQLite + embedded broker (rc=$rc_a, done after $((SECONDS - start)) s) =="
    cat "$STATE/tier-a.log"
    rc_b=0; wait "$pid_b" || rc_b=$?
    echo "== Tier b: services (PostgreSQL + broker + real worker) (rc=$rc_b, done after $((SECONDS - start)) s) =="
    cat "$STATE/tier-b.log"
    [ "$rc_a" -eq 0 ] && [ "$rc_b" -eq 0 ] || exit 1
  fi
elif [ "${CI:-}" = "true" ]; then
  echo "CI needs DATABASE_URL and CELERY_BROKER_URL for the services tier"; exit 1
else
  echo "== Tier a: SQLite + embedded broker =="; tier_a "$@"
  echo "== Tier b: services (PostgreSQL + broker + real worker) =="
  echo "DATABASE_URL/CELERY_BROKER_URL not set: tier a already ran the real worker on the"
  echo "embedded broker. Set both to also run the suite on PostgreSQL + Redis."
fi

echo "== Tier c: browser =="
scripts/e2e.sh

if [ -n "${DATABASE_URL:-}" ] && [ -n "${CELERY_BROKER_URL:-}" ] && [ "${KOPSIS_SKIP_SCALEOUT:-0}" != "1" ]; then
  echo "== Tier d: scale-out (2 web + 2 workers behind HAProxy, one of each killed) =="
  scripts/scaleout.sh
elif [ "${CI:-}" = "true" ]; then
  echo "CI must run the scale-out tier"; exit 1
fi
