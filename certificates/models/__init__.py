"""Models of juru buku certification: schemes, batches, decisions, the practical case."""

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
    "Candidate",
    "CandidateStatus",
    "ChecklistMark",
    "CompetencyUnit",
    "Decision",
    "DecisionStatus",
    "Evidence",
    "ExternalCertificate",
    "GradingRun",
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
