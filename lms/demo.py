"""Demo data registry: each app may ship `<app>/demo.py` with `seed() -> list[str]`.

`manage.py demo_seed` runs them in INSTALLED_APPS order. Every seed must be idempotent:
running it twice changes nothing.
"""

from __future__ import annotations

import importlib
import importlib.util

from django.apps import apps

DEMO_PASSWORD = "kopsis-demo"  # noqa: S105 (documented demo credential)


def demo_modules() -> list:
    modules = []
    for config in apps.get_app_configs():
        name = f"{config.name}.demo"
        if importlib.util.find_spec(name) is not None:
            modules.append(importlib.import_module(name))
    return modules


def ensure_password(user, password: str = DEMO_PASSWORD) -> None:
    if not user.check_password(password):
        user.set_password(password)
        user.save(update_fields=["password"])
