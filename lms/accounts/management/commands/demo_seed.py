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
        for line in lines:
            self.stdout.write(line)
