"""A dinas with a trainer, an assessor and staff; a published "Juru Buku Koperasi" scheme; a
batch; candidates; and another dinas whose people must be refused."""

from __future__ import annotations

import datetime

import pytest

from certificates.models import CandidateStatus
from certificates.scheme_data import SCHEME_TITLE, units_csv
from certificates.services.batches import batch_create, candidate_apply, candidate_review
from certificates.services.schemes import scheme_create, scheme_publish, scheme_units_import
from lms.accounts.models import Role
from tests.factories import RegionFactory, UserFactory, with_role


@pytest.fixture
def region(db):
    return RegionFactory(code="3201", name="Kabupaten Bogor", province="Jawa Barat")


@pytest.fixture
def other_region(db):
    return RegionFactory(code="3202", name="Kabupaten Sukabumi", province="Jawa Barat")


@pytest.fixture
def trainer(region):
    return with_role(
        UserFactory(username="pelatih1", full_name="Agus Pelatih"), Role.TRAINER, region=region
    )


@pytest.fixture
def assessor(region):
    return with_role(
        UserFactory(username="asesor1", full_name="Maria Asesor"), Role.ASSESSOR, region=region
    )


@pytest.fixture
def second_assessor(region):
    return with_role(UserFactory(username="asesor2"), Role.ASSESSOR, region=region)


@pytest.fixture
def dinas_staff(region):
    return with_role(UserFactory(username="dinas1"), Role.DINAS, region=region)


@pytest.fixture
def other_trainer(other_region):
    return with_role(UserFactory(username="pelatih-lain"), Role.TRAINER, region=other_region)


@pytest.fixture
def other_assessor(other_region):
    return with_role(UserFactory(username="asesor-lain"), Role.ASSESSOR, region=other_region)


@pytest.fixture
def scheme(trainer):
    scheme = scheme_create(code="JBK", title=SCHEME_TITLE, by=trainer, validity_years=3)
    rows, imported = scheme_units_import(scheme=scheme, data=units_csv(), filename="units.csv")
    assert imported == 8, [r.errors for r in rows]
    return scheme_publish(scheme=scheme, by=trainer)


def make_batch(region, scheme, trainer, assessors, **overrides):
    start = datetime.date(2026, 11, 2)
    values = {
        "name": "Angkatan I 2026",
        "start_date": start,
        "end_date": start + datetime.timedelta(days=3),
        "test_date": start + datetime.timedelta(days=4),
        "venue": "Aula Dinas Koperasi",
        "quota": 25,
    }
    values.update(overrides)
    return batch_create(region=region, scheme=scheme, by=trainer, assessors=assessors, **values)


@pytest.fixture
def batch(region, scheme, trainer, assessor):
    return make_batch(region, scheme, trainer, [assessor])


def apply(batch, user, **kwargs):
    values = {
        "full_name": user.full_name or user.username,
        "cooperative_name": "Koperasi Desa Merah Putih Sukamaju",
        "cooperative_role": "Juru buku",
    }
    values.update(kwargs)
    return candidate_apply(batch=batch, user=user, **values)


@pytest.fixture
def applicant(db):
    return UserFactory(username="calon1", full_name="Siti Calon")


@pytest.fixture
def candidate(batch, applicant):
    return apply(batch, applicant)


@pytest.fixture
def accepted(candidate, trainer):
    candidate = candidate_review(candidate=candidate, action="accept", by=trainer)
    assert candidate.status == CandidateStatus.ACCEPTED
    return candidate
