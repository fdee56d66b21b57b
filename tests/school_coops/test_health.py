"""Health assessments: scored from the books and the RAT record plus a checklist, by a
versioned rubric; a new rubric version never rescores an old assessment."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from school_coops.exceptions import CooperativeRuleError
from school_coops.models import HealthAssessment, HealthRubric
from school_coops.selectors.health import health_measures, health_summary
from school_coops.services.closing import fiscal_year_close
from school_coops.services.cooperative import cooperative_rat_record
from school_coops.services.health import health_assess
from tests.school_coops.test_statements import YEAR_END, YEAR_START, books

pytestmark = pytest.mark.django_db
__all__ = ["books"]

D = Decimal
ALL_YES = {
    "rapat_pengurus": "ya",
    "pengawas_memeriksa": "ya",
    "kas_dihitung": "ya",
    "stok_opname": "ya",
}


@pytest.fixture
def closed(books, teacher):
    fiscal_year_close(coop=books, start=YEAR_START, end=YEAR_END, by=teacher)
    cooperative_rat_record(
        coop=books, fiscal_year=2025, held_on=datetime.date(2026, 2, 20), by=teacher
    )
    return books


def test_the_seeded_rubric_has_four_aspects_and_100_points():
    rubric = HealthRubric.objects.get(version=1)
    assert [a["key"] for a in rubric.aspects] == [
        "tata_kelola",
        "profil_risiko",
        "kinerja_keuangan",
        "permodalan",
    ]
    assert sum(c["points"] for a in rubric.aspects for c in a["criteria"]) == 100


def test_measures_come_from_the_books_and_the_rat_record(closed):
    m = health_measures(coop=closed, fiscal_year=2025)
    assert m["rat_on_time"] == 1 and m["books_closed"] == 1 and m["position_balanced"] == 1
    assert m["surplus_positive"] == 1
    assert m["participation"] == D("0.5")  # ani bought, budi did not
    assert m["savings_growth"] == 1  # nothing a year before, 22.000 now
    assert m["own_capital"] == D(617_000) / D(917_000)


def test_an_assessment_scores_auto_and_checklist_criteria(closed, teacher):
    answers = {**ALL_YES, "stok_opname": "sebagian"}
    a = health_assess(coop=closed, fiscal_year=2025, answers=answers, by=teacher)
    points = {row["key"]: D(row["points"]) for row in a.scores}
    assert points["partisipasi"] == 10  # 50 % reaches the top band
    assert points["stok_opname"] == D("2.5")
    assert points["modal_sendiri"] == 10
    assert a.total == D("97.5") and a.status == "sehat" and a.rubric.version == 1
    # twice with the same rubric: the one assessment is replaced, not doubled
    again = health_assess(coop=closed, fiscal_year=2025, answers=ALL_YES, by=teacher)
    assert again.pk == a.pk and HealthAssessment.objects.count() == 1
    assert again.total == 100


def test_a_new_rubric_version_never_rescores_an_old_assessment(closed, teacher):
    old = health_assess(coop=closed, fiscal_year=2025, answers=ALL_YES, by=teacher)
    snapshot = (list(old.scores), old.total, old.status)
    v1 = HealthRubric.objects.get(version=1)
    aspects = [dict(a, criteria=[dict(c) for c in a["criteria"]]) for a in v1.aspects]
    for aspect in aspects:
        for c in aspect["criteria"]:
            if c["key"] == "modal_sendiri":
                c["bands"] = [{"min": "0.9", "fraction": "1"}]  # stricter
    HealthRubric.objects.create(
        version=2, published_on=datetime.date(2027, 1, 1), aspects=aspects, bands=v1.bands
    )
    new = health_assess(coop=closed, fiscal_year=2025, answers=ALL_YES, by=teacher)
    assert new.pk != old.pk and new.rubric.version == 2 and new.total == 90
    old.refresh_from_db()
    assert (old.scores, old.total, old.status) == snapshot and old.rubric.version == 1
    assert health_summary(coop=closed)["assessment"] == new


@pytest.mark.parametrize(
    "answers",
    [
        {**ALL_YES, "kas_dihitung": "mungkin"},
        {k: v for k, v in ALL_YES.items() if k != "kas_dihitung"},
        {**ALL_YES, "rat_tepat_waktu": "ya"},  # an automatic criterion is not answered
        {**ALL_YES, "tidak_ada": "ya"},
    ],
)
def test_bad_checklist_answers_change_nothing(closed, teacher, answers):
    with pytest.raises(CooperativeRuleError):
        health_assess(coop=closed, fiscal_year=2025, answers=answers, by=teacher)
    assert not HealthAssessment.objects.exists()


def page(coop, year=2025):
    return reverse("school_coops:health", args=[coop.slug, year])


def test_the_page_saves_an_assessment_and_the_dashboard_shows_it(client, closed, teacher):
    client.force_login(teacher)
    assert "Tata kelola" in client.get(page(closed)).content.decode()
    response = client.post(page(closed), ALL_YES)
    assert response.status_code == 302
    assert HealthAssessment.objects.get().total == 100
    html = client.get(reverse("school_coops:dashboard", args=[closed.slug])).content.decode()
    assert 'data-testid="health-score">100' in html
    assert "Tepat waktu" in html and 'data-testid="health-participation">50 %' in html


def test_the_page_refuses_junk_and_other_coops(client, closed, teacher, other_coop):
    client.force_login(teacher)
    response = client.post(page(closed), {**ALL_YES, "kas_dihitung": "mungkin"})
    assert response.status_code == 200
    assert "ya, sebagian atau tidak" in response.content.decode()
    assert client.post(page(other_coop), ALL_YES).status_code == 404
    assert client.get(page(other_coop)).status_code == 404
    assert client.post(page(closed, 1200), ALL_YES).status_code == 404
    assert not HealthAssessment.objects.exists()
