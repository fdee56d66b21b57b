"""Assignments of a lesson: hand-in work graded by a teacher with a rubric.

One `Assignment` per lesson (optional). Students (or a `Team` of one classroom) hand in
`SubmissionVersion`s of a `Submission`; versions are never changed. A teacher writes one
`Grade` per submission with one `RubricScore` per criterion; a team's grade goes to each
member unless a `GradeOverride` names the member. Writes: courses/assignments.py.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from lms.storage import get_private_storage


class LatePolicy(models.TextChoices):
    ALLOW = "allow", _("Boleh terlambat (ditandai terlambat)")
    CLOSED = "closed", _("Ditutup setelah tenggat")


class WorkMode(models.TextChoices):
    INDIVIDUAL = "individual", _("Perorangan")
    GROUP = "group", _("Kelompok")


class HandInKind(models.TextChoices):
    TEXT = "text", _("Teks")
    FILE = "file", _("Berkas")
    LINK = "link", _("Tautan")
    WORKSHEET = "worksheet", _("Lembar kerja")


class WorksheetKind(models.TextChoices):
    CANVAS = "canvas", _("Kanvas model bisnis")
    PRICING = "pricing", _("Kalkulator harga")


class SubmissionStatus(models.TextChoices):
    HANDED_IN = "handed_in", _("Dikumpulkan")
    RETURNED = "returned", _("Dikembalikan untuk revisi")
    GRADED = "graded", _("Dinilai")


class Assignment(models.Model):
    lesson = models.OneToOneField(
        "courses.LessonPage", on_delete=models.CASCADE, related_name="assignment"
    )
    title = models.CharField(_("judul"), max_length=200)
    instructions = models.TextField(_("petunjuk"))
    due_at = models.DateTimeField(_("tenggat"))
    late_policy = models.CharField(
        _("keterlambatan"), max_length=6, choices=LatePolicy.choices, default=LatePolicy.ALLOW
    )
    mode = models.CharField(
        _("pengerjaan"), max_length=10, choices=WorkMode.choices, default=WorkMode.INDIVIDUAL
    )
    hand_in = models.CharField(
        _("yang dikumpulkan"), max_length=9, choices=HandInKind.choices, default=HandInKind.TEXT
    )
    worksheet_kind = models.CharField(
        _("jenis lembar kerja"), max_length=10, choices=WorksheetKind.choices, blank=True
    )
    is_business_plan = models.BooleanField(
        _("rencana usaha"), default=False, help_text=_("Guru dapat menyetujui hasil tugas ini.")
    )

    panels = [
        FieldPanel("lesson"),
        FieldPanel("title"),
        FieldPanel("instructions"),
        FieldPanel("due_at"),
        FieldPanel("late_policy"),
        FieldPanel("mode"),
        FieldPanel("hand_in"),
        FieldPanel("worksheet_kind"),
        FieldPanel("is_business_plan"),
    ]

    class Meta:
        verbose_name = _("tugas")
        verbose_name_plural = _("tugas")

    def __str__(self) -> str:
        return self.title

    @property
    def is_group(self) -> bool:
        return self.mode == WorkMode.GROUP

    @property
    def max_points(self) -> int:
        return sum(c.max_points for c in self.criteria.all())


class RubricCriterion(models.Model):
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("kriteria"), max_length=200)
    sort_order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    panels = [FieldPanel("assignment"), FieldPanel("name"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("kriteria rubrik")
        verbose_name_plural = _("kriteria rubrik")

    def __str__(self) -> str:
        return f"{self.assignment}: {self.name}"

    @property
    def max_points(self) -> int:
        return max((level.points for level in self.levels.all()), default=0)


class RubricLevel(models.Model):
    criterion = models.ForeignKey(RubricCriterion, on_delete=models.CASCADE, related_name="levels")
    label = models.CharField(_("tingkat"), max_length=100)
    points = models.PositiveSmallIntegerField(_("poin"))
    description = models.TextField(_("deskripsi"), blank=True)

    panels = [
        FieldPanel("criterion"),
        FieldPanel("label"),
        FieldPanel("points"),
        FieldPanel("description"),
    ]

    class Meta:
        ordering = ["points", "pk"]
        verbose_name = _("tingkat rubrik")
        verbose_name_plural = _("tingkat rubrik")

    def __str__(self) -> str:
        return f"{self.criterion.name}: {self.label} ({self.points})"


class Team(models.Model):
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="teams")
    classroom = models.ForeignKey("schools.Classroom", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("nama tim"), max_length=100)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("tim")
        verbose_name_plural = _("tim")
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "classroom", "name"], name="team_name_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name


class TeamMember(models.Model):
    """A student is in at most one team per assignment (the constraint says so)."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="members")
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="+")
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "student"], name="team_member_one_per_assignment"
            )
        ]

    def __str__(self) -> str:
        return f"{self.team_id}/{self.student_id}"


