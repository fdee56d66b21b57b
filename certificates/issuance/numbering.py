"""Certificate numbers: the dinas's pattern per series, a counter that only goes up.

`allocate_numbers` must run inside the transaction that creates the certificates: the counter
row is locked (select_for_update), so two runs never get the same numbers, a run's numbers are
consecutive (no gaps within a batch), and a rolled-back run gives its numbers back with the
rows that would have carried them (nothing was ever visible). A number, once committed, is
never reused: revoked and superseded certificates keep theirs, the counter never goes down.
"""

from __future__ import annotations

import re

from django.db import transaction
from django.utils.translation import gettext as _

from certificates.exceptions import CertificationError
from certificates.models import CertificateNumbering, IssuanceCounter
from lms.schools.models import Region

PLACEHOLDERS = ("<kabupaten>", "<tahun>", "<urut>", "<seri>")
DEFAULT_PATTERN = "<seri>/<kabupaten>/<tahun>/<urut>"
SEQUENCE_DIGITS = 5
STATUS_INDEX_KEY = "status-index"


def validate_pattern(pattern: str) -> str:
    """A pattern needs <urut> and <tahun> (the sequence restarts every year), nothing unknown."""
    pattern = pattern.strip()
    if "<urut>" not in pattern or "<tahun>" not in pattern:
        raise CertificationError(_("Pola nomor harus memuat <urut> dan <tahun>."))
    unknown = set(re.findall(r"<[^>]*>", pattern)) - set(PLACEHOLDERS)
    if unknown:
        raise CertificationError(
            _("Bagian pola tidak dikenal: %(parts)s.") % {"parts": ", ".join(sorted(unknown))}
        )
    if not re.fullmatch(r"[A-Za-z0-9<>./ _-]{5,80}", pattern):
        raise CertificationError(_("Pola nomor hanya boleh memuat huruf, angka, / . - _."))
    return pattern


def numbering_for(*, region: Region, series: str) -> CertificateNumbering:
    numbering, _created = CertificateNumbering.objects.get_or_create(
        region=region, series=series, defaults={"pattern": DEFAULT_PATTERN}
    )
    return numbering


def format_number(pattern: str, *, series: str, region_code: str, year: int, seq: int) -> str:
    return (
        pattern.replace("<seri>", series)
        .replace("<kabupaten>", region_code)
        .replace("<tahun>", str(year))
        .replace("<urut>", f"{seq:0{SEQUENCE_DIGITS}d}")
    )


def _take(key: str, count: int) -> int:
    """Reserve `count` consecutive values of the counter `key`; return the first."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("allocate inside the transaction that creates the rows")
    IssuanceCounter.objects.get_or_create(key=key)
    counter = IssuanceCounter.objects.select_for_update().get(key=key)
    first = counter.value + 1
    counter.value += count
    counter.save(update_fields=["value"])
    return first


def allocate_numbers(
    *, region: Region, series: str, year: int, count: int
) -> list[tuple[int, str]]:
    """`count` consecutive (sequence, number) pairs of this series and year."""
    numbering = numbering_for(region=region, series=series)
    first = _take(f"num:{numbering.pk}:{year}", count)
    return [
        (
            seq,
            format_number(
                numbering.pattern, series=series, region_code=region.code, year=year, seq=seq
            ),
        )
        for seq in range(first, first + count)
    ]


def allocate_status_indexes(count: int) -> list[int]:
    """Positions in the revocation status list (one global list; index 0 is never used)."""
    first = _take(STATUS_INDEX_KEY, count)
    return list(range(first, first + count))
