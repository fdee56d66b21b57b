"""Rendered documents: member card batches produced by the Celery worker."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from lms.jobs import JobStatus
from school_coops.models.cooperative import Cooperative


class MemberCardBatch(models.Model):
    """A PDF of member cards rendered by Celery (a file job, lms/jobs.py); the page polls it."""

    Status = JobStatus

    coop = models.ForeignKey(Cooperative, on_delete=models.CASCADE, related_name="card_batches")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    base_url = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    total = models.PositiveIntegerField(default=0)
    pdf_path = models.CharField(max_length=200, blank=True)
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Kartu anggota {self.coop} #{self.pk}"
