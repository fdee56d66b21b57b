# Kopsis. The two commands a newcomer needs: `make demo` and `make test`.
.PHONY: install demo run worker test test-unit test-services test-e2e lint format migrations-check deploy-check bench exam-day scaleout messages

PY := .venv/bin/python

install:            ## virtualenv + pinned dependencies + apt packages that are missing
	scripts/install.sh dev

demo:               ## set up, migrate, load demo data, serve with a real Celery worker
	scripts/demo.sh

run:                ## web server only (assumes `make install` and a migrated database)
	$(PY) manage.py runserver

worker:             ## Celery worker + beat on the configured broker
	.venv/bin/celery -A lms worker --beat --loglevel info --schedule var/celerybeat-schedule

test:               ## every test tier: unit/integration, services (real worker), browser
	scripts/test.sh

lint:               ## ruff (style + security rules S), bandit (no high finding), mypy (django-stubs)
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/bandit -q -c pyproject.toml -r . --severity-level high
	.venv/bin/mypy

format:
	.venv/bin/ruff format .
	.venv/bin/ruff check --fix .

migrations-check:
	$(PY) manage.py makemigrations --check --dry-run

deploy-check:       ## production settings pass `check --deploy` with no warnings
	DJANGO_SETTINGS_MODULE=lms.settings.production SECRET_KEY=$$(head -c 48 /dev/urandom | base64) \
	  ALLOWED_HOSTS=kopsis.example.org DATABASE_URL=postgres://kopsis@127.0.0.1:5432/kopsis \
	  CELERY_BROKER_URL=redis://127.0.0.1:6379/0 CACHE_URL=redis://127.0.0.1:6379/1 \
	  $(PY) manage.py check --deploy --fail-level WARNING

bench:              ## performance scripts in bench/ (print numbers)
	scripts/bench.sh

exam-day:           ## Locust load test of exam day: 300 students (STUDENTS=1000 ...), reconciled
	scripts/install.sh dev
	$(PY) bench/exam_day.py --students $${STUDENTS:-300}

scaleout:           ## 2 web nodes + 2 workers in network namespaces behind HAProxy; kill one of each mid-exam (root)
	scripts/install.sh dev
	scripts/scaleout.sh

messages:           ## refresh locale/en (our msgids are Indonesian; locale/id holds Wagtail admin gaps)
	$(PY) manage.py makemessages -l en --ignore '.venv/*' --ignore 'var/*' --ignore 'tests/*' --no-obsolete
