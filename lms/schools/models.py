"""Places: regions, schools, classrooms and the enrolment of students.

Rows look alike by design: field declarations, `TextChoices` and `Meta` constraints of
different tables; `duplicates` pairs them by shape (docs/architecture.md §7).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lms.jobs import FileJobRow
from lms.schools.validators import validate_npsn


class Region(models.Model):
    """A kabupaten/kota inside a province: the area a Dinas Koperasi serves."""

    province = models.CharField(_("provinsi"), max_length=80)
    name = models.CharField(_("kabupaten/kota"), max_length=80)
    code = models.CharField(_("kode wilayah"), max_length=10, unique=True)

    class Meta:
        verbose_name = _("wilayah")
        verbose_name_plural = _("wilayah")
        ordering = ["province", "name"]

    def __str__(self) -> str:
        return f"{self.name}, {self.province}"


class School(models.Model):
    class Level(models.TextChoices):
        SMP = "SMP", "SMP"
        MTS = "MTs", "MTs"
        SMA = "SMA", "SMA"
        SMK = "SMK", "SMK"
        MA = "MA", "MA"

    npsn = models.CharField(_("NPSN"), max_length=8, unique=True, validators=[validate_npsn])
    name = models.CharField(_("nama sekolah"), max_length=150)
    level = models.CharField(_("jenjang"), max_length=3, choices=Level.choices)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="schools")
    kecamatan = models.CharField(_("kecamatan"), max_length=80, blank=True)

    class Meta:
        verbose_name = _("sekolah")
        verbose_name_plural = _("sekolah")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Classroom(models.Model):
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="classrooms")
    name = models.CharField(_("nama kelas"), max_length=40)
    grade = models.PositiveSmallIntegerField(_("tingkat"))
    academic_year = models.CharField(_("tahun ajaran"), max_length=9, help_text="2026/2027")
    teachers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="taught_classrooms", blank=True
    )
    students = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Enrolment", related_name="classrooms", blank=True
    )

    class Meta:
        verbose_name = _("kelas")
        verbose_name_plural = _("kelas")
        ordering = ["grade", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "name", "academic_year"], name="classroom_unique_name"
            ),
            models.CheckConstraint(
                condition=models.Q(grade__gte=1, grade__lte=12), name="classroom_grade_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.academic_year})"


class Enrolment(models.Model):
    classroom = models.ForeignKey(Classroom, on_delete=models.CASCADE, related_name="enrolments")
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments"
    )
    enrolled_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("keanggotaan kelas")
        verbose_name_plural = _("keanggotaan kelas")
        constraints = [
            models.UniqueConstraint(fields=["classroom", "student"], name="enrolment_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.student} @ {self.classroom}"


class LoginCardBatch(FileJobRow):
    """A PDF of login cards rendered by Celery (a file job, lms/jobs.py); the page polls it."""

    classroom = models.ForeignKey(Classroom, on_delete=models.CASCADE, related_name="card_batches")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    students = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+")
    # The site's address when the cards were asked for (SITE_BASE_URL or the request's host).
    base_url = models.CharField(max_length=200, blank=True)
    done_count = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"login cards #{self.pk} ({self.classroom})"

    @property
    def percent(self) -> int:
        return int(100 * self.done_count / self.total) if self.total else 0


class NisnClaim(models.Model):
    """A NISN a school entered for a new student while another account already holds it.

    The import never tells a teacher that a NISN exists elsewhere (that would reveal a child's
    enrolment at another school): the student is created without the NISN and this claim is
    left for an administrator to resolve (a transfer between schools, or a typing mistake).
    """

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="nisn_claims")
    student = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="nisn_claim"
    )
    nisn = models.CharField(_("NISN"), max_length=10)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("NISN menunggu pemeriksaan")
        verbose_name_plural = _("NISN menunggu pemeriksaan")
        constraints = [
            models.UniqueConstraint(fields=["school", "nisn"], name="nisn_claim_unique_per_school")
        ]

    def __str__(self) -> str:
        return f"{self.nisn} ({self.school})"


class DistrictFigure(models.Model):
    """One precomputed indicator or chart of a district scope (lms/district.py).

    `scope_key` is "region:<pk>" or "province:<name>"; the refresh job replaces a scope's rows
    in one transaction, so the pages read a consistent set and never aggregate per request.
    Holds counts and sums only, never a person."""

    scope_key = models.CharField(max_length=100)
    kind = models.CharField(max_length=10)  # "indicator" | "chart"
    key = models.CharField(max_length=60)
    position = models.PositiveIntegerField(default=0)
    data = models.JSONField(default=dict)
    refreshed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["scope_key", "kind", "key"], name="district_figure_unique"
            ),
        ]
        indexes = [models.Index(fields=["scope_key", "kind", "position"])]

    def __str__(self) -> str:
        return f"{self.scope_key} {self.key}"


class DistrictReport(FileJobRow):
    """The PDF report to the head of the district (lms/schools/district_report.py), a file job
    of lms/jobs.py rendered by Celery; the page polls it. Own reports only."""

    scope_key = models.CharField(max_length=100)
    scope_label = models.CharField(max_length=150)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    done_count = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"district report #{self.pk} ({self.scope_label})"

    @property
    def percent(self) -> int:
        return int(100 * self.done_count / self.total) if self.total else 0
