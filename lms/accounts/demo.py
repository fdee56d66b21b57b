"""Core demo: a district, a school, a class and one account per role."""

from __future__ import annotations

from django.contrib.auth.models import Group

from lms.accounts.models import (
    ConsentPurpose,
    ConsentRecord,
    Guardianship,
    InitialPassword,
    Role,
    RoleAssignment,
    User,
)
from lms.demo import DEMO_PASSWORD, ensure_password
from lms.schools.models import Classroom, Enrolment, Region, School

DEMO_ACCOUNTS = [
    ("siswa", "Siti Rahmawati", "siswa (student)"),
    ("guru", "Ratna Dewi, S.Pd.", "guru (teacher, guru pembina)"),
    ("pelatih", "Agus Salim", "pelatih (dinas trainer)"),
    ("asesor", "Dr. Maria Ulfa", "asesor (assessor)"),
    ("dinas", "Hendra Wijaya", "dinas (dinas staff)"),
    ("editor", "Nadia Putri", "editor (content editor)"),
    ("wali", "Rahmat Hidayat", "wali (guardian of siswa)"),
    ("admin", "Administrator", "admin (superuser)"),
]
CLASSMATES = [
    "Budi Santoso",
    "Citra Lestari",
    "Dedi Kurniawan",
    "Eka Pratiwi",
    "Fajar Nugroho",
    "Gita Anggraini",
    "Hadi Saputra",
    "Indah Permata",
]


def _user(username: str, full_name: str) -> User:
    user, _ = User.objects.get_or_create(username=username, defaults={"full_name": full_name})
    ensure_password(user)
    return user


def _role(
    user: User, role: str, school: School | None = None, region: Region | None = None
) -> None:
    RoleAssignment.objects.get_or_create(user=user, role=role, school=school, region=region)


def seed() -> list[str]:
    region, _ = Region.objects.get_or_create(
        code="1603", defaults={"province": "Sumatera Selatan", "name": "Kabupaten Muara Enim"}
    )
    school, _ = School.objects.get_or_create(
        npsn="69900001",
        defaults={
            "name": "SMP Negeri Tunas Bangsa (demo)",
            "level": School.Level.SMP,
            "region": region,
        },
    )
    classroom, _ = Classroom.objects.get_or_create(
        school=school, name="8A", academic_year="2026/2027", defaults={"grade": 8}
    )

    users = {username: _user(username, name) for username, name, _label in DEMO_ACCOUNTS}
    _role(users["siswa"], Role.STUDENT, school=school)
    _role(users["guru"], Role.TEACHER, school=school)
    classroom.teachers.add(users["guru"])
    for username, role in (
        ("pelatih", Role.TRAINER),
        ("asesor", Role.ASSESSOR),
        ("dinas", Role.DINAS),
    ):
        _role(users[username], role, region=region)
    _role(users["editor"], Role.EDITOR)
    editors = Group.objects.filter(name="Editors").first()
    if editors:
        users["editor"].groups.add(editors)
    _role(users["wali"], Role.GUARDIAN)
    Guardianship.objects.get_or_create(
        guardian=users["wali"], student=users["siswa"], defaults={"relation": "ayah"}
    )
    admin = users["admin"]
    if not (admin.is_superuser and admin.is_staff):
        admin.is_superuser = admin.is_staff = True
        admin.save(update_fields=["is_superuser", "is_staff"])

    Enrolment.objects.get_or_create(classroom=classroom, student=users["siswa"])
    for purpose in ConsentPurpose.values:
        if not ConsentRecord.objects.filter(student=users["siswa"], purpose=purpose).exists():
            ConsentRecord.objects.create(
                student=users["siswa"],
                purpose=purpose,
                action=ConsentRecord.Action.GRANT,
                guardian_name="Rahmat Hidayat",
                guardian_relation="ayah",
                method=ConsentRecord.Method.PAPER,
                evidence="Formulir demo no. 1",
                notice_version="2026-11",
                recorded_by=users["guru"],
            )
    for index, name in enumerate(CLASSMATES, start=1):
        username = f"siswa{index:02d}"
        student, created = User.objects.get_or_create(
            username=username, defaults={"full_name": name, "must_change_password": True}
        )
        if created:
            password = f"demo-{index:04d}"
            student.set_password(password)
            student.save(update_fields=["password"])
            InitialPassword.objects.create(user=student, password=password)
        _role(student, Role.STUDENT, school=school)
        Enrolment.objects.get_or_create(classroom=classroom, student=student)

    width = max(len(u) for u, _n, _l in DEMO_ACCOUNTS)
    lines = [f"Demo accounts (password: {DEMO_PASSWORD}):"]
    lines += [f"  {u.ljust(width)}  {label}" for u, _n, label in DEMO_ACCOUNTS]
    return lines
