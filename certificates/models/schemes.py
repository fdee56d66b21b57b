"""Certification schemes as versioned data: a published version never changes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class SchemeStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    PUBLISHED = "published", _("Terbit")


class Scheme(models.Model):
    """A skema (e.g. "Juru Buku Koperasi" v1). A new version is a new row."""

    code = models.CharField(_("kode skema"), max_length=30)
    title = models.CharField(_("judul skema"), max_length=200)
    version = models.PositiveSmallIntegerField(_("versi"), default=1)
    validity_years = models.PositiveSmallIntegerField(
        _("masa berlaku (tahun)"), null=True, blank=True, help_text=_("Kosong: tanpa masa berlaku.")
    )
    description = models.TextField(_("deskripsi"), blank=True)
    # The dinas that owns the scheme; None: shared by every dinas (only its creator's dinas,
    # or any organiser for the seeded national one, may edit it: services/schemes.py).
    region = models.ForeignKey(
        "schools.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dinas pemilik"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=SchemeStatus.choices, default=SchemeStatus.DRAFT
    )
    published_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("skema sertifikasi")
        verbose_name_plural = _("skema sertifikasi")
        ordering = ["code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="scheme_unique_version"),
            models.CheckConstraint(
                condition=Q(validity_years__isnull=True) | Q(validity_years__gte=1),
                name="scheme_validity_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} v{self.version} {self.title}"

    @property
    def is_published(self) -> bool:
        return self.status == SchemeStatus.PUBLISHED


class CompetencyUnit(models.Model):
    """Kode unit, judul unit, elemen kompetensi and kriteria unjuk kerja (KUK)."""

    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="units")
    code = models.CharField(_("kode unit"), max_length=40)
    title = models.CharField(_("judul unit"), max_length=250)
    description = models.TextField(_("deskripsi"), blank=True)
    required = models.BooleanField(_("wajib"), default=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("unit kompetensi")
        verbose_name_plural = _("unit kompetensi")
        ordering = ["scheme", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "code"], name="unit_unique_code"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class UnitElement(models.Model):
    unit = models.ForeignKey(CompetencyUnit, on_delete=models.CASCADE, related_name="elements")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(_("elemen kompetensi"), max_length=250)

    class Meta:
        ordering = ["unit", "number"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "number"], name="element_unique_number"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class PerformanceCriterion(models.Model):
    """A KUK; the assessor's observation checklist has one mark per criterion."""

    element = models.ForeignKey(UnitElement, on_delete=models.CASCADE, related_name="criteria")
    number = models.PositiveSmallIntegerField()
    text = models.CharField(_("kriteria unjuk kerja"), max_length=400)

    class Meta:
        ordering = ["element", "number"]
        constraints = [
            models.UniqueConstraint(fields=["element", "number"], name="criterion_unique_number"),
        ]

    def __str__(self) -> str:
        return f"{self.element.number}.{self.number} {self.text}"


class Method(models.TextChoices):
    WRITTEN = "tulis", _("Tes tulis")
    PRACTICAL = "praktik", _("Studi kasus praktik pembukuan")
    OBSERVATION = "observasi", _("Observasi/wawancara")
    PORTFOLIO = "portofolio", _("Portofolio")


class UnitInstrument(models.Model):
    """Which instrument (method) assesses which unit."""

    unit = models.ForeignKey(CompetencyUnit, on_delete=models.CASCADE, related_name="instruments")
    method = models.CharField(_("instrumen"), max_length=12, choices=Method.choices)

    class Meta:
        ordering = ["unit", "method"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "method"], name="unit_instrument_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.unit.code}: {self.get_method_display()}"
