from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from certificates.exceptions import CertificationError
from certificates.models import AppealStatus, ChecklistMark, Decision, Result, UnitDecision
from certificates.selectors import candidate_transcript, decisions_ready_for_certificates
from certificates.services.decisions import (
    appeal_decide,
    appeal_file,
    checklist_mark_save,
    decision_sign,
    pleno_confirm,
    reassessment_open,
    unit_decision_record,
)

pytestmark = pytest.mark.django_db


def decide_all(candidate, assessor, *, bk: tuple[str, ...] = ()) -> None:
    for unit in candidate.batch.scheme.units.all():
        result = Result.NOT_YET if unit.code in bk else Result.COMPETENT
        unit_decision_record(
            candidate=candidate, unit_id=unit.pk, result=result, evidence="Studi kasus", by=assessor
        )


def test_overall_k_only_when_every_required_unit_is_k(accepted, assessor) -> None:
    decide_all(accepted, assessor, bk=("JBK.08",))  # JBK.08 is optional
    decision = decision_sign(candidate=accepted, by=assessor)
    assert decision.overall == Result.COMPETENT
    assert decision.signed_by == assessor and decision.signed_at is not None


def test_one_required_bk_makes_the_overall_bk(accepted, assessor) -> None:
    decide_all(accepted, assessor, bk=("JBK.04",))
    assert decision_sign(candidate=accepted, by=assessor).overall == Result.NOT_YET


def test_signing_needs_every_unit(accepted, assessor, scheme) -> None:
    unit = scheme.units.get(code="JBK.01")
    unit_decision_record(candidate=accepted, unit_id=unit.pk, result="K", evidence="x", by=assessor)
    with pytest.raises(CertificationError, match=r"Belum ada keputusan untuk unit: JBK\.02"):
        decision_sign(candidate=accepted, by=assessor)


@pytest.mark.parametrize("who", ["trainer", "second_assessor", "other_assessor", "applicant"])
def test_a_decision_by_someone_not_the_batch_assessor_is_refused(
    request, accepted, scheme, who
) -> None:
    person = request.getfixturevalue(who)
    unit = scheme.units.first()
    with pytest.raises(CertificationError, match="Hanya asesor angkatan ini"):
        unit_decision_record(
            candidate=accepted, unit_id=unit.pk, result="K", evidence="x", by=person
        )
    with pytest.raises(CertificationError, match="Hanya asesor angkatan ini"):
        decision_sign(candidate=accepted, by=person)
    assert not UnitDecision.objects.exists() and not Decision.objects.exists()


def test_editing_a_signed_decision_is_refused_and_it_stays_frozen(
    accepted, assessor, scheme
) -> None:
    decide_all(accepted, assessor)
    decision = decision_sign(candidate=accepted, by=assessor)
    unit = scheme.units.get(code="JBK.03")
    with pytest.raises(CertificationError, match="sudah ditandatangani"):
        unit_decision_record(
            candidate=accepted, unit_id=unit.pk, result="BK", evidence="y", by=assessor
        )
    with pytest.raises(CertificationError, match="sudah ditandatangani"):
        decision_sign(candidate=accepted, by=assessor)
    criterion = unit.elements.first().criteria.first()
    with pytest.raises(CertificationError, match="sudah ditandatangani"):
        checklist_mark_save(candidate=accepted, criterion_id=criterion.pk, met=False, by=assessor)
    assert UnitDecision.objects.get(decision=decision, unit=unit).result == "K"
    # a later change of the scheme (a unit renamed, made optional) never recomputes the result
    scheme.units.filter(code="JBK.01").update(required=False, title="Judul baru")
    decision.refresh_from_db()
    assert decision.overall == "K"
    transcript = candidate_transcript(candidate=accepted)
    assert transcript[0]["result"] == "K"
    assert decision.snapshot["units"][0]["title"].startswith("Menerapkan prinsip")


def test_unit_decision_needs_evidence_and_a_valid_result(accepted, assessor, scheme) -> None:
    unit = scheme.units.first()
    with pytest.raises(CertificationError, match="bukti"):
        unit_decision_record(
            candidate=accepted, unit_id=unit.pk, result="K", evidence=" ", by=assessor
        )
    with pytest.raises(CertificationError, match="K \\(kompeten\\) atau BK"):
        unit_decision_record(
            candidate=accepted, unit_id=unit.pk, result="L", evidence="x", by=assessor
        )


