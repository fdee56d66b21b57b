"""Batches (angkatan), candidates' applications (APL-01/APL-02-like) and their evidence."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from certificates.models.schemes import CompetencyUnit, Scheme


class Batch(models.Model):
    """A training-and-test batch of one dinas (region) against one published scheme version."""

    region = models.ForeignKey("schools.Region", on_delete=models.PROTECT, related_name="batches")
    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="batches")
    name = models.CharField(_("nama angkatan"), max_length=150)
    start_date = models.DateField(_("mulai pelatihan"))
    end_date = models.DateField(_("selesai pelatihan"))
    test_date = models.DateField(_("tanggal uji"))
    venue = models.CharField(_("tempat uji (TUK)"), max_length=200)
    quota = models.PositiveIntegerField(_("kuota peserta"))
    appeal_days = models.PositiveSmallIntegerField(_("masa banding (hari)"), default=14)
    practical_pass_percent = models.PositiveSmallIntegerField(
        _("batas lulus studi kasus (%)"), default=70
    )
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="trained_batches", blank=True
    )
    assessors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="assessed_batches", blank=True
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kursus pelatihan"),
    )
    written_quiz = models.ForeignKey(
        "courses.Quiz",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tes tulis (kuis)"),
    )
    open_for_applications = models.BooleanField(_("pendaftaran dibuka"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("angkatan")
        verbose_name_plural = _("angkatan")
        ordering = ["-start_date", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(quota__gte=1), name="batch_quota_positive"),
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="batch_end_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Track(models.TextChoices):
    ADULT = "dewasa", _("Pengurus/pengelola koperasi")
    STUDENT = "pelajar", _("Pelajar (jalur sekolah)")


class CandidateStatus(models.TextChoices):
    SUBMITTED = "diajukan", _("Diajukan")
    RETURNED = "dikembalikan", _("Dikembalikan untuk diperbaiki")
    ACCEPTED = "diterima", _("Diterima")
    REJECTED = "ditolak", _("Ditolak")


class Origin(models.TextChoices):
    APPLIED = "daftar", _("Mendaftar dengan akun yang ada")
    IMPORTED = "impor", _("Diimpor pelatih dari daftar peserta")
    SELF_REGISTERED = "mandiri", _("Membuat akun sendiri di halaman pendaftaran")


class Candidate(models.Model):
    """An application to a batch (asesi). One per person and batch."""

    batch = models.ForeignKey(Batch, on_delete=models.PROTECT, related_name="candidates")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="certification_candidacies"
    )
    full_name = models.CharField(_("nama lengkap"), max_length=150)
    birth_place = models.CharField(_("tempat lahir"), max_length=80, blank=True)
    birth_date = models.DateField(_("tanggal lahir"), null=True, blank=True)
    phone = models.CharField(_("nomor HP"), max_length=20, blank=True)
    email = models.EmailField(_("surel"), blank=True)
    # Nomor Induk Kependudukan: optional, validated (certificates/validators.py), shown in full
    # only to the candidate and the batch's trainers (selectors.nik_for).
    nik = models.CharField(_("NIK"), max_length=16, blank=True)
    education = models.CharField(_("pendidikan terakhir"), max_length=80, blank=True)
    track = models.CharField(_("jalur"), max_length=8, choices=Track.choices, default=Track.ADULT)
    cooperative = models.ForeignKey(
        "school_coops.Cooperative",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("koperasi sekolah di Kopsis"),
    )
    cooperative_name = models.CharField(_("nama koperasi"), max_length=200)
    cooperative_legal_number = models.CharField(
        _("nomor badan hukum koperasi"), max_length=80, blank=True
    )
    cooperative_role = models.CharField(_("jabatan di koperasi"), max_length=80)
    origin = models.CharField(
        _("asal pendaftaran"), max_length=8, choices=Origin.choices, default=Origin.APPLIED
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=CandidateStatus.choices,
        default=CandidateStatus.SUBMITTED,
    )
    review_reason = models.CharField(_("alasan"), max_length=500, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    training_done_at = models.DateTimeField(null=True, blank=True)
    written_score = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    written_passed = models.BooleanField(null=True)
    applied_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("peserta uji")
        verbose_name_plural = _("peserta uji")
        ordering = ["batch", "full_name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "user"], name="candidate_unique_per_batch"),
        ]
        indexes = [models.Index(fields=["batch", "status"])]

    def __str__(self) -> str:
        return f"{self.full_name} @ {self.batch}"


class SelfAssessment(models.Model):
    """APL-02-like: the candidate's own view of one unit ("saya kompeten")."""

    candidate = models.ForeignKey(
        Candidate, on_delete=models.CASCADE, related_name="self_assessments"
    )
    unit = models.ForeignKey(CompetencyUnit, on_delete=models.PROTECT, related_name="+")
    competent = models.BooleanField(_("saya kompeten"))
    note = models.CharField(_("keterangan bukti"), max_length=500, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["candidate", "unit"], name="self_assessment_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.candidate_id}/{self.unit_id}: {self.competent}"


class Evidence(models.Model):
    """An uploaded PDF or image (ijazah, training certificate, portfolio), stored privately."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="evidence")
    unit = models.ForeignKey(
        CompetencyUnit, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    path = models.CharField(max_length=255, blank=True)
    # Portfolio from real books: "the books of <cooperative>, period X-Y" instead of a file.
    books_coop = models.ForeignKey(
        "school_coops.Cooperative",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("pembukuan koperasi"),
    )
    books_from = models.DateField(_("periode dari"), null=True, blank=True)
    books_to = models.DateField(_("periode sampai"), null=True, blank=True)
    original_name = models.CharField(max_length=150)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["candidate", "uploaded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(~Q(path="") & Q(books_coop__isnull=True))
                | (
                    Q(path="")
                    & Q(books_coop__isnull=False)
                    & Q(books_from__isnull=False)
                    & Q(books_to__gte=models.F("books_from"))
                ),
                name="evidence_file_or_books",
            ),
        ]

    def __str__(self) -> str:
        return self.original_name

    @property
    def is_books(self) -> bool:
        return self.books_coop_id is not None
