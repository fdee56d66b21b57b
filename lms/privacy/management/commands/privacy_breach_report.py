"""Who was affected by a breach, from the access log, as CSV (UU PDP Pasal 46: notify ≤ 3×24 h).

    manage.py privacy_breach_report --since 2026-11-01 --until 2026-11-08 \\
        --accessor bendahara1 --output terdampak.csv
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from lms.exports import table_csv
from lms.privacy.models import AccessKind
from lms.privacy.selectors import breach_report_rows


def _moment(value: str | None, option: str) -> datetime.datetime | None:
    if not value:
        return None
    try:
        if len(value) == 10:
            day = datetime.date.fromisoformat(value)
            moment = datetime.datetime.combine(day, datetime.time.min)
        else:
            moment = datetime.datetime.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(
            f"Tanggal {option} tidak valid: {value!r} (pakai YYYY-MM-DD atau YYYY-MM-DDTHH:MM)."
        ) from exc
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


class Command(BaseCommand):
    help = "Daftar orang yang datanya dibuka (dari log akses) sebagai CSV, untuk laporan kebocoran."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--since", help="awal jendela waktu (YYYY-MM-DD[THH:MM]), inklusif")
        parser.add_argument("--until", help="akhir jendela waktu, eksklusif")
        parser.add_argument(
            "--accessor", action="append", default=[], help="username yang membuka (boleh ulang)"
        )
        parser.add_argument("--school", type=int, help="id sekolah pemilik data")
        parser.add_argument(
            "--kind", action="append", choices=AccessKind.values, default=[], help="jenis data"
        )
        parser.add_argument("--output", help="berkas CSV (bawaan: layar)")

    def handle(self, *args: Any, **options: Any) -> None:
        since = _moment(options["since"], "--since")
        until = _moment(options["until"], "--until")
        if since and until and since >= until:
            raise CommandError("--since harus sebelum --until.")
        accessors = []
        user_model = get_user_model()
        for username in options["accessor"]:
            user = user_model.objects.filter(username=username).first()
            if user is None:
                raise CommandError(f"Pengguna {username!r} tidak ditemukan.")
            accessors.append(user)
        school = None
        if options["school"] is not None:
            from lms.schools.models import School

            school = School.objects.filter(pk=options["school"]).first()
            if school is None:
                raise CommandError(f"Sekolah dengan id {options['school']} tidak ditemukan.")
        rows = breach_report_rows(
            since=since, until=until, accessors=accessors, school=school, kinds=options["kind"]
        )
        content = table_csv(rows)
        if options["output"]:
            with open(options["output"], "wb") as handle:
                handle.write(content)
            self.stderr.write(f"{len(rows) - 1} orang terdampak ditulis ke {options['output']}.")
        else:
            self.stdout.write(content.decode("utf-8"), ending="")
