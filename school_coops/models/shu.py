"""SHU distributions (docs/domain.md §3.3).

Computed from the ledger, confirmed once, never edited."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lms.fields import MoneyField
from lms.jobs import JobRow
from school_coops.models.cooperative import BylawVersion, Cooperative, Membership


class ShuDistribution(models.Model):
    """The SHU of one tahun buku as the RAT decided it, with the bylaw version that split it."""

    coop = models.ForeignKey(Cooperative, on_delete=models.PROTECT, related_name="shu_runs")
    fiscal_year = models.PositiveSmallIntegerField(_("tahun buku"))
    bylaw = models.ForeignKey(BylawVersion, on_delete=models.PROTECT, related_name="+")
    rat = models.ForeignKey("RatRecord", on_delete=models.PROTECT, related_name="+")
    total = MoneyField(_("SHU tahun buku"))
    member_part = MoneyField(_("SHU dari anggota"))
    nonmember_part = MoneyField(_("SHU dari non-anggota"))
    # [{"bucket": "cadangan", "percent": "30", "amount": "1800000"}, …]; Σ amount == total.
    allocations = models.JSONField(default=list)
    rounding_residual = MoneyField(_("selisih pembulatan"), default=0)
    entry = models.OneToOneField(
        "JournalEntry", on_delete=models.PROTECT, related_name="shu_distribution"
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pembagian SHU")
        verbose_name_plural = _("pembagian SHU")
        ordering = ["coop", "-fiscal_year"]
        constraints = [
            models.UniqueConstraint(fields=["coop", "fiscal_year"], name="shu_one_per_fiscal_year"),
            models.CheckConstraint(
                condition=Q(member_part__gte=0, nonmember_part__gte=0), name="shu_parts_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"SHU {self.coop} {self.fiscal_year}"


class ShuPayout(models.TextChoices):
    """Where a member's SHU goes (docs/domain.md §3.3): cash, or into their simpanan sukarela."""

    CASH = "tunai", _("Tunai")
    SUKARELA = "sukarela", _("Pindahkan ke simpanan sukarela")


class ShuMemberShare(models.Model):
    """One member's JMA + JUA, with the bases used (Sa, Va) so the result can be explained."""

    distribution = models.ForeignKey(
        ShuDistribution, on_delete=models.PROTECT, related_name="shares"
    )
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="shu_shares")
    savings_basis = MoneyField(_("simpanan (Sa)"))
    transactions_basis = MoneyField(_("transaksi (Va)"))
    jasa_modal = MoneyField(_("jasa modal"))
    jasa_usaha = MoneyField(_("jasa usaha"))
    amount = MoneyField(_("SHU diterima"))
    paid_entry = models.OneToOneField(
        "JournalEntry", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # How the share was paid; blank while unpaid.
    paid_to = models.CharField(max_length=10, choices=ShuPayout.choices, blank=True)

    class Meta:
        ordering = ["distribution", "membership__number", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["distribution", "membership"], name="shu_share_one_per_member"
            ),
            models.CheckConstraint(
                condition=Q(amount=models.F("jasa_modal") + models.F("jasa_usaha")),
                name="shu_share_sum",
            ),
        ]

    def __str__(self) -> str:
        return f"SHU {self.distribution.fiscal_year} {self.membership_id}: {self.amount}"


class ShuJob(JobRow):
    """Confirming or paying out a big cooperative's SHU in Celery (lms/jobs.py WorkJob).

    The page polls the row for its progress bar; the work itself is idempotent (the journal's
    idempotency keys and the share's paid_entry), so a retry never posts twice."""

    class Kind(models.TextChoices):
        CONFIRM = "confirm", _("Penetapan pembagian SHU")
        PAYOUT = "payout", _("Pembayaran semua SHU")

    coop = models.ForeignKey(Cooperative, on_delete=models.CASCADE, related_name="shu_jobs")
    fiscal_year = models.PositiveSmallIntegerField(_("tahun buku"))
    kind = models.CharField(max_length=10, choices=Kind.choices)
    payout = models.CharField(max_length=10, choices=ShuPayout.choices, default=ShuPayout.CASH)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    done_count = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"SHU {self.coop} {self.fiscal_year} {self.kind} #{self.pk}"

    @property
    def percent(self) -> int:
        return int(self.done_count * 100 / self.total) if self.total else 0

    @property
    def paid_count(self) -> int:
        """Shares this job's run paid (the rest were skipped); meaningful once it is done."""
        return max(self.total - self.skipped, 0)
