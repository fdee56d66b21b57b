"""Personal data of the certification app, for the privacy registry (docs/privacy.md).

Candidates are adults; their decisions must stay verifiable after an erasure, so the
candidate row keeps its results and loses its identity (a masked name), and the rows about
the candidate's work stay attached to that masked row.

Rows look alike by design: one `register(...)` (export, erase, retention) a model, each
naming its own fields and its own rule; `duplicates` pairs them by shape (docs/architecture.md §7).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from certificates.models import (
    Appeal,
    Batch,
    Candidate,
    CertificateBundle,
    CertificateNumbering,
    CertificateRevocation,
    CertificateTemplate,
    ChecklistMark,
    Decision,
    Evidence,
    ExternalCertificate,
    GradingRun,
    IssuanceRun,
    IssuedCertificate,
    Pleno,
    PracticalCase,
    Scheme,
    SelfAssessment,
    UnitDecision,
)
from lms.privacy.helpers import delete_private_file_on_commit, mask_name, rows_of
from lms.privacy.registry import Erasure, not_personal, register, register_actor


def _candidate_export(person: Any) -> list[dict[str, Any]]:
    return rows_of(
        Candidate.objects.filter(user=person),
        "batch__name",
        "full_name",
        "birth_place",
        "birth_date",
        "phone",
        "email",
        "nik",
        "education",
        "cooperative_name",
        "cooperative_legal_number",
        "cooperative_role",
        "status",
        "written_score",
        "applied_at",
    )


def _candidate_erase(erasure: Erasure) -> int:
    """Identity out, results in: the decision stays verifiable under a masked name."""
    rows = list(Candidate.objects.filter(user=erasure.person))
    for candidate in rows:
        candidate.full_name = mask_name(candidate.full_name)
        candidate.birth_place, candidate.birth_date, candidate.phone = "", None, ""
        candidate.email = candidate.nik = ""
        candidate.save(
            update_fields=["full_name", "birth_place", "birth_date", "phone", "email", "nik"]
        )
    return len(rows)


def _evidence_erase(erasure: Erasure) -> int:
    files = list(Evidence.objects.filter(candidate__user=erasure.person))
    for evidence in files:
        delete_private_file_on_commit(evidence.path)
    return Evidence.objects.filter(pk__in=[e.pk for e in files]).delete()[0]


def _keep(erasure: Erasure) -> int:
    return 0  # results about the candidate's work: kept with the masked candidate row


def _of_candidate(model: Any, *fields: str) -> Any:
    return lambda person: rows_of(model.objects.filter(candidate__user=person), *fields)


register(
    Candidate,
    export=_candidate_export,
    erase=_candidate_erase,
    identifies_person=True,
    title=_("pendaftaran sertifikasi"),
)
register(
    SelfAssessment,
    export=_of_candidate(SelfAssessment, "unit__code", "note"),
    erase=lambda e: SelfAssessment.objects.filter(candidate__user=e.person).update(note=""),
)
register(
    Evidence,
    export=_of_candidate(Evidence, "unit__code", "original_name", "uploaded_at"),
    erase=_evidence_erase,
)
register(
    Decision,
    export=lambda person: rows_of(
        Decision.objects.filter(Q(candidate__user=person) | Q(signed_by=person)),
        "candidate__batch__name",
        "attempt",
        "overall",
        "comment",
        "signed_at",
    ),
    erase=_keep,
)
register(
    PracticalCase,
    export=_of_candidate(PracticalCase, "attempt", "score_percent", "submitted_at"),
    erase=_keep,
)
register(
    ExternalCertificate,
    export=lambda person: rows_of(
        ExternalCertificate.objects.filter(holder=person),
        "holder_name",
        "number",
        "issuer",
        "scheme_name",
        "issued_on",
        "expires_on",
    ),
    erase=lambda e: sum(
        ExternalCertificate.objects.filter(pk=item.pk).update(
            holder_name=mask_name(item.holder_name)
        )
        for item in ExternalCertificate.objects.filter(holder=e.person)
    ),
)
register(
    IssuedCertificate,
    export=lambda person: rows_of(
        IssuedCertificate.objects.filter(holder=person),
        "number",
        "holder_name",
        "kind",
        "status",
        "issued_on",
        "valid_until",
    ),
    # An issued certificate must stay verifiable: the name is masked, the number stays.
    erase=lambda e: sum(
        IssuedCertificate.objects.filter(pk=item.pk).update(holder_name=mask_name(item.holder_name))
        for item in IssuedCertificate.objects.filter(holder=e.person)
    ),
)
# Rows that name the person only as the one who acted (trainer, assessor, dinas).
register_actor(Scheme, fields=["created_by"])
register_actor(Pleno, fields=["confirmed_by"])
register_actor(ChecklistMark, fields=["marked_by"])
register_actor(Appeal, fields=["decided_by"])
register_actor(GradingRun, fields=["requested_by"])
register_actor(IssuanceRun, fields=["requested_by"])
register_actor(CertificateBundle, fields=["requested_by"])
register_actor(CertificateRevocation, fields=["actor"])
register_actor(CertificateNumbering, fields=["updated_by"])
register_actor(CertificateTemplate, fields=["updated_by"])
not_personal(
    UnitDecision,
    reason="the assessor's comment on a unit; the person is on the Decision, exported there",
)
not_personal(
    Batch,
    reason="a batch's name and its staff lists; trainers and assessors act for the dinas",
)
