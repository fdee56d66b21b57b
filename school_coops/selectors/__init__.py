"""Reads: cooperatives a user may see, members, savings cards and the books."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.accounts.models import Guardianship, User
from lms.accounts.rules import teacher_school_ids
from lms.schools.models import Classroom
from school_coops.chart import (
    CASH,
    CASH_PRESETS,
    PAYABLE_EX_MEMBERS,
    RECEIVABLE_MEMBERS,
    UNPAID_SHU,
    CashPreset,
)
from school_coops.exceptions import CooperativeRuleError
from school_coops.models import (
    Account,
    BylawVersion,
    Cooperative,
    JournalEntry,
    JournalLine,
    Membership,
    Position,
    ReceiptKind,
    SavingsAccount,
    SavingsKind,
    ShuMemberShare,
    Side,
    WajibPayment,
)
from school_coops.models.cooperative import RECORDING_ROLES
from school_coops.models.savings import CONTROL_ACCOUNT_CODES


def bylaw_in_effect(*, coop: Cooperative, day: datetime.date | None = None) -> BylawVersion:
    """The version in effect on `day`; before the first version there is none (an error)."""
    day = day or timezone.localdate()
    bylaw = (
        coop.bylaws.filter(effective_from__lte=day).order_by("-effective_from", "-version").first()
    )
    if bylaw is not None:
        return bylaw
    first = coop.bylaws.order_by("effective_from", "version").first()
    if first is None:
        raise CooperativeRuleError(_("Koperasi ini belum memiliki AD/ART."))
    raise CooperativeRuleError(
        _("Pada %(day)s belum ada AD/ART yang berlaku; versi pertama berlaku sejak %(first)s.")
        % {"day": f"{day:%d-%m-%Y}", "first": f"{first.effective_from:%d-%m-%Y}"}
    )


def fiscal_year_end(*, coop: Cooperative, fiscal_year: int) -> datetime.date:
    """Last day of the tahun buku that starts in `fiscal_year` (1 Jan–31 Dec by default)."""
    start = datetime.date(fiscal_year, coop.fiscal_year_start_month, 1)
    next_start = start.replace(year=start.year + 1)
    return next_start - datetime.timedelta(days=1)


def cooperative_list_for_user(*, user: User) -> QuerySet[Cooperative]:
    """Coops whose books the user may open: supervisors and current officers (pengurus/pengawas)."""
    if not user.is_authenticated:
        return Cooperative.objects.none()
    return (
        Cooperative.objects.filter(
            Q(supervisors=user)
            | Q(positions__membership__member=user, positions__ended_on__isnull=True)
        )
        .select_related("school")
        # distinct(): a supervisor who also holds an office would see the coop twice.
        .distinct()
    )


def cooperative_list_for_school_teacher(*, user: User) -> QuerySet[Cooperative]:
    return Cooperative.objects.filter(school_id__in=teacher_school_ids(user)).distinct()


def current_roles(*, user: User, coop: Cooperative) -> set[str]:
    if not user.is_authenticated:
        return set()
    return set(
        Position.objects.filter(
            coop=coop,
            membership__member=user,
            ended_on__isnull=True,
            membership__status=Membership.Status.ACTIVE,
        ).values_list("role", flat=True)
    )


def can_record(*, user: User, coop: Cooperative) -> bool:
    return bool(current_roles(user=user, coop=coop) & set(RECORDING_ROLES))


def membership_list(
    *, coop: Cooperative, search: str = "", status: str = ""
) -> QuerySet[Membership]:
    memberships = (
        Membership.objects.filter(coop=coop)
        .select_related("member")
        .order_by("status", "number", "member__full_name")
    )
    if status:
        memberships = memberships.filter(status=status)
    if search:
        memberships = memberships.filter(
            Q(member__full_name__icontains=search)
            | Q(member__username__icontains=search)
            | Q(number=search)
        )
    return memberships


def memberships_of_user(*, user: User) -> QuerySet[Membership]:
    """The user's own memberships and those of their wards (guardian view)."""
    if not user.is_authenticated:
        return Membership.objects.none()
    wards = Guardianship.objects.filter(guardian=user).values_list("student_id", flat=True)
    return (
        Membership.objects.filter(Q(member=user) | Q(member_id__in=wards))
        .select_related("coop", "member")
        .order_by("coop__name", "-pk")
    )


