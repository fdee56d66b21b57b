"""Member savings: one sub-ledger account per member and kind, with a cached balance."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lms.fields import MoneyField
from school_coops.chart import SAVINGS_POKOK, SAVINGS_SUKARELA, SAVINGS_WAJIB
from school_coops.models.cooperative import Membership


class SavingsKind(models.TextChoices):
    POKOK = "pokok", _("Simpanan pokok")
    WAJIB = "wajib", _("Simpanan wajib")
    SUKARELA = "sukarela", _("Simpanan sukarela")


# The general-ledger control account of each kind (docs/domain.md §4.3).
CONTROL_ACCOUNT_CODES: dict[str, str] = {
    SavingsKind.POKOK: SAVINGS_POKOK,
    SavingsKind.WAJIB: SAVINGS_WAJIB,
    SavingsKind.SUKARELA: SAVINGS_SUKARELA,
}


class SavingsAccount(models.Model):
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="savings")
    kind = models.CharField(max_length=10, choices=SavingsKind.choices)
    # Cache of Σ(K) − Σ(D) of its lines, updated in the same transaction as each posting.
    balance = MoneyField(default=0)

    class Meta:
        ordering = ["membership", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["membership", "kind"], name="savings_unique_kind"),
            models.CheckConstraint(condition=Q(balance__gte=0), name="savings_never_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.membership.member}"


class WajibPayment(models.Model):
    """One simpanan wajib obligation paid; the period is the first day of its month."""

    membership = models.ForeignKey(
        Membership, on_delete=models.PROTECT, related_name="wajib_payments"
    )
    period = models.DateField()
    amount = MoneyField()
    entry = models.ForeignKey("JournalEntry", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["membership", "period"]
        constraints = [
            models.UniqueConstraint(fields=["membership", "period"], name="wajib_one_per_period"),
        ]

    def __str__(self) -> str:
        return f"Wajib {self.period:%m/%Y} {self.membership_id}"
