"""Generated certification candidates for the district dashboard (district_generate).

One published scheme with three units, one batch per generated kabupaten, candidates from the
kabupaten's students (jalur pelajar), each with a signed decision: every third Belum kompeten.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from certificates.models import Batch, Candidate, CompetencyUnit, Decision, Scheme, UnitDecision
from certificates.models.batches import CandidateStatus, Track
from certificates.models.decisions import DecisionStatus, Result
from certificates.models.schemes import SchemeStatus
from school_coops.generate import BATCH, Generated

FULL_CANDIDATES = 20_000


def _scheme() -> tuple[Scheme, list[CompetencyUnit]]:
    scheme, _created = Scheme.objects.get_or_create(
        code="GEN-JB",
        version=1,
        defaults={"title": "Juru Buku (data uji)", "status": SchemeStatus.PUBLISHED},
    )
    units = [
        CompetencyUnit.objects.get_or_create(
            scheme=scheme, code=f"GEN.{n}", defaults={"title": f"Unit uji {n}", "order": n}
        )[0]
        for n in (1, 2, 3)
    ]
    return scheme, units


def _candidates(out: Generated, batches: dict[int, Batch], count: int) -> list[Candidate]:
    per_region = max(1, count // len(out.regions))
    pupils: dict[int, list[int]] = {}
    for school in out.schools:
        pupils.setdefault(school.region_id, []).extend(out.students.get(school.pk, []))
    rows = []
    for region_id, users in pupils.items():
        for user_id in users[:per_region]:
            rows.append(
                Candidate(
                    batch=batches[region_id],
                    user_id=user_id,
                    full_name=f"Asesi {user_id}",
                    track=Track.STUDENT,
                    cooperative_name="Kopsis",
                    cooperative_role="anggota",
                    status=CandidateStatus.ACCEPTED,
                )
            )
    return Candidate.objects.bulk_create(rows, batch_size=BATCH)


def generate_certification(out: Generated, scale: float) -> dict[str, Any]:

    # long: one bulk_create pass per table at province scale (splitting re-reads rows)
    scheme, units = _scheme()
    today = timezone.localdate()
    batches = {
        region.pk: Batch.objects.create(
            region=region,
            scheme=scheme,
            name=f"Angkatan uji {region.name}",
            start_date=today - datetime.timedelta(days=60),
            end_date=today - datetime.timedelta(days=40),
            test_date=today - datetime.timedelta(days=30),
            venue="TUK uji",
            quota=1000,
            created_by=next(iter(out.teachers.values())),
        )
        for region in out.regions
    }
    candidates = _candidates(out, batches, max(len(out.regions), round(FULL_CANDIDATES * scale)))
    now = timezone.now()
    decisions = Decision.objects.bulk_create(
        (
            Decision(
                candidate=c,
                attempt=1,
                status=DecisionStatus.SIGNED,
                signed_at=now,
                overall=Result.NOT_YET if n % 3 == 0 else Result.COMPETENT,
            )
            for n, c in enumerate(candidates)
        ),
        batch_size=BATCH,
    )
    UnitDecision.objects.bulk_create(
        (
            UnitDecision(
                decision=d,
                unit=u,
                evidence="uji",
                result=Result.NOT_YET
                if d.overall == Result.NOT_YET and k == 2
                else Result.COMPETENT,
            )
            for d in decisions
            for k, u in enumerate(units)
        ),
        batch_size=BATCH,
    )
    return {"batches": len(batches), "candidates": len(candidates)}