def savings_balances(*, membership: Membership) -> dict[str, Decimal]:
    balances = {kind: Decimal(0) for kind in SavingsKind.values}
    for kind, balance in SavingsAccount.objects.filter(membership=membership).values_list(
        "kind", "balance"
    ):
        balances[kind] = balance
    return balances


@dataclass
class CardRow:
    date: datetime.date
    entry_number: int
    receipt: str
    memo: str
    kind: str
    debit: Decimal
    credit: Decimal
    balance: Decimal
    entry_id: int = 0

    @property
    def kind_label(self) -> str:
        return str(SavingsKind(self.kind).label)


def savings_card(*, membership: Membership, kind: str | None = None) -> list[CardRow]:
    """The kartu simpanan: every movement with a running balance per kind."""
    lines = (
        JournalLine.objects.posted()
        .filter(savings_account__membership=membership)
        .select_related("entry__redaction", "savings_account")
        .order_by("entry__date", "entry__number", "pk")
    )
    if kind:
        lines = lines.filter(savings_account__kind=kind)
    running: dict[str, Decimal] = {}
    rows = []
    for line in lines:
        k = line.savings_account.kind  # type: ignore[union-attr]  # filtered on savings_account
        delta = line.amount if line.side == Side.CREDIT else -line.amount
        running[k] = running.get(k, Decimal(0)) + delta
        rows.append(
            CardRow(
                line.entry.date,
                line.entry.number,
                line.entry.receipt_number,
                line.entry.shown_memo,
                k,
                line.amount if line.side == Side.DEBIT else Decimal(0),
                line.amount if line.side == Side.CREDIT else Decimal(0),
                running[k],
                line.entry_id,
            )
        )
    return rows


