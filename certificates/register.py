"""The batch register (CSV/XLSX rows) from the board's annotated candidates."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from certificates.selectors import BOARD_STATES

STATE_LABELS = dict(BOARD_STATES) | {"ditolak": gettext_lazy("Ditolak")}


def register_rows(candidates: Iterable[Any]) -> Iterator[list[Any]]:
    yield [
        _("No."),
        _("Nama"),
        _("Koperasi"),
        _("Jabatan"),
        _("Jalur"),
        _("Status pendaftaran"),
        _("Tahap"),
        _("Asesmen mandiri (unit)"),
        _("Bukti"),
        _("Pelatihan selesai"),
        _("Nilai tes tulis"),
        _("Nilai studi kasus"),
        _("Percobaan"),
        _("Hasil"),
        _("Dikukuhkan pleno"),
        _("Yang kurang"),
    ]
    for number, c in enumerate(candidates, start=1):
        yield [
            number,
            c.full_name,
            c.cooperative_name,
            c.cooperative_role,
            c.get_track_display(),
            c.get_status_display(),
            str(STATE_LABELS.get(c.state, c.state)),
            c.self_count,
            c.evidence_count,
            c.training_done_at.date().isoformat() if c.training_done_at else "",
            float(c.written_score) if c.written_score is not None else "",
            float(c.best_score) if c.best_score is not None else "",
            c.attempt,
            c.overall or "",
            _("ya") if c.confirmed else "",
            "; ".join(c.missing),
        ]
