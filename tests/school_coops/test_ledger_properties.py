"""Random sequences of ledger operations keep every invariant of docs/domain.md §4.6.

Postings go to a "current day" that starts months back; closing a period moves the day into
the next (open) month, so sequences keep posting after a close, as a treasurer does.
"""

import datetime
import time
from decimal import Decimal

import pytest
from django.db.models import Q, Sum
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)

from school_coops.exceptions import CooperativeRuleError, LedgerError
from school_coops.models import (
    AccountingPeriod,
    JournalEntry,
    JournalLine,
    Membership,
    SavingsAccount,
    SavingsKind,
    Side,
)
from school_coops.selectors import savings_reconciliation, trial_balance
from school_coops.services.closing import accounting_period_close
from school_coops.services.cooperative import cooperative_create
from school_coops.services.ledger import (
    LineInput,
    account_by_code,
    accounting_period_for,
    journal_entry_post,
    journal_entry_reverse,
)
from school_coops.services.members import membership_register
from school_coops.services.savings import savings_account_get, savings_deposit, savings_withdraw
from tests.factories import ClassroomFactory, SchoolFactory, make_student, make_teacher

pytestmark = pytest.mark.django_db

amounts = st.integers(min_value=1, max_value=50_000).map(Decimal)
# Amounts the ledger must refuse: zero, negative, fractional, float, junk text, huge.
bad_amounts = st.one_of(
    st.integers(max_value=0).map(Decimal),
    st.decimals(min_value=Decimal("0.01"), max_value=Decimal(1000), places=2).filter(
        lambda d: d != d.to_integral_value()
    ),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["", "abc", "1e3x", "NaN", "Infinity", "-0", "10,5", "1e30"]),
)
MEMBERS = 3