def _months(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    months, day = [], start.replace(day=1)
    while day <= end:
        months.append(day)
        day = (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return months


def wajib_arrears(
    *, membership: Membership, today: datetime.date | None = None
) -> list[dict[str, Any]]:
    """Outstanding simpanan wajib obligations: every month since joining that is not paid."""
    if membership.status != Membership.Status.ACTIVE or membership.joined_on is None:
        return []
    paid = set(WajibPayment.objects.filter(membership=membership).values_list("period", flat=True))
    bylaws = list(membership.coop.bylaws.order_by("effective_from", "version"))
    return _arrears_rows(membership.joined_on, paid, bylaws, today or timezone.localdate())


def _arrears_rows(
    joined: datetime.date,
    paid: set[datetime.date],
    bylaws: list[BylawVersion],
    today: datetime.date,
) -> list[dict[str, Any]]:
    rows = []
    for month in _months(joined, today):
        if month in paid:
            continue
        # Same rule as savings_wajib_pay: the version in effect on the month's first day, or
        # on the joining day for the joining month.
        day = max(month, joined)
        applicable = [b for b in bylaws if b.effective_from <= day]
        amount = applicable[-1].simpanan_wajib_amount if applicable else Decimal(0)
        if amount > 0:
            rows.append({"period": month, "amount": amount})
    return rows


def coop_wajib_arrears(
    *, coop: Cooperative, today: datetime.date | None = None, membership_pk: int | None = None
) -> list[dict[str, Any]]:
    """Every active member with unpaid simpanan wajib (oldest month first): the daftar
    tunggakan the treasurer works through. Three queries for the whole cooperative."""
    today = today or timezone.localdate()
    memberships = (
        Membership.objects.filter(
            coop=coop, status=Membership.Status.ACTIVE, joined_on__isnull=False
        )
        .select_related("member")
        .order_by("member__full_name", "pk")
    )
    if membership_pk is not None:
        memberships = memberships.filter(pk=membership_pk)
    paid: dict[int, set[datetime.date]] = {}
    for membership_id, period in WajibPayment.objects.filter(
        membership__coop=coop, membership__status=Membership.Status.ACTIVE
    ).values_list("membership_id", "period"):
        paid.setdefault(membership_id, set()).add(period)
    bylaws = list(coop.bylaws.order_by("effective_from", "version"))
    rows = []
    for membership in memberships:
        if membership.joined_on is None:  # excluded by the filter; for the type checker
            continue
        months = _arrears_rows(membership.joined_on, paid.get(membership.pk, set()), bylaws, today)
        if months:
            rows.append(
                {
                    "membership": membership,
                    "months": months,
                    "next": months[0],
                    "total": sum((m["amount"] for m in months), Decimal(0)),
                }
            )
    return rows


def account_balance(*, account: Account, until: datetime.date | None = None) -> Decimal:
    """Balance on the account's normal side."""
    lines = JournalLine.objects.posted().filter(account=account)
    if until:
        lines = lines.filter(entry__date__lte=until)
    t = lines.aggregate(
        d=Sum("amount", filter=Q(side=Side.DEBIT), default=Decimal(0)),
        k=Sum("amount", filter=Q(side=Side.CREDIT), default=Decimal(0)),
    )
    return t["d"] - t["k"] if account.normal_side == Side.DEBIT else t["k"] - t["d"]


def savings_reconciliation(*, coop: Cooperative) -> list[dict[str, Any]]:
    """Σ member savings cards per kind against the GL control accounts (3-1101, 3-1201, 2-1201)."""
    cards = dict(
        SavingsAccount.objects.filter(membership__coop=coop)
        .values("kind")
        .annotate(s=Sum("balance"))
        .values_list("kind", "s")
    )
    ledger = {
        row["account__code"]: row["k"] - row["d"]  # all three are credit-normal
        for row in JournalLine.objects.posted()
        .filter(entry__coop=coop, account__code__in=CONTROL_ACCOUNT_CODES.values())
        .values("account__code")
        .annotate(
            d=Sum("amount", filter=Q(side=Side.DEBIT), default=Decimal(0)),
            k=Sum("amount", filter=Q(side=Side.CREDIT), default=Decimal(0)),
        )
    }
    rows = []
    for kind, code in CONTROL_ACCOUNT_CODES.items():
        card_total = cards.get(kind) or Decimal(0)
        ledger_total = ledger.get(code, Decimal(0))
        rows.append(
            {
                "kind": SavingsKind(kind).label,
                "code": code,
                "cards": card_total,
                "ledger": ledger_total,
                "ok": card_total == ledger_total,
            }
        )
    return rows


@dataclass
class TrialBalanceRow:
    account: Account
    debit: Decimal
    credit: Decimal


def trial_balance(
    *,
    coop: Cooperative,
    until: datetime.date | None = None,
    since: datetime.date | None = None,
) -> dict[str, Any]:
    """Neraca saldo: each account's balance in its debit or credit column; totals must match.

    With `since`, only the movements from that day on (a month or a tahun buku).
    """
    lines = JournalLine.objects.posted().filter(entry__coop=coop)
    if since:
        lines = lines.filter(entry__date__gte=since)
    if until:
        lines = lines.filter(entry__date__lte=until)
    sums = {
        row["account_id"]: row
        for row in lines.values("account_id").annotate(
            d=Sum("amount", filter=Q(side=Side.DEBIT), default=Decimal(0)),
            k=Sum("amount", filter=Q(side=Side.CREDIT), default=Decimal(0)),
        )
    }
    rows = []
    for account in Account.objects.filter(coop=coop, pk__in=sums.keys()).order_by("code"):
        net = sums[account.pk]["d"] - sums[account.pk]["k"]
        if net == 0:
            continue
        rows.append(TrialBalanceRow(account, max(net, Decimal(0)), max(-net, Decimal(0))))
    total_debit = sum((r.debit for r in rows), Decimal(0))
    total_credit = sum((r.credit for r in rows), Decimal(0))
    return {
        "rows": rows,
        "total_debit": total_debit,
        "total_credit": total_credit,
        "balanced": total_debit == total_credit,
    }


@dataclass
class LedgerRow:
    date: datetime.date
    entry: JournalEntry
    debit: Decimal
    credit: Decimal
    balance: Decimal


def general_ledger(*, account: Account) -> list[LedgerRow]:
    """Buku besar of one account with a running balance on its normal side."""
    rows, running = [], Decimal(0)
    sign = 1 if account.normal_side == Side.DEBIT else -1
    for line in (
        JournalLine.objects.posted()
        .filter(account=account)
        .select_related("entry__redaction")
        .order_by("entry__date", "entry__number", "pk")
    ):
        delta = line.amount if line.side == Side.DEBIT else -line.amount
        running += sign * delta
        rows.append(
            LedgerRow(
                line.entry.date,
                line.entry,
                line.amount if line.side == Side.DEBIT else Decimal(0),
                line.amount if line.side == Side.CREDIT else Decimal(0),
                running,
            )
        )
    return rows


def cash_book(*, coop: Cooperative) -> list[LedgerRow]:
    return general_ledger(account=Account.objects.get(coop=coop, code=CASH))


def general_journal(*, coop: Cooperative) -> QuerySet[JournalEntry]:
    return (
        JournalEntry.objects.posted()
        .filter(coop=coop)
        .prefetch_related("lines__account")
        .select_related("reverses", "redaction")
        .order_by("-date", "-number")
    )


def coop_summary(*, coop: Cooperative) -> dict[str, Any]:
    cash = Account.objects.get(coop=coop, code=CASH)
    bylaw = bylaw_in_effect(coop=coop)
    today = timezone.localdate()
    officers = list(
        Position.objects.filter(coop=coop, ended_on__isnull=True)
        .select_related("membership__member")
        .order_by("role")
    )
    for position in officers:
        # The AD sets the term (data); an expired term asks for an election at the next RAT.
        years_held = (today - position.started_on).days / 365.25
        position.term_expired = years_held > bylaw.term_years  # type: ignore[attr-defined]  # read by the dashboard template
    return {
        "cash": account_balance(account=cash),
        "members": Membership.objects.filter(coop=coop, status=Membership.Status.ACTIVE).count(),
        "applications": Membership.objects.filter(
            coop=coop, status=Membership.Status.APPLIED
        ).count(),
        "bylaw": bylaw,
        "officers": officers,
    }


def school_ids_of_student(*, user: User) -> set[int]:
    if not user.is_authenticated:
        return set()
    return set(
        user.role_assignments.filter(role="student", school__isnull=False).values_list(
            "school_id", flat=True
        )
    )


def cooperatives_joinable_by(*, user: User) -> QuerySet[Cooperative]:
    """Founded coops of the student's school that they are not (yet) a member of."""
    school_ids = school_ids_of_student(user=user)
    if not school_ids:
        return Cooperative.objects.none()
    return (
        Cooperative.objects.filter(school_id__in=school_ids, founded_on__isnull=False)
        .exclude(memberships__member=user, memberships__status__in=["diajukan", "aktif"])
        # distinct(): the exclude joins memberships, one row per membership of the coop.
        .distinct()
    )


def membership_candidates(*, coop: Cooperative) -> QuerySet[User]:
    """People of the coop's school without an open membership, for the register form."""
    from lms.accounts.models import User

    open_ids = Membership.objects.filter(coop=coop, status__in=["diajukan", "aktif"]).values(
        "member_id"
    )
    return (
        User.objects.filter(role_assignments__school=coop.school)
        .exclude(pk__in=open_ids)
        # distinct(): a person with two roles at the school (guru and wali) is listed once.
        .distinct()
        .order_by("full_name")
    )


def shu_shares(*, membership: Membership) -> QuerySet[ShuMemberShare]:
    """The member's SHU per tahun buku, newest first, with whether it was paid."""
    return (
        ShuMemberShare.objects.filter(membership=membership)
        .select_related("distribution", "paid_entry")
        .order_by("-distribution__fiscal_year")
    )


def shu_received(*, membership: Membership) -> Decimal:
    """SHU credited to the member (2-1401 SHU bagian anggota), paid or not."""
    return (
        JournalLine.objects.posted()
        .filter(membership=membership, account__code=UNPAID_SHU, side=Side.CREDIT)
        .aggregate(s=Sum("amount", default=Decimal(0)))["s"]
    )


def balance_sheet(*, coop: Cooperative, until: datetime.date | None = None) -> dict[str, Any]:
    """Laporan posisi keuangan: Aset = Liabilitas + Ekuitas (incl. this year's unclosed SHU)."""
    lines = JournalLine.objects.posted().filter(entry__coop=coop)
    if until:
        lines = lines.filter(entry__date__lte=until)
    by_class = {
        row["account__account_class"]: row["d"] - row["k"]
        for row in lines.values("account__account_class").annotate(
            d=Sum("amount", filter=Q(side=Side.DEBIT), default=Decimal(0)),
            k=Sum("amount", filter=Q(side=Side.CREDIT), default=Decimal(0)),
        )
    }
    assets = by_class.get("aset", Decimal(0))
    liabilities = -by_class.get("liabilitas", Decimal(0))
    equity = -by_class.get("ekuitas", Decimal(0))
    surplus = -(by_class.get("pendapatan", Decimal(0)) + by_class.get("beban", Decimal(0)))
    return {
        "assets": assets,
        "liabilities": liabilities,
        "equity": equity,
        "surplus": surplus,
        "balanced": assets == liabilities + equity + surplus,
    }


def school_teachers(*, coop: Cooperative) -> QuerySet[User]:
    from lms.accounts.models import User

    return (
        User.objects.filter(role_assignments__role="teacher", role_assignments__school=coop.school)
        # distinct(): one row per teacher, however many classes they hold the role for.
        .distinct()
        .order_by("full_name")
    )


def cash_presets(*, coop: Cooperative) -> list[CashPreset]:
    """The presets whose two accounts this cooperative has and uses (a deactivated account
    takes its presets off the form)."""
    active = set(Account.objects.filter(coop=coop, is_active=True).values_list("code", flat=True))
    return [p for p in CASH_PRESETS if p.debit in active and p.credit in active]


def receipt_members(*, entry: JournalEntry) -> QuerySet[Membership]:
    """The members a receipt concerns: those its lines name."""
    # distinct(): an entry names a member on several lines (savings and their control).
    return Membership.objects.filter(ledger_lines__entry=entry).select_related("coop").distinct()


def receipt_amount(*, entry: JournalEntry) -> Decimal:
    """The cash a receipt acknowledges: the entry's debits to Kas, or for a bukti kas keluar
    (money paid out) its credits to Kas, in one query."""
    side = Side.CREDIT if entry.receipt_number.startswith(f"{ReceiptKind.OUT}-") else Side.DEBIT
    return (
        entry.lines.posted()
        .filter(side=side, account__code=CASH)
        .aggregate(total=Sum("amount", default=Decimal(0)))["total"]
    )


def _net_debit(lines: QuerySet[JournalLine]) -> Decimal:
    t = lines.aggregate(
        d=Sum("amount", filter=Q(side=Side.DEBIT), default=Decimal(0)),
        k=Sum("amount", filter=Q(side=Side.CREDIT), default=Decimal(0)),
    )
    return t["d"] - t["k"]


def member_debt(*, membership: Membership) -> Decimal:
    """What the member owes the coop (1-1301, tagged with the membership)."""
    return _net_debit(
        JournalLine.objects.posted().filter(membership=membership, account__code=RECEIVABLE_MEMBERS)
    )


def unpaid_shu(*, membership: Membership) -> Decimal:
    """SHU credited to the member on 2-1401 and not yet paid (or moved to the exit payable)."""
    return -_net_debit(
        JournalLine.objects.posted().filter(membership=membership, account__code=UNPAID_SHU)
    )


def payable_outstanding(*, membership: Membership) -> Decimal:
    """What the coop still owes an ex-member (2-1402, tagged with the membership)."""
    return -_net_debit(
        JournalLine.objects.posted().filter(membership=membership, account__code=PAYABLE_EX_MEMBERS)
    )


@dataclass(frozen=True)
class ExitPreview:
    """What ending a membership does with the money (shown before, posted by membership_end)."""

    savings: list[tuple[SavingsAccount, Decimal]]  # each card with a balance, in pk order
    unpaid_shu: Decimal
    debt: Decimal  # the part of the member's debt settled from what they are owed

    @property
    def total(self) -> Decimal:
        return sum((amount for _s, amount in self.savings), Decimal(0)) + self.unpaid_shu

    @property
    def payable(self) -> Decimal:
        """What the coop will owe the leaver (2-1402), to be paid back in cash."""
        return self.total - self.debt


def membership_exit_preview(*, membership: Membership) -> ExitPreview:
    """Pokok + wajib + sukarela + unpaid SHU, less debts (at most what is owed to them)."""
    savings = [
        (account, account.balance)
        for account in SavingsAccount.objects.filter(membership=membership).order_by("pk")
        if account.balance > 0
    ]
    shu = max(unpaid_shu(membership=membership), Decimal(0))
    owed = sum((amount for _s, amount in savings), Decimal(0)) + shu
    debt = min(max(member_debt(membership=membership), Decimal(0)), owed)
    return ExitPreview(savings=savings, unpaid_shu=shu, debt=debt)


def graduation_candidates(*, coop: Cooperative, classroom: Classroom) -> list[dict[str, Any]]:
    """Active student members enrolled in `classroom`, each with what ending their membership
    pays them (membership_exit_preview): the list the guru pembina reviews at graduation."""
    memberships = (
        Membership.objects.filter(
            coop=coop,
            status=Membership.Status.ACTIVE,
            category=Membership.Category.STUDENT,
            member__enrolments__classroom=classroom,
        )
        .select_related("member")
        .order_by("member__full_name", "pk")
    )
    return [
        {"membership": m, "preview": membership_exit_preview(membership=m)} for m in memberships
    ]
