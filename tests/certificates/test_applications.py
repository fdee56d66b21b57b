from __future__ import annotations

import io

import pytest
from PIL import Image

from certificates.exceptions import CertificationError
from certificates.models import Candidate, CandidateStatus, Evidence, SelfAssessment
from certificates.services.batches import (
    candidate_resubmit,
    candidate_review,
    evidence_upload,
    self_assessment_save,
)
from certificates.services.schemes import scheme_create
from certificates.uploads import MAX_EVIDENCE_BYTES
from tests.certificates.conftest import apply, make_batch
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def test_applying_twice_is_refused_and_changes_nothing(batch, candidate, applicant) -> None:
    with pytest.raises(CertificationError, match="sudah mendaftar"):
        apply(batch, applicant, cooperative_name="Koperasi Lain")
    assert Candidate.objects.filter(batch=batch, user=applicant).count() == 1
    candidate.refresh_from_db()
    assert candidate.cooperative_name == "Koperasi Desa Merah Putih Sukamaju"


def test_quota_is_enforced(region, scheme, trainer, assessor) -> None:
    small = make_batch(region, scheme, trainer, [assessor], quota=1)
    apply(small, UserFactory())
    with pytest.raises(CertificationError, match="Kuota angkatan ini \\(1 peserta\\) sudah penuh"):
        apply(small, UserFactory())
    assert small.candidates.count() == 1


def test_a_rejected_application_frees_its_seat(region, scheme, trainer, assessor) -> None:
    small = make_batch(region, scheme, trainer, [assessor], quota=1)
    first = apply(small, UserFactory())
    candidate_review(candidate=first, action="reject", by=trainer, reason="Bukan juru buku")
    assert apply(small, UserFactory()).status == CandidateStatus.SUBMITTED


def test_any_cooperative_can_apply_with_free_text(batch) -> None:
    c = apply(batch, UserFactory(), cooperative_name="Koperasi Karyawan PT Maju", track="dewasa")
    assert c.cooperative is None and c.cooperative_name == "Koperasi Karyawan PT Maju"


def test_batch_needs_a_published_scheme_and_staff_of_its_region(
    region, other_region, trainer, assessor, other_assessor, scheme
) -> None:
    draft = scheme_create(code="JBY", title="Draf", by=trainer)
    with pytest.raises(CertificationError, match="sudah terbit"):
        make_batch(region, draft, trainer, [assessor])
    with pytest.raises(CertificationError, match="bukan asesor di wilayah ini"):
        make_batch(region, scheme, trainer, [other_assessor])
    with pytest.raises(CertificationError, match="bukan pelatih atau staf dinas"):
        make_batch(other_region, scheme, trainer, [])


def test_self_assessment_per_unit_and_evidence_pdf_and_image(candidate, applicant, scheme) -> None:
    unit = scheme.units.get(code="JBK.03")
    self_assessment_save(
        candidate=candidate, unit_id=unit.pk, competent=True, note="", by=applicant
    )
    self_assessment_save(
        candidate=candidate, unit_id=unit.pk, competent=False, note="ragu", by=applicant
    )
    assert SelfAssessment.objects.get(candidate=candidate, unit=unit).competent is False
    pdf = evidence_upload(candidate=candidate, data=PDF, filename="ijazah.pdf", by=applicant)
    image = evidence_upload(
        candidate=candidate, data=png_bytes(), filename="foto.png", by=applicant, unit_id=unit.pk
    )
    assert (pdf.content_type, image.content_type) == ("application/pdf", "image/png")


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"MZ\x90\x00 not a pdf", "bukti.pdf", "PDF atau gambar"),
        (b"<html><script>alert(1)</script></html>", "foto.jpg", "PDF atau gambar"),
        (b"%PDF-1.4 truncated", "ijazah.pdf", "rusak"),
        (b"%PDF-1.4" + b"0" * MAX_EVIDENCE_BYTES + b"%%EOF", "besar.pdf", "terlalu besar"),
        (b"", "kosong.pdf", "kosong"),
    ],
)
def test_evidence_that_is_not_a_pdf_or_image_or_too_large_is_refused(
    candidate, applicant, data, name, message
) -> None:
    with pytest.raises(CertificationError, match=message):
        evidence_upload(candidate=candidate, data=data, filename=name, by=applicant)
    assert not Evidence.objects.exists()


def test_evidence_for_a_unit_of_another_scheme_is_refused(candidate, applicant, trainer) -> None:
    from certificates.scheme_data import units_csv
    from certificates.services.schemes import scheme_units_import

    other = scheme_create(code="LAIN", title="Lain", by=trainer)
    scheme_units_import(scheme=other, data=units_csv(code="LAIN"), filename="u.csv")
    foreign = other.units.first()
    with pytest.raises(CertificationError, match="bukan bagian dari skema"):
        self_assessment_save(
            candidate=candidate, unit_id=foreign.pk, competent=True, note="", by=applicant
        )


def test_trainer_returns_with_reason_and_candidate_resubmits(candidate, trainer, applicant) -> None:
    with pytest.raises(CertificationError, match="alasan"):
        candidate_review(candidate=candidate, action="return", by=trainer)
    returned = candidate_review(
        candidate=candidate, action="return", by=trainer, reason="Lengkapi ijazah"
    )
    assert returned.status == CandidateStatus.RETURNED and returned.review_reason
    assert candidate_resubmit(candidate=returned, by=applicant).status == CandidateStatus.SUBMITTED
    accepted = candidate_review(candidate=returned, action="accept", by=trainer)
    with pytest.raises(CertificationError, match="tidak dapat diubah"):
        evidence_upload(candidate=accepted, data=PDF, filename="x.pdf", by=applicant)


def test_only_the_batch_trainer_reviews(candidate, other_trainer, assessor) -> None:
    for person in (other_trainer, assessor):
        with pytest.raises(CertificationError, match="Hanya pelatih"):
            candidate_review(candidate=candidate, action="accept", by=person)
    candidate.refresh_from_db()
    assert candidate.status == CandidateStatus.SUBMITTED


def test_dinas_staff_of_the_region_may_review(candidate, dinas_staff) -> None:
    assert (
        candidate_review(candidate=candidate, action="accept", by=dinas_staff).status == "diterima"
    )


def test_someone_else_cannot_edit_my_application(candidate, scheme) -> None:
    stranger = UserFactory()
    unit = scheme.units.first()
    with pytest.raises(CertificationError, match="bukan pendaftaran Anda"):
        self_assessment_save(
            candidate=candidate, unit_id=unit.pk, competent=True, note="", by=stranger
        )


def test_trainer_records_training_and_written_score(accepted, trainer, other_trainer) -> None:
    from certificates.services.batches import candidate_training_done, candidate_written_record

    assert candidate_training_done(candidate=accepted, by=trainer).training_done_at is not None
    for bad in ("abc", "101", "-1", "NaN"):
        with pytest.raises(CertificationError, match="0 sampai 100"):
            candidate_written_record(candidate=accepted, score=bad, by=trainer)
    with pytest.raises(CertificationError, match="Hanya pelatih atau asesor"):
        candidate_written_record(candidate=accepted, score="80", by=other_trainer)
    scored = candidate_written_record(candidate=accepted, score="72,5", by=trainer)
    assert str(scored.written_score) == "72.50" and scored.written_passed