class Submission(models.Model):
    """The work of one student (individual) or one team (group) on an assignment."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="submissions")
    classroom = models.ForeignKey("schools.Classroom", on_delete=models.CASCADE, related_name="+")
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, related_name="+"
    )
    team = models.OneToOneField(
        Team, on_delete=models.CASCADE, null=True, related_name="submission"
    )
    status = models.CharField(
        max_length=9, choices=SubmissionStatus.choices, default=SubmissionStatus.HANDED_IN
    )
    is_late = models.BooleanField(default=False)
    reopened = models.BooleanField(default=False)  # returned for revision: open past the due date
    last_submitted_at = models.DateTimeField()
    return_comment = models.TextField(blank=True)  # the teacher's note when returned

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "student"],
                condition=models.Q(student__isnull=False),
                name="submission_one_per_student",
            ),
            models.CheckConstraint(
                condition=models.Q(student__isnull=True) ^ models.Q(team__isnull=True),
                name="submission_student_xor_team",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assignment_id}/{self.student_id or self.team_id}"


class SubmissionVersion(models.Model):
    """One hand-in; never changed once written."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField()
    is_late = models.BooleanField(default=False)
    text = models.TextField(blank=True)
    link = models.URLField(blank=True, max_length=500)
    # Private storage: streamed only by courses:assignment-file after a permission check.
    file = models.FileField(
        upload_to="assignments/%Y/%m/", storage=get_private_storage, blank=True, max_length=200
    )
    worksheet = models.JSONField(null=True, blank=True)  # hook: canvas / pricing payload
    summary = models.TextField(blank=True)  # the worksheet rendered as text

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["submission", "number"], name="version_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.submission_id} v{self.number}"

    @property
    def file_label(self) -> str:
        """The uploaded file's own name, without the storage folders."""
        return (self.file.name or "").rsplit("/", 1)[-1]


class Grade(models.Model):
    submission = models.OneToOneField(Submission, on_delete=models.CASCADE, related_name="grade")
    points = models.PositiveSmallIntegerField()
    max_points = models.PositiveSmallIntegerField()
    comment = models.TextField(blank=True)
    approved = models.BooleanField(default=False)  # a business plan approved by the teacher
    graded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    graded_at = models.DateTimeField()
    version = models.PositiveIntegerField(default=1)  # optimistic lock for concurrent grading

    def __str__(self) -> str:
        return f"{self.points}/{self.max_points}"


class RubricScore(models.Model):
    grade = models.ForeignKey(Grade, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(RubricCriterion, on_delete=models.CASCADE, related_name="+")
    level = models.ForeignKey(RubricLevel, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["grade", "criterion"], name="rubric_score_unique")
        ]

    def __str__(self) -> str:
        return f"{self.grade_id}/{self.criterion_id}"


class GradeOverride(models.Model):
    """A team member's own points instead of the team's grade."""

    grade = models.ForeignKey(Grade, on_delete=models.CASCADE, related_name="overrides")
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    points = models.PositiveSmallIntegerField()
    comment = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["grade", "student"], name="grade_override_unique")
        ]

    def __str__(self) -> str:
        return f"{self.student_id}: {self.points}"
