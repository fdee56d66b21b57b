"""Demo data for the dinas' overview (called from school_coops/demo.py): kecamatan for the
demo schools, three more cooperatives of Kabupaten Muara Enim in other states, and a
province-wide dinas login. Idempotent: schools and coops are looked up by NPSN and name."""

from __future__ import annotations

import datetime

from lms.accounts.models import Role, RoleAssignment, User
from lms.demo import ensure_password
from lms.schools.models import Region, School
from school_coops.models import Cooperative
from school_coops.services.cooperative import cooperative_create, cooperative_rat_record

KECAMATAN = {"69900001": "Lawang Kidul", "69900002": "Tanjung Agung"}
# npsn, school, level, kecamatan, founded, [(tahun buku, RAT held on)]
EXTRA = [
    (
        "69900101",
        "SMA Negeri 1 Muara Enim (demo)",
        School.Level.SMA,
        "Muara Enim",
        datetime.date(2020, 7, 15),
        [(2024, datetime.date(2025, 3, 12)), (2025, datetime.date(2026, 3, 20))],
    ),
    (
        "69900102",
        "SMK Negeri 2 Muara Enim (demo)",
        School.Level.SMK,
        "Muara Enim",
        datetime.date(2018, 7, 16),
        [(2020, datetime.date(2021, 3, 15))],
    ),
    (
        "69900103",
        "MTs Negeri Lawang Kidul (demo)",
        School.Level.MTS,
        "Lawang Kidul",
        datetime.date(2022, 7, 18),
        [(2024, datetime.date(2025, 3, 10))],
    ),
]


def _teacher(school: School) -> User:
    user, _c = User.objects.get_or_create(
        username=f"pembina-{school.npsn}", defaults={"full_name": f"Pembina {school.name}"}
    )
    RoleAssignment.objects.get_or_create(user=user, role=Role.TEACHER, school=school)
    return user


def _province_login(region: Region) -> None:
    user, _c = User.objects.get_or_create(
        username="dinasprov", defaults={"full_name": "Sri Wahyuni (dinas provinsi)"}
    )
    ensure_password(user)
    RoleAssignment.objects.get_or_create(
        user=user, role=Role.DINAS, school=None, region=None, defaults={"province": region.province}
    )


def seed() -> list[str]:
    region = Region.objects.filter(code="1603").first()
    if region is None:
        return []
    for npsn, kecamatan in KECAMATAN.items():
        School.objects.filter(npsn=npsn, kecamatan="").update(kecamatan=kecamatan)
    for npsn, name, level, kecamatan, founded, rats in EXTRA:
        school, _c = School.objects.get_or_create(
            npsn=npsn,
            defaults={"name": name, "level": level, "region": region, "kecamatan": kecamatan},
        )
        if Cooperative.objects.filter(school=school).exists():
            continue
        teacher = _teacher(school)
        coop = cooperative_create(
            school=school, name=f"Kopsis {name}", by=teacher, founded_on=founded
        )
        for fiscal_year, held_on in rats:
            cooperative_rat_record(coop=coop, fiscal_year=fiscal_year, held_on=held_on, by=teacher)
    _province_login(region)
    return [f"  dinasprov  dinas staff of the whole province {region.province} (roll-up)"]
