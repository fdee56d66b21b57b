"""The founding workflow (docs/domain.md §2.1).

Resumable steps, each approved by the guru pembina."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lms.fields import MoneyField
from school_coops.models.cooperative import Cooperative, PositionRole


class FoundingStep(models.IntegerChoices):
    COMMITTEE = 1, _("Panitia pendiri")
    MEETING = 2, _("Rapat pembentukan dan daftar hadir")
    BYLAWS = 3, _("AD/ART")
    ELECTION = 4, _("Pemilihan pengurus dan pengawas")
    MEMBERS = 5, _("Anggota pertama dan neraca awal")
    DONE = 6, _("Selesai")


class FoundingProcess(models.Model):
    coop = models.OneToOneField(Cooperative, on_delete=models.PROTECT, related_name="founding")
    step = models.PositiveSmallIntegerField(
        choices=FoundingStep.choices, default=FoundingStep.COMMITTEE
    )
    # Step 1
    committee = models.TextField(_("panitia pendiri"), blank=True)
    initiators = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", blank=True)
    # Step 2
    meeting_date = models.DateField(_("tanggal rapat"), null=True, blank=True)
    meeting_place = models.CharField(_("tempat rapat"), max_length=150, blank=True)
    agenda = models.TextField(_("acara rapat"), blank=True)
    guests = models.TextField(_("undangan yang hadir"), blank=True)
    chair_name = models.CharField(_("pimpinan rapat"), max_length=150, blank=True)
    secretary_name = models.CharField(_("notulis"), max_length=150, blank=True)
    attendees = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", blank=True)
    # Step 5: teachers and staff who found the coop with the students (docs/domain.md §2.2)
    staff_founders = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="+",
        blank=True,
        verbose_name=_("pendiri guru/karyawan"),
    )
    opening_grant = MoneyField(default=0)
    step_approvals = models.JSONField(default=dict)  # {"1": {"by": id, "at": iso}, …}
    completed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Pendirian {self.coop}"


class VoteChannel(models.TextChoices):
    """How a ballot reached the box: never typed by a classmate for someone else."""

    OWN_SESSION = "sesi-sendiri", _("Pemilih sendiri")
    CODE = "kode", _("Kode suara sekali pakai")
    SUPERVISOR = "guru-pembina", _("Dicatat guru pembina")


class FoundingVote(models.Model):
    """One member, one vote per office; recorded per voter so duplicates are impossible."""

    process = models.ForeignKey(FoundingProcess, on_delete=models.CASCADE, related_name="votes")
    role = models.CharField(max_length=16, choices=PositionRole.choices)
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    candidate = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    # Who entered the ballot (the voter, or the guru pembina); NULL only for votes recorded
    # before this was stored.
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    channel = models.CharField(max_length=16, choices=VoteChannel.choices, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["process", "role", "voter"], name="vote_one_per_voter"),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.voter_id} → {self.candidate_id}"


class BallotCode(models.Model):
    """The columns of a one-time ballot code, shared by the founding election and the RAT
    (services/ballots.py issues, claims and marks them). Only a hash is stored; the guru
    pembina sees the code once, when it is issued."""

    code_hash = models.CharField(max_length=64, unique=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    issued_at = models.DateTimeField(auto_now_add=True)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True


class FoundingBallotCode(BallotCode):
    """A one-time code for an attendee without a phone: they vote with it on any device."""

    process = models.ForeignKey(
        FoundingProcess, on_delete=models.CASCADE, related_name="ballot_codes"
    )
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["process", "voter"], name="ballot_code_one_per_voter"),
        ]

    def __str__(self) -> str:
        return f"Kode suara {self.voter_id}"
