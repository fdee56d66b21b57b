"""Rendered documents: member card batches produced by the Celery worker."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from lms.jobs import FileJobRow
from school_coops.models.cooperative import Cooperative


class MemberCardBatch(FileJobRow):
    """A PDF of member cards rendered by Celery (a file job, lms/jobs.py); the page polls it."""

    coop = models.ForeignKey(Cooperative, on_delete=models.CASCADE, related_name="card_batches")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    base_url = models.CharField(max_length=200)

    def __str__(self) -> str:
        return f"Kartu anggota {self.coop} #{self.pk}"
