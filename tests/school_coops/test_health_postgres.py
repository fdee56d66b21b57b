"""PostgreSQL: two health assessments of the same cooperative and year at once make one."""

import datetime
import importlib
import threading

import pytest
from django.db import connections
from django.utils import timezone

from school_coops.models import HealthAssessment, HealthRubric
from school_coops.services.cooperative import cooperative_create
from school_coops.services.health import health_assess
from tests.factories import SchoolFactory, make_teacher
from tests.school_coops.test_health import ALL_YES

pytestmark = pytest.mark.postgres
seed = importlib.import_module("school_coops.migrations.0015_health_assessments")


@pytest.mark.django_db(transaction=True)
def test_two_assessments_of_the_same_year_at_once_make_one():
    # a transactional test flushes the migration's seed: publish rubric v1 again
    HealthRubric.objects.get_or_create(
        version=1,
        defaults={
            "published_on": datetime.date(2026, 1, 1),
            "aspects": seed.RUBRIC_V1,
            "bands": seed.BANDS_V1,
        },
    )
    school = SchoolFactory()
    teacher = make_teacher(school)
    coop = cooperative_create(
        school=school, name="Kopsis Sehat", by=teacher, founded_on=timezone.localdate()
    )
    year = timezone.localdate().year - 1
    barrier = threading.Barrier(2)
    ids: list[int] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def assess(answers: dict[str, str]) -> None:
        try:
            barrier.wait()
            a = health_assess(coop=coop, fiscal_year=year, answers=answers, by=teacher)
            with lock:
                ids.append(a.pk)
        except BaseException as exc:  # reported by the assertion below
            errors.append(exc)
        finally:
            connections.close_all()

    other = {**ALL_YES, "kas_dihitung": "tidak"}
    threads = [threading.Thread(target=assess, args=(a,)) for a in (ALL_YES, other)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and len(ids) == 2 and len(set(ids)) == 1
    assert HealthAssessment.objects.filter(coop=coop, fiscal_year=year).count() == 1
