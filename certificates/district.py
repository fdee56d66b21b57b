"""Certification's contribution to the district dashboard (lms/district.py).

Certificates Kopsis issued are counted by `issued_indicators(scope)`, the first of
ISSUED_SOURCES (the extension point): another source appends there and its indicators appear
beside the batch counts.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from certificates.models import Batch, Decision, ExternalCertificate, UnitDecision
from certificates.models.decisions import DecisionStatus, Result
from certificates.models.issued import CertificateStatus, IssuedCertificate
from lms.district import (
    Chart,
    Indicator,
    ProfilePanel,
    ReportTable,
    Scope,
    register,
    register_profile_panel,
)

EXPIRING_DAYS = 90
# Extension point: functions scope -> [Indicator] for certificates issued by Kopsis.
ISSUED_SOURCES: list[Callable[[Scope], list[Indicator]]] = []


def _percent(part: int, whole: int) -> Decimal:
    if not whole:
        return Decimal("0.0")
    return (Decimal(100 * part) / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def latest_results(scope: Scope) -> dict[int, tuple[int, str]]:
    """candidate id -> (batch id, K or BK) of the candidate's latest signed decision."""
    rows = (
        Decision.objects.filter(
            status=DecisionStatus.SIGNED, candidate__batch__region_id__in=scope.region_ids
        )
        .order_by("candidate_id", "attempt")
        .values_list("candidate_id", "candidate__batch_id", "overall")
    )
    return {candidate: (batch, overall) for candidate, batch, overall in rows}


@dataclass(frozen=True)
class BatchRow:
    batch: Batch
    competent: int  # candidates whose latest signed decision is K
    not_yet: int  # ... BK
    issued: int  # certificates of the batch with status terbit


def batch_rows(scope: Scope) -> list[BatchRow]:
    """Every batch of the scope, newest first, with its K/BK counts and certificates issued
    (the list behind "Angkatan sertifikasi"). Three queries."""
    counts: dict[int, list[int]] = {}
    for batch, overall in latest_results(scope).values():
        row = counts.setdefault(batch, [0, 0])
        row[0 if overall == Result.COMPETENT else 1] += 1
    issued = dict(
        IssuedCertificate.objects.filter(
            batch__region_id__in=scope.region_ids, status=CertificateStatus.ISSUED
        )
        .values_list("batch_id")
        .annotate(n=Count("pk"))
    )
    batches = (
        Batch.objects.filter(region_id__in=scope.region_ids)
        .select_related("region", "scheme")
        .order_by("-start_date", "-pk")
    )
    rows = []
    for b in batches:
        competent, not_yet = counts.get(b.pk, [0, 0])
        rows.append(BatchRow(b, competent, not_yet, issued.get(b.pk, 0)))
    return rows


def batch_results(scope: Scope) -> list[tuple[str, int, int]]:
    """(batch name, K, BK) per batch of the scope, newest first."""
    return [(r.batch.name, r.competent, r.not_yet) for r in batch_rows(scope)]


def issued_in_scope(scope: Scope, *, expiring: bool = False) -> Any:
    """Certificates Kopsis issued in the scope (status terbit); `expiring`: those whose
    validity ends in the next 90 days. The overview counts these, the list shows them."""
    rows = IssuedCertificate.objects.filter(
        region_id__in=scope.region_ids, status=CertificateStatus.ISSUED
    )
    if expiring:
        today = timezone.localdate()
        rows = rows.filter(
            valid_until__gte=today,
            valid_until__lte=today + datetime.timedelta(days=EXPIRING_DAYS),
        )
    return rows


def external_expiring(scope: Scope) -> Any:
    """LSP certificates recorded in the scope whose validity ends in the next 90 days."""
    today = timezone.localdate()
    return ExternalCertificate.objects.filter(
        region_id__in=scope.region_ids,
        expires_on__gte=today,
        expires_on__lte=today + datetime.timedelta(days=EXPIRING_DAYS),
    )


def district_url(name: str, scope: Scope, **query: str) -> str:
    return f"{reverse(name)}?{urlencode({'scope': scope.key, **query})}"


