"""The Celery application. Broker and results come from Django settings (CELERY_*)."""

import os
from pathlib import Path
from typing import Any

from celery import Celery
from celery.signals import before_task_publish, worker_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.dev")

app = Celery("lms")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def ensure_broker_folders() -> None:
    """The filesystem transport needs its folders to exist before web or worker use them."""
    from django.conf import settings

    if not str(settings.CELERY_BROKER_URL).startswith("filesystem://"):
        return
    options: dict[str, Any] = settings.CELERY_BROKER_TRANSPORT_OPTIONS
    for key in ("data_folder_in", "data_folder_out", "processed_folder", "control_folder"):
        Path(options[key]).mkdir(parents=True, exist_ok=True)


@worker_init.connect
def _prepare_worker(**_kwargs: object) -> None:
    ensure_broker_folders()


# A web process or a command (demo_seed) may publish before any worker created the folders.
@before_task_publish.connect
def _prepare_publisher(**_kwargs: object) -> None:
    ensure_broker_folders()
