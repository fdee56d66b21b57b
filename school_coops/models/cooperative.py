"""The cooperative, its effective-dated bylaws, its members and its officers."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.fields import MoneyField


class LegalStatus(models.TextChoices):
    NOT_LEGAL_ENTITY = "tidak_berbadan_hukum", _("Tidak berbadan hukum (dikukuhkan dinas)")
    LEGAL_ENTITY = "berbadan_hukum", _("Berbadan hukum")


class CoopStatus(models.TextChoices):
    FOUNDING = "rintisan", _("Rintisan")
    # Founded, not yet recognised (dikukuhkan) by the dinas: docs/domain.md "Pengukuhan".
    AWAITING_RECOGNITION = "menunggu_pengukuhan", _("Menunggu pengukuhan")
    ACTIVE = "aktif", _("Aktif")
    INACTIVE = "tidak_aktif", _("Tidak aktif")


class Cooperative(models.Model):
    school = models.ForeignKey(
        "schools.School", on_delete=models.PROTECT, related_name="cooperatives"
    )
    name = models.CharField(_("nama koperasi"), max_length=120)
    slug = models.SlugField(max_length=80, unique=True)
    legal_status = models.CharField(
        _("status hukum"),
        max_length=24,
        choices=LegalStatus.choices,
        default=LegalStatus.NOT_LEGAL_ENTITY,
    )
    nomor_pengukuhan = models.CharField(_("nomor pengukuhan"), max_length=80, blank=True)
    nomor_badan_hukum = models.CharField(_("nomor badan hukum"), max_length=80, blank=True)
    fiscal_year_start_month = models.PositiveSmallIntegerField(
        _("awal tahun buku (bulan)"), default=1
    )
    supervisors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="supervised_coops", verbose_name=_("guru pembina")
    )
    founded_on = models.DateField(_("tanggal berdiri"), null=True, blank=True)
    last_rat_on = models.DateField(_("RAT terakhir"), null=True, blank=True)
    # Set by recognition_decide() (or at registration of a kopsis recognised before Kopsis).
    recognised_on = models.DateField(_("tanggal pengukuhan"), null=True, blank=True)
    # A setting, not a constant (docs/domain.md §6.3): districts count 2 or 3 years.
    inactive_after_missed_rat_years = models.PositiveSmallIntegerField(default=3)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("koperasi sekolah")
        verbose_name_plural = _("koperasi sekolah")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(fiscal_year_start_month__gte=1, fiscal_year_start_month__lte=12),
                name="coop_fiscal_month_range",
            ),
            models.CheckConstraint(
                condition=~Q(legal_status="berbadan_hukum") | ~Q(nomor_badan_hukum=""),
                name="coop_legal_entity_has_number",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def status_on(self, day: datetime.date) -> str:
        """rintisan until founded; menunggu pengukuhan until the dinas recognises it (or the
        day before); then tidak aktif when no RAT within the configured years."""
        return self.status_with_rat(day, self.last_rat_on)

    def status_with_rat(self, day: datetime.date, last_rat_on: datetime.date | None) -> str:
        """status_on() with the last RAT held on or before `day` given (a past year's status)."""
        if self.founded_on is None or day < self.founded_on:
            return CoopStatus.FOUNDING
        if self.recognised_on is None or day < self.recognised_on:
            return CoopStatus.AWAITING_RECOGNITION
        reference = last_rat_on or self.founded_on
        years = self.inactive_after_missed_rat_years
        try:
            limit = reference.replace(year=reference.year + years)
        except ValueError:  # 29 February
            limit = reference.replace(year=reference.year + years, day=28)
        return CoopStatus.ACTIVE if day <= limit else CoopStatus.INACTIVE

    @property
    def status(self) -> str:
        return self.status_on(timezone.localdate())

    def get_status_display(self) -> str:
        return str(CoopStatus(self.status).label)


class ShuRounding(models.TextChoices):
    LARGEST_REMAINDER = "sisa_terbesar", _("Rupiah utuh, sisa terbesar (jumlah = pos)")
    FLOOR_TO_RESERVE = "bulat_bawah", _("Dibulatkan ke bawah, selisih ke cadangan")


class BylawVersion(models.Model):
    """AD/ART values that a RAT may change: versioned and effective-dated, never edited."""

    class WajibPeriod(models.TextChoices):
        MONTHLY = "bulanan", _("Bulanan")

    coop = models.ForeignKey(Cooperative, on_delete=models.PROTECT, related_name="bylaws")
    version = models.PositiveIntegerField()
    effective_from = models.DateField(_("berlaku sejak"))
    simpanan_pokok_amount = MoneyField(_("simpanan pokok"))
    simpanan_wajib_amount = MoneyField(_("simpanan wajib"))
    wajib_period = models.CharField(
        max_length=10, choices=WajibPeriod.choices, default=WajibPeriod.MONTHLY
    )
    membership_categories = models.JSONField(default=list)
    quorum_percent = models.PositiveSmallIntegerField(_("kuorum (% anggota hadir)"), default=51)
    term_years = models.PositiveSmallIntegerField(_("masa jabatan (tahun)"), default=1)
    founding_min_students = models.PositiveSmallIntegerField(default=20)
    founding_min_per_class = models.PositiveSmallIntegerField(default=2)
    ad_art_text = models.TextField(_("teks AD/ART"), blank=True)
    # docs/domain.md §3.3: no regulation fixes the rounding, so the AD picks one and the CALK
    # states it.
    rounding_rule = models.CharField(
        _("pembulatan SHU anggota"),
        max_length=16,
        choices=ShuRounding.choices,
        default=ShuRounding.LARGEST_REMAINDER,
    )
    # UU 25/1992 Pasal 45: SHU earned from non-members does not go back to members.
    nonmember_shu_to_reserve = models.BooleanField(
        _("SHU dari non-anggota masuk cadangan"), default=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["coop", "-effective_from", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["coop", "version"], name="bylaw_unique_version"),
            models.CheckConstraint(
                condition=Q(simpanan_pokok_amount__gte=0, simpanan_wajib_amount__gte=0),
                name="bylaw_amounts_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.coop} AD/ART v{self.version}"

    def allocation_total(self) -> Decimal:
        return sum((a.percent for a in self.shu_allocations.all()), Decimal(0))


class ShuAllocation(models.Model):
    class Bucket(models.TextChoices):
        CADANGAN = "cadangan", _("Cadangan")
        JASA_MODAL = "jasa_modal", _("Jasa modal anggota")
        JASA_USAHA = "jasa_usaha", _("Jasa usaha anggota")
        PENGURUS = "pengurus", _("Dana pengurus")
        KARYAWAN = "karyawan", _("Dana karyawan")
        PENDIDIKAN = "pendidikan", _("Dana pendidikan")
        SOSIAL = "sosial", _("Dana sosial")
        PEMBANGUNAN = "pembangunan", _("Dana pembangunan sekolah/daerah kerja")

    bylaw = models.ForeignKey(
        BylawVersion, on_delete=models.CASCADE, related_name="shu_allocations"
    )
    bucket = models.CharField(max_length=20, choices=Bucket.choices)
    percent = models.DecimalField(max_digits=5, decimal_places=2)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["bylaw", "bucket"], name="shu_allocation_unique"),
            models.CheckConstraint(
                condition=Q(percent__gte=0, percent__lte=100), name="shu_allocation_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_bucket_display()} {self.percent}%"


class MembershipCategory(models.TextChoices):
    STUDENT = "siswa", _("Siswa")
    TEACHER = "guru", _("Guru")
    STAFF = "karyawan", _("Karyawan")


class Membership(models.Model):
    Category = MembershipCategory

    class Status(models.TextChoices):
        APPLIED = "diajukan", _("Mengajukan")
        ACTIVE = "aktif", _("Aktif")
        REJECTED = "ditolak", _("Ditolak")
        ENDED = "berakhir", _("Berakhir")

    class EndReason(models.TextChoices):
        GRADUATED = "lulus", _("Lulus")
        MOVED = "pindah", _("Pindah sekolah")
        RESIGNED = "keluar", _("Mengundurkan diri")
        DIED = "meninggal", _("Meninggal dunia")
        EXPELLED = "diberhentikan", _("Diberhentikan")

    coop = models.ForeignKey(Cooperative, on_delete=models.PROTECT, related_name="memberships")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="coop_memberships"
    )
    category = models.CharField(_("kategori"), max_length=10, choices=MembershipCategory.choices)
    number = models.CharField(_("nomor anggota"), max_length=20, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.APPLIED)
    bylaw = models.ForeignKey(BylawVersion, on_delete=models.PROTECT, related_name="+", null=True)
    applied_at = models.DateTimeField(auto_now_add=True)
    joined_on = models.DateField(_("tanggal masuk"), null=True, blank=True)
    ended_on = models.DateField(_("tanggal keluar"), null=True, blank=True)
    end_reason = models.CharField(max_length=16, choices=EndReason.choices, blank=True)
    is_founder = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("keanggotaan")
        verbose_name_plural = _("keanggotaan")
        ordering = ["coop", "number", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["coop", "member"],
                condition=Q(status__in=["diajukan", "aktif"]),
                name="membership_one_open_per_member",
            ),
            models.UniqueConstraint(
                fields=["coop", "number"], condition=~Q(number=""), name="membership_number_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} ({self.coop})"

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE


class PositionRole(models.TextChoices):
    KETUA = "ketua", _("Ketua")
    WAKIL_KETUA = "wakil_ketua", _("Wakil ketua")
    SEKRETARIS = "sekretaris", _("Sekretaris")
    BENDAHARA = "bendahara", _("Bendahara")
    PENGAWAS = "pengawas", _("Pengawas")


# Roles one person may not hold together (the pengawas supervises the pengurus).
INCOMPATIBLE_ROLES = {
    frozenset({PositionRole.BENDAHARA, PositionRole.PENGAWAS}),
    frozenset({PositionRole.KETUA, PositionRole.PENGAWAS}),
    frozenset({PositionRole.SEKRETARIS, PositionRole.PENGAWAS}),
    frozenset({PositionRole.WAKIL_KETUA, PositionRole.PENGAWAS}),
}
RECORDING_ROLES = {PositionRole.KETUA, PositionRole.BENDAHARA}


class Position(models.Model):
    coop = models.ForeignKey(Cooperative, on_delete=models.PROTECT, related_name="positions")
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="positions")
    role = models.CharField(_("jabatan"), max_length=16, choices=PositionRole.choices)
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    elected_votes = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["coop", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["membership", "role"],
                condition=Q(ended_on__isnull=True),
                name="position_one_current_role_per_member",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.membership.member}"
