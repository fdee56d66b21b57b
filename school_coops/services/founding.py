"""The founding workflow (docs/domain.md §2.1).

Each step is saved, then approved by the guru pembina; the state lives in the database, so the
workflow can be resumed on any device."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.accounts.models import ConsentPurpose, Role, User
from lms.accounts.selectors import consent_granted
from school_coops.chart import CASH, GRANTS
from school_coops.exceptions import CooperativeRuleError
from school_coops.models import (
    Cooperative,
    FoundingBallotCode,
    FoundingProcess,
    FoundingStep,
    FoundingVote,
    Membership,
    PositionRole,
    Side,
    VoteChannel,
    Workflow,
)
from school_coops.models.cooperative import CoopStatus, MembershipCategory
from school_coops.models.district import StatusEvent
from school_coops.selectors.founding import (
    ELECTED_ROLES,
    election_result,
    founding_step_problems,
    staff_candidates,
)
from school_coops.services.ballots import (
    ballot_channel,
    ballot_code_claim,
    ballot_code_mark_used,
    ballot_code_new,
)
from school_coops.services.cooperative import (
    rupiah_not_negative,
    shu_allocation_clean,
    shu_allocation_replace,
)
from school_coops.services.ledger import LineInput, account_by_code, journal_entry_post
from school_coops.services.members import membership_register, position_assign
from school_coops.services.recognition import status_change_record

DEFAULT_AGENDA = "\n".join(
    [
        "a. Pembukaan",
        "b. Laporan panitia pendiri",
        "c. Pengarahan dari Dinas Koperasi",
        "d. Tata tertib rapat dan tata cara pemilihan",
        "e. Persetujuan pembentukan koperasi sekolah",
        "f. Pembahasan dan penetapan AD/ART",
        "g. Rencana kerja dan RAPB",
        "h. Pemilihan dan pelantikan pengurus dan pengawas",
    ]
)


def _lock(process: FoundingProcess) -> FoundingProcess:
    # Every founding write locks the process row: two officers cannot both move a step.
    process = FoundingProcess.objects.select_for_update().select_related("coop").get(pk=process.pk)
    # A founded coop's process is history: nothing in it changes after the last approval.
    if process.step == FoundingStep.DONE:
        raise CooperativeRuleError(_("Pendirian koperasi ini sudah selesai."))
    return process


def _school_students(coop: Cooperative) -> QuerySet[User]:
    return User.objects.filter(
        role_assignments__role=Role.STUDENT, role_assignments__school=coop.school
    )


@transaction.atomic
def founding_committee_save(
    *, process: FoundingProcess, committee: str, initiators: list[User], by: User
) -> FoundingProcess:
    process = _lock(process)
    if not committee.strip():
        raise CooperativeRuleError(_("Tuliskan susunan panitia pendiri."))
    process.committee = committee.strip()
    process.save(update_fields=["committee"])
    process.initiators.set(initiators)
    return process


@transaction.atomic
def founding_meeting_save(
    *,
    process: FoundingProcess,
    meeting_date: datetime.date,
    meeting_place: str,
    agenda: str,
    guests: str,
    chair_name: str,
    secretary_name: str,
    attendees: list[User],
    by: User,
) -> FoundingProcess:
    process = _lock(process)
    # Posted ids are checked against this school: the form's queryset alone is not a rule.
    allowed = set(_school_students(process.coop).values_list("pk", flat=True))
    if any(a.pk not in allowed for a in attendees):
        raise CooperativeRuleError(_("Daftar hadir hanya boleh berisi siswa sekolah ini."))
    # The meeting date becomes the founding date of the books, so it cannot lie ahead.
    if meeting_date > timezone.localdate():
        raise CooperativeRuleError(_("Tanggal rapat tidak boleh di masa depan."))
    process.meeting_date = meeting_date
    process.meeting_place = meeting_place.strip()
    # An emptied agenda falls back to the standard one, so the berita acara always has one.
    process.agenda = agenda.strip() or DEFAULT_AGENDA
    process.guests = guests.strip()
    process.chair_name = chair_name.strip()
    process.secretary_name = secretary_name.strip()
    process.save()
    process.attendees.set(attendees)
    return process


@transaction.atomic
def founding_bylaws_save(
    *,
    process: FoundingProcess,
    simpanan_pokok_amount: Decimal | int,
    simpanan_wajib_amount: Decimal | int,
    term_years: int,
    quorum_percent: int,
    ad_art_text: str,
    by: User,
    membership_categories: list[str] | None = None,
    shu_allocation: dict[str, Any] | None = None,
) -> FoundingProcess:
    """Edit the draft AD/ART (version 1). It only becomes binding when the coop is founded."""
    process = _lock(process)
    allocation = shu_allocation_clean(shu_allocation) if shu_allocation is not None else None
    if not ad_art_text.strip():
        raise CooperativeRuleError(_("Teks AD/ART wajib diisi."))
    if not 1 <= term_years <= 5 or not 1 <= quorum_percent <= 100:
        raise CooperativeRuleError(_("Kuorum atau masa jabatan di luar batas."))
    # The draft is edited in place: version 1 binds nobody until the founding completes.
    bylaw = process.coop.bylaws.earliest("version")
    bylaw.simpanan_pokok_amount = rupiah_not_negative(simpanan_pokok_amount, _("Simpanan pokok"))
    bylaw.simpanan_wajib_amount = rupiah_not_negative(simpanan_wajib_amount, _("Simpanan wajib"))
    bylaw.term_years = term_years
    bylaw.quorum_percent = quorum_percent
    bylaw.ad_art_text = ad_art_text.strip()
    categories = membership_categories or [MembershipCategory.STUDENT]
    if not set(categories) <= set(MembershipCategory.values):
        raise CooperativeRuleError(_("Kategori anggota tidak dikenal."))
    bylaw.membership_categories = list(categories)
    bylaw.save()
    if allocation is not None:
        shu_allocation_replace(bylaw=bylaw, allocation=allocation)
    return process


def _is_supervisor(process: FoundingProcess, user: User) -> bool:
    return process.coop.supervisors.filter(pk=user.pk).exists()


def _ballot_cast(
    process: FoundingProcess,
    *,
    voter: User,
    choices: dict[str, User],
    by: User,
    channel: VoteChannel,
) -> list[FoundingVote]:
    """Store one ballot (the caller holds the process lock and checked who may enter it)."""
    if process.step != FoundingStep.ELECTION:
        raise CooperativeRuleError(_("Pemungutan suara hanya pada langkah pemilihan."))
    attendee_ids = set(process.attendees.values_list("pk", flat=True))
    if voter.pk not in attendee_ids:
        raise CooperativeRuleError(_("Hanya peserta rapat yang hadir yang dapat memilih."))
    # Checked under the process lock: two ballots of one voter cannot both pass.
    if process.votes.filter(voter=voter).exists():
        raise CooperativeRuleError(
            _("Peserta ini sudah memberikan suara (satu anggota satu suara).")
        )
    # Only those present can be elected: the officers come from the founders.
    if any(candidate.pk not in attendee_ids for candidate in choices.values()):
        raise CooperativeRuleError(_("Calon harus peserta rapat yang hadir."))
    return [
        FoundingVote.objects.create(
            process=process,
            role=role,
            voter=voter,
            candidate=candidate,
            recorded_by=by,
            channel=channel,
        )
        for role, candidate in choices.items()
    ]


@transaction.atomic
def founding_vote_record(
    *, process: FoundingProcess, voter: User, choices: dict[str, User], by: User
) -> list[FoundingVote]:
    """One ballot: one vote per office per attendee. A second ballot by the same voter fails.

    The voter casts it in their own session, or the guru pembina records it (a paper ballot);
    nobody else enters a ballot for someone else (a student initiator for classmates)."""
    process = _lock(process)
    channel = ballot_channel(voter=voter, by=by, is_supervisor=_is_supervisor(process, by))
    return _ballot_cast(process, voter=voter, choices=choices, by=by, channel=channel)


@transaction.atomic
def founding_ballot_codes_issue(*, process: FoundingProcess, by: User) -> list[tuple[User, str]]:
    """One-time codes for attendees who have neither voted nor a code yet (shown once)."""
    process = _lock(process)
    if not _is_supervisor(process, by):
        raise CooperativeRuleError(_("Hanya guru pembina yang membuat kode suara."))
    if process.step != FoundingStep.ELECTION:
        raise CooperativeRuleError(_("Pemungutan suara hanya pada langkah pemilihan."))
    voted = set(process.votes.values_list("voter_id", flat=True))
    coded = set(process.ballot_codes.values_list("voter_id", flat=True))
    issued = []
    # Issuing again prints codes only for the newly added: a code is shown once, never re-read.
    for voter in process.attendees.exclude(pk__in=voted | coded).order_by("full_name"):
        code_hash, printed = ballot_code_new()
        FoundingBallotCode.objects.create(
            process=process, voter=voter, code_hash=code_hash, issued_by=by
        )
        issued.append((voter, printed))
    return issued


@transaction.atomic
def founding_vote_by_code(
    *, process: FoundingProcess, code: str, choices: dict[str, User], by: User
) -> list[FoundingVote]:
    """A ballot cast with a one-time code (a student without a phone, on any device)."""
    process = _lock(process)
    ballot_code = ballot_code_claim(
        FoundingBallotCode.objects.select_related("voter"), code, process=process
    )
    votes = _ballot_cast(
        process, voter=ballot_code.voter, choices=choices, by=by, channel=VoteChannel.CODE
    )
    # Marked used in the same transaction as the votes: a failed ballot keeps its code.
    ballot_code_mark_used(ballot_code)
    return votes


def staff_category(*, coop: Cooperative, user: User) -> str:
    """guru for a teacher of the school, karyawan for other school staff."""
    # The category decides the bylaw's member rules; teachers are guru, other staff karyawan.
    if user.role_assignments.filter(role=Role.TEACHER, school=coop.school).exists():
        return MembershipCategory.TEACHER
    return MembershipCategory.STAFF


@transaction.atomic
def founding_members_save(
    *,
    process: FoundingProcess,
    opening_grant: Decimal | int,
    by: User,
    staff_founders: list[User] | None = None,
) -> FoundingProcess:
    """The opening balance and the teachers/staff who are founders (if the AD/ART admits them)."""
    process = _lock(process)
    staff = list(staff_founders or [])
    allowed_ids = set(staff_candidates(coop=process.coop).values_list("pk", flat=True))
    bylaw = process.coop.bylaws.earliest("version")
    categories = set(bylaw.membership_categories or [MembershipCategory.STUDENT])
    for user in staff:
        if user.pk not in allowed_ids:
            raise CooperativeRuleError(_("Pendiri guru/karyawan harus warga sekolah ini."))
        category = staff_category(coop=process.coop, user=user)
        if category not in categories:
            raise CooperativeRuleError(
                _("AD/ART tidak menerima anggota kategori %(c)s; ubah kategori anggota di AD/ART.")
                % {"c": MembershipCategory(category).label.lower()}
            )
    process.opening_grant = rupiah_not_negative(opening_grant, _("Modal awal (hibah)"))
    process.save(update_fields=["opening_grant"])
    process.staff_founders.set(staff)
    return process


def _complete(process: FoundingProcess, by: User) -> None:
    """Founding meeting decisions take effect: members, pokok, officers, neraca awal."""
    coop = process.coop
    # Founders join, pay pokok and open the books on the day of the founding meeting.
    coop.founded_on = process.meeting_date or timezone.localdate()
    coop.save(update_fields=["founded_on"])
    bylaw = coop.bylaws.earliest("version")
    bylaw.effective_from = coop.founded_on
    bylaw.save(update_fields=["effective_from"])
    memberships = _register_founders(process, by)
    _assign_elected_officers(process, memberships, by)
    if process.opening_grant > 0:
        _post_opening_balance(process, coop.founded_on, by)
    process.completed_at = timezone.now()
    # Founded, but not aktif until the dinas recognises it (docs/domain.md "Pengukuhan").
    status_change_record(
        coop=coop, event=StatusEvent.FOUNDED, from_status=CoopStatus.FOUNDING, by=by
    )


def _register_founders(process: FoundingProcess, by: User) -> dict[int, Membership]:
    """Consenting student attendees and the staff founders join; student memberships by pk."""
    coop, day = process.coop, process.coop.founded_on
    memberships = {}
    for student in process.attendees.order_by("full_name"):
        if consent_granted(student=student, purpose=ConsentPurpose.COOPERATIVE):
            memberships[student.pk] = membership_register(
                coop=coop,
                member=student,
                category=MembershipCategory.STUDENT,
                by=by,
                is_founder=True,
                date=day,
            )
    for person in process.staff_founders.order_by("full_name"):
        membership_register(
            coop=coop,
            member=person,
            category=staff_category(coop=coop, user=person),
            by=by,
            is_founder=True,
            date=day,
        )
    return memberships


def _assign_elected_officers(
    process: FoundingProcess, memberships: dict[int, Membership], by: User
) -> None:
    """Each elected role goes to its winner, who must have become a (student) member."""
    result = election_result(process=process)
    for role in ELECTED_ROLES:
        won = result["winners"][role]
        if won is None or won[0].pk not in memberships:
            raise CooperativeRuleError(
                _("%(role)s terpilih belum dapat menjadi anggota (persetujuan wali belum ada).")
                % {"role": PositionRole(role).label}
            )
        position_assign(
            membership=memberships[won[0].pk],
            role=role,
            by=by,
            started_on=process.coop.founded_on,
            votes=won[1],
        )


def _post_opening_balance(process: FoundingProcess, day: datetime.date, by: User) -> None:
    """The opening grant becomes the neraca awal: Kas against hibah, once per process."""
    coop, amount = process.coop, process.opening_grant
    journal_entry_post(
        coop=coop,
        date=day,
        memo=_("Neraca awal: hibah/modal awal"),
        by=by,
        lines=[
            LineInput(account_by_code(coop=coop, code=CASH).pk, Side.DEBIT, amount),
            LineInput(account_by_code(coop=coop, code=GRANTS).pk, Side.CREDIT, amount),
        ],
        idempotency_key=f"founding-opening-{process.pk}",
        receipt=True,
        workflow=Workflow.OPENING,
    )


@transaction.atomic
def founding_step_approve(*, process: FoundingProcess, by: User) -> FoundingProcess:
    """The guru pembina approves the current step; the last approval founds the coop."""
    process = _lock(process)
    if not process.coop.supervisors.filter(pk=by.pk).exists():
        raise CooperativeRuleError(_("Hanya guru pembina yang dapat menyetujui langkah pendirian."))
    problems = founding_step_problems(process=process)
    if problems:
        raise CooperativeRuleError(" ".join(problems))
    if process.step == FoundingStep.MEMBERS:
        _complete(process, by)
    process.step_approvals[str(process.step)] = {"by": by.pk, "at": timezone.now().isoformat()}
    process.step += 1
    process.save()
    return process


def founding_initial_ad_art(*, coop: Cooperative) -> str:
    from django.template.loader import render_to_string

    bylaw = coop.bylaws.order_by("version").first()
    return render_to_string(
        "school_coops/documents/ad_art_template.txt",
        {
            "coop": coop,
            "bylaw": bylaw,
            "allocations": bylaw.shu_allocations.all() if bylaw else [],
        },
    )
