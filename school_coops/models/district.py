"""What a cooperative owes its Dinas Koperasi: recognition (pengukuhan) and the annual data
collection (pendataan). docs/domain.md "Pengukuhan" and "Pendataan"."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lms.fields import MoneyField
from school_coops.models.cooperative import Cooperative, CoopStatus


class SubmissionStatus(models.TextChoices):
    SUBMITTED = "diajukan", _("Diajukan")
    RETURNED = "dikembalikan", _("Dikembalikan")
    RECOGNISED = "dikukuhkan", _("Dikukuhkan")


class RecognitionSubmission(models.Model):
    """One submission of a founded coop to its district office; a returned one stays as it
    was and the resubmission is a new row, so every reason the dinas gave is kept."""

    Status = SubmissionStatus

    coop = models.ForeignKey(
        Cooperative, on_delete=models.PROTECT, related_name="recognition_submissions"
    )
    # The coop's region when submitted: the queue and the number's uniqueness are per region.
    region = models.ForeignKey("schools.Region", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        max_length=14, choices=SubmissionStatus.choices, default=SubmissionStatus.SUBMITTED
    )
    note = models.TextField(_("catatan guru pembina"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    return_reason = models.TextField(_("alasan dikembalikan"), blank=True)
    nomor_pengukuhan = models.CharField(_("nomor pengukuhan"), max_length=80, blank=True)
    recognised_on = models.DateField(_("tanggal pengukuhan"), null=True, blank=True)

    class Meta:
        verbose_name = _("pengajuan pengukuhan")
        verbose_name_plural = _("pengajuan pengukuhan")
        ordering = ["submitted_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["coop"],
                condition=Q(status__in=["diajukan", "dikukuhkan"]),
                name="recognition_one_open_or_recognised_per_coop",
            ),
            models.UniqueConstraint(
                fields=["region", "nomor_pengukuhan"],
                condition=~Q(nomor_pengukuhan=""),
                name="recognition_number_unique_per_region",
            ),
            models.CheckConstraint(
                condition=~Q(status="dikukuhkan")
                | (~Q(nomor_pengukuhan="") & Q(recognised_on__isnull=False)),
                name="recognition_recognised_has_number_and_date",
            ),
            models.CheckConstraint(
                condition=~Q(status="dikembalikan") | ~Q(return_reason=""),
                name="recognition_returned_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"Pengukuhan {self.coop} #{self.pk}"


def recognition_upload_path(instance: RecognitionAttachment, filename: str) -> str:
    return f"recognition/{instance.submission_id}/{filename}"


class RecognitionAttachment(models.Model):
    """An optional scanned paper (the signed berita acara, the AD with meterai) on private
    storage; the content is checked by lms/uploads.py before it is stored."""

    submission = models.ForeignKey(
        RecognitionSubmission, on_delete=models.CASCADE, related_name="attachments"
    )
    title = models.CharField(_("nama dokumen"), max_length=120)
    file_path = models.CharField(max_length=200)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.title


class StatusEvent(models.TextChoices):
    FOUNDED = "didirikan", _("Didirikan")
    SUBMITTED = "diajukan", _("Diajukan untuk pengukuhan")
    RETURNED = "dikembalikan", _("Dikembalikan dinas")
    RECOGNISED = "dikukuhkan", _("Dikukuhkan")
    MIGRATED = "data_lama", _("Data sebelum riwayat status")


class AppendOnlyError(Exception):
    pass


class CoopStatusChange(models.Model):
    """Append-only status history (who, when, from, to, why); rows are never edited."""

    coop = models.ForeignKey(Cooperative, on_delete=models.PROTECT, related_name="status_changes")
    event = models.CharField(max_length=12, choices=StatusEvent.choices)
    from_status = models.CharField(max_length=20, choices=CoopStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=CoopStatus.choices)
    reason = models.TextField(blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("riwayat status koperasi")
        verbose_name_plural = _("riwayat status koperasi")
        ordering = ["coop", "changed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.coop}: {self.from_status} → {self.to_status}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise AppendOnlyError("status history rows are never changed")
        super().save(*args, **kwargs)

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("status history rows are never deleted")


class AnnualReport(models.Model):
    """Pendataan: one cooperative's indicators for one year, as reported to the dinas.

    `prefilled` keeps what Kopsis computed from the books and RAT records when the form was
    first opened; the columns hold what the guru pembina reported. A correction therefore
    always has the prefilled value beside it (docs/domain.md "Pendataan")."""

    coop = models.ForeignKey(Cooperative, on_delete=models.PROTECT, related_name="annual_reports")
    year = models.PositiveSmallIntegerField(_("tahun pendataan"))
    prefilled = models.JSONField(default=dict)
    is_active = models.BooleanField(_("koperasi aktif"), default=True)
    rat_held = models.BooleanField(_("RAT dilaksanakan"), default=False)
    rat_date = models.DateField(_("tanggal RAT"), null=True, blank=True)
    members_male = models.PositiveIntegerField(_("anggota laki-laki"), default=0)
    members_female = models.PositiveIntegerField(_("anggota perempuan"), default=0)
    members_unknown = models.PositiveIntegerField(
        _("anggota (jenis kelamin tidak tercatat)"), default=0
    )
    officers = models.PositiveIntegerField(_("jumlah pengurus"), default=0)
    supervisors = models.PositiveIntegerField(_("jumlah pengawas"), default=0)
    employees = models.PositiveIntegerField(_("jumlah karyawan"), default=0)
    own_capital = MoneyField(_("modal sendiri"), default=0)
    outside_capital = MoneyField(_("modal luar"), default=0)
    assets = MoneyField(_("aset"), default=0)
    business_volume = MoneyField(_("volume usaha"), default=0)
    shu = MoneyField(_("SHU"), default=0)
    nik = models.CharField(_("nomor induk koperasi (NIK)"), max_length=40, blank=True)
    legal_number = models.CharField(_("nomor badan hukum/pengukuhan"), max_length=80, blank=True)
    coop_type = models.CharField(_("jenis koperasi"), max_length=60, blank=True)
    coop_group = models.CharField(_("kelompok koperasi"), max_length=60, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pendataan koperasi")
        verbose_name_plural = _("pendataan koperasi")
        ordering = ["coop", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["coop", "year"], name="annual_report_one_per_year"),
        ]

    def __str__(self) -> str:
        return f"Pendataan {self.coop} {self.year}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


class PendataanReminder(models.Model):
    """A reminder the dinas sent for a year; the guru pembina's dashboard card shows it."""

    coop = models.ForeignKey(Cooperative, on_delete=models.CASCADE, related_name="reminders")
    year = models.PositiveSmallIntegerField()
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    sent_at = models.DateTimeField(auto_now_add=True)
    emails = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return f"Pengingat {self.coop} {self.year}"


