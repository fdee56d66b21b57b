"""The practical bookkeeping case: a generated month, a sandbox ledger and its grade.

The sandbox never touches the real books (school_coops.JournalEntry); it stores account codes
of the default chart (school_coops.chart.DEFAULT_CHART) and is graded against the answer key.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from certificates.models.batches import Batch, Candidate


class PracticalCase(models.Model):
    candidate = models.ForeignKey(Candidate, on_delete=models.PROTECT, related_name="cases")
    attempt = models.PositiveSmallIntegerField(default=1)
    seed = models.BigIntegerField()
    generator_version = models.PositiveSmallIntegerField(default=1)
    case = models.JSONField()  # {"coop": ..., "month": "2026-01", "transactions": [...]}
    submitted_at = models.DateTimeField(null=True, blank=True)
    score_percent = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    grading = models.JSONField(default=dict, blank=True)
    graded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["candidate", "attempt"], name="case_unique_attempt"),
        ]

    def __str__(self) -> str:
        return f"kasus {self.candidate_id}#{self.attempt}"


class SandboxEntry(models.Model):
    case = models.ForeignKey(PracticalCase, on_delete=models.CASCADE, related_name="entries")
    date = models.DateField(_("tanggal"))
    memo = models.CharField(_("keterangan"), max_length=200)
    transaction_ref = models.CharField(_("nomor bukti"), max_length=20, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["case", "date", "pk"]

    def __str__(self) -> str:
        return f"{self.date} {self.memo}"


class SandboxLine(models.Model):
    entry = models.ForeignKey(SandboxEntry, on_delete=models.CASCADE, related_name="lines")
    account_code = models.CharField(max_length=10)
    side = models.CharField(max_length=1)
    amount = models.DecimalField(max_digits=14, decimal_places=0)

    class Meta:
        ordering = ["entry", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="sandbox_line_amount_positive"),
            models.CheckConstraint(condition=Q(side__in=["D", "K"]), name="sandbox_line_side"),
        ]

    def __str__(self) -> str:
        return f"{self.side} {self.account_code} {self.amount}"


class GradingRun(models.Model):
    """Grading every submitted case of a batch in Celery; the board polls its progress."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Menunggu")
        RUNNING = "running", _("Diproses")
        DONE = "done", _("Selesai")
        FAILED = "failed", _("Gagal")

    batch = models.ForeignKey(Batch, on_delete=models.CASCADE, related_name="grading_runs")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    total = models.PositiveIntegerField(default=0)
    done_count = models.PositiveIntegerField(default=0)
    failed_count = models.PositiveIntegerField(default=0)
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"grading {self.batch_id} #{self.pk}"

    @property
    def percent(self) -> int:
        return int(100 * self.done_count / self.total) if self.total else 100
