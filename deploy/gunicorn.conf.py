"""gunicorn settings for production: `gunicorn -c deploy/gunicorn.conf.py lms.wsgi`."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers: Kopsis does no long-polling; heavy work goes to Celery.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
timeout = 30
graceful_timeout = 20
max_requests = 2000
max_requests_jitter = 200
# nginx in front writes the access log of every request (with $request_time); a second one
# here costs each request ~0.07 ms of a worker's CPU (a tenth of a cached student page, see
# docs/performance.md). GUNICORN_ACCESSLOG=- logs here too (e.g. without nginx in front).
accesslog = os.environ.get("GUNICORN_ACCESSLOG") or None
errorlog = "-"
# Only nginx on this host may set X-Forwarded-Proto/-For; Django trusts the same list
# (TRUSTED_PROXIES, read by lms.http.client_ip for the login lockout).
forwarded_allow_ips = os.environ.get(
    "FORWARDED_ALLOW_IPS", os.environ.get("TRUSTED_PROXIES", "127.0.0.1,::1")
)