class CoopFactsRow(models.Model):
    """A cooperative's facts as the last district refresh computed them (a materialised row
    of `school_coops.selectors.district.coop_facts()`): the dinas' list and its export read
    these rows, filtered and paginated in SQL, so a province of thousands of cooperatives
    answers in a constant number of queries. Written only by `coop_facts_store()`, in the
    same transaction as the district snapshot (lms/district.py `refresh()`)."""

    coop = models.OneToOneField(
        Cooperative, on_delete=models.CASCADE, primary_key=True, related_name="district_facts"
    )
    region = models.ForeignKey("schools.Region", on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=24, choices=CoopStatus.choices)
    rat_year = models.PositiveSmallIntegerField()
    rat_due = models.BooleanField()
    rat_held = models.BooleanField()
    rat_on_time = models.BooleanField()
    rat_overdue = models.BooleanField()
    books_recent = models.BooleanField()
    members = models.PositiveIntegerField()
    members_year_ago = models.PositiveIntegerField()
    health_score = models.PositiveSmallIntegerField()
    health = models.CharField(max_length=10)
    refreshed_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["region", "status"])]

    def __str__(self) -> str:
        return f"Fakta {self.coop_id}"

    @property
    def members_growing(self) -> bool:
        return self.members > self.members_year_ago

    @property
    def health_label(self) -> str:
        from school_coops.selectors.district import HEALTH_CHOICES

        return str(dict(HEALTH_CHOICES)[self.health])
