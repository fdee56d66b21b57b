"""Batches and applications: creating a batch, applying, self-assessment, evidence, review."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from certificates.exceptions import CertificationError
from certificates.models import (
    Batch,
    Candidate,
    CandidateStatus,
    CompetencyUnit,
    Evidence,
    Scheme,
    SelfAssessment,
    Track,
)
from certificates.selectors import can_manage_batch, staff_region_ids
from certificates.uploads import evidence_path, sniff_evidence
from certificates.validators import clean_nik
from lms.accounts.models import Role, User
from lms.schools.models import Region

MAX_EVIDENCE_PER_CANDIDATE = 30
OPEN_STATUSES = (CandidateStatus.SUBMITTED, CandidateStatus.RETURNED)
WRITTEN_PASS_MARK = 70


def _check_batch_plan(
    *, region: Region, scheme: Scheme, by: User, dates: tuple[datetime.date, ...]
) -> None:
    """The creator works in the region, the scheme is published and the region's, dates in order."""
    start_date, end_date, test_date = dates
    if region.pk not in staff_region_ids(user=by, roles=(Role.TRAINER, Role.DINAS)):
        raise CertificationError(_("Anda bukan pelatih atau staf dinas di wilayah ini."))
    if not scheme.is_published:
        raise CertificationError(_("Angkatan hanya dapat memakai skema yang sudah terbit."))
    if scheme.region_id is not None and scheme.region_id != region.pk:
        raise CertificationError(_("Skema ini milik dinas lain."))
    if end_date < start_date or test_date < start_date:
        raise CertificationError(
            _("Tanggal selesai dan tanggal uji tidak boleh sebelum tanggal mulai.")
        )


def _batch_staff(
    *, region: Region, by: User, trainers: list[User] | None, assessors: list[User] | None
) -> tuple[list[User], list[User]]:
    """The batch's trainers (a trainer who creates it is one) and assessors, all of the region."""
    trainers = list(trainers or [])
    if by.has_role(Role.TRAINER) and by not in trainers:
        trainers.append(by)
    assessors = list(assessors or [])
    for person, role, label in [(t, Role.TRAINER, _("pelatih")) for t in trainers] + [
        (a, Role.ASSESSOR, _("asesor")) for a in assessors
    ]:
        if region.pk not in staff_region_ids(user=person, roles=(role,)):
            raise CertificationError(
                _("%(name)s bukan %(role)s di wilayah ini.") % {"name": person, "role": label}
            )
    return trainers, assessors


@transaction.atomic
def batch_create(
    *,
    region: Region,
    scheme: Scheme,
    name: str,
    start_date: datetime.date,
    end_date: datetime.date,
    test_date: datetime.date,
    venue: str,
    quota: int,
    by: User,
    trainers: list[User] | None = None,
    assessors: list[User] | None = None,
    course: Any = None,
    written_quiz: Any = None,
) -> Batch:
    """A batch of the creator's dinas on a published scheme; trainers/assessors must work there."""
    _check_batch_plan(region=region, scheme=scheme, by=by, dates=(start_date, end_date, test_date))
    if quota < 1:
        raise CertificationError(_("Kuota paling sedikit 1 peserta."))
    trainers, assessors = _batch_staff(region=region, by=by, trainers=trainers, assessors=assessors)
    batch = Batch.objects.create(
        region=region,
        scheme=scheme,
        name=name.strip(),
        start_date=start_date,
        end_date=end_date,
        test_date=test_date,
        venue=venue.strip(),
        quota=quota,
        course=course,
        written_quiz=written_quiz,
        created_by=by,
    )
    batch.trainers.set(trainers)
    batch.assessors.set(assessors)
    return batch


def _lock_open_seat(*, batch: Batch, user: User) -> Batch:
    """The batch row, locked, once it is open, has a seat and no application from `user`."""
    # Lock the batch row: two applicants for the last seat must not both get it.
    batch = Batch.objects.select_for_update().get(pk=batch.pk)
    if not batch.open_for_applications:
        raise CertificationError(_("Pendaftaran angkatan ini sudah ditutup."))
    if Candidate.objects.filter(batch=batch, user=user).exists():
        raise CertificationError(_("Anda sudah mendaftar di angkatan ini."))
    seats = Candidate.objects.filter(batch=batch).exclude(status=CandidateStatus.REJECTED)
    if seats.count() >= batch.quota:
        raise CertificationError(
            _("Kuota angkatan ini (%(n)s peserta) sudah penuh.") % {"n": batch.quota}
        )
    return batch


