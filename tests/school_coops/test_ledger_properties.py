"""Random sequences of ledger operations keep every invariant of DOMAIN §4.6."""

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

from school_coops.exceptions import CooperativeRuleError
from school_coops.models import (
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
from school_coops.services.savings import savings_deposit, savings_withdraw
from tests.factories import ClassroomFactory, SchoolFactory, make_student, make_teacher

pytestmark = pytest.mark.django_db

amounts = st.integers(min_value=1, max_value=50_000).map(Decimal)


class LedgerMachine(RuleBasedStateMachine):
    @initialize()
    def setup(self) -> None:
        school = SchoolFactory()
        self.teacher = make_teacher(school)
        self.coop = cooperative_create(
            school=school, name="Kopsis Properti", by=self.teacher, founded_on=timezone.localdate()
        )
        classroom = ClassroomFactory(school=school)
        self.members = [
            membership_register(
                coop=self.coop, member=make_student(classroom), category="siswa", by=self.teacher
            )
            for _ in range(2)
        ]
        self.expected = {m.pk: Decimal(0) for m in self.members}
        self.entries: list[int] = []
        self.keys: list[str] = []
        self.closed = False
        self.counter = 0
        self.entries_without_savings: list[int] = []

    def _key(self) -> str:
        self.counter += 1
        key = f"k{self.counter}"
        self.keys.append(key)
        return key

    @rule(who=st.integers(0, 1), amount=amounts)
    def deposit(self, who: int, amount: Decimal) -> None:
        member = self.members[who]
        try:
            entry = savings_deposit(
                membership=member, amount=amount, by=self.teacher, idempotency_key=self._key()
            )
        except CooperativeRuleError:
            assert self.closed
            return
        self.expected[member.pk] += amount
        self.entries.append(entry.pk)

    @rule(who=st.integers(0, 1), amount=amounts)
    def withdraw(self, who: int, amount: Decimal) -> None:
        member = self.members[who]
        try:
            entry = savings_withdraw(
                membership=member, amount=amount, by=self.teacher, idempotency_key=self._key()
            )
        except CooperativeRuleError:
            assert self.closed or amount > self.expected[member.pk]
            return
        assert amount <= self.expected[member.pk]
        self.expected[member.pk] -= amount
        self.entries.append(entry.pk)

    @rule(data=st.data())
    def reverse(self, data: st.DataObject) -> None:
        if not self.entries:
            return
        entry = JournalEntry.objects.get(pk=data.draw(st.sampled_from(self.entries)))
        line = entry.lines.get(savings_account__isnull=False)
        delta = line.amount if line.side == Side.CREDIT else -line.amount
        owner = line.savings_account.membership_id
        try:
            journal_entry_reverse(entry=entry, by=self.teacher)
        except CooperativeRuleError:
            assert (
                self.closed
                or entry.reverses_id
                or JournalEntry.objects.filter(reverses=entry).exists()
                or self.expected[owner] - delta < 0
            )
            return
        self.expected[owner] -= delta

    @rule(amount=amounts)
    def cash_sale(self, amount: Decimal) -> None:
        cash = account_by_code(coop=self.coop, code="1-1101")
        sales = account_by_code(coop=self.coop, code="4-1101")
        try:
            entry = journal_entry_post(
                coop=self.coop,
                date=timezone.localdate(),
                memo="Penjualan",
                by=self.teacher,
                lines=[
                    LineInput(cash.pk, Side.DEBIT, amount),
                    LineInput(sales.pk, Side.CREDIT, amount),
                ],
                idempotency_key=self._key(),
            )
        except CooperativeRuleError:
            assert self.closed
            return
        self.entries_without_savings.append(entry.pk)

    @rule(who=st.integers(0, 1), kind=st.sampled_from([SavingsKind.POKOK, SavingsKind.WAJIB]))
    def withdraw_pokok_or_wajib(self, who: int, kind: str) -> None:
        before = JournalEntry.objects.filter(coop=self.coop).count()
        try:
            savings_withdraw(
                membership=self.members[who], amount=Decimal(1), by=self.teacher, kind=kind
            )
        except CooperativeRuleError:
            assert JournalEntry.objects.filter(coop=self.coop).count() == before
            return
        raise AssertionError("pokok/wajib withdrawal must be refused while a member")

    @rule()
    def close_period(self) -> None:
        period = accounting_period_for(coop=self.coop, day=timezone.localdate())
        try:
            accounting_period_close(period=period, by=self.teacher)
        except CooperativeRuleError:
            assert self.closed
        self.closed = True

    @rule(data=st.data(), amount=amounts)
    def duplicate_key(self, data: st.DataObject, amount: Decimal) -> None:
        if not self.keys:
            return
        key = data.draw(st.sampled_from(self.keys))
        before = JournalEntry.objects.filter(coop=self.coop).count()
        existing = JournalEntry.objects.filter(coop=self.coop, idempotency_key=key).first()
        try:
            entry = savings_deposit(
                membership=self.members[0], amount=amount, by=self.teacher, idempotency_key=key
            )
        except CooperativeRuleError:
            assert existing is None  # the first attempt failed, so this one may fail too
            return
        if existing is not None:
            assert entry.pk == existing.pk
            assert JournalEntry.objects.filter(coop=self.coop).count() == before
        else:
            self.expected[self.members[0].pk] += amount
            self.entries.append(entry.pk)

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
        assert Membership.objects.filter(coop=self.coop, status="aktif").count() == 2
        keys = list(
            JournalEntry.objects.filter(coop=self.coop, idempotency_key__isnull=False).values_list(
                "idempotency_key", flat=True
            )
        )
        assert len(keys) == len(set(keys))


def test_random_operation_sequences_keep_every_ledger_invariant(db):
    run_state_machine_as_test(
        LedgerMachine,
        settings=settings(
            max_examples=12,
            stateful_step_count=15,
            deadline=None,
            suppress_health_check=list(HealthCheck),
        ),
    )
