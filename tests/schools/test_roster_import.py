import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from lms.accounts.models import InitialPassword, Role, User
from lms.schools.models import Enrolment

pytestmark = pytest.mark.django_db


def upload(client, content: bytes, name: str = "siswa.csv"):
    return client.post(
        reverse("schools:roster-import"), {"file": SimpleUploadedFile(name, content)}
    )


def xlsx(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_csv_roster_creates_students_with_one_time_passwords(client, teacher, classroom):
    client.force_login(teacher)
    response = upload(client, b"nama,nisn,kelas\nSiti Aminah,0012345678,8A\nBudi Utomo,,8a\n")
    assert 'id="import-success"' in response.content.decode()
    siti = User.objects.get(full_name="Siti Aminah")
    assert siti.nisn == "0012345678" and siti.must_change_password and not siti.email
    assert siti.has_role(Role.STUDENT)
    assert Enrolment.objects.filter(classroom=classroom).count() == 2
    assert InitialPassword.objects.filter(user=siti).exists()


def test_xlsx_roster_with_semicolons_and_usernames(client, teacher, classroom):
    client.force_login(teacher)
    data = xlsx(
        [["Nama", "NISN", "Kelas", "Username"], ["Dewi Sartika", "0098765432", "8A", "dewi.s"]]
    )
    response = upload(client, data, "kelas.xlsx")
    assert 'id="import-success"' in response.content.decode()
    assert User.objects.filter(username="dewi.s", nisn="0098765432").exists()


def test_junk_rows_are_each_reported_and_nothing_is_imported(client, teacher, classroom):
    client.force_login(teacher)
    existing = User.objects.count()
    rows = (
        "nama,nisn,kelas,username\n"
        "Andi,12345,8A,\n"  # 2: bad NISN
        "Bela,,8A,bela\n"  # 3: duplicate username
        "Bela Dua,,8A,bela\n"  # 4: duplicate username
        ",0011223344,8A,\n"  # 5: empty name
        '"=HYPERLINK(""http://x"",""klik"")",,8A,\n'  # 6: formula
        "Cici,,9Z,\n"  # 7: unknown class
        "Dodi,,8A,\n"  # 8: fine
    )
    html = upload(client, rows.encode()).content.decode()
    assert 'id="import-errors"' in html
    assert "NISN harus tepat 10 angka" in html
    assert "Username ini muncul lebih dari sekali" in html
    assert "Nama kosong" in html
    assert "rumus" in html
    assert "Kelas &#x27;9Z&#x27; tidak ada" in html or "Kelas '9Z' tidak ada" in html
    assert "Tidak ada siswa yang diimpor" in html
    assert User.objects.count() == existing


def test_formula_in_xlsx_cell_is_rejected(client, teacher, classroom):
    client.force_login(teacher)
    data = xlsx([["nama", "kelas"], ['=HYPERLINK("http://x","klik")', "8A"]])
    html = upload(client, data, "a.xlsx").content.decode()
    assert "rumus" in html and not User.objects.filter(full_name__startswith="=").exists()


def test_ten_megabyte_file_is_refused(client, teacher, classroom):
    client.force_login(teacher)
    big = b"nama,kelas\n" + b"Andi,8A\n" * (10 * 1024 * 1024 // 8)
    html = upload(client, big).content.decode()
    assert "Berkas terlalu besar" in html
    assert not User.objects.filter(full_name="Andi").exists()


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "foto.png"),
        (b"PK\x03\x04garbage-not-a-workbook", "rusak.xlsx"),
        (b"", "kosong.csv"),
        (b"foo,bar\n1,2\n", "salah-judul.csv"),
        (b"nama,kelas\n", "judul-saja.csv"),
    ],
)
def test_non_spreadsheets_get_a_clear_message(client, teacher, classroom, content, name):
    client.force_login(teacher)
    before = User.objects.count()
    response = upload(client, content, name)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="alert error"' in html or 'class="field-error"' in html
    assert "Berkas" in html or "Baris judul" in html
    assert User.objects.count() == before


def test_importing_the_same_file_twice_creates_nothing_the_second_time(client, teacher, classroom):
    client.force_login(teacher)
    data = b"nama,nisn,kelas,username\nEko,0011111111,8A,eko.p\n"
    upload(client, data)
    html = upload(client, data).content.decode()
    assert "Username ini sudah dipakai" in html and "NISN ini sudah terdaftar" in html
    assert User.objects.filter(username="eko.p").count() == 1


def test_students_and_outsiders_cannot_import(client, student, outsider):
    client.force_login(student)
    assert upload(client, b"nama,kelas\nA,8A\n").status_code == 403
    client.force_login(outsider)
    html = upload(client, b"nama,kelas\nAndi,8A\n").content.decode()
    assert "tidak ada di sekolah ini" in html  # their school has no class 8A


def test_generated_usernames_are_unique(client, teacher, classroom):
    client.force_login(teacher)
    upload(client, b"nama,kelas\nSiti Aminah,8A\nSiti Aminah,8A\n")
    usernames = sorted(
        User.objects.filter(full_name="Siti Aminah").values_list("username", flat=True)
    )
    assert len(set(usernames)) == 2