def _checked_cooperative_name(
    *,
    batch: Batch,
    full_name: str,
    cooperative_name: str,
    cooperative_role: str,
    cooperative: Any,
) -> str:
    """The applicant's cooperative name (a Kopsis cooperative's own by default), once the
    cooperative is of the batch's region and name and role are filled in."""
    if cooperative is not None and cooperative.school.region_id != batch.region_id:
        raise CertificationError(_("Koperasi sekolah ini bukan dari wilayah angkatan."))
    if not full_name.strip() or not cooperative_role.strip():
        raise CertificationError(_("Nama lengkap dan jabatan di koperasi wajib diisi."))
    if cooperative is not None and not cooperative_name:
        cooperative_name = cooperative.name
    if not cooperative_name.strip():
        raise CertificationError(_("Nama koperasi wajib diisi."))
    return cooperative_name


@transaction.atomic
def candidate_apply(
    *,
    batch: Batch,
    user: User,
    full_name: str,
    cooperative_name: str,
    cooperative_role: str,
    track: str = Track.ADULT,
    cooperative: Any = None,
    **identity: Any,
) -> Candidate:
    """APL-01: apply to a batch. Twice is refused; the quota holds under concurrent applies."""
    batch = _lock_open_seat(batch=batch, user=user)
    cooperative_name = _checked_cooperative_name(
        batch=batch,
        full_name=full_name,
        cooperative_name=cooperative_name,
        cooperative_role=cooperative_role,
        cooperative=cooperative,
    )
    if "nik" in identity:
        identity["nik"] = clean_nik(identity["nik"])
    try:
        with transaction.atomic():
            return Candidate.objects.create(
                batch=batch,
                user=user,
                full_name=full_name.strip(),
                cooperative=cooperative,
                cooperative_name=cooperative_name.strip(),
                cooperative_role=cooperative_role.strip(),
                track=track,
                **identity,
            )
    except IntegrityError:  # a concurrent double submit of the same person
        raise CertificationError(_("Anda sudah mendaftar di angkatan ini.")) from None


def _editable(candidate: Candidate, user: User) -> Candidate:
    candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
    if candidate.user_id != user.pk:
        raise CertificationError(_("Ini bukan pendaftaran Anda."))
    if candidate.status not in OPEN_STATUSES:
        raise CertificationError(
            _("Pendaftaran sudah %(s)s; asesmen mandiri dan bukti tidak dapat diubah lagi.")
            % {"s": candidate.get_status_display().lower()}
        )
    return candidate


def _unit_of(candidate: Candidate, unit_id: int | None) -> CompetencyUnit | None:
    if unit_id is None:
        return None
    unit = CompetencyUnit.objects.filter(pk=unit_id, scheme_id=candidate.batch.scheme_id).first()
    if unit is None:
        raise CertificationError(_("Unit ini bukan bagian dari skema angkatan Anda."))
    return unit


@transaction.atomic
def self_assessment_save(
    *, candidate: Candidate, unit_id: int, competent: bool, note: str, by: User
) -> SelfAssessment:
    """APL-02: the candidate's own K/BK for one unit, editable until the trainer accepts."""
    candidate = _editable(candidate, by)
    unit = _unit_of(candidate, unit_id)
    item, _created = SelfAssessment.objects.update_or_create(
        candidate=candidate, unit=unit, defaults={"competent": competent, "note": note[:500]}
    )
    return item


@transaction.atomic
def evidence_upload(
    *, candidate: Candidate, data: bytes, filename: str, by: User, unit_id: int | None = None
) -> Evidence:
    """Store one PDF/image in private storage; anything else is refused before writing."""
    from lms.storage import private_storage

    candidate = _editable(candidate, by)
    unit = _unit_of(candidate, unit_id)
    content_type, extension = sniff_evidence(data)
    if candidate.evidence.count() >= MAX_EVIDENCE_PER_CANDIDATE:
        raise CertificationError(
            _("Paling banyak %(n)s berkas bukti per peserta.") % {"n": MAX_EVIDENCE_PER_CANDIDATE}
        )
    path = private_storage.save(evidence_path(candidate.pk, extension), ContentFile(data))
    try:
        return Evidence.objects.create(
            candidate=candidate,
            unit=unit,
            path=path,
            original_name=(filename or "bukti")[-150:],
            content_type=content_type,
            size=len(data),
        )
    except Exception:
        private_storage.delete(path)
        raise


@transaction.atomic
def candidate_resubmit(*, candidate: Candidate, by: User) -> Candidate:
    """After a return, the candidate sends the corrected application back."""
    candidate = _editable(candidate, by)
    candidate.status = CandidateStatus.SUBMITTED
    candidate.save(update_fields=["status"])
    return candidate


