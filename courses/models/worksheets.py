"""Worksheets that calculate: a team's (or a student's) business model canvas and price
calculator for one assignment, filled in together and saved as they go.

`Worksheet.data` is the current content, `version` counts its saves; every save also writes a
`WorksheetRevision` (who, when, the whole content after the save), the one version history.
Writes: courses/worksheets/services.py.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from courses.models.assignments import Assignment, Team, WorksheetKind


class Worksheet(models.Model):
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="worksheets")
    team = models.ForeignKey(Team, on_delete=models.CASCADE, null=True, related_name="worksheets")
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, related_name="+"
    )
    kind = models.CharField(_("jenis lembar kerja"), max_length=10, choices=WorksheetKind.choices)
    data = models.JSONField(default=dict)
    version = models.PositiveIntegerField(default=0)  # optimistic lock: +1 on every save
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("lembar kerja")
        verbose_name_plural = _("lembar kerja")
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "team", "kind"],
                condition=models.Q(team__isnull=False),
                name="worksheet_one_per_team",
            ),
            models.UniqueConstraint(
                fields=["assignment", "student", "kind"],
                condition=models.Q(student__isnull=False),
                name="worksheet_one_per_student",
            ),
            models.CheckConstraint(
                condition=models.Q(student__isnull=True) ^ models.Q(team__isnull=True),
                name="worksheet_student_xor_team",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assignment_id}/{self.kind}/{self.team_id or self.student_id} v{self.version}"


class WorksheetRevision(models.Model):
    """One save of a worksheet; never changed once written."""

    worksheet = models.ForeignKey(Worksheet, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField()
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    saved_at = models.DateTimeField()
    fields = models.JSONField(default=list)  # the keys this save changed
    data = models.JSONField()  # the whole worksheet after this save

    class Meta:
        ordering = ["version"]
        constraints = [
            models.UniqueConstraint(
                fields=["worksheet", "version"], name="worksheet_revision_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.worksheet_id} r{self.version}"
