"""Two teachers importing the same roster at the same moment: one wins, nothing is doubled."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from lms.accounts.models import User
from lms.schools.exceptions import SchoolRuleError
from lms.schools.services import roster_import

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
