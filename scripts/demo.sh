#!/usr/bin/env bash
# `make demo`: set up everything and serve Kopsis with a real Celery worker (+ beat)
# on the embedded defaults: SQLite and the filesystem broker. Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install.sh runtime
export DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-lms.settings.dev}
mkdir -p var
.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py collectstatic --noinput -v0  # hashed, compressed (lms/settings/dev.py)
.venv/bin/python manage.py demo_seed
.venv/bin/celery -A lms worker --beat --concurrency 2 --loglevel warning \
  --schedule var/celerybeat-schedule &
WORKER=$!
# Stop the worker by its PID: signalling the whole process group can leave Celery's pool
# deadlocked on shutdown, while the main process stops its children cleanly.
trap 'kill -TERM $WORKER 2>/dev/null; wait $WORKER 2>/dev/null' EXIT INT TERM
echo "Kopsis: http://${HOST:-127.0.0.1}:${PORT:-8000}/  (Ctrl-C stops the site and the worker)"
.venv/bin/python manage.py runserver "${HOST:-127.0.0.1}:${PORT:-8000}" --noreload
