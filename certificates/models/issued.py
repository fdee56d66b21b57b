"""Issued certificates, their numbering, templates, issuance runs and revocations.

The certificate row is the source of truth (docs/certificates.md): a row is created PENDING
with its number, verification token and status-list index in one transaction, and a Celery
worker renders its PDF and moves it to ISSUED with a compare-and-set. Nothing is ever deleted.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from certificates.models.batches import Batch
from certificates.models.decisions import Decision
from certificates.models.schemes import Scheme
from lms.jobs import FileJobRow, JobStatus


def new_verify_token() -> str:
    """256 random bits, URL-safe: the public verification URL never exposes a sequence."""
    return secrets.token_urlsafe(32)


class CertificateKind(models.TextChoices):
    COMPETENCY = "competency", _("Sertifikat kompetensi")
    COURSE = "course", _("Sertifikat penyelesaian kursus")


class CertificateStatus(models.TextChoices):
    PENDING = "menunggu", _("Menunggu")
    ISSUED = "terbit", _("Terbit")
    FAILED = "gagal", _("Gagal")
    REVOKED = "dicabut", _("Dicabut")
    SUPERSEDED = "diganti", _("Diganti")


DEAD_STATUSES = (CertificateStatus.REVOKED, CertificateStatus.SUPERSEDED)
LIVE = ~Q(status__in=DEAD_STATUSES)


class CertificateNumbering(models.Model):
    """The dinas's number pattern for one scheme code (or one course), e.g.
    `JB/<kabupaten>/<tahun>/<urut>`. The counter lives in IssuanceCounter."""

    region = models.ForeignKey("schools.Region", on_delete=models.PROTECT, related_name="+")
    series = models.CharField(_("seri"), max_length=40, help_text=_("Kode skema atau kursus."))
    pattern = models.CharField(_("pola nomor"), max_length=80)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("pola nomor sertifikat")
        verbose_name_plural = _("pola nomor sertifikat")
        constraints = [
            models.UniqueConstraint(fields=["region", "series"], name="numbering_unique_series"),
        ]

    def __str__(self) -> str:
        return f"{self.series}: {self.pattern}"


class IssuanceCounter(models.Model):
    """A monotonic counter (number sequences, status-list indexes); only ever goes up."""

    key = models.CharField(max_length=120, unique=True)
    value = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.key}={self.value}"


class CertificateTemplate(models.Model):
    """The dinas's HTML/CSS layout of the certificate (scheme code blank: every scheme)."""

    region = models.ForeignKey("schools.Region", on_delete=models.PROTECT, related_name="+")
    series = models.CharField(_("seri"), max_length=40, blank=True)
    html = models.TextField(_("templat HTML"))
    css = models.TextField(_("CSS"), blank=True)
    signatory_name = models.CharField(_("nama penanda tangan"), max_length=150)
    signatory_title = models.CharField(_("jabatan penanda tangan"), max_length=150)
    signature_path = models.CharField(max_length=255, blank=True)
    logo_path = models.CharField(max_length=255, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("templat sertifikat")
        verbose_name_plural = _("templat sertifikat")
        constraints = [
            models.UniqueConstraint(fields=["region", "series"], name="template_unique_series"),
        ]

    def __str__(self) -> str:
        return f"{self.region_id}/{self.series or '*'}"


class IssuanceRun(models.Model):
    """One click of "terbitkan": prepares the rows, then the worker renders them.

    `status` follows lms/jobs.py (JobStatus); the counts shown in the progress bar are read from
    the certificates themselves, so they are right even after a worker was killed."""

    Status = JobStatus

    kind = models.CharField(max_length=12, choices=CertificateKind.choices)
    batch = models.ForeignKey(
        Batch, on_delete=models.PROTECT, null=True, blank=True, related_name="issuance_runs"
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    region = models.ForeignKey("schools.Region", on_delete=models.PROTECT, related_name="+")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=10, choices=JobStatus.choices, default=JobStatus.PENDING)
    total = models.PositiveIntegerField(default=0)
    prepared_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"issuance run {self.pk} {self.status}"


class IssuedCertificate(models.Model):
    kind = models.CharField(max_length=12, choices=CertificateKind.choices)
    decision = models.ForeignKey(
        Decision, on_delete=models.PROTECT, null=True, blank=True, related_name="certificates"
    )
    course_completion = models.ForeignKey(
        "courses.CourseCompletion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="certificates",
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="issued_certificates"
    )
    holder_name = models.CharField(_("nama pemegang"), max_length=150)
    region = models.ForeignKey("schools.Region", on_delete=models.PROTECT, related_name="+")
    scheme = models.ForeignKey(
        Scheme, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    batch = models.ForeignKey(
        Batch, on_delete=models.PROTECT, null=True, blank=True, related_name="certificates"
    )
    run = models.ForeignKey(
        IssuanceRun,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="certificates",
    )
    number = models.CharField(_("nomor sertifikat"), max_length=80, unique=True)
    sequence = models.PositiveIntegerField(default=0)
    verify_token = models.CharField(max_length=64, unique=True, default=new_verify_token)
    status = models.CharField(
        max_length=10, choices=CertificateStatus.choices, default=CertificateStatus.PENDING
    )
    status_index = models.PositiveIntegerField(unique=True)
    issued_on = models.DateField(_("tanggal terbit"))
    valid_until = models.DateField(_("berlaku sampai"), null=True, blank=True)
    superseded_by = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="supersedes"
    )
    pdf = models.CharField(max_length=255, blank=True)
    signed_payload = models.TextField(blank=True)
    key_id = models.CharField(max_length=40, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("sertifikat terbit")
        verbose_name_plural = _("sertifikat terbit")
        ordering = ["-issued_on", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision"], condition=LIVE, name="issued_one_live_per_decision"
            ),
            models.UniqueConstraint(
                fields=["holder", "course"],
                condition=LIVE & Q(course__isnull=False),
                name="issued_one_live_per_course",
            ),
            models.CheckConstraint(
                condition=(Q(kind="competency") & Q(decision__isnull=False))
                | (Q(kind="course") & Q(course_completion__isnull=False)),
                name="issued_has_source",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "updated_at"]),
            models.Index(fields=["run", "status"]),
            models.Index(fields=["valid_until"]),
        ]

    def __str__(self) -> str:
        return self.number


class CertificateRevocation(models.Model):
    """Append-only: why and by whom a certificate was revoked (never edited or deleted)."""

    certificate = models.ForeignKey(
        IssuedCertificate, on_delete=models.PROTECT, related_name="revocations"
    )
    reason = models.CharField(_("alasan pencabutan"), max_length=500)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()

    class Meta:
        ordering = ["certificate", "at"]

    def __str__(self) -> str:
        return f"revocation {self.certificate_id} {self.at:%Y-%m-%d}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise ValueError("CertificateRevocation is append-only")
        super().save(*args, **kwargs)


class BundleKind(models.TextChoices):
    ZIP = "zip", _("ZIP")
    MERGED = "merged", _("PDF gabungan siap cetak")


class CertificateBundle(FileJobRow):
    """A background-built download of a batch's issued PDFs: a ZIP with a CSV manifest or one
    merged print-ready PDF (lms/jobs.py FileJob; certificates/issuance/bundles.py)."""

    batch = models.ForeignKey(Batch, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=8, choices=BundleKind.choices)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    done_count = models.PositiveIntegerField(default=0)
    pdf_path = models.CharField(max_length=255, blank=True)  # the ZIP or the merged PDF

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"bundle {self.kind} {self.batch_id}"

    @property
    def percent(self) -> int:
        return int(100 * self.done_count / self.total) if self.total else 0
