"""File jobs: a Celery task that renders one private file (a PDF of cards, a certificate ZIP).

One mechanism for every such job (docs/jobs.md). A job is a database row with the fields
`status` (JobStatus), `total`, `pdf_path`, `error`, `finished_at` (the abstract `FileJobRow`)
and optionally `done_count`;
a `FileJob` spec says how to load the row, where its file goes and how to render it. The
row, never the broker, is the source of truth:

1. claim:  compare-and-set PENDING/RUNNING -> RUNNING; a finished row is left alone, so a
           redelivered message does nothing;
2. render: outside any transaction, reporting progress into `done_count`;
3. write:  save the file under a fresh name, then publish it with a second compare-and-set
           RUNNING -> DONE; the loser of a race deletes its own file, so a redelivery neither
           overwrites the winner's file nor leaves an orphan;
4. fail:   an error that will not be retried, or retries that ran out (`FileJobTask.on_failure`),
           marks the row FAILED, so the progress bar stops and says so.

Example: LOGIN_CARDS in lms/schools/services.py, MEMBER_CARDS in school_coops/services/cards.py.

A job that produces no file (posting the SHU payouts of 600 members) uses the same row, claim,
progress, failure and status view through a `WorkJob` spec: `work(row, progress)` does the
job and returns how many items it handled; `job_run` then marks the row DONE (docs/jobs.md).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any

from celery import Task
from django.core.files.base import ContentFile, File
from django.db import models
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from django_htmx.http import HttpResponseStopPolling

logger = logging.getLogger(__name__)

Progress = Callable[[int], None]


class JobStatus(models.TextChoices):
    PENDING = "pending", _("Menunggu")
    RUNNING = "running", _("Diproses")
    DONE = "done", _("Selesai")
    FAILED = "failed", _("Gagal")


class JobRow(models.Model):
    """The columns every job row has; a job model adds its owner, inputs and `done_count`."""

    Status = JobStatus

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    total = models.PositiveIntegerField(default=0)
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True


class FileJobRow(JobRow):
    """A job row whose job produces one private file (`pdf_path` once it is done)."""

    pdf_path = models.CharField(max_length=200, blank=True)

    class Meta:
        abstract = True


OPEN = (JobStatus.PENDING, JobStatus.RUNNING)
FINISHED = (JobStatus.DONE, JobStatus.FAILED)


@dataclass(frozen=True)
class Rendered:
    """What a render function returns: the file and how many items it holds.

    `content` is the file's bytes, or for a large file (a ZIP of hundreds of PDFs) an open
    temporary file positioned anywhere: it is streamed into storage and then closed."""

    content: bytes | IO[bytes]
    count: int


class _JobRows:
    """What both kinds of job read from their row model."""

    model: type[models.Model]

    @property
    def counts_progress(self) -> bool:
        return any(field.name == "done_count" for field in self.model._meta.fields)

    def rows(self) -> models.QuerySet:
        return self.model._default_manager.all()


@dataclass(frozen=True)
class FileJob(_JobRows):
    """How one kind of file job is stored and rendered."""

    model: type[models.Model]
    # Storage name of the file, e.g. "login-cards/batch-7.pdf"; the storage adds a suffix
    # when the name is taken, so two deliveries never write into the same file.
    path: Callable[[Any], str]
    render: Callable[[Any, Progress], Rendered]
    select_related: tuple[str, ...] = ()


@dataclass(frozen=True)
class WorkJob(_JobRows):
    """A job that changes the database instead of writing a file (e.g. the SHU payouts).

    `work(row, progress)` must be idempotent (a retry or a redelivery runs it again and must
    skip what is done); it returns the number of items handled, stored in `total`."""

    model: type[models.Model]
    work: Callable[[Any, Progress], int]
    select_related: tuple[str, ...] = ()


JobSpec = FileJob | WorkJob


def _storage() -> Any:
    from lms.storage import private_storage

    return private_storage


def job_claim(spec: JobSpec, job_id: int) -> Any | None:
    """Take the job for this delivery; None when it is already finished (nothing to do)."""
    claimed = spec.rows().filter(pk=job_id, status__in=OPEN).update(status=JobStatus.RUNNING)
    if not claimed:
        return None
    return spec.rows().select_related(*spec.select_related).get(pk=job_id)


def _progress(spec: JobSpec, job_id: int) -> Progress:
    def progress(done: int) -> None:
        if spec.counts_progress:
            spec.rows().filter(pk=job_id, status=JobStatus.RUNNING).update(done_count=done)

    return progress


def job_run(spec: JobSpec, job_id: int) -> Any:
    """Claim, render, write and publish one job. Safe to run twice, also at the same time."""
    job = job_claim(spec, job_id)
    if job is None:
        return spec.rows().get(pk=job_id)
    progress = _progress(spec, job_id)
    if isinstance(spec, WorkJob):
        count = spec.work(job, progress)
        _finish(spec, job_id, {"total": count})
        job.refresh_from_db()
        return job
    rendered = spec.render(job, progress)
    storage = _storage()
    name = _save(storage, spec.path(job), rendered.content)
    try:
        published = _publish(spec, job_id, name, rendered.count)
    except BaseException:
        storage.delete(name)  # never leave a file that no row points to
        raise
    if not published:  # another delivery finished first: keep its file, drop ours
        storage.delete(name)
    job.refresh_from_db()
    return job


def _save(storage: Any, path: str, content: bytes | IO[bytes]) -> str:
    if isinstance(content, bytes):
        return str(storage.save(path, ContentFile(content)))
    try:
        return str(storage.save(path, File(content, name=path)))  # read in chunks
    finally:
        content.close()  # a TemporaryFile disappears here


def _publish(spec: FileJob, job_id: int, name: str, count: int) -> bool:
    return _finish(spec, job_id, {"pdf_path": name, "total": count})


def _finish(spec: JobSpec, job_id: int, fields: dict[str, Any]) -> bool:
    """Compare-and-set RUNNING -> DONE; False when another delivery finished first."""
    fields = {"status": JobStatus.DONE, "finished_at": timezone.now(), **fields}
    if spec.counts_progress:
        fields["done_count"] = fields["total"]
    return bool(spec.rows().filter(pk=job_id, status=JobStatus.RUNNING).update(**fields))


def job_mark_failed(spec: JobSpec, job_id: int, error: str) -> bool:
    """Stop the progress bar with an error; a job that already finished is left alone."""
    return bool(
        spec.rows()
        .filter(pk=job_id, status__in=OPEN)
        .update(status=JobStatus.FAILED, error=error[:300], finished_at=timezone.now())
    )


class FileJobTask(Task):
    """Celery base for jobs: set `job` to the dotted path of the FileJob (or WorkJob) spec.

    OSError (a full disk, a network filesystem hiccup) is retried with backoff; any other
    error fails at once. Either way the row ends FAILED: at once for the other errors, in
    `on_failure` when the retries run out (also for time limits and a lost worker).
    """

    job = ""
    acks_late = True
    autoretry_for = (OSError,)
    retry_backoff = True
    max_retries = 3

    def spec(self) -> JobSpec:
        return import_string(self.job)

    def run_job(self, job_id: int) -> None:
        spec = self.spec()
        try:
            job_run(spec, job_id)
        except OSError:
            raise  # retried by autoretry_for; on_failure marks the row when retries run out
        except Exception as exc:
            job_mark_failed(spec, job_id, str(exc) or exc.__class__.__name__)
            raise

    def on_failure(
        self, exc: BaseException, task_id: str, args: Any, kwargs: Any, einfo: Any
    ) -> None:
        job_id = kwargs.get("job_id", args[0] if args else None)
        if job_id is not None:
            logger.warning("file job %s #%s failed: %r", self.job, job_id, exc)
            job_mark_failed(self.spec(), int(job_id), str(exc) or exc.__class__.__name__)


def job_status_response(
    request: HttpRequest, template: str, context: dict[str, Any], job: Any = None
) -> HttpResponse:
    """The polled progress fragment; 286 tells htmx to stop polling once the job finished.

    The job row is `job`, else `context["batch"]` (the name the card partials use)."""
    response = render(request, template, context)
    if (job if job is not None else context["batch"]).status in FINISHED:
        return HttpResponseStopPolling(response.content)
    return response


def job_file_response(
    job: Any, filename: str, content_type: str = "application/pdf"
) -> FileResponse:
    """Stream a finished job's file (the caller checked who may); 404 until it is done."""
    from django.http import Http404

    if job.status != JobStatus.DONE or not job.pdf_path:
        raise Http404
    response = FileResponse(
        _storage().open(job.pdf_path, "rb"),
        as_attachment=True,
        filename=filename,
        content_type=content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response
