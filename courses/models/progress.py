"""Assignments of courses to classrooms, lesson progress and course completion."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CourseAssignment(models.Model):
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="assignments"
    )
    classroom = models.ForeignKey(
        "schools.Classroom", on_delete=models.CASCADE, related_name="course_assignments"
    )
    due_date = models.DateField(_("tenggat"), null=True, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    assigned_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("penugasan kursus")
        verbose_name_plural = _("penugasan kursus")
        constraints = [
            models.UniqueConstraint(fields=["course", "classroom"], name="assignment_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.course} → {self.classroom}"


class CompletedVia(models.TextChoices):
    MANUAL = "manual", _("Ditandai selesai")
    QUIZ = "quiz", _("Lulus kuis")


class LessonProgress(models.Model):
    """One row per student and lesson; `completed_at` is written once and never moved."""

    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_progress"
    )
    lesson = models.ForeignKey("courses.LessonPage", on_delete=models.CASCADE, related_name="+")
    course = models.ForeignKey("courses.CoursePage", on_delete=models.CASCADE, related_name="+")
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_via = models.CharField(max_length=6, choices=CompletedVia.choices, blank=True)
    quiz_passed_at = models.DateTimeField(null=True, blank=True)
    best_score = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = _("kemajuan pelajaran")
        verbose_name_plural = _("kemajuan pelajaran")
        constraints = [
            models.UniqueConstraint(fields=["student", "lesson"], name="lesson_progress_unique"),
        ]
        indexes = [models.Index(fields=["course", "student"])]

    def __str__(self) -> str:
        return f"{self.student_id}/{self.lesson_id}"


class CourseCompletion(models.Model):
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="course_completions"
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="completions"
    )
    rule = models.CharField(max_length=20)  # the rule that was met, kept with the result
    completed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("kursus selesai")
        verbose_name_plural = _("kursus selesai")
        constraints = [
            models.UniqueConstraint(fields=["student", "course"], name="course_completion_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.student_id}/{self.course_id}"
