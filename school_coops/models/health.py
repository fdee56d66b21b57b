"""Health assessments (docs/domain.md §6.2): a versioned rubric as data, and each assessment
with the rubric version that scored it and a snapshot of every criterion's score."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from school_coops.models.cooperative import Cooperative


class HealthRubric(models.Model):
    """One published version; never edited once an assessment uses it (PROTECT below)."""

    version = models.PositiveSmallIntegerField(_("versi"), unique=True)
    published_on = models.DateField(_("berlaku sejak"))
    # [{"key", "label", "criteria": [{"key", "label", "kind": "auto"|"checklist",
    #   "measure", "points", "bands": [{"min": "0.5", "fraction": "1"}]}]}]
    aspects = models.JSONField(default=list)
    # [{"min": "80", "status": "sehat"}, …] highest first
    bands = models.JSONField(default=list)

    class Meta:
        ordering = ["-version"]

    def __str__(self) -> str:
        return f"Rubrik kesehatan v{self.version}"


class HealthStatus(models.TextChoices):
    SEHAT = "sehat", _("Sehat")
    CUKUP_SEHAT = "cukup_sehat", _("Cukup sehat")
    DALAM_PENGAWASAN = "dalam_pengawasan", _("Dalam pengawasan")
    PENGAWASAN_KHUSUS = "pengawasan_khusus", _("Dalam pengawasan khusus")


class HealthAssessor(models.TextChoices):
    """In which capacity the checklist was filled (docs/domain.md §6.2)."""

    PEMBINA = "pembina", _("Guru pembina")
    DINAS = "dinas", _("Dinas pembina")


class HealthAssessment(models.Model):
    coop = models.ForeignKey(
        Cooperative, on_delete=models.PROTECT, related_name="health_assessments"
    )
    fiscal_year = models.PositiveSmallIntegerField(_("tahun buku"))
    rubric = models.ForeignKey(HealthRubric, on_delete=models.PROTECT, related_name="+")
    answers = models.JSONField(default=dict)  # checklist key -> "ya" | "sebagian" | "tidak"
    scores = models.JSONField(default=list)  # per criterion, as scored (a snapshot)
    total = models.DecimalField(max_digits=5, decimal_places=2)
    status = models.CharField(max_length=20, choices=HealthStatus.choices)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    assessed_at = models.DateTimeField(auto_now=True)
    assessed_as = models.CharField(
        _("dinilai sebagai"),
        max_length=10,
        choices=HealthAssessor.choices,
        default=HealthAssessor.PEMBINA,
    )
    # The supervising dinas confirmed these answers and this score (cleared when they change).
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["coop", "-fiscal_year", "-rubric__version"]
        constraints = [
            models.UniqueConstraint(
                fields=["coop", "fiscal_year", "rubric"], name="health_one_per_year_and_rubric"
            ),
        ]

    def __str__(self) -> str:
        return f"Kesehatan {self.coop} {self.fiscal_year} v{self.rubric_id}"