def _first_of_month(day: datetime.date, months_back: int) -> datetime.date:
    month = day.year * 12 + day.month - 1 - months_back
    return datetime.date(month // 12, month % 12 + 1, 1)


class LedgerMachine(RuleBasedStateMachine):
    @initialize()
    def setup(self) -> None:
        self.today = timezone.localdate()
        self.day = _first_of_month(self.today, 3)
        school = SchoolFactory()
        self.teacher = make_teacher(school)
        self.coop = cooperative_create(
            school=school, name="Kopsis Properti", by=self.teacher, founded_on=self.day
        )
        classroom = ClassroomFactory(school=school)
        self.members = [
            membership_register(
                coop=self.coop,
                member=make_student(classroom),
                category="siswa",
                by=self.teacher,
                date=self.day,
            )
            for _ in range(MEMBERS)
        ]
        self.expected = {m.pk: Decimal(0) for m in self.members}
        self.entries: list[int] = []  # entries with a sukarela line, reversible
        self.keys: dict[str, int] = {}
        self.counter = 0
        self.snapshots: dict[int, tuple] = {}

    # helpers

    def _key(self) -> str:
        self.counter += 1
        return f"k{self.counter}"

    def _closed(self) -> bool:
        return accounting_period_for(coop=self.coop, day=self.day).is_closed

    def _count(self) -> int:
        return JournalEntry.objects.filter(coop=self.coop).count()

    def _remember(self, entry: JournalEntry, key: str | None) -> None:
        if key:
            self.keys[key] = entry.pk

    def _sale(self, amount: object, key: str | None) -> JournalEntry:
        cash = account_by_code(coop=self.coop, code="1-1101")
        sales = account_by_code(coop=self.coop, code="4-1101")
        return journal_entry_post(
            coop=self.coop,
            date=self.day,
            memo="Penjualan",
            by=self.teacher,
            lines=[
                LineInput(cash.pk, Side.DEBIT, amount),
                LineInput(sales.pk, Side.CREDIT, amount, None, self.members[0].pk),
            ],
            idempotency_key=key,
        )

    # rules

    @rule(who=st.integers(0, MEMBERS - 1), amount=amounts)
    def deposit(self, who: int, amount: Decimal) -> None:
        member, key = self.members[who], self._key()
        try:
            entry = savings_deposit(
                membership=member,
                amount=amount,
                by=self.teacher,
                idempotency_key=key,
                date=self.day,
            )
        except CooperativeRuleError:
            assert self._closed()
            return
        self.expected[member.pk] += amount
        self.entries.append(entry.pk)
        self._remember(entry, key)

    @rule(who=st.integers(0, MEMBERS - 1), amount=amounts)
    def withdraw(self, who: int, amount: Decimal) -> None:
        member, key = self.members[who], self._key()
        try:
            entry = savings_withdraw(
                membership=member,
                amount=amount,
                by=self.teacher,
                idempotency_key=key,
                date=self.day,
            )
        except CooperativeRuleError:
            assert self._closed() or amount > self.expected[member.pk]
            return
        assert amount <= self.expected[member.pk]
        self.expected[member.pk] -= amount
        self.entries.append(entry.pk)
        self._remember(entry, key)

    @rule(source=st.integers(0, MEMBERS - 1), step=st.integers(1, MEMBERS - 1), amount=amounts)
    def transfer(self, source: int, step: int, amount: Decimal) -> None:
        """Member-to-member sukarela transfer: D 2-1201 (payer) / K 2-1201 (payee)."""
        payer, payee = self.members[source], self.members[(source + step) % MEMBERS]
        control = account_by_code(coop=self.coop, code="2-1201")
        lines = [
            LineInput(
                control.pk,
                side,
                amount,
                savings_account_get(membership=m, kind=SavingsKind.SUKARELA).pk,
                m.pk,
            )
            for m, side in ((payer, Side.DEBIT), (payee, Side.CREDIT))
        ]
        key, before = self._key(), self._count()
        try:
            entry = journal_entry_post(
                coop=self.coop,
                date=self.day,
                memo="Transfer simpanan sukarela",
                by=self.teacher,
                lines=lines,
                idempotency_key=key,
            )
        except CooperativeRuleError:
            assert self._closed() or amount > self.expected[payer.pk]
            assert self._count() == before
            return
        assert amount <= self.expected[payer.pk]
        self.expected[payer.pk] -= amount
        self.expected[payee.pk] += amount
        self.entries.append(entry.pk)
        self._remember(entry, key)

    @rule(data=st.data())
    def reverse(self, data: st.DataObject) -> None:
        if not self.entries:
            return
        entry = JournalEntry.objects.get(pk=data.draw(st.sampled_from(self.entries)))
        deltas = {}
        for line in entry.lines.filter(savings_account__isnull=False):
            owner = line.savings_account.membership_id
            # The reversal flips each line: a credit (money in) becomes a debit.
            change = -line.amount if line.side == Side.CREDIT else line.amount
            deltas[owner] = deltas.get(owner, Decimal(0)) + change
        try:
            journal_entry_reverse(entry=entry, by=self.teacher, date=self.day)
        except CooperativeRuleError:
            assert (
                self._closed()
                or entry.reverses_id
                or JournalEntry.objects.filter(reverses=entry).exists()
                or any(self.expected[o] + d < 0 for o, d in deltas.items())
            )
            return
        for owner, change in deltas.items():
            self.expected[owner] += change

    @rule(amount=amounts)
    def cash_sale(self, amount: Decimal) -> None:
        key = self._key()
        try:
            entry = self._sale(amount, key)
        except CooperativeRuleError:
            assert self._closed()
            return
        self._remember(entry, key)

    @rule(amount=bad_amounts)
    def bad_amount_is_refused(self, amount: object) -> None:
        before = self._count()
        with pytest.raises(LedgerError):
            self._sale(amount, self._key())
        with pytest.raises(CooperativeRuleError):
            savings_deposit(
                membership=self.members[0], amount=amount, by=self.teacher, date=self.day
            )
        assert self._count() == before

    @rule(who=st.integers(0, MEMBERS - 1), kind=st.sampled_from(["pokok", "wajib"]))
    def withdraw_pokok_or_wajib(self, who: int, kind: str) -> None:
        before = self._count()
        with pytest.raises(CooperativeRuleError):
            savings_withdraw(
                membership=self.members[who], amount=Decimal(1), by=self.teacher, kind=kind
            )
        assert self._count() == before

    @rule()
    def close_period(self) -> None:
        period = accounting_period_for(coop=self.coop, day=self.day)
        try:
            accounting_period_close(period=period, by=self.teacher)
        except CooperativeRuleError:
            assert period.is_closed
        following = _first_of_month(self.day + datetime.timedelta(days=31), 0)
        if following <= self.today:
            self.day = following  # carry on in the next, still open, month

    @rule(data=st.data(), amount=amounts)
    def post_into_a_closed_period(self, data: st.DataObject, amount: Decimal) -> None:
        closed = list(AccountingPeriod.objects.filter(coop=self.coop, closed_at__isnull=False))
        if not closed:
            return
        period = data.draw(st.sampled_from(closed))
        before = self._count()
        cash = account_by_code(coop=self.coop, code="1-1101")
        sales = account_by_code(coop=self.coop, code="4-1101")
        with pytest.raises(LedgerError, match="sudah ditutup"):
            journal_entry_post(
                coop=self.coop,
                date=min(period.end_date, self.today),
                memo="Terlambat",
                by=self.teacher,
                lines=[
                    LineInput(cash.pk, Side.DEBIT, amount),
                    LineInput(sales.pk, Side.CREDIT, amount),
                ],
            )
        assert self._count() == before

    @rule(data=st.data(), amount=amounts)
    def duplicate_key(self, data: st.DataObject, amount: Decimal) -> None:
        """A retried key returns its entry; the same key with other content is refused."""
        if not self.keys:
            return
        key = data.draw(st.sampled_from(sorted(self.keys)))
        first = JournalEntry.objects.get(pk=self.keys[key])
        before = self._count()
        cash = account_by_code(coop=self.coop, code="1-1101")
        sales = account_by_code(coop=self.coop, code="4-1101")
        other = [LineInput(cash.pk, Side.DEBIT, amount), LineInput(sales.pk, Side.CREDIT, amount)]
        # The ledger compares the member and savings tags too (a member's sale names them).
        same_content = sorted(
            (x.account_id, x.side, x.amount, x.savings_account_id, x.membership_id)
            for x in first.lines.all()
        ) == sorted(
            (x.account_id, x.side, x.amount, x.savings_account_id, x.membership_id) for x in other
        )
        try:
            again = journal_entry_post(
                coop=self.coop,
                date=first.date,
                memo=first.memo,
                by=self.teacher,
                lines=other,
                idempotency_key=key,
            )
        except LedgerError as exc:
            assert not same_content and "sudah dipakai" in str(exc)
        else:
            assert same_content and again.pk == first.pk
        assert self._count() == before

    # invariants

    @invariant()
    def posted_rows_never_change(self) -> None:
        if not hasattr(self, "coop"):
            return
        for entry in JournalEntry.objects.filter(coop=self.coop).prefetch_related("lines"):
            assert entry.posted_at is not None
            snapshot = (
                entry.number,
                entry.date,
                entry.memo,
                entry.posted_at,
                entry.period_id,
                tuple(
                    (x.pk, x.account_id, x.side, x.amount, x.savings_account_id, x.membership_id)
                    for x in entry.lines.all()
                ),
            )
            assert self.snapshots.setdefault(entry.pk, snapshot) == snapshot
        assert len(self.snapshots) == self._count()  # nothing posted was deleted

    @invariant()
    def books_hold(self) -> None:
        if not hasattr(self, "coop"):
            return
        lines = JournalLine.objects.filter(entry__coop=self.coop)
        for row in lines.values("entry_id").annotate(
            d=Sum("amount", filter=Q(side="D"), default=Decimal(0)),
            k=Sum("amount", filter=Q(side="K"), default=Decimal(0)),
        ):
            assert row["d"] == row["k"] > 0
            assert row["d"] == row["d"].to_integral_value()  # whole rupiah
        assert trial_balance(coop=self.coop)["balanced"]
        assert all(r["ok"] for r in savings_reconciliation(coop=self.coop))
        for savings in SavingsAccount.objects.filter(membership__coop=self.coop):
            recomputed = sum(
                (x.amount if x.side == Side.CREDIT else -x.amount for x in savings.lines.all()),
                Decimal(0),
            )
            assert savings.balance == recomputed >= 0
            assert isinstance(savings.balance, Decimal)
            if savings.kind == SavingsKind.SUKARELA:
                assert savings.balance == self.expected[savings.membership_id]
            if savings.kind == SavingsKind.POKOK:
                assert savings.balance == Decimal(10000)
        assert Membership.objects.filter(coop=self.coop, status="aktif").count() == MEMBERS
        keys = list(
            JournalEntry.objects.filter(coop=self.coop, idempotency_key__isnull=False).values_list(
                "idempotency_key", flat=True
            )
        )
        assert len(keys) == len(set(keys))


def test_random_operation_sequences_keep_every_ledger_invariant(db):
    started = time.monotonic()
    run_state_machine_as_test(
        LedgerMachine,
        settings=settings(
            max_examples=40,
            stateful_step_count=25,
            deadline=None,
            suppress_health_check=list(HealthCheck),
        ),
    )
    assert time.monotonic() - started < 120  # a budget guard, not a benchmark
