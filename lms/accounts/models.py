"""People: the user model, scoped roles, guardianship and the guardian-consent ledger.

Rows look alike by design: field declarations, `TextChoices` and `Meta` constraints of
different tables; `duplicates` pairs them by shape (docs/architecture.md §7).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lms.schools.validators import validate_nisn


class Role(models.TextChoices):
    STUDENT = "student", _("Siswa")
    TEACHER = "teacher", _("Guru pembina")
    TRAINER = "trainer", _("Pelatih dinas")
    ASSESSOR = "assessor", _("Asesor")
    DINAS = "dinas", _("Staf dinas")
    EDITOR = "editor", _("Editor konten")
    GUARDIAN = "guardian", _("Orang tua/wali")


class Sex(models.TextChoices):
    """Optional: counted in the dinas's pendataan (members by sex); blank = not recorded."""

    MALE = "L", _("Laki-laki")
    FEMALE = "P", _("Perempuan")


class User(AbstractUser):
    """Username login; students have no e-mail. `full_name` replaces first/last name."""

    full_name = models.CharField(_("nama lengkap"), max_length=150)
    nisn = models.CharField(
        _("NISN"), max_length=10, blank=True, null=True, unique=True, validators=[validate_nisn]
    )
    birth_year = models.PositiveSmallIntegerField(_("tahun lahir"), null=True, blank=True)
    sex = models.CharField(_("jenis kelamin"), max_length=1, choices=Sex.choices, blank=True)
    must_change_password = models.BooleanField(_("wajib ganti kata sandi"), default=False)

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")

    def __str__(self) -> str:
        return self.full_name or self.username

    def get_full_name(self) -> str:
        return self.full_name or self.username

    def has_role(self, role: str) -> bool:
        # Roles are read often per request; cache them on the instance.
        if not hasattr(self, "_role_cache"):
            self._role_cache = set(self.role_assignments.values_list("role", flat=True))
        return role in self._role_cache

    @property
    def is_student(self) -> bool:
        return self.has_role(Role.STUDENT)


class RoleAssignment(models.Model):
    """A role a person holds, scoped to a school (teacher, student) or a region (dinas staff)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("peran"), max_length=16, choices=Role.choices)
    school = models.ForeignKey(
        "schools.School", on_delete=models.CASCADE, null=True, blank=True, related_name="roles"
    )
    region = models.ForeignKey(
        "schools.Region", on_delete=models.CASCADE, null=True, blank=True, related_name="roles"
    )
    # Province-wide dinas staff: every region whose Region.province equals this (lms/district.py).
    province = models.CharField(_("provinsi"), max_length=80, blank=True)

    class Meta:
        verbose_name = _("penugasan peran")
        verbose_name_plural = _("penugasan peran")
        constraints = [
            # Three partial constraints: SQLite cannot treat NULLs as equal in one.
            models.UniqueConstraint(
                fields=["user", "role", "school"],
                condition=Q(school__isnull=False),
                name="role_unique_school",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "region"],
                condition=Q(region__isnull=False),
                name="role_unique_region",
            ),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(school__isnull=True, region__isnull=True),
                name="role_unique_global",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}"


class Guardianship(models.Model):
    guardian = models.ForeignKey(User, on_delete=models.CASCADE, related_name="wards")
    student = models.ForeignKey(User, on_delete=models.CASCADE, related_name="guardians")
    relation = models.CharField(_("hubungan"), max_length=40)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["guardian", "student"], name="guardianship_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.guardian} ({self.relation}) – {self.student}"


class ConsentPurpose(models.TextChoices):
    LEARNING = "learning", _("Pembelajaran (kemajuan belajar dan kuis)")
    COOPERATIVE = "cooperative", _("Koperasi sekolah (keanggotaan dan simpanan)")


class ConsentRecord(models.Model):
    """Append-only consent ledger (UU PDP Pasal 25): a grant or a withdrawal, never edited."""

    class Action(models.TextChoices):
        GRANT = "grant", _("Memberi persetujuan")
        WITHDRAW = "withdraw", _("Menarik persetujuan")

    class Method(models.TextChoices):
        PAPER = "paper", _("Formulir kertas bertanda tangan")
        ONLINE = "online", _("Daring oleh wali")

    student = models.ForeignKey(User, on_delete=models.PROTECT, related_name="consent_records")
    purpose = models.CharField(_("tujuan"), max_length=20, choices=ConsentPurpose.choices)
    action = models.CharField(_("tindakan"), max_length=10, choices=Action.choices)
    guardian_name = models.CharField(_("nama orang tua/wali"), max_length=150)
    guardian_relation = models.CharField(_("hubungan"), max_length=40)
    method = models.CharField(_("cara"), max_length=10, choices=Method.choices)
    evidence = models.CharField(_("bukti"), max_length=200, blank=True)
    notice_version = models.CharField(_("versi pemberitahuan"), max_length=20)
    language = models.CharField(max_length=5, default="id")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("catatan persetujuan")
        verbose_name_plural = _("catatan persetujuan")
        ordering = ["-recorded_at", "-pk"]
        indexes = [models.Index(fields=["student", "purpose", "-recorded_at"])]

    def __str__(self) -> str:
        return f"{self.student} · {self.purpose} · {self.action}"


class InitialPassword(models.Model):
    """A one-time password printed on a login card; removed when the student sets their own."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="initial_password")
    password = models.CharField(max_length=32)
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.CheckConstraint(condition=~Q(password=""), name="initial_pw_set")]

    def __str__(self) -> str:
        return f"one-time password of {self.user}"
