"""Erase one person on a recorded request, for people the school pages do not cover (teachers,
guardians, dinas staff):

    manage.py privacy_erase --username wali1 --reason "permintaan tertulis 3 Des 2026" [--dry-run]
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from lms.privacy.exceptions import PrivacyRuleError
from lms.privacy.services import erasure_problems, person_erase


class Command(BaseCommand):
    help = "Hapus data pribadi satu orang atas permintaan yang tercatat."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", required=True)
        parser.add_argument("--reason", required=True, help="permintaan yang mendasari")
        parser.add_argument("--dry-run", action="store_true", help="hanya periksa, jangan hapus")

    def handle(self, *args: Any, **options: Any) -> None:
        person = get_user_model().objects.filter(username=options["username"]).first()
        if person is None:
            raise CommandError(f"Pengguna {options['username']!r} tidak ditemukan.")
        if not options["reason"].strip():
            raise CommandError("Alasan wajib diisi.")
        if options["dry_run"]:
            problems = erasure_problems(person=person)
            if problems:
                raise CommandError(" ".join(problems))
            self.stdout.write(f"{person.username} dapat dihapus. Uji coba: tidak ada yang diubah.")
            return
        try:
            record = person_erase(person=person, by=None, reason=options["reason"])
        except PrivacyRuleError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Dihapus: sekarang {record.person.get_full_name()}.")