@transaction.atomic
def candidate_review(*, candidate: Candidate, action: str, by: User, reason: str = "") -> Candidate:
    """Trainer's verification: accept, return with a reason, or reject (with a reason)."""
    candidate = Candidate.objects.select_for_update().select_related("batch").get(pk=candidate.pk)
    if not can_manage_batch(user=by, batch=candidate.batch):
        raise CertificationError(_("Hanya pelatih angkatan ini yang dapat memverifikasi."))
    if candidate.status != CandidateStatus.SUBMITTED:
        raise CertificationError(
            _("Pendaftaran ini berstatus %(s)s, bukan menunggu verifikasi.")
            % {"s": candidate.get_status_display().lower()}
        )
    statuses = {
        "accept": CandidateStatus.ACCEPTED,
        "return": CandidateStatus.RETURNED,
        "reject": CandidateStatus.REJECTED,
    }
    if action not in statuses:
        raise CertificationError(_("Tindakan verifikasi tidak dikenal."))
    if action != "accept" and not reason.strip():
        raise CertificationError(_("Tuliskan alasan mengembalikan atau menolak pendaftaran."))
    candidate.status = statuses[action]
    candidate.review_reason = reason.strip()[:500]
    candidate.reviewed_by = by
    candidate.reviewed_at = timezone.now()
    candidate.save(update_fields=["status", "review_reason", "reviewed_by", "reviewed_at"])
    return candidate


@transaction.atomic
def candidate_progress_sync(*, batch: Batch) -> int:
    """Copy course completion and the written-test result from the courses engine."""
    from courses.models import CourseCompletion, QuizAttempt

    updated = 0
    candidates = list(
        Candidate.objects.select_for_update().filter(batch=batch, status=CandidateStatus.ACCEPTED)
    )
    user_ids = [c.user_id for c in candidates]
    done = {}
    if batch.course_id:
        done = dict(
            CourseCompletion.objects.filter(
                course_id=batch.course_id, student_id__in=user_ids
            ).values_list("student_id", "completed_at")
        )
    best: dict[int, tuple] = {}
    if batch.written_quiz_id:
        for user_id, score, passed in QuizAttempt.objects.filter(
            quiz_id=batch.written_quiz_id, student_id__in=user_ids, finished_at__isnull=False
        ).values_list("student_id", "score_percent", "passed"):
            if user_id not in best or (score or 0) > (best[user_id][0] or 0):
                best[user_id] = (score, passed)
    for c in candidates:
        changed = []
        if c.user_id in done and c.training_done_at is None:
            c.training_done_at = done[c.user_id]
            changed.append("training_done_at")
        if c.user_id in best and (c.written_score, c.written_passed) != best[c.user_id]:
            c.written_score, c.written_passed = best[c.user_id]
            changed += ["written_score", "written_passed"]
        if changed:
            c.save(update_fields=changed)
            updated += 1
    return updated


def _accepted_for_staff(candidate: Candidate, by: User) -> Candidate:
    from certificates.selectors import is_batch_assessor

    candidate = Candidate.objects.select_for_update().select_related("batch").get(pk=candidate.pk)
    batch = candidate.batch
    if not (can_manage_batch(user=by, batch=batch) or is_batch_assessor(user=by, batch=batch)):
        raise CertificationError(_("Hanya pelatih atau asesor angkatan ini."))
    if candidate.status != CandidateStatus.ACCEPTED:
        raise CertificationError(_("Peserta ini belum diterima oleh pelatih."))
    return candidate


@transaction.atomic
def candidate_training_done(*, candidate: Candidate, by: User) -> Candidate:
    """The trainer records attendance of the (classroom) training; the course may also do it."""
    candidate = _accepted_for_staff(candidate, by)
    if candidate.training_done_at is None:
        candidate.training_done_at = timezone.now()
        candidate.save(update_fields=["training_done_at"])
    return candidate


@transaction.atomic
def candidate_written_record(*, candidate: Candidate, score: Any, by: User) -> Candidate:
    """A paper written test's score (0-100); passing follows the batch's written pass mark."""
    from decimal import Decimal, InvalidOperation

    candidate = _accepted_for_staff(candidate, by)
    try:
        value = Decimal(str(score).replace(",", "."))
    except InvalidOperation:
        raise CertificationError(_("Nilai tes tulis harus angka 0 sampai 100.")) from None
    if not value.is_finite() or not 0 <= value <= 100:
        raise CertificationError(_("Nilai tes tulis harus angka 0 sampai 100."))
    candidate.written_score = value.quantize(Decimal("0.01"))
    candidate.written_passed = value >= WRITTEN_PASS_MARK
    candidate.save(update_fields=["written_score", "written_passed"])
    return candidate
