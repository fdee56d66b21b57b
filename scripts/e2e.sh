#!/usr/bin/env bash
# Browser tier: a live runserver + a real Celery worker on the embedded defaults (SQLite,
# filesystem broker), fresh throwaway state with the demo data, then Playwright + Chromium.
# Usage: scripts/e2e.sh [pytest args, e.g. tests/e2e/test_courses.py -k quiz]
set -euo pipefail
cd "$(dirname "$0")/.."
# The browser tier proves what `make demo` runs: never the production services.
unset DATABASE_URL CELERY_BROKER_URL CACHE_URL
export LMS_VAR_DIR; LMS_VAR_DIR=$(mktemp -d /tmp/kopsis-e2e.XXXXXX)
export DJANGO_SETTINGS_MODULE=lms.settings.e2e
export E2E_ARTIFACTS=${E2E_ARTIFACTS:-var/e2e-artifacts}
PY=.venv/bin/python
$PY manage.py migrate --noinput -v0
$PY manage.py collectstatic --noinput -v0  # hashed, compressed (lms/settings/dev.py)
$PY manage.py demo_seed >/dev/null
PORT=$($PY -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
.venv/bin/celery -A lms worker --concurrency 2 --loglevel warning >"$LMS_VAR_DIR/worker.log" 2>&1 &
WORKER=$!
$PY manage.py runserver "127.0.0.1:$PORT" --noreload >"$LMS_VAR_DIR/server.log" 2>&1 &
SERVER=$!
cleanup() {
  kill -TERM "$SERVER" "$WORKER" 2>/dev/null || true
  wait "$SERVER" "$WORKER" 2>/dev/null || true
  if [ "${KEEP_E2E_STATE:-0}" != "1" ]; then rm -rf "$LMS_VAR_DIR"; fi
}
trap cleanup EXIT
for _ in $(seq 150); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/" && break; sleep 0.2; done
curl -sf -o /dev/null "http://127.0.0.1:$PORT/" || { echo "server did not start:"; cat "$LMS_VAR_DIR/server.log"; exit 1; }
set +e
E2E_BASE_URL="http://127.0.0.1:$PORT" .venv/bin/pytest -p no:django -p no:cacheprovider \
  -o addopts="" -W ignore::pytest.PytestConfigWarning --confcutdir tests/e2e -q "${@:-tests/e2e}"
status=$?
set -e
if [ $status -ne 0 ]; then
  echo "--- server log (tail) ---"; tail -n 40 "$LMS_VAR_DIR/server.log"
  echo "--- worker log (tail) ---"; tail -n 40 "$LMS_VAR_DIR/worker.log"
fi
exit $status
