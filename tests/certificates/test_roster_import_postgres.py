"""Two trainers import rosters into the same batch at the same moment (PostgreSQL row locks).

`candidates_import()` locks the batch row before it checks duplicates and free seats, so the
second import sees what the first one wrote: a person (same NIK) is never imported twice, even
when the trainer chose "import duplicates anyway", and the quota holds.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection

from certificates.exceptions import CertificationError
from certificates.models import Candidate
from certificates.services.roster import candidates_import
from lms.accounts.models import Role, User
from lms.schools.services import Duplicates
from tests.certificates.conftest import make_batch
from tests.factories import UserFactory, with_role

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

HEADER = "nama,nik,hp,surel,koperasi,badan_hukum,jabatan,jalur\n"


def roster(people: list[tuple[str, str]]) -> bytes:
    rows = [
        f"{name},{nik},0812{nik[-8:]},,Koperasi Desa Sukamaju,AHU-001,Juru buku,\n"
        for name, nik in people
    ]
    return (HEADER + "".join(rows)).encode()


SAME = [
    ("Dewi Lestari", "3201014501900001"),
    ("Budi Santoso", "3201011203850002"),
    ("Rina Wulandari", "3201016707920003"),
]
FIRST = [("Agus Salim", "3201010101800011"), ("Tuti Handayani", "3201014202810012")]
FIRST += [("Joko Susilo", "3201010303820013")]
SECOND = [("Sri Rahayu", "3201014404830021"), ("Bambang Irawan", "3201010505840022")]
SECOND += [("Yuni Astuti", "3201014606850023")]


@pytest.fixture(autouse=True)
def _postgres_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("row locks: run with DATABASE_URL=postgres://... (scripts/test.sh tier b)")


def at_once(calls: list[Callable[[], Any]]) -> tuple[list[Any], list[str]]:
    """Run the calls in threads released together; (results, refusal messages)."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = []
    refused: list[str] = []

    def run(call: Callable[[], Any]) -> None:
        try:
            barrier.wait()
            results.append(call())
        except CertificationError as exc:
            refused.append(str(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(c,)) for c in calls]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results, refused


def second_trainer(region: Any, batch: Any) -> User:
    other = with_role(UserFactory(username="pelatih2"), Role.TRAINER, region=region)
    batch.trainers.add(other)
    return other


def test_the_same_roster_imported_twice_at_once_creates_each_person_once(
    region, scheme, trainer, assessor
) -> None:
    batch = make_batch(region, scheme, trainer, [assessor], quota=10)
    other = second_trainer(region, batch)
    data = roster(SAME)
    # when: both trainers choose "import anyway" for look-alikes; a NIK match is never imported
    results, refused = at_once(
        [
            lambda by=by: candidates_import(
                batch=batch, data=data, filename="p.csv", by=by, duplicates=Duplicates.CREATE
            )
            for by in (trainer, other)
        ]
    )
    # then
    assert refused == []
    created = sorted(len(r.created) for r in results)
    skipped = sorted(len(r.skipped) for r in results)
    assert (created, skipped) == ([0, 3], [0, 3])
    niks = list(Candidate.objects.filter(batch=batch).values_list("nik", flat=True))
    assert sorted(niks) == sorted(nik for _name, nik in SAME)
    assert User.objects.filter(full_name__in=[name for name, _nik in SAME]).count() == 3


def test_two_rosters_for_the_last_seats_at_once_never_exceed_the_quota(
    region, scheme, trainer, assessor
) -> None:
    batch = make_batch(region, scheme, trainer, [assessor], quota=5)
    other = second_trainer(region, batch)
    users_before = User.objects.count()
    results, refused = at_once(
        [
            lambda: candidates_import(
                batch=batch, data=roster(FIRST), filename="a.csv", by=trainer
            ),
            lambda: candidates_import(batch=batch, data=roster(SECOND), filename="b.csv", by=other),
        ]
    )
    # then: one import took its three seats, the other was refused whole (all or nothing)
    assert [len(r.created) for r in results] == [3]
    assert len(refused) == 1 and "tinggal 2 kursi" in refused[0], refused
    assert Candidate.objects.filter(batch=batch).count() == 3
    assert User.objects.count() == users_before + 3
