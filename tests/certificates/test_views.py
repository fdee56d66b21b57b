"""Views: each role's screens work, wrong people get 404, bad input shows Indonesian errors."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from certificates.models import Candidate, Decision, Evidence, SelfAssessment, UnitDecision
from certificates.practical.services import practical_case_open
from certificates.services.batches import candidate_review
from tests.certificates.conftest import apply
from tests.certificates.test_applications import PDF
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def login(client: Client, user) -> Client:
    client.force_login(user)
    return client


def test_trainer_dashboard_lists_batches_and_what_waits(client, trainer, batch, candidate) -> None:
    html = login(client, trainer).get(reverse("certificates:home")).content.decode()
    assert batch.name in html and "1 menunggu verifikasi dari 1 pendaftar" in html
    dash = client.get(reverse("accounts:dashboard")).content.decode()
    assert 'data-panel="sertifikasi"' in dash


def test_assessor_dashboard_counts_waiting_candidates(client, assessor, accepted) -> None:
    html = login(client, assessor).get(reverse("certificates:home")).content.decode()
    assert "1 peserta menunggu keputusan" in html


def test_board_renders_states_counts_and_missing(client, trainer, batch, accepted) -> None:
    html = login(client, trainer).get(reverse("certificates:batch-board", args=[batch.pk])).content
    html = html.decode()
    assert accepted.full_name in html and "asesmen mandiri 0/8" in html
    partial = client.get(
        reverse("certificates:batch-board", args=[batch.pk]) + "?state=diajukan",
        headers={"HX-Request": "true"},
    ).content.decode()
    assert 'id="board-table"' in partial and "<html" not in partial
    assert accepted.full_name not in partial


def test_board_queries_do_not_grow_with_candidates(client, trainer, batch) -> None:
    login(client, trainer)
    url = reverse("certificates:batch-board", args=[batch.pk])
    for _ in range(3):
        candidate_review(candidate=apply(batch, UserFactory()), action="accept", by=trainer)
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(12):
        apply(batch, UserFactory())
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_register_export_csv_and_xlsx(client, trainer, batch, accepted) -> None:
    login(client, trainer)
    csv = client.get(reverse("certificates:batch-export", args=[batch.pk, "csv"]))
    assert csv["Content-Type"].startswith("text/csv")
    assert accepted.full_name in csv.content.decode("utf-8-sig")
    xlsx = client.get(reverse("certificates:batch-export", args=[batch.pk, "xlsx"]))
    assert xlsx.content[:2] == b"PK"


@pytest.mark.parametrize(
    "name",
    ["batch-board", "pleno", "batch-export-csv"],
)
def test_another_dinas_batch_by_id_is_404(
    client, other_trainer, other_assessor, batch, name
) -> None:
    for person in (other_trainer, other_assessor, UserFactory()):
        login(client, person)
        if name == "batch-export-csv":
            url = reverse("certificates:batch-export", args=[batch.pk, "csv"])
        else:
            url = reverse(f"certificates:{name}", args=[batch.pk])
        assert client.get(url).status_code == 404


def test_another_dinas_candidate_evidence_and_decision_are_404(
    client, other_assessor, accepted, applicant
) -> None:
    from certificates.services.batches import evidence_upload

    accepted.status = "diajukan"
    accepted.save()
    evidence = evidence_upload(candidate=accepted, data=PDF, filename="i.pdf", by=applicant)
    login(client, other_assessor)
    for url in [
        reverse("certificates:candidate-detail", args=[accepted.pk]),
        reverse("certificates:decision", args=[accepted.pk]),
        reverse("certificates:checklist", args=[accepted.pk]),
        reverse("certificates:evidence-download", args=[evidence.pk]),
        reverse("certificates:application", args=[accepted.pk]),
    ]:
        assert client.get(url).status_code == 404, url


def test_decision_by_a_trainer_of_the_batch_is_404_and_saves_nothing(
    client, trainer, accepted, scheme
) -> None:
    unit = scheme.units.first()
    response = login(client, trainer).post(
        reverse("certificates:decision", args=[accepted.pk]),
        {"unit": unit.pk, f"u{unit.pk}-result": "K", f"u{unit.pk}-evidence": "x"},
    )
    assert response.status_code == 404 and not UnitDecision.objects.exists()


def test_assessor_records_units_checklist_and_signs(client, assessor, accepted, scheme) -> None:
    login(client, assessor)
    url = reverse("certificates:decision", args=[accepted.pk])
    assert client.get(url).status_code == 200
    criterion = scheme.units.first().elements.first().criteria.first()
    mark = client.post(
        reverse("certificates:checklist-mark", args=[accepted.pk, criterion.pk]),
        {"met": "1"},
        headers={"HX-Request": "true"},
    ).content.decode()
    assert "Tersimpan" in mark and 'aria-pressed="true"' in mark
    for unit in scheme.units.all():
        html = client.post(
            url,
            {"unit": unit.pk, f"u{unit.pk}-result": "K", f"u{unit.pk}-evidence": "Observasi"},
            headers={"HX-Request": "true"},
        ).content.decode()
        assert "Tersimpan" in html
    response = client.post(
        reverse("certificates:decision-sign", args=[accepted.pk]), {"confirm": "on"}
    )
    assert response.status_code == 302
    assert Decision.objects.get().overall == "K"
    html = client.get(url).content.decode()
    assert "sudah dibekukan" in html
    # editing after sign-off: refused with a clear message, nothing changed
    unit = scheme.units.first()
    html = client.post(
        url,
        {"unit": unit.pk, f"u{unit.pk}-result": "BK", f"u{unit.pk}-evidence": "ubah"},
        follow=True,
    ).content.decode()
    assert "sudah ditandatangani dan tidak dapat diubah" in html
    assert not UnitDecision.objects.filter(result="BK").exists()


def test_candidate_applies_self_assesses_and_uploads(client, batch, scheme) -> None:
    user = UserFactory(full_name="Rina Juru Buku")
    login(client, user)
    response = client.post(
        reverse("certificates:batch-apply", args=[batch.pk]),
        {
            "full_name": "Rina Juru Buku",
            "track": "dewasa",
            "cooperative_name": "KSP Maju",
            "cooperative_role": "Juru buku",
        },
    )
    candidate = Candidate.objects.get(user=user)
    assert response.status_code == 302
    again = client.post(
        reverse("certificates:batch-apply", args=[batch.pk]),
        {"full_name": "R", "track": "dewasa", "cooperative_name": "K", "cooperative_role": "J"},
    )
    assert "Anda sudah mendaftar di angkatan ini." in again.content.decode()
    assert Candidate.objects.filter(user=user).count() == 1
    unit = scheme.units.first()
    row = client.post(
        reverse("certificates:self-assessment", args=[candidate.pk, unit.pk]),
        {"competent": "1"},
        headers={"HX-Request": "true"},
    ).content.decode()
    assert "Tersimpan" in row and SelfAssessment.objects.filter(candidate=candidate).count() == 1
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = client.post(
        reverse("certificates:evidence-upload", args=[candidate.pk]),
        {"file": SimpleUploadedFile("ijazah.pdf", b"<script>", content_type="application/pdf")},
    ).content.decode()
    assert "Bukti harus berupa PDF atau gambar" in bad and not Evidence.objects.exists()
    ok = client.post(
        reverse("certificates:evidence-upload", args=[candidate.pk]),
        {"file": SimpleUploadedFile("ijazah.pdf", PDF, content_type="application/pdf")},
    )
    assert ok.status_code == 302 and Evidence.objects.count() == 1
    download = client.get(
        reverse("certificates:evidence-download", args=[Evidence.objects.get().pk])
    )
    assert download.status_code == 200 and "attachment" in download["Content-Disposition"]


def test_candidate_records_the_practical_case_in_the_sandbox(client, accepted, applicant) -> None:
    login(client, applicant)
    url = reverse("certificates:practical", args=[accepted.pk])
    html = client.get(url).content.decode()
    case = practical_case_open(candidate=accepted, by=applicant)
    tx = case.case["transactions"][0]
    assert tx["text"] in html
    lines = tx["lines"]
    bad = client.post(
        url,
        {
            "transaction_ref": tx["ref"],
            "date": tx["date"],
            "memo": "",
            "account": [lines[0]["account"], lines[1]["account"]],
            "side": ["D", "K"],
            "amount": [str(lines[0]["amount"]), "1"],
        },
        headers={"HX-Request": "true"},
    ).content.decode()
    assert "Jurnal tidak seimbang" in bad and not case.entries.exists()
    good = client.post(
        url,
        {
            "transaction_ref": tx["ref"],
            "date": tx["date"],
            "memo": "",
            "account": [x["account"] for x in lines],
            "side": [x["side"] for x in lines],
            "amount": [str(x["amount"]) for x in lines],
        },
        headers={"HX-Request": "true"},
    ).content.decode()
    assert "dicatat" in good and case.entries.count() == 1
    client.post(reverse("certificates:practical-submit", args=[accepted.pk]))
    case.refresh_from_db()
    assert case.submitted_at is not None


def test_pleno_view_confirms(client, trainer, assessor, batch, accepted) -> None:
    from certificates.services.decisions import decision_sign, unit_decision_record

    for unit in batch.scheme.units.all():
        unit_decision_record(
            candidate=accepted, unit_id=unit.pk, result="K", evidence="x", by=assessor
        )
    decision_sign(candidate=accepted, by=assessor)
    login(client, trainer)
    url = reverse("certificates:pleno", args=[batch.pk])
    assert accepted.full_name in client.get(url).content.decode()
    response = client.post(url, {"held_on": "2026-11-07", "notes": "Pleno"})
    assert response.status_code == 302
    assert Decision.objects.get().pleno is not None


def test_external_certificates_recorded_with_expiry(client, dinas_staff, region) -> None:
    login(client, dinas_staff)
    response = client.post(
        reverse("certificates:external-create"),
        {
            "region": region.pk,
            "holder_name": "Budi",
            "number": "LSP-KJK/2024/001",
            "issuer": "LSP Koperasi Nusantara",
            "scheme_name": "Juru Buku KSP/USP",
            "issued_on": "2024-01-10",
            "expires_on": (timezone.localdate() + datetime.timedelta(days=30)).isoformat(),
        },
    )
    assert response.status_code == 302
    html = client.get(reverse("certificates:external-list") + "?expiring=1").content.decode()
    assert "LSP-KJK/2024/001" in html
    again = client.post(
        reverse("certificates:external-create"),
        {
            "region": region.pk,
            "holder_name": "Budi",
            "number": "LSP-KJK/2024/001",
            "issuer": "LSP Koperasi Nusantara",
            "scheme_name": "Juru Buku KSP/USP",
            "issued_on": "2024-01-10",
        },
    ).content.decode()
    assert "sudah dicatat" in again


def test_scheme_import_view_reports_bad_rows(client, trainer) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from certificates.services.schemes import scheme_create

    draft = scheme_create(code="JBX", title="Uji", by=trainer)
    data = (
        b"kode_skema,versi,kode_unit,judul_unit,wajib,elemen,kuk\n"
        b"JBX,1,U1,Jurnal,ya,A,a\nJBX,1,U1,Lagi,ya,B,b\n"
    )
    html = (
        login(client, trainer)
        .post(
            reverse("certificates:scheme-detail", args=[draft.pk]),
            {"file": SimpleUploadedFile("u.csv", data)},
        )
        .content.decode()
    )
    assert "Tidak ada yang diimpor" in html and "Kode unit U1 ganda" in html


def test_students_and_outsiders_see_no_staff_screens(client, student, batch) -> None:
    login(client, student)
    for name in ("scheme-list", "batch-create", "external-list", "scheme-create"):
        assert client.get(reverse(f"certificates:{name}")).status_code == 404
    assert client.get(reverse("certificates:home")).status_code == 200


def test_every_screen_renders_for_its_people(client, trainer, assessor, batch, accepted, applicant):
    practical_case_open(candidate=accepted, by=applicant)
    pages = {
        trainer: [
            ("certificates:scheme-list", []),
            ("certificates:scheme-detail", [batch.scheme_id]),
            ("certificates:scheme-create", []),
            ("certificates:batch-create", []),
            ("certificates:batch-board", [batch.pk]),
            ("certificates:candidate-detail", [accepted.pk]),
            ("certificates:pleno", [batch.pk]),
            ("certificates:external-list", []),
            ("certificates:external-create", []),
        ],
        assessor: [
            ("certificates:home", []),
            ("certificates:checklist", [accepted.pk]),
            ("certificates:decision", [accepted.pk]),
            ("certificates:practical-diff", [accepted.pk]),
            ("certificates:candidate-detail", [accepted.pk]),
        ],
        applicant: [
            ("certificates:home", []),
            ("certificates:application", [accepted.pk]),
            ("certificates:practical", [accepted.pk]),
        ],
    }
    for person, names in pages.items():
        login(client, person)
        for name, args in names:
            response = client.get(reverse(name, args=args))
            assert response.status_code == 200, (person, name)
