"""Erase graduates whose retention period ended (also run nightly by Celery beat).

    manage.py privacy_retention --dry-run      # who would be erased, changes nothing
    manage.py privacy_retention                # erase them
The period is PRIVACY_RETENTION_YEARS_AFTER_GRADUATION (years after the membership ended).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lms.privacy.services import retention_cutoff, retention_run

LABELS = {"would_erase": "akan dihapus", "erased": "dihapus", "skipped": "dilewati"}


class Command(BaseCommand):
    help = "Hapus data pribadi lulusan yang masa retensinya berakhir."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="hanya tampilkan, jangan hapus")
        parser.add_argument("--today", help="tanggal acuan YYYY-MM-DD (bawaan: hari ini)")

    def handle(self, *args: Any, **options: Any) -> None:
        today = None
        if options["today"]:
            try:
                today = datetime.date.fromisoformat(options["today"])
            except ValueError as exc:
                raise CommandError(f"Tanggal --today tidak valid: {options['today']!r}.") from exc
        report = retention_run(dry_run=options["dry_run"], today=today)
        cutoff = retention_cutoff(today)
        self.stdout.write(f"Lulus sampai {cutoff.isoformat()}: {len(report)} orang.")
        for entry in report:
            note = f" ({entry['message']})" if entry["message"] else ""
            self.stdout.write(
                f"- #{entry['id']} {entry['username']} {entry['name']}: "
                f"{LABELS[entry['status']]}{note}"
            )
        if options["dry_run"]:
            self.stdout.write("Uji coba: tidak ada yang diubah.")
