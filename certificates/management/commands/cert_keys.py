"""The certificate signing keys (certificates/credentials/keys.py), on the issuing host:

    manage.py cert_keys list            # every key id: signs / verifies only, created
    manage.py cert_keys rotate          # a new key that signs from now on
    manage.py cert_keys retire <kid>    # keep only its public half: old certificates verify

Back up the key folder after each change. Web processes see the change without a restart.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from certificates.credentials.keys import generate_key, key_folder, load_keyset, retire_key


class Command(BaseCommand):
    help = "Kelola kunci penanda tangan sertifikat: list, rotate, retire <kid>."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["list", "rotate", "retire"])
        parser.add_argument("kid", nargs="?", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        try:
            if action == "rotate":
                self._rotate()
            elif action == "retire":
                if not options["kid"]:
                    raise CommandError("Sebutkan id kunci yang dipensiunkan.")
                path = retire_key(options["kid"])
                self.stdout.write(f"Kunci {options['kid']} dipensiunkan: tersisa {path.name}.")
            self._list()
        except ValueError as exc:
            raise CommandError(str(exc)) from exc

    def _rotate(self) -> None:
        kid = generate_key()
        self.stdout.write(f"Kunci baru {kid} dibuat di {key_folder()}.")
        pinned = settings.CERT_SIGNING_KEY_ID
        if pinned and pinned != kid:
            self.stdout.write(
                self.style.WARNING(
                    f"CERT_SIGNING_KEY_ID={pinned} masih menunjuk kunci lama: "
                    f"ubah menjadi {kid} agar kunci baru yang menandatangani."
                )
            )

    def _list(self) -> None:
        keyset = load_keyset()
        folder = key_folder()
        for kid in sorted(keyset.public):
            private = kid in keyset.private
            path = folder / (f"{kid}.pem" if private else f"{kid}.pub.pem")
            created = datetime.fromtimestamp(path.stat().st_mtime, UTC).strftime("%Y-%m-%d %H:%M")
            role = (
                "menandatangani"
                if kid == keyset.signing_kid
                else ("privat" if private else "pensiun (hanya verifikasi)")
            )
            self.stdout.write(f"{kid}\t{role}\t{created} UTC")
