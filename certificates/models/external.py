"""Certificates issued outside Kopsis (BNSP/LSP): recorded only, never produced."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ExternalCertificate(models.Model):
    region = models.ForeignKey("schools.Region", on_delete=models.PROTECT, related_name="+")
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    holder_name = models.CharField(_("nama pemegang"), max_length=150)
    cooperative_name = models.CharField(_("koperasi"), max_length=200, blank=True)
    number = models.CharField(_("nomor sertifikat"), max_length=100)  # opaque, never parsed
    issuer = models.CharField(_("penerbit (LSP)"), max_length=200)
    scheme_name = models.CharField(_("skema"), max_length=200)
    issued_on = models.DateField(_("tanggal terbit"))
    expires_on = models.DateField(_("berlaku sampai"), null=True, blank=True)
    scan_path = models.CharField(max_length=255, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("sertifikat eksternal (LSP/BNSP)")
        verbose_name_plural = _("sertifikat eksternal (LSP/BNSP)")
        ordering = ["expires_on", "holder_name"]
        constraints = [
            models.UniqueConstraint(fields=["issuer", "number"], name="external_cert_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.holder_name}"
