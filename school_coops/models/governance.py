"""Rapat Anggota Tahunan (RAT) records: the meeting that accepts a tahun buku's accounts."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from school_coops.models.cooperative import Cooperative


class RatRecord(models.Model):
    """One accountability RAT per tahun buku.

    `is_late` is stored as decided (docs/domain.md §9 case 24)."""

    coop = models.ForeignKey(Cooperative, on_delete=models.PROTECT, related_name="rat_records")
    fiscal_year = models.PositiveSmallIntegerField(_("tahun buku"))
    held_on = models.DateField(_("tanggal RAT"))
    # Held more than 6 months after the tahun buku ended (UU 25/1992 Pasal 26): "terlambat".
    is_late = models.BooleanField(_("terlambat"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("RAT")
        verbose_name_plural = _("RAT")
        ordering = ["coop", "-fiscal_year"]
        constraints = [
            models.UniqueConstraint(fields=["coop", "fiscal_year"], name="rat_one_per_fiscal_year"),
        ]

    def __str__(self) -> str:
        return f"RAT {self.coop} {self.fiscal_year}"
