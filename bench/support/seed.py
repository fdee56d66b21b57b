"""`manage.py demo_seed` for the bench database, around one demo bug (application code).

On a fresh database `school_coops/demo.py` fails since commit 48c05fd: `_seed_canteen` closes
the counter's day "yesterday", then `_seed_plan_consignment` records Tim Es Buah's sales dated
yesterday, and `sale_record` refuses a closed day ("... sudah ditutup"). The module's
transaction rolls back, so the whole cooperative (the member portal's data) would be missing.
Until the demo is fixed, this script runs `demo_seed` unchanged except that, inside
`_seed_plan_consignment` only, a sale dated on a closed day is recorded today instead. Nothing
else is patched; every other write goes through the services as in `make demo`.

Usage (bench/run_all.py runs it with the bench environment): .venv/bin/python bench/support/seed.py
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path
from typing import Any
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))


def main() -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    from school_coops import demo
    from school_coops.models import DayClose
    from school_coops.services import business

    real_sale, real_plan = business.sale_record, demo._seed_plan_consignment

    def sale_on_an_open_day(**kwargs: Any) -> Any:
        day = kwargs.get("date")
        if day is not None and DayClose.objects.filter(unit=kwargs["unit"], date=day).exists():
            kwargs["date"] = timezone.localdate()
        return real_sale(**kwargs)

    @functools.wraps(real_plan)
    def plan(*args: Any, **kwargs: Any) -> Any:
        with mock.patch.object(business, "sale_record", sale_on_an_open_day):
            return real_plan(*args, **kwargs)

    with mock.patch.object(demo, "_seed_plan_consignment", plan):
        call_command("demo_seed")


if __name__ == "__main__":
    main()
