"""The Rapat Anggota Tahunan as a meeting (docs/domain.md "RAT"): agenda, invitations and
attendance, motions voted on by the members, and the decisions they produced.

`RatRecord` (governance.py) stays the one fact "the RAT of tahun buku Y was held on D"; a
meeting creates it when it closes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lms.fields import MoneyField
from school_coops.models.cooperative import BylawVersion, Cooperative, Membership
from school_coops.models.founding import BallotCode, VoteChannel
from school_coops.models.governance import RatRecord


class RatStatus(models.TextChoices):
    SCHEDULED = "dijadwalkan", _("Dijadwalkan")
    IN_PROGRESS = "berlangsung", _("Sedang berlangsung")
    CLOSED = "selesai", _("Selesai")


class RatMeeting(models.Model):
    """The RAT of one tahun buku: invitations go out when it is scheduled."""

    coop = models.ForeignKey(Cooperative, on_delete=models.PROTECT, related_name="rat_meetings")
    fiscal_year = models.PositiveSmallIntegerField(_("tahun buku"))
    scheduled_on = models.DateField(_("tanggal rencana"))
    place = models.CharField(_("tempat"), max_length=150, blank=True)
    status = models.CharField(max_length=12, choices=RatStatus.choices, default=RatStatus.SCHEDULED)
    held_on = models.DateField(_("tanggal RAT"), null=True, blank=True)
    # The bylaw version in effect on the meeting day and the quorum it set, stored as used.
    bylaw = models.ForeignKey(
        BylawVersion, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    quorum_percent = models.PositiveSmallIntegerField(null=True, blank=True)
    chair_name = models.CharField(_("pimpinan rapat"), max_length=150, blank=True)
    secretary_name = models.CharField(_("notulis"), max_length=150, blank=True)
    minutes = models.TextField(_("notulen"), blank=True)
    record = models.OneToOneField(
        RatRecord, on_delete=models.PROTECT, null=True, blank=True, related_name="meeting"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("rapat anggota tahunan")
        verbose_name_plural = _("rapat anggota tahunan")
        ordering = ["coop", "-fiscal_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["coop", "fiscal_year"], name="rat_meeting_one_per_year"
            ),
        ]

    def __str__(self) -> str:
        return f"RAT {self.coop} {self.fiscal_year}"


class RatAgendaItem(models.Model):
    meeting = models.ForeignKey(RatMeeting, on_delete=models.CASCADE, related_name="agenda")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(_("acara"), max_length=200)

    class Meta:
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "position"], name="rat_agenda_position"),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class RatInvitation(models.Model):
    """One invited member; `attended_at` set when the daftar hadir records them present."""

    meeting = models.ForeignKey(RatMeeting, on_delete=models.CASCADE, related_name="invitations")
    membership = models.ForeignKey(
        Membership, on_delete=models.PROTECT, related_name="rat_invitations"
    )
    invited_at = models.DateTimeField(auto_now_add=True)
    attended_at = models.DateTimeField(null=True, blank=True)
    attendance_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["meeting", "membership__number", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "membership"], name="rat_invitation_one_per_member"
            ),
        ]

    def __str__(self) -> str:
        return f"Undangan RAT {self.meeting_id}: {self.membership_id}"


class MotionKind(models.TextChoices):
    ACCOUNTABILITY = "lpj", _("Laporan pertanggungjawaban pengurus")
    SUPERVISION = "pengawas", _("Laporan hasil pengawasan")
    SHU = "shu", _("Pembagian SHU")
    WORK_PLAN = "rk-rapb", _("Rencana kerja dan RAPB")
    OTHER = "lain", _("Keputusan lain")


class MotionStatus(models.TextChoices):
    DRAFT = "draf", _("Belum dibuka")
    OPEN = "dibuka", _("Pemungutan suara dibuka")
    DECIDED = "diputuskan", _("Diputuskan")


class MotionResult(models.TextChoices):
    PASSED = "disetujui", _("Disetujui")
    REJECTED = "ditolak", _("Ditolak")


class RatMotion(models.Model):
    """A decision put to the vote; an SHU motion carries the allocation it proposes."""

    meeting = models.ForeignKey(RatMeeting, on_delete=models.CASCADE, related_name="motions")
    kind = models.CharField(_("jenis"), max_length=10, choices=MotionKind.choices)
    title = models.CharField(_("judul"), max_length=200)
    body = models.TextField(_("isi usulan"), blank=True)
    # SHU motions: the SHU total and [{"bucket", "percent", "amount"}] proposed, as computed.
    shu_total = MoneyField(null=True, blank=True)
    shu_allocation = models.JSONField(default=list, blank=True)
    status = models.CharField(
        max_length=12, choices=MotionStatus.choices, default=MotionStatus.DRAFT
    )
    opens_at = models.DateTimeField(null=True, blank=True)
    closes_at = models.DateTimeField(null=True, blank=True)
    result = models.CharField(max_length=10, choices=MotionResult.choices, blank=True)
    votes_yes = models.PositiveIntegerField(default=0)
    votes_no = models.PositiveIntegerField(default=0)
    votes_abstain = models.PositiveIntegerField(default=0)
    present_at_decision = models.PositiveIntegerField(default=0)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["meeting", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="diputuskan") | ~Q(result=""), name="rat_motion_decided_result"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class VoteChoice(models.TextChoices):
    YES = "setuju", _("Setuju")
    NO = "tidak-setuju", _("Tidak setuju")
    ABSTAIN = "abstain", _("Abstain")


class RatVote(models.Model):
    """One member, one vote per motion (the unique constraint backs the service's check)."""

    motion = models.ForeignKey(RatMotion, on_delete=models.CASCADE, related_name="votes")
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="rat_votes")
    choice = models.CharField(max_length=14, choices=VoteChoice.choices)
    channel = models.CharField(max_length=16, choices=VoteChannel.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["motion", "membership"], name="rat_vote_one_per_member"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.motion_id}: {self.membership_id} {self.choice}"


class RatBallotCode(BallotCode):
    """A one-time code for one motion, for a member without a phone (only the hash is kept)."""

    motion = models.ForeignKey(RatMotion, on_delete=models.CASCADE, related_name="ballot_codes")
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["motion", "membership"], name="rat_ballot_code_one_per_member"
            ),
        ]

    def __str__(self) -> str:
        return f"Kode suara RAT {self.membership_id}"
