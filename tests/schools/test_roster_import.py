import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from lms.accounts.models import InitialPassword, Role, User
from lms.schools.models import Enrolment
from lms.schools.services import username_suggest
from tests.factories import ClassroomFactory, make_student, make_teacher

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


def test_importing_the_same_file_twice_asks_before_creating_anyone(client, teacher, classroom):
    client.force_login(teacher)
    data = b"nama,nisn,kelas,username\nEko,0011111111,8A,eko.p\nFitri Ayu,,8A,\n"
    upload(client, data)
    html = upload(client, data).content.decode()
    assert 'id="import-confirm"' in html and "Tidak ada siswa yang diimpor" not in html
    assert "NISN sama dengan siswa" in html and "Nama sama dengan siswa" in html
    assert User.objects.filter(full_name__in=["Eko", "Fitri Ayu"]).count() == 2
    token = re.search(r'name="upload" value="([^"]+)"', html).group(1)
    # the teacher chooses to skip them: nothing new
    html = client.post(
        reverse("schools:roster-import"), {"upload": token, "duplicates": "skip"}
    ).content.decode()
    assert 'id="import-skipped"' in html
    assert User.objects.filter(full_name__in=["Eko", "Fitri Ayu"]).count() == 2
    # the token was used up
    html = client.post(
        reverse("schools:roster-import"), {"upload": token, "duplicates": "create"}
    ).content.decode()
    assert "kedaluwarsa" in html


def test_a_same_named_student_can_be_created_on_purpose_but_a_same_nisn_never(
    client, teacher, classroom
):
    client.force_login(teacher)
    upload(client, b"nama,nisn,kelas\nEko,0011111111,8A\nPutu Ayu,,8A\n")
    html = upload(client, b"nama,nisn,kelas\nEko,0011111111,8A\nPutu Ayu,,8A\n").content.decode()
    token = re.search(r'name="upload" value="([^"]+)"', html).group(1)
    html = client.post(
        reverse("schools:roster-import"), {"upload": token, "duplicates": "create"}
    ).content.decode()
    assert 'id="import-success"' in html
    assert User.objects.filter(full_name="Putu Ayu").count() == 2
    assert User.objects.filter(full_name="Eko").count() == 1


def test_another_teachers_upload_token_is_refused(client, teacher, classroom, school):
    client.force_login(teacher)
    upload(client, b"nama,kelas\nEko,8A\n")
    html = upload(client, b"nama,kelas\nEko,8A\n").content.decode()
    token = re.search(r'name="upload" value="([^"]+)"', html).group(1)
    other = make_teacher(school, username="guru2")
    client.force_login(other)
    html = client.post(
        reverse("schools:roster-import"), {"upload": token, "duplicates": "create"}
    ).content.decode()
    assert "kedaluwarsa" in html and User.objects.filter(full_name="Eko").count() == 1


def test_names_sharing_first_letters_import_across_schools(client, teacher, classroom):
    # given: another school already has the students these names would first be given
    other = ClassroomFactory(name="8A")
    for name in ["I Made Wirawan", "Ni Luh Putu Ayu", "M. Rizki", "I Made Wirawan"]:
        make_student(other, full_name=name, username=username_suggest(name, _taken()))
    client.force_login(teacher)
    data = (
        "nama,kelas\nI Made Wirawan,8A\nI Made Widi,8A\nI Made Wirawan Putra,8A\n"
        "Ni Luh Putu Ayu,8A\nNi Luh Putu Ayu Sari,8A\nM. Rizki,8A\nM. Rizki Pratama,8A\n"
        "I Nyoman,8A\nNi,8A\n"
    )
    html = upload(client, data.encode()).content.decode()
    assert 'id="import-success"' in html, html
    usernames = list(User.objects.values_list("username", flat=True))
    assert len(usernames) == len({u.lower() for u in usernames})
    assert Enrolment.objects.filter(classroom=classroom).count() == 9


def _taken() -> set[str]:
    return {u.lower() for u in User.objects.values_list("username", flat=True)}


def test_a_nisn_held_at_another_school_is_not_revealed(client, teacher, classroom):
    # given: a student at another school holds the NISN
    make_student(ClassroomFactory(), full_name="Anak Lain", nisn="0099999999")
    client.force_login(teacher)
    # when: this school's teacher imports a student with that NISN, and one with a fresh NISN
    taken = upload(client, b"nama,nisn,kelas\nBudi,0099999999,8A\n").content.decode()
    fresh = upload(client, b"nama,nisn,kelas\nCici,0088888888,8A\n").content.decode()

    # then: both pages read the same, and the other school's NISN stays with its owner
    def shape(html: str, name: str) -> str:
        section = html[html.index('<section class="card" id="import-') :]
        section = section[: section.index("</section>")]
        return re.sub(r"<code>[^<]*</code>", "", section).replace(name, "NAME")

    assert 'id="import-success"' in taken
    assert shape(taken, "Budi") == shape(fresh, "Cici")
    budi = User.objects.get(full_name="Budi")
    assert budi.nisn is None and budi.nisn_claim.nisn == "0099999999"
    # and importing Budi again is recognised by the NISN the school entered
    again = upload(client, b"nama,nisn,kelas\nBudi,0099999999,8A\n").content.decode()
    assert "NISN sama dengan siswa" in again


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


def test_a_stray_quote_that_swallows_rows_is_reported_not_merged(client, teacher, classroom):
    client.force_login(teacher)
    data = b'nama,kelas\nAni,8A\n"Budi,8A\nCici,8A\nDodi",8A\nEka,8A\n'
    html = upload(client, data).content.decode()
    assert 'id="import-errors"' in html and "tanda kutip" in html
    assert "<td>3</td>" in html  # the row that starts with the quote
    assert not User.objects.filter(full_name__contains="Budi").exists()
    assert not User.objects.filter(full_name__in=["Ani", "Eka"]).exists()


@pytest.mark.parametrize("name", ["Budi\u202eomotU", "Bu\u200bdi", "Budi\tUtomo", "Budi\x07"])
def test_invisible_characters_in_a_roster_name_are_refused(client, teacher, classroom, name):
    client.force_login(teacher)
    html = upload(client, f"nama,kelas\n{name},8A\n".encode()).content.decode()
    assert "karakter tak terlihat" in html
    assert not User.objects.filter(full_name__startswith="Bu").exists()


def test_consent_form_refuses_a_guardian_name_with_a_direction_override(client, teacher, student):
    client.force_login(teacher)
    response = client.post(
        reverse("schools:student-consent", args=[student.pk]),
        {
            "action": "grant",
            "purposes": ["learning"],
            "guardian_name": "Ibu \u202eitiS",
            "guardian_relation": "ibu",
            "method": "paper",
        },
    )
    assert "karakter tak terlihat" in response.content.decode()
    assert not student.consent_records.filter(guardian_name__contains="\u202e").exists()
