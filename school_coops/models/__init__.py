from school_coops.models.cooperative import (
    BylawVersion,
    Cooperative,
    LegalStatus,
    Membership,
    Position,
    PositionRole,
    ShuAllocation,
)
from school_coops.models.district import (
    AnnualReport,
    CoopFactsRow,
    CoopStatusChange,
    PendataanReminder,
    RecognitionAttachment,
    RecognitionSubmission,
    StatusEvent,
    SubmissionStatus,
)
from school_coops.models.documents import MemberCardBatch
from school_coops.models.founding import (
    FoundingBallotCode,
    FoundingProcess,
    FoundingStep,
    FoundingVote,
    VoteChannel,
)
from school_coops.models.governance import RatRecord
from school_coops.models.health import HealthAssessment, HealthRubric, HealthStatus
from school_coops.models.ledger import (
    Account,
    AccountClass,
    AccountingPeriod,
    JournalEntry,
    JournalEntryRedaction,
    JournalLine,
    ReceiptSequence,
    Side,
    Workflow,
)
from school_coops.models.savings import SavingsAccount, SavingsKind, WajibPayment
from school_coops.models.shu import ShuDistribution, ShuMemberShare

__all__ = [
    "Account",
    "AccountClass",
    "AccountingPeriod",
    "AnnualReport",
    "BylawVersion",
    "CoopFactsRow",
    "CoopStatusChange",
    "Cooperative",
    "FoundingBallotCode",
    "FoundingProcess",
    "FoundingStep",
    "FoundingVote",
    "HealthAssessment",
    "HealthRubric",
    "HealthStatus",
    "JournalEntry",
    "JournalEntryRedaction",
    "JournalLine",
    "LegalStatus",
    "MemberCardBatch",
    "Membership",
    "PendataanReminder",
    "Position",
    "PositionRole",
    "RatRecord",
    "ReceiptSequence",
    "RecognitionAttachment",
    "RecognitionSubmission",
    "SavingsAccount",
    "SavingsKind",
    "ShuAllocation",
    "ShuDistribution",
    "ShuMemberShare",
    "Side",
    "StatusEvent",
    "SubmissionStatus",
    "VoteChannel",
    "WajibPayment",
    "Workflow",
]
