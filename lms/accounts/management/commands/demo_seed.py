from django.core.management.base import BaseCommand
from django.db import transaction

from lms.demo import demo_modules


class Command(BaseCommand):
    help = "Load the demo data of every app (idempotent)."

    def handle(self, *args: object, **options: object) -> None:
        lines: list[str] = []
        for module in demo_modules():
            with transaction.atomic():
                lines.extend(module.seed() or [])
        from lms import district

        for scope in district.all_scopes():  # the dinas overview reads this snapshot
            district.refresh(scope)
        lines.append("  district snapshot refreshed (the dinas overview, hourly in production)")
        for line in lines:
            self.stdout.write(line)
