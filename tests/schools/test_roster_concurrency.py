"""Two teachers importing the same roster at the same moment: one wins, nothing is doubled."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from lms.accounts.models import User
from lms.schools.exceptions import SchoolRuleError
from lms.schools.services import roster_import
from tests.factories import ClassroomFactory, make_teacher

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_concurrent_imports_of_the_same_file_create_each_student_once(teacher, classroom, school):
    data = b"nama,nisn,kelas,username\nRina,0022222222,8A,rina.k\nSari,0033333333,8A,sari.m\n"
    barrier = threading.Barrier(4)
    outcomes: list[str] = []

    def run() -> None:
        try:
            barrier.wait()
            result = roster_import(school=school, data=data, filename="a.csv", by=teacher)
            outcomes.append("ok" if result.ok else "rejected")
        except SchoolRuleError:
            outcomes.append("conflict")
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("ok") == 1
    assert User.objects.filter(username__in=["rina.k", "sari.m"]).count() == 2


def test_parallel_imports_in_four_schools_with_shared_name_starts_never_collide():
    # given: four schools importing the same common Balinese and Javanese names at once
    names = ["I Made Wirawan", "I Made Widi", "Ni Luh Putu Ayu", "Ni Luh Sari", "M. Rizki", "M. Ri"]
    data = ("nama,kelas\n" + "".join(f"{name},8A\n" for name in names)).encode()
    schools = []
    for _ in range(4):
        classroom = ClassroomFactory(name="8A")
        schools.append((classroom.school, make_teacher(classroom.school)))
    barrier = threading.Barrier(len(schools))
    outcomes: list[str] = []

    def run(school, teacher) -> None:
        try:
            barrier.wait()
            result = roster_import(school=school, data=data, filename="a.csv", by=teacher)
            outcomes.append("ok" if result.ok else "rejected")
        except SchoolRuleError as exc:
            outcomes.append(str(exc))
        finally:
            connection.close()

    # when
    threads = [threading.Thread(target=run, args=pair) for pair in schools]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # then: every import went through and no two students share a username
    assert outcomes == ["ok"] * 4
    usernames = [
        u.lower()
        for u in User.objects.filter(full_name__in=names).values_list("username", flat=True)
    ]
    assert len(usernames) == 4 * len(names) == len(set(usernames))
