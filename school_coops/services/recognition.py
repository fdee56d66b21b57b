"""Recognition (pengukuhan) of a founded school cooperative by its district office.

docs/domain.md "Pengukuhan": the guru pembina submits, the dinas staff of the coop's region
recognise it (a number unique in the region, and a date) or return it with a reason; a
returned submission is fixed and submitted again as a new row. Every step leaves a row in
the append-only status history.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.accounts.models import User
from school_coops.exceptions import CooperativeRuleError
from school_coops.models import (
    Cooperative,
    CoopStatusChange,
    RecognitionAttachment,
    RecognitionSubmission,
    StatusEvent,
    SubmissionStatus,
)
from school_coops.models.cooperative import CoopStatus
from school_coops.selectors.dinas import dinas_region_ids

MAX_ATTACHMENTS = 5


@dataclass(frozen=True)
class Upload:
    """A scanned paper already checked by the form (lms/uploads.py document_content_matches)."""

    title: str
    filename: str
    data: bytes


def status_change_record(
    *, coop: Cooperative, event: str, from_status: str, by: User | None, reason: str = ""
) -> CoopStatusChange:
    """Append one history row; the new status is read from the coop as it is now."""
    return CoopStatusChange.objects.create(
        coop=coop,
        event=event,
        from_status=from_status,
        to_status=coop.status,
        reason=reason,
        changed_by=by,
    )


def _store(submission: RecognitionSubmission, upload: Upload, by: User) -> None:
    from django.core.files.base import ContentFile

    from lms.storage import private_storage

    name = os.path.basename(upload.filename)[-80:] or "dokumen.pdf"
    path = private_storage.save(f"recognition/{submission.pk}/{name}", ContentFile(upload.data))
    RecognitionAttachment.objects.create(
        submission=submission, title=upload.title[:120] or name, file_path=path, uploaded_by=by
    )


@transaction.atomic
def recognition_submit(
    *, coop: Cooperative, by: User, note: str = "", uploads: list[Upload] | None = None
) -> RecognitionSubmission:
    """The guru pembina sends the founded coop and its papers to the district office."""
    coop = Cooperative.objects.select_for_update().select_related("school").get(pk=coop.pk)
    if not coop.supervisors.filter(pk=by.pk).exists():
        raise CooperativeRuleError(_("Hanya guru pembina yang dapat mengajukan pengukuhan."))
    if coop.founded_on is None:
        raise CooperativeRuleError(_("Selesaikan pendirian koperasi sebelum mengajukan."))
    if coop.recognised_on is not None:
        raise CooperativeRuleError(_("Koperasi ini sudah dikukuhkan."))
    if coop.recognition_submissions.filter(status=SubmissionStatus.SUBMITTED).exists():
        raise CooperativeRuleError(_("Pengajuan sudah dikirim dan menunggu keputusan dinas."))
    uploads = list(uploads or [])
    if len(uploads) > MAX_ATTACHMENTS:
        raise CooperativeRuleError(_("Paling banyak %(n)s lampiran.") % {"n": MAX_ATTACHMENTS})
    submission = RecognitionSubmission.objects.create(
        coop=coop, region=coop.school.region, note=note.strip()[:2000], submitted_by=by
    )
    for upload in uploads:
        _store(submission, upload, by)
    status_change_record(
        coop=coop,
        event=StatusEvent.SUBMITTED,
        from_status=coop.status,
        by=by,
        reason=submission.note,
    )
    return submission


def _locked_for_decision(submission: RecognitionSubmission, by: User) -> RecognitionSubmission:
    submission = (
        RecognitionSubmission.objects.select_for_update()
        .select_related("coop")
        .get(pk=submission.pk)
    )
    if submission.region_id not in dinas_region_ids(user=by):
        raise CooperativeRuleError(_("Hanya dinas wilayah koperasi ini yang dapat memutuskan."))
    if submission.status == SubmissionStatus.RECOGNISED:
        raise CooperativeRuleError(
            _("Koperasi ini sudah dikukuhkan dengan nomor %(n)s.")
            % {"n": submission.nomor_pengukuhan}
        )
    if submission.status == SubmissionStatus.RETURNED:
        raise CooperativeRuleError(_("Pengajuan ini sudah dikembalikan kepada guru pembina."))
    return submission


@transaction.atomic
def recognition_recognise(
    *,
    submission: RecognitionSubmission,
    by: User,
    nomor_pengukuhan: str,
    recognised_on: datetime.date,
) -> RecognitionSubmission:
    """Dikukuhkan: the number is unique in the region; recognising twice keeps one number."""
    submission = _locked_for_decision(submission, by)
    number = nomor_pengukuhan.strip()
    if not number:
        raise CooperativeRuleError(_("Nomor pengukuhan wajib diisi."))
    coop = Cooperative.objects.select_for_update().get(pk=submission.coop_id)
    if recognised_on > timezone.localdate():
        raise CooperativeRuleError(_("Tanggal pengukuhan tidak boleh di masa depan."))
    if coop.founded_on and recognised_on < coop.founded_on:
        raise CooperativeRuleError(_("Tanggal pengukuhan tidak boleh sebelum tanggal berdiri."))
    taken = _("Nomor pengukuhan %(n)s sudah dipakai di wilayah ini.") % {"n": number}
    if RecognitionSubmission.objects.filter(
        region_id=submission.region_id, nomor_pengukuhan=number
    ).exists():
        raise CooperativeRuleError(taken)
    before = coop.status
    submission.status = SubmissionStatus.RECOGNISED
    submission.nomor_pengukuhan = number
    submission.recognised_on = recognised_on
    submission.decided_by = by
    submission.decided_at = timezone.now()
    try:
        with transaction.atomic():  # two dinas staff typing the same number at once
            submission.save()
    except IntegrityError:
        raise CooperativeRuleError(taken) from None
    coop.nomor_pengukuhan = number
    coop.recognised_on = recognised_on
    coop.save(update_fields=["nomor_pengukuhan", "recognised_on"])
    status_change_record(
        coop=coop, event=StatusEvent.RECOGNISED, from_status=before, by=by, reason=number
    )
    return submission


@transaction.atomic
def recognition_return(
    *, submission: RecognitionSubmission, by: User, reason: str
) -> RecognitionSubmission:
    """Back to the guru pembina with the reason they must fix before submitting again."""
    submission = _locked_for_decision(submission, by)
    reason = reason.strip()
    if len(reason) < 5:
        raise CooperativeRuleError(_("Tulis alasan pengembalian (minimal 5 huruf)."))
    submission.status = SubmissionStatus.RETURNED
    submission.return_reason = reason[:2000]
    submission.decided_by = by
    submission.decided_at = timezone.now()
    submission.save()
    coop = submission.coop
    status_change_record(
        coop=coop,
        event=StatusEvent.RETURNED,
        from_status=CoopStatus.AWAITING_RECOGNITION,
        by=by,
        reason=submission.return_reason,
    )
    return submission
