"""Generate a province for the district dashboard: `manage.py district_generate [--scale 0.01]`.

Lives in certificates because it fills every capability (schools, cooperatives, candidates).
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from certificates.generate import generate_certification
from school_coops.generate import generate


class Command(BaseCommand):
    help = "Generate a province (40 kabupaten, 2,000 schools, 400,000 students) and refresh."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", type=float, default=1.0, help="fraction of full scale")
        parser.add_argument("--no-refresh", action="store_true", help="skip the snapshot job")

    def handle(self, *args: Any, **options: Any) -> None:
        from lms import district

        started = time.monotonic()
        with transaction.atomic():
            result = generate(options["scale"])
            if not result:
                self.stdout.write("Generated province already exists; nothing done.")
                return
            result.update(generate_certification(result.pop("generated"), options["scale"]))
        self.stdout.write(f"generated in {time.monotonic() - started:.1f}s: {result}")
        if not options["no_refresh"]:
            started = time.monotonic()
            for scope in district.all_scopes():
                district.refresh(scope)
            self.stdout.write(f"snapshot refreshed in {time.monotonic() - started:.1f}s")
