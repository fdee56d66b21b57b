"""Privacy records: who opened a minor's data, who erased whom, and data exports.

Rows look alike by design: field declarations, `TextChoices` and `Meta` constraints of
different tables; `duplicates` pairs them by shape (docs/architecture.md §7).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessKind(models.TextChoices):
    SAVINGS = "savings", _("Simpanan")
    GRADES = "grades", _("Nilai dan kemajuan belajar")
    GUARDIAN = "guardian", _("Halaman wali")
    EXPORT = "export", _("Ekspor data pribadi")


class AccessLog(models.Model):
    """One person opening another person's savings or grades. Append-only (DB triggers).

    Only ids and the path are stored: names are read from the user rows, so erasing a person
    pseudonymises their entries here too without editing a row.
    """

    accessed_at = models.DateTimeField(_("waktu"), auto_now_add=True, db_index=True)
    accessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("yang membuka"),
    )
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("pemilik data"),
    )
    # The subject's school when the page was opened: the admin of that school sees the entry.
    school = models.ForeignKey(
        "schools.School", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(_("jenis data"), max_length=10, choices=AccessKind.choices)
    url_name = models.CharField(max_length=80)
    path = models.CharField(max_length=300)  # without the query string (it may hold a search)

    class Meta:
        verbose_name = _("log akses data pribadi")
        verbose_name_plural = _("log akses data pribadi")
        ordering = ["-accessed_at", "-pk"]
        indexes = [
            models.Index(fields=["school", "-accessed_at"]),
            models.Index(fields=["accessor", "-accessed_at"]),
            models.Index(fields=["subject", "-accessed_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.accessor_id} → {self.subject_id} ({self.kind}) {self.accessed_at:%Y-%m-%d}"


class ErasureRecord(models.Model):
    """An erasure done: its id is the N of the pseudonym "Pengguna terhapus #N"."""

    class Trigger(models.TextChoices):
        REQUEST = "request", _("Permintaan subjek data/wali")
        RETENTION = "retention", _("Masa retensi berakhir")

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    erased_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    trigger = models.CharField(max_length=10, choices=Trigger.choices)
    reason = models.CharField(_("alasan"), max_length=200, blank=True)
    counts = models.JSONField(default=dict)  # {"app.Model": rows changed}
    erased_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("catatan penghapusan")
        verbose_name_plural = _("catatan penghapusan")
        ordering = ["-erased_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["person"], name="erasure_once_per_person"),
        ]

    def __str__(self) -> str:
        return f"erasure #{self.pk}"


class PersonalDataExport(models.Model):
    """A ZIP of all of one person's data, built by the Celery worker (progress polled)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Menunggu")
        RUNNING = "running", _("Diproses")
        DONE = "done", _("Selesai")
        FAILED = "failed", _("Gagal")

    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    done_count = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    file_path = models.CharField(max_length=200, blank=True)
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("ekspor data pribadi")
        verbose_name_plural = _("ekspor data pribadi")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"export #{self.pk} of {self.subject_id}"

    @property
    def percent(self) -> int:
        return int(100 * self.done_count / self.total) if self.total else 0
