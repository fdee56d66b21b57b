"""Candidates imported from a roster: accounts with real usernames, a bad-row report, a
question before duplicating, the quota, another dinas's batch, twice and concurrently."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import Workbook

from certificates.exceptions import CertificationError
from certificates.models import Candidate, Origin, Track
from certificates.services.roster import candidates_import
from lms.accounts.models import InitialPassword, User
from lms.schools.services import Duplicates
from school_coops.services.cooperative import cooperative_create
from tests.certificates.conftest import apply, make_batch
from tests.factories import SchoolFactory, make_teacher

pytestmark = pytest.mark.django_db

HEADER = "nama,nik,hp,surel,koperasi,badan_hukum,jabatan,jalur\n"
GOOD = (
    HEADER
    + "Dewi Lestari,3201014501900001,081234567890,,Koperasi Desa Sukamaju,AHU-001,Bendahara,\n"
    + "Budi Santoso,,,budi@example.id,KSP Maju Bersama,AHU-002,Juru buku,dewasa\n"
)


def csv(text: str) -> bytes:
    return text.encode()


def test_a_good_roster_creates_accounts_with_real_usernames_and_applications(batch, trainer):
    result = candidates_import(batch=batch, data=csv(GOOD), filename="p.csv", by=trainer)
    assert not result.errors and len(result.created) == 2
    dewi = Candidate.objects.get(batch=batch, full_name="Dewi Lestari")
    assert dewi.user.username == "dewi.l"
    assert dewi.origin == Origin.IMPORTED
    assert dewi.nik == "3201014501900001"
    assert dewi.phone == "081234567890"
    assert dewi.cooperative_legal_number == "AHU-001"
    assert dewi.user.must_change_password
    assert InitialPassword.objects.filter(user=dewi.user).exists()
    assert dewi.user.check_password({c.pk: p for c, p in result.created}[dewi.pk])
    budi = Candidate.objects.get(batch=batch, full_name="Budi Santoso")
    assert budi.email == "budi@example.id" and budi.user.email == "budi@example.id"


def test_bad_rows_are_reported_and_nothing_is_imported(batch, trainer):
    text = (
        HEADER
        + "Dewi Lestari,12345,081234567890,,Koperasi A,AHU-1,Bendahara,\n"  # NIK too short
        + "Tanpa Kontak,,,,Koperasi B,AHU-2,Ketua,\n"  # no phone nor e-mail
        + "Luar Kopsis,,081234567891,,Koperasi Tanpa Nomor,,Ketua,\n"  # no legal number
        + "Pelajar Luar,,081234567892,,Koperasi C,AHU-3,Anggota,pelajar\n"  # school track
        + "=HYPERLINK(1),,081234567893,,Koperasi D,AHU-4,Ketua,\n"
        + "Surel Salah,,,bukan-surel,Koperasi E,AHU-5,Ketua,\n"
    )
    users = User.objects.count()
    result = candidates_import(batch=batch, data=csv(text), filename="p.csv", by=trainer)
    assert result.created == []
    errors = {row.line: " ".join(row.errors) for row in result.errors}
    assert "NIK harus tepat 16 angka" in errors[2]
    assert "nomor HP atau surel" in errors[3]
    assert "nomor badan hukumnya" in errors[4]
    assert "Jalur pelajar harus dari koperasi sekolah di Kopsis" in errors[5]
    assert "rumus" in errors[6]
    assert "surel tidak sah" in errors[7]
    assert User.objects.count() == users
    assert not Candidate.objects.filter(batch=batch).exists()


def test_a_file_that_is_not_a_roster_is_refused_with_a_message(batch, trainer):
    with pytest.raises(CertificationError, match="Baris judul harus memuat"):
        candidates_import(batch=batch, data=b"a,b\n1,2\n", filename="p.csv", by=trainer)
    with pytest.raises(CertificationError, match="Berkas kosong"):
        candidates_import(batch=batch, data=b"", filename="p.csv", by=trainer)
    with pytest.raises(CertificationError, match="XLSX rusak"):
        candidates_import(batch=batch, data=b"PK\x03\x04xx", filename="p.xlsx", by=trainer)


def test_an_xlsx_roster_reads_through_the_shared_reader(batch, trainer):
    book = Workbook()
    sheet = book.active
    sheet.append(["nama", "hp", "koperasi", "badan_hukum", "jabatan"])
    sheet.append(["Rina Wati", "081299990000", "Koperasi Karyawan", "AHU-9", "Bendahara"])
    buffer = io.BytesIO()
    book.save(buffer)
    result = candidates_import(batch=batch, data=buffer.getvalue(), filename="p.xlsx", by=trainer)
    assert [c.full_name for c, _p in result.created] == ["Rina Wati"]


def test_a_kopsis_cooperative_is_recognised_by_name_without_legal_number(batch, trainer, region):
    school = SchoolFactory(region=region)
    coop = cooperative_create(school=school, name="Kopsis Harapan", by=make_teacher(school))
    text = HEADER + "Sari Pelajar,,081234567890,,kopsis harapan,,Bendahara,pelajar\n"
    result = candidates_import(batch=batch, data=csv(text), filename="p.csv", by=trainer)
    assert not result.errors
    candidate = result.created[0][0]
    assert candidate.cooperative == coop and candidate.track == Track.STUDENT


def test_importing_twice_asks_then_skips_and_never_duplicates_a_nik(batch, trainer):
    candidates_import(batch=batch, data=csv(GOOD), filename="p.csv", by=trainer)
    again = candidates_import(batch=batch, data=csv(GOOD), filename="p.csv", by=trainer)
    assert again.needs_confirmation and again.created == []
    assert {m.same_nik for m in again.existing} == {True, False}
    assert Candidate.objects.filter(batch=batch).count() == 2
    created = candidates_import(
        batch=batch, data=csv(GOOD), filename="p.csv", by=trainer, duplicates=Duplicates.CREATE
    )
    # The NIK match is always skipped; the name-only match was created on request.
    assert [c.full_name for c, _p in created.created] == ["Budi Santoso"]
    assert Candidate.objects.filter(batch=batch, full_name="Dewi Lestari").count() == 1


def test_more_rows_than_free_seats_imports_nothing(region, scheme, trainer, assessor):
    small = make_batch(region, scheme, trainer, [assessor], quota=1)
    users = User.objects.count()
    with pytest.raises(CertificationError, match="Kuota angkatan tinggal 1 kursi"):
        candidates_import(batch=small, data=csv(GOOD), filename="p.csv", by=trainer)
    assert User.objects.count() == users
    assert not small.candidates.exists()


def test_a_trainer_of_another_dinas_cannot_import(batch, other_trainer, client):
    with pytest.raises(CertificationError, match="Hanya pelatih angkatan ini"):
        candidates_import(batch=batch, data=csv(GOOD), filename="p.csv", by=other_trainer)
    client.force_login(other_trainer)
    url = reverse("certificates:candidate-import", args=[batch.pk])
    assert client.get(url).status_code == 404
    upload = io.BytesIO(csv(GOOD))
    upload.name = "p.csv"
    assert client.post(url, {"file": upload}).status_code == 404
    assert not batch.candidates.exists()


def test_the_import_page_reports_asks_and_imports(batch, trainer, client):
    apply(batch, User.objects.create(username="budi-lama", full_name="Budi Santoso"))
    client.force_login(trainer)
    url = reverse("certificates:candidate-import", args=[batch.pk])
    upload = io.BytesIO(csv(GOOD))
    upload.name = "p.csv"
    response = client.post(url, {"file": upload})
    assert response.status_code == 200
    assert "tampaknya sudah ada" in response.content.decode()
    assert batch.candidates.count() == 1
    token = response.context["confirm_form"].initial["upload"]
    response = client.post(url, {"upload": token, "duplicates": "skip"})
    body = response.content.decode()
    assert "1 peserta berhasil diimpor" in body and "dewi.l" in body
    assert batch.candidates.count() == 2
    # The kept upload is gone: confirming again changes nothing.
    response = client.post(url, {"upload": token, "duplicates": "create"})
    assert "kedaluwarsa" in response.content.decode()
    assert batch.candidates.count() == 2
