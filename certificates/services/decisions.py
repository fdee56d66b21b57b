"""K/BK decisions: only the batch's assessor decides; a signed decision is frozen."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from certificates.exceptions import CertificationError
from certificates.models import (
    Appeal,
    AppealStatus,
    Batch,
    Candidate,
    CandidateStatus,
    ChecklistMark,
    CompetencyUnit,
    Decision,
    DecisionStatus,
    PerformanceCriterion,
    Pleno,
    Result,
    UnitDecision,
)
from certificates.selectors import can_manage_batch, is_batch_assessor
from lms.accounts.models import User

OVERALL_RULE = "K jika semua unit wajib K"


def _require_assessor(batch: Batch, by: User) -> None:
    if not is_batch_assessor(user=by, batch=batch):
        raise CertificationError(_("Hanya asesor angkatan ini yang dapat menilai dan memutuskan."))


def _open_decision(candidate: Candidate, by: User) -> Decision:
    """The latest attempt, created as a draft on first use; refused once signed."""
    candidate = Candidate.objects.select_for_update().select_related("batch").get(pk=candidate.pk)
    _require_assessor(candidate.batch, by)
    if candidate.status != CandidateStatus.ACCEPTED:
        raise CertificationError(_("Peserta ini belum diterima oleh pelatih."))
    decision = candidate.decisions.select_for_update().order_by("-attempt").first()
    if decision is None:
        decision = Decision.objects.create(candidate=candidate, attempt=1)
    if decision.is_signed:
        raise CertificationError(
            _(
                "Keputusan asesmen ke-%(n)s sudah ditandatangani dan tidak dapat diubah. "
                "Asesmen ulang dibuka sebagai percobaan baru."
            )
            % {"n": decision.attempt}
        )
    return decision


def decision_for_assessor(*, candidate: Candidate, by: User) -> Decision:
    """The decision the assessor works on now (the draft, or the signed latest one)."""
    _require_assessor(candidate.batch, by)
    latest = candidate.decisions.order_by("-attempt").first()
    if latest is not None:
        return latest
    with transaction.atomic():
        return _open_decision(candidate, by)


@transaction.atomic
def unit_decision_record(
    *, candidate: Candidate, unit_id: int, result: str, evidence: str, by: User, comment: str = ""
) -> UnitDecision:
    """K/BK for one unit with the evidence it rests on."""
    decision = _open_decision(candidate, by)
    unit = CompetencyUnit.objects.filter(
        pk=unit_id, scheme_id=decision.candidate.batch.scheme_id
    ).first()
    if unit is None:
        raise CertificationError(_("Unit ini bukan bagian dari skema angkatan."))
    if result not in Result.values:
        raise CertificationError(_("Hasil harus K (kompeten) atau BK (belum kompeten)."))
    if not evidence.strip():
        raise CertificationError(_("Sebutkan bukti yang menjadi dasar keputusan unit ini."))
    item, _created = UnitDecision.objects.update_or_create(
        decision=decision,
        unit=unit,
        defaults={"result": result, "evidence": evidence.strip()[:500], "comment": comment[:500]},
    )
    return item


# same shape as unit_decision_record on purpose: both write one row of the open decision, but
# for another row (KUK vs unit) with other checks; a shared helper would take both as options.
@transaction.atomic
def checklist_mark_save(
    *, candidate: Candidate, criterion_id: int, met: bool | None, by: User, note: str = ""
) -> ChecklistMark:
    """One KUK of the observation checklist, saved as the assessor goes."""
    decision = _open_decision(candidate, by)
    criterion = PerformanceCriterion.objects.filter(
        pk=criterion_id, element__unit__scheme_id=decision.candidate.batch.scheme_id
    ).first()
    if criterion is None:
        raise CertificationError(_("Kriteria ini bukan bagian dari skema angkatan."))
    mark, _created = ChecklistMark.objects.update_or_create(
        decision=decision,
        criterion=criterion,
        defaults={"met": met, "note": note[:300], "marked_by": by},
    )
    return mark


def overall_result(*, results: dict[str, str], required_codes: set[str]) -> str:
    """K only when every required unit is K (optional units never decide the outcome)."""
    return (
        Result.COMPETENT
        if all(results.get(code) == Result.COMPETENT for code in required_codes)
        else Result.NOT_YET
    )


@transaction.atomic
def decision_sign(*, candidate: Candidate, by: User, comment: str = "") -> Decision:
    """Sign off: every unit must have a result; overall and a snapshot are stored, frozen."""
    decision = _open_decision(candidate, by)
    units = list(CompetencyUnit.objects.filter(scheme_id=decision.candidate.batch.scheme_id))
    recorded = {d.unit_id: d for d in decision.units.all()}
    missing = [u.code for u in units if u.pk not in recorded]
    if missing:
        raise CertificationError(
            _("Belum ada keputusan untuk unit: %(codes)s.") % {"codes": ", ".join(missing)}
        )
    results = {u.code: recorded[u.pk].result for u in units}
    decision.overall = overall_result(
        results=results, required_codes={u.code for u in units if u.required}
    )
    decision.snapshot = {
        "rule": OVERALL_RULE,
        "scheme": str(decision.candidate.batch.scheme),
        "units": [
            {
                "code": u.code,
                "title": u.title,
                "required": u.required,
                "result": recorded[u.pk].result,
                "evidence": recorded[u.pk].evidence,
                "comment": recorded[u.pk].comment,
            }
            for u in units
        ],
    }
    decision.status = DecisionStatus.SIGNED
    decision.signed_by = by
    decision.signed_at = timezone.now()
    decision.comment = comment.strip()
    decision.save()
    return decision


@transaction.atomic
def reassessment_open(*, candidate: Candidate, by: User) -> Decision:
    """A new attempt for a BK candidate (or after an upheld appeal)."""
    candidate = Candidate.objects.select_for_update().select_related("batch").get(pk=candidate.pk)
    _require_assessor(candidate.batch, by)
    latest = candidate.decisions.order_by("-attempt").first()
    if latest is None or not latest.is_signed:
        raise CertificationError(_("Asesmen yang sedang berjalan belum ditandatangani."))
    upheld = hasattr(latest, "appeal") and latest.appeal.status == AppealStatus.UPHELD
    if latest.overall != Result.NOT_YET and not upheld:
        raise CertificationError(_("Asesmen ulang hanya untuk peserta belum kompeten (BK)."))
    return Decision.objects.create(candidate=candidate, attempt=latest.attempt + 1)


@transaction.atomic
def pleno_confirm(*, batch: Batch, by: User, held_on: datetime.date, notes: str = "") -> Pleno:
    """The decision meeting confirms every signed, unconfirmed decision of the batch."""
    batch = Batch.objects.select_for_update().get(pk=batch.pk)
    if not can_manage_batch(user=by, batch=batch):
        raise CertificationError(
            _("Hanya pelatih atau staf dinas angkatan ini yang mencatat pleno.")
        )
    pending = Decision.objects.select_for_update().filter(
        candidate__batch=batch, status=DecisionStatus.SIGNED, pleno__isnull=True
    )
    if not pending.exists():
        raise CertificationError(_("Tidak ada keputusan bertanda tangan yang menunggu pleno."))
    if pending.filter(appeal__status=AppealStatus.FILED).exists():
        raise CertificationError(_("Masih ada banding yang belum diputuskan."))
    pleno = Pleno.objects.create(
        batch=batch, held_on=held_on, notes=notes, confirmed_by=by, confirmed_at=timezone.now()
    )
    pending.update(pleno=pleno)
    return pleno


@transaction.atomic
def appeal_file(*, decision: Decision, by: User, reason: str, now: Any = None) -> Appeal:
    """Banding by the candidate within the batch's appeal window after signing."""
    decision = (
        Decision.objects.select_for_update().select_related("candidate__batch").get(pk=decision.pk)
    )
    if decision.candidate.user_id != by.pk:
        raise CertificationError(_("Hanya peserta sendiri yang dapat mengajukan banding."))
    if not decision.is_signed:
        raise CertificationError(_("Banding hanya terhadap keputusan yang sudah ditandatangani."))
    if Appeal.objects.filter(decision=decision).exists():
        raise CertificationError(_("Banding untuk keputusan ini sudah diajukan."))
    if decision.pleno_id is not None:
        raise CertificationError(_("Keputusan sudah dikukuhkan pleno; masa banding berakhir."))
    now = now or timezone.now()
    signed_at = decision.signed_at
    if signed_at is None:  # is_signed above: only a row changed under us gets here
        raise CertificationError(_("Banding hanya terhadap keputusan yang sudah ditandatangani."))
    deadline = signed_at + datetime.timedelta(days=decision.candidate.batch.appeal_days)
    if now > deadline:
        raise CertificationError(
            _("Masa banding berakhir pada %(d)s.") % {"d": f"{deadline:%d-%m-%Y}"}
        )
    if not reason.strip():
        raise CertificationError(_("Tuliskan alasan banding."))
    return Appeal.objects.create(decision=decision, reason=reason.strip(), filed_at=now)


@transaction.atomic
def appeal_decide(*, appeal: Appeal, upheld: bool, outcome: str, by: User) -> Appeal:
    """Dinas staff or a trainer (not the assessor who decided) records the outcome."""
    appeal = (
        Appeal.objects.select_for_update()
        .select_related("decision__candidate__batch")
        .get(pk=appeal.pk)
    )
    batch = appeal.decision.candidate.batch
    if not can_manage_batch(user=by, batch=batch) or appeal.decision.signed_by_id == by.pk:
        raise CertificationError(
            _("Banding diputuskan oleh pelatih atau staf dinas, bukan asesor yang memutuskan.")
        )
    if appeal.status != AppealStatus.FILED:
        raise CertificationError(_("Banding ini sudah diputuskan."))
    if not outcome.strip():
        raise CertificationError(_("Tuliskan hasil banding."))
    appeal.status = AppealStatus.UPHELD if upheld else AppealStatus.DISMISSED
    appeal.outcome = outcome.strip()
    appeal.decided_by = by
    appeal.decided_at = timezone.now()
    appeal.save()
    return appeal
