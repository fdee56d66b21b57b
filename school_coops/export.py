"""The member register as a spreadsheet table; `lms.exports` writes it formula-safe."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from school_coops.models import Membership


def member_register_table(memberships: Iterable[Membership]) -> list[list[str]]:
    rows = [
        [
            _("No. anggota"),
            _("Nama"),
            _("Kategori"),
            _("Status"),
            _("Tanggal masuk"),
            _("Tanggal keluar"),
            _("Alasan keluar"),
        ]
    ]
    for m in memberships:
        rows.append(
            [
                m.number,
                m.member.get_full_name(),
                m.get_category_display(),
                m.get_status_display(),
                m.joined_on.isoformat() if m.joined_on else "",
                m.ended_on.isoformat() if m.ended_on else "",
                m.get_end_reason_display(),
            ]
        )
    return rows
