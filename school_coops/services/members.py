"""Joining, approval, exit and officers."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.accounts.models import ConsentPurpose, Role, User
from lms.accounts.selectors import consent_granted
from school_coops.chart import CASH, PAYABLE_EX_MEMBERS, RECEIVABLE_MEMBERS, UNPAID_SHU
from school_coops.exceptions import CooperativeRuleError
from school_coops.models import (
    Cooperative,
    JournalEntry,
    Membership,
    Position,
    PositionRole,
    SavingsAccount,
    SavingsKind,
    Side,
    Workflow,
)
from school_coops.models.cooperative import INCOMPATIBLE_ROLES, MembershipCategory
from school_coops.models.savings import CONTROL_ACCOUNT_CODES
from school_coops.selectors import (
    ExitPreview,
    bylaw_in_effect,
    membership_exit_preview,
    payable_outstanding,
)
from school_coops.services.ledger import (
    LineInput,
    account_by_code,
    entry_replayed,
    journal_entry_post,
)
from school_coops.services.savings import savings_pokok_pay


def _check_candidate(coop: Cooperative, member: User, category: str) -> None:
    if category not in MembershipCategory.values:
        raise CooperativeRuleError(_("Kategori anggota tidak dikenal."))
    allowed = bylaw_in_effect(coop=coop).membership_categories or [MembershipCategory.STUDENT]
    if category not in allowed:
        raise CooperativeRuleError(_("AD/ART koperasi ini tidak menerima kategori anggota itu."))
    if category == MembershipCategory.STUDENT:
        if not member.role_assignments.filter(role=Role.STUDENT, school=coop.school).exists():
            raise CooperativeRuleError(_("Hanya siswa sekolah ini yang dapat menjadi anggota."))
        if not consent_granted(student=member, purpose=ConsentPurpose.COOPERATIVE):
            raise CooperativeRuleError(
                _(
                    "Belum ada persetujuan orang tua/wali untuk koperasi sekolah. "
                    "Minta guru mencatat persetujuan wali terlebih dahulu."
                )
            )
    elif not member.role_assignments.filter(school=coop.school).exists():
        raise CooperativeRuleError(_("Hanya warga sekolah ini yang dapat menjadi anggota."))
    if Membership.objects.filter(
        coop=coop, member=member, status__in=[Membership.Status.APPLIED, Membership.Status.ACTIVE]
    ).exists():
        raise CooperativeRuleError(
            _("Orang ini sudah terdaftar atau sedang mengajukan keanggotaan.")
        )


@transaction.atomic
def membership_apply(*, coop: Cooperative, member: User, category: str, by: User) -> Membership:
    """A written application (docs/domain.md §2.2); officers approve it with the simpanan pokok."""
    # Lock order: the coop row first, so two applications of one person cannot both pass.
    Cooperative.objects.select_for_update().get(pk=coop.pk)
    _check_candidate(coop, member, category)
    return Membership.objects.create(coop=coop, member=member, category=category)


def _next_number(coop: Cooperative) -> str:
    numbers = (
        Membership.objects.filter(coop=coop).exclude(number="").values_list("number", flat=True)
    )
    # Numbers are text ('0007'); the max is taken as integers, under the caller's coop lock.
    highest = max((int(n) for n in numbers if n.isdigit()), default=0)
    return f"{highest + 1:04d}"


@transaction.atomic
def membership_approve(
    *,
    membership: Membership,
    by: User,
    idempotency_key: str | None = None,
    date: datetime.date | None = None,
) -> Membership:
    """Accept an application: member number, bylaw version, savings cards, simpanan pokok paid."""
    # Lock order: coop row, then the membership (docs/architecture.md §6), as the ledger does.
    Cooperative.objects.select_for_update().get(pk=membership.coop_id)
    # Re-read under the lock: the status checked below is the one a parallel request sees too.
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.status != Membership.Status.APPLIED:
        raise CooperativeRuleError(_("Hanya pengajuan yang menunggu yang dapat disetujui."))
    day = date or timezone.localdate()
    membership.bylaw = bylaw_in_effect(coop=membership.coop, day=day)
    membership.number = _next_number(membership.coop)
    membership.joined_on = day
    membership.status = Membership.Status.ACTIVE
    membership.save(update_fields=["bylaw", "number", "joined_on", "status"])
    for kind in SavingsKind.values:
        # get_or_create: one card per kind (unique), whatever existed before approval.
        SavingsAccount.objects.get_or_create(membership=membership, kind=kind)
    # A bylaw with pokok 0 (allowed) posts no empty journal entry.
    if membership.bylaw.simpanan_pokok_amount > 0:
        savings_pokok_pay(membership=membership, by=by, idempotency_key=idempotency_key, date=day)
    return membership


@transaction.atomic
def membership_reject(*, membership: Membership, by: User) -> Membership:
    # Re-read under the lock: the status checked below is the one a parallel request sees too.
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.status != Membership.Status.APPLIED:
        raise CooperativeRuleError(_("Hanya pengajuan yang menunggu yang dapat ditolak."))
    membership.status = Membership.Status.REJECTED
    membership.save(update_fields=["status"])
    return membership


@transaction.atomic
def membership_register(
    *,
    coop: Cooperative,
    member: User,
    category: str,
    by: User,
    is_founder: bool = False,
    date: datetime.date | None = None,
) -> Membership:
    """Apply and approve in one step (officers at the desk, founders at the founding meeting)."""
    membership = membership_apply(coop=coop, member=member, category=category, by=by)
    if is_founder:
        membership.is_founder = True
        membership.save(update_fields=["is_founder"])
    return membership_approve(membership=membership, by=by, date=date)


def _exit_lines(membership: Membership, preview: ExitPreview) -> list[LineInput]:
    """D each savings control account and 2-1401 / K 1-1301 (debt) and 2-1402 (payable)."""
    coop, member_pk = membership.coop, membership.pk

    def account(code: str) -> int:
        return account_by_code(coop=coop, code=code).pk

    lines = [
        LineInput(
            account(CONTROL_ACCOUNT_CODES[savings.kind]), Side.DEBIT, amount, savings.pk, member_pk
        )
        for savings, amount in preview.savings
    ]
    # docs/domain.md §9 case 14: SHU credited but not yet collected is owed to the leaver too.
    if preview.unpaid_shu > 0:
        lines.append(
            LineInput(account(UNPAID_SHU), Side.DEBIT, preview.unpaid_shu, None, member_pk)
        )
    if preview.debt > 0:
        lines.append(
            LineInput(account(RECEIVABLE_MEMBERS), Side.CREDIT, preview.debt, None, member_pk)
        )
    if preview.payable > 0:
        lines.append(
            LineInput(account(PAYABLE_EX_MEMBERS), Side.CREDIT, preview.payable, None, member_pk)
        )
    return lines


def _locked_active(membership: Membership) -> Membership:
    # Lock order: coop row, then the membership (docs/architecture.md §6), as the ledger does.
    Cooperative.objects.select_for_update().get(pk=membership.coop_id)
    membership = (
        Membership.objects.select_for_update()
        .select_related("coop", "member")
        .get(pk=membership.pk)
    )
    if membership.status != Membership.Status.ACTIVE:
        raise CooperativeRuleError(_("Keanggotaan ini tidak aktif."))
    return membership


def _close_membership(membership: Membership, reason: str, day: datetime.date) -> None:
    membership.status = Membership.Status.ENDED
    membership.ended_on = day
    membership.end_reason = reason
    membership.save(update_fields=["status", "ended_on", "end_reason"])
    Position.objects.filter(membership=membership, ended_on__isnull=True).update(ended_on=day)


@transaction.atomic
def membership_end(
    *,
    membership: Membership,
    reason: str,
    by: User,
    idempotency_key: str | None = None,
    date: datetime.date | None = None,
) -> JournalEntry | None:
    """End a membership; pokok + wajib + sukarela + unpaid SHU − debts become a payable (2-1402).

    The amounts are membership_exit_preview's, the same the officer confirmed on screen."""
    if reason not in Membership.EndReason.values:
        raise CooperativeRuleError(_("Alasan keluar tidak dikenal."))
    membership = _locked_active(membership)
    day = date or timezone.localdate()
    preview = membership_exit_preview(membership=membership)
    entry = None
    if preview.total > 0:
        entry = journal_entry_post(
            coop=membership.coop,
            date=day,
            lines=_exit_lines(membership, preview),
            by=by,
            idempotency_key=idempotency_key,
            workflow=Workflow.MEMBER_EXIT,
            memo=_("Anggota keluar (%(reason)s): %(name)s")
            % {
                "reason": Membership.EndReason(reason).label,
                "name": membership.member.get_full_name(),
            },
        )
    _close_membership(membership, reason, day)
    return entry