def unit_results(scope: Scope) -> list[tuple[str, int, int]]:
    """(unit code, K, BK) over the latest signed decision of every candidate."""
    latest = latest_results(scope)
    units = UnitDecision.objects.filter(
        decision__status=DecisionStatus.SIGNED, decision__candidate_id__in=list(latest)
    ).values_list("decision__candidate_id", "decision__attempt", "unit__code", "result")
    best: dict[tuple[int, str], tuple[int, str]] = {}
    for candidate, attempt, code, result in units:
        if (candidate, code) not in best or best[(candidate, code)][0] < attempt:
            best[(candidate, code)] = (attempt, result)
    counts: dict[str, list[int]] = {}
    for (_candidate, code), (_attempt, result) in best.items():
        counts.setdefault(code, [0, 0])[0 if result == Result.COMPETENT else 1] += 1
    return [(code, k, bk) for code, (k, bk) in sorted(counts.items())]


class CertificationContribution:
    key = "certificates"
    order = 30

    def indicators(self, scope: Scope) -> list[Indicator]:
        group = _("Sertifikasi juru buku")
        batches = batch_results(scope)
        competent = sum(b[1] for b in batches)
        not_yet = sum(b[2] for b in batches)
        expiring = external_expiring(scope).count()
        batch_url = district_url("certificates:district-batches", scope)
        items = [
            Indicator(
                "batches", _("Angkatan sertifikasi"), len(batches), "count", batch_url, group
            ),
            Indicator("competent", _("Kompeten (K)"), competent, "count", batch_url, group),
            Indicator("not_yet", _("Belum kompeten (BK)"), not_yet, "count", batch_url, group),
            Indicator(
                "cert_expiring",
                _("Sertifikat LSP habis dalam 90 hari"),
                expiring,
                "count",
                district_url("certificates:district-external", scope),
                group,
            ),
        ]
        for source in ISSUED_SOURCES:
            items += source(scope)
        return items

    def report_tables(self, scope: Scope) -> list[ReportTable]:
        rows = [
            [name, k, bk, f"{_percent(k, k + bk):.1f}".replace(".", ",")]
            for name, k, bk in batch_results(scope)
        ]
        columns = [_("Angkatan"), _("Kompeten (K)"), _("Belum kompeten (BK)"), _("Kompeten (%)")]
        return [ReportTable("cert_results", _("Hasil sertifikasi"), columns, rows, _("Tidak ada."))]

    def charts(self, scope: Scope) -> list[Chart]:
        batches = batch_results(scope)
        units = unit_results(scope)
        return [
            Chart(
                "pass_by_batch",
                _("Kelulusan per angkatan (%)"),
                "bar",
                [b[0] for b in batches],
                [(_("Kompeten (%)"), [_percent(b[1], b[1] + b[2]) for b in batches])],
            ),
            Chart(
                "pass_by_unit",
                _("Kelulusan per unit kompetensi (%)"),
                "bar",
                [u[0] for u in units],
                [(_("Kompeten (%)"), [_percent(u[1], u[1] + u[2]) for u in units])],
            ),
        ]


def issued_indicators(scope: Scope) -> list[Indicator]:
    """Certificates Kopsis issued in the scope (status terbit: not pending, failed, revoked
    or superseded) and those of them whose validity ends in the next 90 days."""
    group = _("Sertifikasi juru buku")
    return [
        Indicator(
            "cert_issued",
            _("Sertifikat terbit"),
            issued_in_scope(scope).count(),
            "count",
            district_url("certificates:district-issued", scope),
            group,
        ),
        Indicator(
            "cert_issued_expiring",
            _("Sertifikat Kopsis habis dalam 90 hari"),
            issued_in_scope(scope, expiring=True).count(),
            "count",
            district_url("certificates:district-issued", scope, habis="90"),
            group,
        ),
    ]


ISSUED_SOURCES.append(issued_indicators)


def certified_bookkeepers(coop: Any) -> dict[str, Any]:
    """The cooperative's people whose latest signed decision is Kompeten (a profile panel)."""
    latest: dict[int, tuple[str, str, str]] = {}
    rows = (
        Decision.objects.filter(status=DecisionStatus.SIGNED, candidate__cooperative=coop)
        .order_by("candidate_id", "attempt")
        .values_list("candidate_id", "candidate__full_name", "candidate__batch__name", "overall")
    )
    for candidate, name, batch, overall in rows:
        latest[candidate] = (name, batch, overall)
    people = sorted((n, b) for n, b, overall in latest.values() if overall == Result.COMPETENT)
    return {"people": people}


register(CertificationContribution())
register_profile_panel(
    ProfilePanel("certificates/panels/district_bookkeepers.html", certified_bookkeepers, 50)
)