def test_candidate_not_accepted_cannot_be_assessed(candidate, assessor, scheme) -> None:
    with pytest.raises(CertificationError, match="belum diterima"):
        unit_decision_record(
            candidate=candidate,
            unit_id=scheme.units.first().pk,
            result="K",
            evidence="x",
            by=assessor,
        )


def test_checklist_saved_per_criterion_as_the_assessor_goes(accepted, assessor, scheme) -> None:
    criterion = scheme.units.get(code="JBK.02").elements.first().criteria.first()
    checklist_mark_save(candidate=accepted, criterion_id=criterion.pk, met=True, by=assessor)
    checklist_mark_save(
        candidate=accepted, criterion_id=criterion.pk, met=False, note="belum", by=assessor
    )
    mark = ChecklistMark.objects.get()
    assert mark.met is False and mark.note == "belum"


def test_pleno_confirms_before_certificates_and_bk_may_be_reassessed(
    batch, accepted, assessor, trainer
) -> None:
    decide_all(accepted, assessor, bk=("JBK.05",))
    first = decision_sign(candidate=accepted, by=assessor)
    assert first.overall == "BK"
    assert not decisions_ready_for_certificates(batch=batch).exists()
    second = reassessment_open(candidate=accepted, by=assessor)
    assert second.attempt == 2
    decide_all(accepted, assessor)
    second = decision_sign(candidate=accepted, by=assessor)
    assert second.overall == "K"
    assert not decisions_ready_for_certificates(batch=batch).exists()  # no pleno yet
    with pytest.raises(CertificationError, match="Hanya pelatih atau staf dinas"):
        pleno_confirm(batch=batch, by=assessor, held_on=datetime.date(2026, 11, 7))
    pleno = pleno_confirm(batch=batch, by=trainer, held_on=datetime.date(2026, 11, 7))
    assert list(decisions_ready_for_certificates(batch=batch)) == [second]
    assert pleno.decisions.count() == 2
    with pytest.raises(CertificationError, match="menunggu pleno"):
        pleno_confirm(batch=batch, by=trainer, held_on=datetime.date(2026, 11, 7))


def test_reassessment_is_only_for_bk(accepted, assessor) -> None:
    decide_all(accepted, assessor)
    decision_sign(candidate=accepted, by=assessor)
    with pytest.raises(CertificationError, match="hanya untuk peserta belum kompeten"):
        reassessment_open(candidate=accepted, by=assessor)


def test_appeal_within_the_window_upheld_opens_a_reassessment(
    batch, accepted, assessor, applicant, trainer
) -> None:
    decide_all(accepted, assessor, bk=("JBK.03",))
    decision = decision_sign(candidate=accepted, by=assessor)
    with pytest.raises(CertificationError, match="Hanya peserta sendiri"):
        appeal_file(decision=decision, by=trainer, reason="x")
    appeal = appeal_file(decision=decision, by=applicant, reason="Jurnal saya benar")
    with pytest.raises(CertificationError, match="sudah diajukan"):
        appeal_file(decision=decision, by=applicant, reason="lagi")
    with pytest.raises(CertificationError, match="banding yang belum diputuskan"):
        pleno_confirm(batch=batch, by=trainer, held_on=datetime.date(2026, 11, 7))
    with pytest.raises(CertificationError, match="bukan asesor"):
        appeal_decide(appeal=appeal, upheld=True, outcome="ok", by=assessor)
    appeal = appeal_decide(appeal=appeal, upheld=True, outcome="Dinilai ulang", by=trainer)
    assert appeal.status == AppealStatus.UPHELD
    assert reassessment_open(candidate=accepted, by=assessor).attempt == 2


def test_appeal_after_the_window_is_refused(accepted, assessor, applicant) -> None:
    decide_all(accepted, assessor, bk=("JBK.03",))
    decision = decision_sign(candidate=accepted, by=assessor)
    late = decision.signed_at + datetime.timedelta(days=15)
    with pytest.raises(CertificationError, match="Masa banding berakhir"):
        appeal_file(decision=decision, by=applicant, reason="terlambat", now=late)
    assert timezone.now() < late
