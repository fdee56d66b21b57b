"""Portfolio evidence from a real cooperative's books: the candidate attaches a period."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from certificates.exceptions import CertificationError
from certificates.models import Candidate, Evidence
from certificates.portfolio import office_covering
from certificates.services.batches import MAX_EVIDENCE_PER_CANDIDATE, _editable, _unit_of
from lms.accounts.models import User
from school_coops.models import Cooperative

MAX_BOOKS_MONTHS = 12


def _months_later(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later (the month's last day when it is shorter)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate_day in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, candidate_day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def books_period_check(*, coop: Cooperative, since: datetime.date, until: datetime.date) -> None:
    """From <= to, not in the future, at most 12 months, not before the cooperative began."""
    if since > until:
        raise CertificationError(_("Tanggal awal periode tidak boleh setelah tanggal akhir."))
    today = timezone.localdate()
    if until > today:
        raise CertificationError(_("Periode pembukuan tidak boleh melewati hari ini."))
    if until >= _months_later(since, MAX_BOOKS_MONTHS):
        raise CertificationError(
            _("Periode pembukuan paling panjang %(n)s bulan.") % {"n": MAX_BOOKS_MONTHS}
        )
    began = coop.founded_on or timezone.localdate(coop.created_at)
    if since < began:
        raise CertificationError(
            _("Periode dimulai sebelum koperasi berdiri (%(day)s).") % {"day": f"{began:%d-%m-%Y}"}
        )


def _label(coop: Cooperative, since: datetime.date, until: datetime.date) -> str:
    return (
        _("Pembukuan %(coop)s, %(since)s s.d. %(until)s")
        % {"coop": coop.name, "since": f"{since:%d-%m-%Y}", "until": f"{until:%d-%m-%Y}"}
    )[:150]


def _kept_books_of(
    user: User, coop_id: int, since: datetime.date, until: datetime.date
) -> Cooperative:
    """The cooperative, once the period is valid and `user` held office through all of it."""
    coop = Cooperative.objects.filter(pk=coop_id).first()
    if coop is None:
        raise CertificationError(_("Koperasi tidak ditemukan."))
    books_period_check(coop=coop, since=since, until=until)
    if office_covering(user=user, coop=coop, since=since, until=until) is None:
        raise CertificationError(
            _(
                "Anda tidak tercatat sebagai pengurus (ketua, wakil ketua, sekretaris atau "
                "bendahara) %(coop)s sepanjang periode ini."
            )
            % {"coop": coop.name}
        )
    return coop


@transaction.atomic
def books_evidence_attach(
    *,
    candidate: Candidate,
    coop_id: int,
    since: datetime.date,
    until: datetime.date,
    by: User,
    unit_id: int | None = None,
) -> Evidence:
    """ "The books I kept": a period of a cooperative where the candidate held office.

    The candidate row is locked (as for uploads), so a double submit waits and then finds the
    evidence the first one made and returns it.
    """
    candidate = _editable(candidate, by)
    unit = _unit_of(candidate, unit_id)
    coop = _kept_books_of(by, coop_id, since, until)
    same = Evidence.objects.filter(
        candidate=candidate, unit=unit, books_coop=coop, books_from=since, books_to=until
    ).first()
    if same is not None:
        return same
    if candidate.evidence.count() >= MAX_EVIDENCE_PER_CANDIDATE:
        raise CertificationError(
            _("Paling banyak %(n)s berkas bukti per peserta.") % {"n": MAX_EVIDENCE_PER_CANDIDATE}
        )
    return Evidence.objects.create(
        candidate=candidate,
        unit=unit,
        path="",
        books_coop=coop,
        books_from=since,
        books_to=until,
        original_name=_label(coop, since, until),
        content_type="",
        size=0,
    )