@transaction.atomic
def memberships_end_for_class(
    *,
    coop: Cooperative,
    memberships: Sequence[Membership],
    reason: str,
    by: User,
    idempotency_key: str,
    date: datetime.date | None = None,
) -> list[Membership]:
    """Graduation (or leaving school) of a class, confirmed once: membership_end for each
    member in one transaction, so either all the reviewed members leave or none.

    Idempotent: a member already ended is skipped, so a second confirmation ends nobody.
    Returns the memberships this call ended."""
    if reason not in (Membership.EndReason.GRADUATED, Membership.EndReason.MOVED):
        raise CooperativeRuleError(_("Pilih alasan: lulus atau pindah sekolah."))
    if any(m.coop_id != coop.pk for m in memberships):
        raise CooperativeRuleError(_("Anggota tidak ditemukan di koperasi ini."))
    Cooperative.objects.select_for_update().get(pk=coop.pk)  # lock order: coop first
    ended = []
    for membership in sorted(memberships, key=lambda m: m.pk):
        current = Membership.objects.get(pk=membership.pk)
        if current.status == Membership.Status.ENDED:
            continue
        membership_end(
            membership=current,
            reason=reason,
            by=by,
            # One key per member, derived from the confirmation's key (at most 64 chars).
            idempotency_key=f"{idempotency_key[:40]}-{membership.pk}",
            date=date,
        )
        ended.append(current)
    return ended


