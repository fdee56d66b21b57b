"""A confirmed batch of N Kompeten candidates, built in bulk (for issuance tests and bench).

The candidates, decisions and pleno are written directly (bulk_create) because their own
services are tested elsewhere and 500 candidates through them would take minutes; what the
tests exercise is issuance, which runs through its real services.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from certificates.models import (
    Batch,
    Candidate,
    CandidateStatus,
    CompetencyUnit,
    Decision,
    DecisionStatus,
    Pleno,
    Result,
)
from certificates.scheme_data import SCHEME_TITLE, units_csv
from certificates.services.schemes import scheme_create, scheme_publish, scheme_units_import
from lms.accounts.models import Role, RoleAssignment, User


def published_scheme(by: User, code: str = "JBK") -> Any:
    from certificates.models import Scheme

    found = Scheme.objects.filter(code=code, version=1, status="published").first()
    if found:
        return found
    scheme = scheme_create(code=code, title=SCHEME_TITLE, by=by, validity_years=3)
    scheme_units_import(scheme=scheme, data=units_csv(), filename="units.csv")
    return scheme_publish(scheme=scheme, by=by)


def confirmed_batch(
    *, region: Any, trainer: User, count: int, name: str = "Angkatan Uji", prefix: str = "asesi"
) -> Batch:
    """A batch whose `count` candidates all have a signed, pleno-confirmed K decision."""
    if not RoleAssignment.objects.filter(user=trainer, role=Role.TRAINER, region=region).exists():
        RoleAssignment.objects.create(user=trainer, role=Role.TRAINER, region=region)
    scheme = published_scheme(trainer)
    start = datetime.date(2026, 11, 2)
    batch = Batch.objects.create(
        region=region,
        scheme=scheme,
        name=name,
        start_date=start,
        end_date=start + datetime.timedelta(days=3),
        test_date=start + datetime.timedelta(days=4),
        venue="Aula Dinas Koperasi",
        quota=max(count, 1),
        created_by=trainer,
    )
    batch.trainers.add(trainer)
    users = User.objects.bulk_create(
        User(username=f"{prefix}{batch.pk}-{i:04d}", full_name=f"Peserta Uji {i:04d}")
        for i in range(count)
    )
    candidates = Candidate.objects.bulk_create(
        Candidate(
            batch=batch,
            user=u,
            full_name=u.full_name,
            cooperative_name="Koperasi Desa Merah Putih",
            cooperative_role="Juru buku",
            status=CandidateStatus.ACCEPTED,
        )
        for u in users
    )
    now = timezone.now()
    pleno = Pleno.objects.create(batch=batch, held_on=start, confirmed_by=trainer, confirmed_at=now)
    snapshot = {
        "units": [
            {"code": u.code, "title": u.title, "result": "K"}
            for u in CompetencyUnit.objects.filter(scheme=scheme)
        ]
    }
    Decision.objects.bulk_create(
        Decision(
            candidate=c,
            status=DecisionStatus.SIGNED,
            overall=Result.COMPETENT,
            snapshot=snapshot,
            signed_by=trainer,
            signed_at=now,
            pleno=pleno,
        )
        for c in candidates
    )
    return batch
