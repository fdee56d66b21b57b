"""K/BK decisions: per unit, signed off, frozen, confirmed by the pleno; checklists; appeals."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from certificates.models.batches import Batch, Candidate
from certificates.models.schemes import CompetencyUnit, PerformanceCriterion


class Result(models.TextChoices):
    COMPETENT = "K", _("Kompeten")
    NOT_YET = "BK", _("Belum kompeten")


class DecisionStatus(models.TextChoices):
    DRAFT = "draft", _("Sedang dinilai")
    SIGNED = "signed", _("Ditandatangani asesor")


class Pleno(models.Model):
    """The batch's decision meeting that confirms signed decisions before certificates."""

    batch = models.ForeignKey(Batch, on_delete=models.PROTECT, related_name="plenos")
    held_on = models.DateField(_("tanggal rapat pleno"))
    notes = models.TextField(_("catatan rapat"), blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField()

    class Meta:
        ordering = ["batch", "-confirmed_at"]

    def __str__(self) -> str:
        return f"pleno {self.batch} {self.held_on}"


class Decision(models.Model):
    """One assessment attempt of a candidate. Once signed, it is frozen: `overall` and
    `snapshot` are stored and never recomputed, even if the scheme's rules change later."""

    candidate = models.ForeignKey(Candidate, on_delete=models.PROTECT, related_name="decisions")
    attempt = models.PositiveSmallIntegerField(default=1)
    status = models.CharField(
        max_length=8, choices=DecisionStatus.choices, default=DecisionStatus.DRAFT
    )
    overall = models.CharField(max_length=2, choices=Result.choices, blank=True)
    comment = models.TextField(_("catatan asesor"), blank=True)
    snapshot = models.JSONField(default=dict, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    signed_at = models.DateTimeField(null=True, blank=True)
    pleno = models.ForeignKey(
        Pleno, on_delete=models.PROTECT, null=True, blank=True, related_name="decisions"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["candidate", "attempt"]
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "attempt"], name="decision_unique_attempt"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | (Q(signed_at__isnull=False) & ~Q(overall="")),
                name="decision_signed_has_result",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.candidate} #{self.attempt} {self.overall or '-'}"

    @property
    def is_signed(self) -> bool:
        return self.status == DecisionStatus.SIGNED


class UnitDecision(models.Model):
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="units")
    unit = models.ForeignKey(CompetencyUnit, on_delete=models.PROTECT, related_name="+")
    result = models.CharField(_("hasil"), max_length=2, choices=Result.choices)
    evidence = models.CharField(_("bukti yang dinilai"), max_length=500)
    comment = models.CharField(_("komentar"), max_length=500, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["decision", "unit__order", "unit__code"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "unit"], name="unit_decision_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}: {self.result}"


class ChecklistMark(models.Model):
    """Observation/interview checklist: one mark per KUK, saved as the assessor goes."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="marks")
    criterion = models.ForeignKey(PerformanceCriterion, on_delete=models.PROTECT, related_name="+")
    met = models.BooleanField(_("tercapai"), null=True)
    note = models.CharField(_("catatan"), max_length=300, blank=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["decision", "criterion"], name="checklist_mark_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.met}"


class AppealStatus(models.TextChoices):
    FILED = "diajukan", _("Diajukan")
    UPHELD = "diterima", _("Diterima: asesmen ulang")
    DISMISSED = "ditolak", _("Ditolak: keputusan tetap")


class Appeal(models.Model):
    """Banding against a signed decision, filed within the batch's appeal window."""

    decision = models.OneToOneField(Decision, on_delete=models.PROTECT, related_name="appeal")
    reason = models.TextField(_("alasan banding"))
    filed_at = models.DateTimeField()
    status = models.CharField(
        max_length=10, choices=AppealStatus.choices, default=AppealStatus.FILED
    )
    outcome = models.TextField(_("hasil banding"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"banding {self.decision_id}: {self.status}"
