"""Models of juru buku certification: schemes, batches, decisions, the practical case.

Rows look alike by design: field declarations, `TextChoices` and `Meta` constraints of
different tables; `duplicates` pairs them by shape (docs/architecture.md §7).
"""

from certificates.models.batches import (
    Batch,
    Candidate,
    CandidateStatus,
    Evidence,
    Origin,
    SelfAssessment,
    Track,
)
from certificates.models.decisions import (
    Appeal,
    AppealStatus,
    ChecklistMark,
    Decision,
    DecisionStatus,
    Pleno,
    Result,
    UnitDecision,
)
from certificates.models.external import ExternalCertificate
from certificates.models.issued import (
    BundleKind,
    CertificateBundle,
    CertificateKind,
    CertificateNumbering,
    CertificateRevocation,
    CertificateStatus,
    CertificateTemplate,
    IssuanceCounter,
    IssuanceRun,
    IssuedCertificate,
)
from certificates.models.practical import GradingRun, PracticalCase, SandboxEntry, SandboxLine
from certificates.models.schemes import (
    CompetencyUnit,
    Method,
    PerformanceCriterion,
    Scheme,
    SchemeStatus,
    UnitElement,
    UnitInstrument,
)

__all__ = [
    "Appeal",
    "AppealStatus",
    "Batch",
    "BundleKind",
    "Candidate",
    "CandidateStatus",
    "CertificateBundle",
    "CertificateKind",
    "CertificateNumbering",
    "CertificateRevocation",
    "CertificateStatus",
    "CertificateTemplate",
    "ChecklistMark",
    "CompetencyUnit",
    "Decision",
    "DecisionStatus",
    "Evidence",
    "ExternalCertificate",
    "GradingRun",
    "IssuanceCounter",
    "IssuanceRun",
    "IssuedCertificate",
    "Method",
    "Origin",
    "PerformanceCriterion",
    "Pleno",
    "PracticalCase",
    "Result",
    "SandboxEntry",
    "SandboxLine",
    "Scheme",
    "SchemeStatus",
    "SelfAssessment",
    "Track",
    "UnitDecision",
    "UnitElement",
    "UnitInstrument",
]
