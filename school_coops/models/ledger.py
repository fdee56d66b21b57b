"""Double-entry ledger. Posted entries are immutable (database triggers enforce it too)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lms.fields import MoneyField
from school_coops.models.cooperative import Cooperative


class Side(models.TextChoices):
    DEBIT = "D", _("Debit")
    CREDIT = "K", _("Kredit")


class AccountClass(models.TextChoices):
    ASSET = "aset", _("Aset")
    LIABILITY = "liabilitas", _("Liabilitas")
    EQUITY = "ekuitas", _("Ekuitas")
    INCOME = "pendapatan", _("Pendapatan")
    EXPENSE = "beban", _("Beban")


class Account(models.Model):
    coop = models.ForeignKey(Cooperative, on_delete=models.PROTECT, related_name="accounts")
    code = models.CharField(_("kode"), max_length=10)
    name = models.CharField(_("nama akun"), max_length=120)
    account_class = models.CharField(_("kelompok"), max_length=12, choices=AccountClass.choices)
    normal_side = models.CharField(_("saldo normal"), max_length=1, choices=Side.choices)
    is_active = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("akun")
        verbose_name_plural = _("akun")
        ordering = ["coop", "code"]
        constraints = [
            models.UniqueConstraint(fields=["coop", "code"], name="account_unique_code"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class AccountingPeriod(models.Model):
    """A month of the books; postings into a closed period are refused."""

    coop = models.ForeignKey(Cooperative, on_delete=models.PROTECT, related_name="periods")
    start_date = models.DateField()
    end_date = models.DateField()
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["coop", "-start_date"]
        constraints = [
            models.UniqueConstraint(fields=["coop", "start_date"], name="period_unique_start"),
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="period_end_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.start_date:%m/%Y}"

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class Workflow(models.TextChoices):
    """The workflow that posted an entry; only that workflow's guarded route may undo it."""

    OPENING = "saldo-awal", _("Neraca awal pendirian")
    CLOSING = "penutupan", _("Penutupan tahun buku")
    LOSS_CHARGE = "tutup-rugi", _("Penutupan rugi dari cadangan")
    SHU = "pembagian-shu", _("Pembagian SHU")
    SHU_PAYOUT = "pembayaran-shu", _("Pembayaran SHU")
    MEMBER_EXIT = "anggota-keluar", _("Anggota keluar")


class JournalEntryQuerySet(models.QuerySet["JournalEntry"]):
    def posted(self) -> JournalEntryQuerySet:
        """Entries that count: a draft exists only inside its posting transaction (0005)."""
        return self.filter(posted_at__isnull=False)


class JournalLineQuerySet(models.QuerySet["JournalLine"]):
    def posted(self) -> JournalLineQuerySet:
        """Lines of posted entries: every balance and statement reads these only."""
        return self.filter(entry__posted_at__isnull=False)


class JournalEntry(models.Model):
    coop = models.ForeignKey(Cooperative, on_delete=models.PROTECT, related_name="entries")
    period = models.ForeignKey(AccountingPeriod, on_delete=models.PROTECT, related_name="entries")
    number = models.PositiveIntegerField(_("nomor jurnal"))
    date = models.DateField(_("tanggal"))
    memo = models.CharField(_("keterangan"), max_length=200)
    receipt_number = models.CharField(_("nomor kuitansi"), max_length=30, blank=True)
    idempotency_key = models.CharField(max_length=64, null=True, blank=True)
    reverses = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="reversed_by"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    posted_at = models.DateTimeField(null=True, blank=True)
    # NULL: an officer's own entry, which "Batalkan" may reverse. Nullable so that adding the
    # column is a plain ALTER TABLE on SQLite (a table rebuild would drop the 0002/0005 triggers).
    workflow = models.CharField(
        _("proses"), max_length=20, choices=Workflow.choices, null=True, blank=True
    )

    objects = JournalEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("jurnal")
        verbose_name_plural = _("jurnal")
        ordering = ["coop", "date", "number"]
        constraints = [
            models.UniqueConstraint(fields=["coop", "number"], name="entry_unique_number"),
            models.UniqueConstraint(
                fields=["coop", "idempotency_key"],
                condition=Q(idempotency_key__isnull=False),
                name="entry_unique_idempotency_key",
            ),
            models.UniqueConstraint(
                fields=["coop", "receipt_number"],
                condition=~Q(receipt_number=""),
                name="entry_unique_receipt",
            ),
        ]

    def __str__(self) -> str:
        return f"JU-{self.number:05d} {self.shown_memo}"

    @property
    def shown_memo(self) -> str:
        """The memo every screen shows: pseudonymised after a member's erasure (UU PDP).

        Callers listing entries select_related("redaction") to keep this one query."""
        try:
            return self.redaction.memo
        except JournalEntryRedaction.DoesNotExist:
            return self.memo

    @property
    def officer_may_reverse(self) -> bool:
        """The journal's "Batalkan" applies to an officer's own entries, never a reversal."""
        return self.workflow is None and self.reverses_id is None


class JournalEntryRedaction(models.Model):
    """The memo of a posted entry with an erased person's name replaced by their pseudonym.

    Posted entries are immutable (database triggers), so the redacted text lives beside the
    entry instead of in it; amounts and accounts never change. See docs/privacy.md.
    """

    entry = models.OneToOneField(JournalEntry, on_delete=models.PROTECT, related_name="redaction")
    memo = models.CharField(_("keterangan"), max_length=200)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"JU-{self.entry_id} (disamarkan)"


class JournalLine(models.Model):
    entry = models.ForeignKey(JournalEntry, on_delete=models.PROTECT, related_name="lines")
    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="lines")
    side = models.CharField(max_length=1, choices=Side.choices)
    amount = MoneyField()  # whole rupiah, Decimal, never float
    # Sub-ledger tags: the member's savings card and receivables/payables per member.
    savings_account = models.ForeignKey(
        "SavingsAccount", on_delete=models.PROTECT, null=True, blank=True, related_name="lines"
    )
    membership = models.ForeignKey(
        "Membership", on_delete=models.PROTECT, null=True, blank=True, related_name="ledger_lines"
    )

    objects = JournalLineQuerySet.as_manager()

    class Meta:
        ordering = ["entry", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="journal_line_amount_positive"),
            models.CheckConstraint(condition=Q(side__in=["D", "K"]), name="journal_line_side"),
        ]

    def __str__(self) -> str:
        return f"{self.side} {self.amount} {self.account_id}"


class ReceiptKind(models.TextChoices):
    """The two numbered cash documents: money received (kuitansi) and money paid out (bukti
    kas keluar, e.g. a savings withdrawal). The value is the number's prefix."""

    IN = "KW", _("Kuitansi penerimaan kas")
    OUT = "BKK", _("Bukti kas keluar")


class ReceiptSequence(models.Model):
    """Gap-free cash document numbers per cooperative, kind and year (row locked while
    numbering)."""

    coop = models.ForeignKey(Cooperative, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=3, choices=ReceiptKind.choices, default=ReceiptKind.IN)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["coop", "kind", "year"], name="receipt_sequence_unique_kind"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.year}: {self.last_number}"