SINGLE_HOLDER_ROLES = {
    PositionRole.KETUA,
    PositionRole.WAKIL_KETUA,
    PositionRole.SEKRETARIS,
    PositionRole.BENDAHARA,
}


@transaction.atomic
def position_assign(
    *,
    membership: Membership,
    role: str,
    by: User,
    started_on: datetime.date | None = None,
    votes: int | None = None,
) -> Position:
    """Give a member an office; incompatible offices (e.g. bendahara + pengawas) are refused."""
    if role not in PositionRole.values:
        raise CooperativeRuleError(_("Jabatan tidak dikenal."))
    # Lock order: coop row, then the membership (docs/architecture.md §6), as the ledger does.
    Cooperative.objects.select_for_update().get(pk=membership.coop_id)
    if membership.status != Membership.Status.ACTIVE:
        raise CooperativeRuleError(_("Hanya anggota aktif yang dapat memegang jabatan."))
    current = set(
        Position.objects.filter(membership=membership, ended_on__isnull=True).values_list(
            "role", flat=True
        )
    )
    if role in current:
        raise CooperativeRuleError(_("Anggota ini sudah memegang jabatan itu."))
    for held in current:
        if frozenset({held, role}) in INCOMPATIBLE_ROLES:
            raise CooperativeRuleError(
                _("Satu orang tidak boleh merangkap %(a)s dan %(b)s.")
                % {"a": PositionRole(held).label, "b": PositionRole(role).label}
            )
    day = started_on or timezone.localdate()
    # One ketua/bendahara at a time: the new holder ends the old one's term on the same day.
    if role in SINGLE_HOLDER_ROLES:
        Position.objects.filter(coop=membership.coop, role=role, ended_on__isnull=True).update(
            ended_on=day
        )
    return Position.objects.create(
        coop=membership.coop, membership=membership, role=role, started_on=day, elected_votes=votes
    )


@transaction.atomic
def membership_payout(
    *, membership: Membership, by: User, idempotency_key: str | None = None
) -> JournalEntry:
    """Pay an ex-member their savings in cash: D 2-1402 / K Kas, never more than owed."""
    # A replayed key returns before the locks: the member may already be paid out in full.
    if entry := entry_replayed(
        coop=membership.coop,
        key=idempotency_key,
        matches=lambda e: e.lines.filter(
            membership=membership, side=Side.DEBIT, account__code=PAYABLE_EX_MEMBERS
        ).exists(),
    ):
        return entry
    # Lock order: coop row, then the membership (docs/architecture.md §6), as the ledger does.
    Cooperative.objects.select_for_update().get(pk=membership.coop_id)
    # Re-read under the lock: the status checked below is the one a parallel request sees too.
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.status != Membership.Status.ENDED:
        raise CooperativeRuleError(_("Simpanan hanya dikembalikan setelah keanggotaan berakhir."))
    # The whole outstanding payable, never a typed amount: what is owed is in the books.
    amount = payable_outstanding(membership=membership)
    if amount <= 0:
        raise CooperativeRuleError(_("Tidak ada simpanan yang masih harus dikembalikan."))
    payable = account_by_code(coop=membership.coop, code=PAYABLE_EX_MEMBERS)
    cash = account_by_code(coop=membership.coop, code=CASH)
    return journal_entry_post(
        coop=membership.coop,
        date=timezone.localdate(),
        by=by,
        idempotency_key=idempotency_key,
        memo=_("Pengembalian simpanan anggota keluar: %(name)s")
        % {"name": membership.member.get_full_name()},
        lines=[
            LineInput(payable.pk, Side.DEBIT, amount, None, membership.pk),
            LineInput(cash.pk, Side.CREDIT, amount),
        ],
    )
