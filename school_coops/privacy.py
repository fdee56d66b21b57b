"""Personal data of the school cooperative, for the privacy registry (lms/privacy/registry.py).

Erasure keeps the books: memberships, savings accounts, journal lines and SHU shares keep
their amounts and point to the pseudonymised user ("Pengguna terhapus #N"). Posted journal
entries are immutable, so a memo that named the person gets a JournalEntryRedaction beside
it, which every screen shows instead (JournalEntry.shown_memo).
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db.models import Max, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lms.privacy.helpers import delete_private_file_on_commit, replace_name, rows_of
from lms.privacy.registry import (
    Erasure,
    not_personal,
    register,
    register_actor,
    register_blocker,
    register_retention_source,
)
from school_coops.models import (
    Account,
    AccountingPeriod,
    AnnualReport,
    BusinessUnit,
    Consignor,
    ConsignorPayout,
    Cooperative,
    CoopStatusChange,
    DayClose,
    FoundingBallotCode,
    FoundingProcess,
    FoundingVote,
    HealthAssessment,
    Item,
    JournalEntry,
    JournalEntryRedaction,
    JournalLine,
    MemberCardBatch,
    Membership,
    PendataanReminder,
    Position,
    RatBallotCode,
    RatInvitation,
    RatMeeting,
    RatMotion,
    RatRecord,
    RatVote,
    RecognitionAttachment,
    RecognitionSubmission,
    Sale,
    SaleLine,
    SaleReturn,
    SavingsAccount,
    ShuDistribution,
    ShuJob,
    ShuMemberShare,
    StockMovement,
    WajibPayment,
)
from school_coops.templatetags.coop_tags import rupiah

OPEN = [Membership.Status.APPLIED, Membership.Status.ACTIVE]


def _memberships(person: Any) -> Any:
    return Membership.objects.filter(member=person)


# --- What stops an erasure: money the coop still owes the person --------------------------


def _money_owed(person: Any) -> list[str]:
    """Savings, an exit payable or SHU not yet paid out, or a debt not yet settled."""
    from school_coops.selectors import member_debt, payable_outstanding, unpaid_shu

    problems = []
    for m in _memberships(person).select_related("coop"):
        if m.status in OPEN:
            problems.append(
                _("Keanggotaan di %(coop)s masih berjalan: akhiri keanggotaan dahulu.")
                % {"coop": m.coop.name}
            )
            continue
        owed = payable_outstanding(membership=m) + unpaid_shu(membership=m)
        owed += sum(
            SavingsAccount.objects.filter(membership=m).values_list("balance", flat=True),
            Decimal(0),
        )
        if owed > 0:
            problems.append(
                _(
                    "%(coop)s masih harus mengembalikan %(amount)s kepada anggota ini: "
                    "bayarkan dahulu, karena setelah dihapus pemiliknya tidak dapat dikenali."
                )
                % {"coop": m.coop.name, "amount": rupiah(owed)}
            )
        debt = member_debt(membership=m)
        if debt > 0:
            problems.append(
                _("Anggota ini masih berutang %(amount)s kepada %(coop)s: selesaikan dahulu.")
                % {"coop": m.coop.name, "amount": rupiah(debt)}
            )
    return problems


register_blocker(_money_owed)


def _graduates(cutoff: datetime.date) -> list[int]:
    """Members who graduated on or before `cutoff` and hold no open membership anywhere."""
    open_ids = Membership.objects.filter(status__in=OPEN).values("member_id")
    ended = (
        Membership.objects.filter(end_reason=Membership.EndReason.GRADUATED)
        .exclude(member_id__in=open_ids)
        .values("member_id")
        .annotate(last=Max("ended_on"))
        .filter(last__lte=cutoff)
    )
    return [row["member_id"] for row in ended]


register_retention_source("school_coops.graduates", _graduates)


# --- Exporters and erasers ------------------------------------------------------------------


def _membership_export(person: Any) -> list[dict[str, Any]]:
    return rows_of(
        _memberships(person),
        "coop__name",
        "number",
        "category",
        "status",
        "joined_on",
        "ended_on",
        "end_reason",
        "is_founder",
    )


def _savings_export(person: Any) -> list[dict[str, Any]]:
    return rows_of(
        SavingsAccount.objects.filter(membership__member=person),
        "membership__coop__name",
        "kind",
        "balance",
    )


def _lines_export(person: Any) -> list[dict[str, Any]]:
    lines = (
        JournalLine.objects.filter(
            Q(membership__member=person) | Q(savings_account__membership__member=person)
        )
        .select_related("entry__redaction", "account", "savings_account")
        .order_by("entry__date", "entry__number", "pk")
    )
    return [
        {
            "date": line.entry.date.isoformat(),
            "entry": f"JU-{line.entry.number:05d}",
            "memo": line.entry.shown_memo,
            "account": line.account.code,
            "savings_kind": line.savings_account.kind if line.savings_account else "",
            "side": line.side,
            "amount": int(line.amount),
        }
        for line in lines
    ]


def _entries_erase(erasure: Erasure) -> int:
    """Pseudonymise memos naming the person, beside the immutable posted entries."""
    person, name = erasure.person, erasure.original_name
    coop_ids = set(_memberships(person).values_list("coop_id", flat=True))
    coop_ids |= set(Cooperative.objects.filter(supervisors=person).values_list("pk", flat=True))
    entries = JournalEntry.objects.filter(coop_id__in=coop_ids).filter(
        Q(memo__icontains=name)
        | Q(redaction__memo__icontains=name)
        | Q(lines__membership__member=person)
        | Q(lines__savings_account__membership__member=person)
    )
    changed = 0
    for entry in entries.distinct().select_related("redaction"):
        memo = replace_name(entry.shown_memo, name, erasure.pseudonym)[:200]
        if memo != entry.shown_memo:
            JournalEntryRedaction.objects.update_or_create(entry=entry, defaults={"memo": memo})
            changed += 1
    return changed


def _entries_export(person: Any) -> list[dict[str, Any]]:
    entries = JournalEntry.objects.filter(created_by=person).select_related("coop", "redaction")
    return [
        {"coop": e.coop.name, "entry": f"JU-{e.number:05d}", "date": e.date, "memo": e.shown_memo}
        for e in entries.order_by("coop_id", "number")[:5000]
    ]


def _founding_export(person: Any) -> list[dict[str, Any]]:
    processes = FoundingProcess.objects.filter(
        Q(initiators=person) | Q(attendees=person) | Q(staff_founders=person)
    ).distinct()
    return rows_of(processes, "coop__name", "meeting_date", "chair_name", "secretary_name")


TEXT_FIELDS = ("committee", "guests", "chair_name", "secretary_name", "agenda")


def _founding_erase(erasure: Erasure) -> int:
    """Typed names in the founding papers become the pseudonym; the lists keep the person."""
    changed = 0
    name = erasure.original_name
    query = Q()
    for field in TEXT_FIELDS:
        query |= Q(**{f"{field}__icontains": name})
    for process in FoundingProcess.objects.filter(query):
        for field in TEXT_FIELDS:
            setattr(process, field, replace_name(getattr(process, field), name, erasure.pseudonym))
        process.save(update_fields=list(TEXT_FIELDS))
        changed += 1
    return changed


def _votes_export(person: Any) -> list[dict[str, Any]]:
    return rows_of(
        FoundingVote.objects.filter(Q(voter=person) | Q(candidate=person)),
        "process__coop__name",
        "role",
        "voter__full_name",
        "candidate__full_name",
        "recorded_at",
    )


def _supervised_export(person: Any) -> list[dict[str, Any]]:
    return rows_of(Cooperative.objects.filter(supervisors=person), "name", "school__name")


def _supervised_erase(erasure: Erasure) -> int:
    coops = list(Cooperative.objects.filter(supervisors=erasure.person))
    for coop in coops:
        coop.supervisors.remove(erasure.person)
    return len(coops)


def _member_cards_erase(erasure: Erasure) -> int:
    """Member-card PDFs print every member's name: delete those of the person's coops."""
    coop_ids = _memberships(erasure.person).values_list("coop_id", flat=True)
    batches = MemberCardBatch.objects.filter(coop_id__in=list(coop_ids)).exclude(pdf_path="")
    for path in batches.values_list("pdf_path", flat=True):
        delete_private_file_on_commit(path)
    return batches.update(pdf_path="")


def _member_cards_export(person: Any) -> list[dict[str, Any]]:
    return rows_of(MemberCardBatch.objects.filter(requested_by=person), "id", "coop__name")


def _keep(erasure: Erasure) -> int:
    """Books keep the row: it holds amounts and ids only, the name is on the user row."""
    return 0


register(Membership, export=_membership_export, erase=_keep, identifies_person=True)
register(
    SavingsAccount,
    export=_savings_export,
    erase=_keep,
    identifies_person=True,
    title=gettext_lazy("rekening simpanan"),
)
register(
    JournalLine,
    export=_lines_export,
    erase=_keep,
    title=gettext_lazy("kartu simpanan (baris jurnal)"),
)
register(
    WajibPayment,
    export=lambda p: rows_of(
        WajibPayment.objects.filter(membership__member=p),
        "membership__coop__name",
        "period",
        "amount",
    ),
    erase=_keep,
    title=gettext_lazy("pembayaran simpanan wajib"),
)
register(
    Position,
    export=lambda p: rows_of(
        Position.objects.filter(membership__member=p),
        "coop__name",
        "role",
        "started_on",
        "ended_on",
    ),
    erase=_keep,
    title=gettext_lazy("jabatan"),
)
register(
    ShuMemberShare,
    export=lambda p: rows_of(
        ShuMemberShare.objects.filter(membership__member=p),
        "distribution__coop__name",
        "distribution__fiscal_year",
        "savings_basis",
        "transactions_basis",
        "jasa_modal",
        "jasa_usaha",
        "amount",
        "paid_entry_id",
        "paid_to",
    ),
    erase=_keep,
    title=gettext_lazy("bagian SHU anggota"),
)
register(JournalEntry, export=_entries_export, erase=_entries_erase)
register(
    FoundingProcess,
    export=_founding_export,
    erase=_founding_erase,
    title=gettext_lazy("pendirian koperasi"),
)
register(
    FoundingVote, export=_votes_export, erase=_keep, title=gettext_lazy("suara pemilihan pengurus")
)
register(Cooperative, export=_supervised_export, erase=_supervised_erase)
register(
    MemberCardBatch,
    export=_member_cards_export,
    erase=_member_cards_erase,
    title=gettext_lazy("kartu anggota"),
)
register_actor(AccountingPeriod, fields=["closed_by"], title=gettext_lazy("periode pembukuan"))
register_actor(RatRecord, fields=["recorded_by"])
register_actor(HealthAssessment, fields=["assessed_by", "confirmed_by"])
# A one-time ballot code: only its hash is kept; it goes with the voter, the issuer is an actor.
register(
    "school_coops.FoundingBallotCode",
    export=lambda person: rows_of(
        FoundingBallotCode.objects.filter(voter=person),
        "process__coop__name",
        "issued_at",
        "used_at",
    ),
    erase=lambda erasure: FoundingBallotCode.objects.filter(voter=erasure.person).delete()[0],
)
register_actor(ShuDistribution, fields=["confirmed_by"])
register_actor(ShuJob, fields=["requested_by"], title=gettext_lazy("proses pembagian SHU"))
# RAT: the meeting and its motions only record who acted; invitations (attendance), votes and
# ballot codes are the member's own rows. Votes stay: a decision's tally must not change.
register_actor(RatMeeting, fields=["created_by"])
register_actor(RatMotion, fields=["decided_by"])
register(
    RatInvitation,
    export=lambda person: rows_of(
        RatInvitation.objects.filter(membership__member=person),
        "meeting__coop__name",
        "meeting__fiscal_year",
        "invited_at",
        "attended_at",
    ),
    erase=_keep,
    title=gettext_lazy("undangan dan kehadiran RAT"),
)
register(
    RatVote,
    export=lambda person: rows_of(
        RatVote.objects.filter(membership__member=person),
        "motion__meeting__fiscal_year",
        "motion__title",
        "choice",
        "channel",
        "recorded_at",
    ),
    erase=_keep,
    title=gettext_lazy("suara RAT"),
)
register(
    RatBallotCode,
    export=lambda person: rows_of(
        RatBallotCode.objects.filter(membership__member=person),
        "motion__title",
        "issued_at",
        "used_at",
    ),
    erase=lambda erasure: RatBallotCode.objects.filter(membership__member=erasure.person).delete()[
        0
    ],
)
# District office records: people appear only as the one who acted (submitted, decided,
# changed a status, reported, reminded); the coop's data, not the person's, is in the rows.
register_actor(RecognitionSubmission, fields=["submitted_by", "decided_by"])
register_actor(RecognitionAttachment, fields=["uploaded_by"])
register_actor(CoopStatusChange, fields=["changed_by"])
register_actor(AnnualReport, fields=["submitted_by"])
register_actor(PendataanReminder, fields=["sent_by"])
not_personal(Account, reason=gettext_lazy("nama akun bagan akun"))


# --- Business units (models/business.py) ----------------------------------------------------
# A member's purchases are their jasa usaha and stay with the books (pseudonymised user); the
# consignor of an item keeps the item (the cooperative still owes or paid their share).
register(
    Sale,
    export=lambda p: rows_of(
        Sale.objects.filter(membership__member=p),
        "coop__name",
        "unit__name",
        "number",
        "date",
        "payment",
        "total",
    ),
    erase=_keep,
    title=gettext_lazy("pembelian di unit usaha"),
)
register(
    Item,
    export=lambda p: rows_of(
        Item.objects.filter(consignor=p), "unit__name", "name", "price", "consignor_share"
    ),
    erase=_keep,
    title=gettext_lazy("barang titipan"),
)


def _consignor_export(person: Any) -> list[dict[str, Any]]:
    mine = Consignor.objects.filter(Q(user=person) | Q(members=person)).distinct()
    return rows_of(mine, "coop__name", "name", "created_at")


def _consignor_erase(erasure: Erasure) -> int:
    """A member's own consignor record carries their name: pseudonymised; a team keeps its
    name, and the erased member no longer sees its balance."""
    person, changed = erasure.person, 0
    for consignor in Consignor.objects.filter(user=person):
        consignor.name = erasure.pseudonym[:120]
        consignor.save(update_fields=["name"])
        changed += 1
    for team in Consignor.objects.filter(members=person):
        team.members.remove(person)
        changed += 1
    return changed


register(
    Consignor,
    export=_consignor_export,
    erase=_consignor_erase,
    title=gettext_lazy("penitip barang titipan"),
)
register_actor(ConsignorPayout, fields=["created_by"])
register_actor(StockMovement, fields=["created_by"])
register_actor(SaleReturn, fields=["created_by"])
register_actor(DayClose, fields=["closed_by"])
not_personal(BusinessUnit, reason=gettext_lazy("nama unit usaha koperasi"))
not_personal(SaleLine, reason=gettext_lazy("baris struk: barang dan harga, pembeli di penjualan"))
