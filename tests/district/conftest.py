"""A small generated province (two kabupaten) plus a kabupaten of another province."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import pytest

from certificates.generate import generate_certification
from lms import district
from lms.accounts.models import Role, RoleAssignment
from school_coops.generate import PROVINCE, generate
from school_coops.services.cooperative import cooperative_create
from tests.factories import RegionFactory, SchoolFactory, UserFactory, make_teacher, with_role

FOREIGN = "Seberang"  # in every name of the other province's kabupaten


@dataclass
class Province:
    a: Any  # the first generated kabupaten
    b: Any  # the second
    other: Any  # a kabupaten of another province
    other_coop: Any
    dinas_a: Any
    dinas_province: Any


@pytest.fixture
def province(db) -> Province:
    out = generate(0.005)["generated"]
    generate_certification(out, 0.005)
    a, b = out.regions
    other = RegionFactory(province="Sulawesi Seberang", name=f"Kota {FOREIGN}", code="7371")
    school = SchoolFactory(name=f"SMP {FOREIGN} Jaya", region=other, kecamatan=f"Kec {FOREIGN}")
    other_coop = cooperative_create(
        school=school,
        name=f"Kopsis {FOREIGN} Jaya",
        by=make_teacher(school, username="guru-seberang"),
        founded_on=datetime.date(2024, 7, 15),
    )
    dinas_a = with_role(UserFactory(username="dinas-a"), Role.DINAS, region=a)
    dinas_province = UserFactory(username="dinas-prov")
    RoleAssignment.objects.create(user=dinas_province, role=Role.DINAS, province=PROVINCE)
    for scope in district.all_scopes():
        district.refresh(scope)
    return Province(a, b, other, other_coop, dinas_a, dinas_province)
