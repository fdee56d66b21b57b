"""The supervising dinas and the health assessment (docs/domain.md §6.2): the dinas of the
school's region reads it and fills or confirms the checklist as the supervisor; who filled and
who confirmed it are recorded; another region's dinas and students get 404."""

import pytest
from django.urls import reverse
from django.utils import timezone

from lms.accounts.models import Role
from school_coops.models import HealthAssessment, HealthAssessor
from school_coops.services.health import health_assess
from tests.factories import RegionFactory, UserFactory, make_student, with_role
from tests.school_coops.test_health import ALL_YES, closed, page
from tests.school_coops.test_statements import books

pytestmark = pytest.mark.django_db
__all__ = ["books", "closed"]


@pytest.fixture
def dinas(school):
    return with_role(UserFactory(username="dinas-sehat"), Role.DINAS, region=school.region)


@pytest.fixture
def other_dinas(db):
    return with_role(UserFactory(username="dinas-lain"), Role.DINAS, region=RegionFactory())


@pytest.fixture
def assessed(closed, teacher):
    answers = {**ALL_YES, "stok_opname": "sebagian"}
    return health_assess(coop=closed, fiscal_year=2025, answers=answers, by=teacher)


def test_the_dinas_confirms_the_pembinas_answers_unchanged(client, assessed, dinas, teacher):
    client.force_login(dinas)
    html = client.get(page(assessed.coop)).content.decode()
    # the guru pembina's answers are pre-checked; the page says it is not yet confirmed
    assert 'name="stok_opname" value="sebagian" required checked' in html
    assert "Belum dikonfirmasi dinas pembina." in html
    assert "Simpan dan konfirmasi" in html
    assert reverse("coop_district:profile", args=[assessed.coop.pk]) in html
    response = client.post(page(assessed.coop), {**ALL_YES, "stok_opname": "sebagian"})
    assert response.status_code == 302
    a = HealthAssessment.objects.get()
    assert a.pk == assessed.pk and a.total == assessed.total == 97.5
    assert (a.assessed_by, a.assessed_as) == (teacher, HealthAssessor.PEMBINA)
    assert a.confirmed_by == dinas and a.confirmed_at is not None
    assert "Dikonfirmasi dinas pembina" in client.get(page(a.coop)).content.decode()


def test_the_dinas_changing_an_answer_is_recorded_as_its_own(client, assessed, dinas):
    client.force_login(dinas)
    response = client.post(page(assessed.coop), {**ALL_YES, "kas_dihitung": "tidak"})
    assert response.status_code == 302
    a = HealthAssessment.objects.get()
    assert a.total == 90  # cash count 10 points lost, stock count now full
    assert a.answers["kas_dihitung"] == "tidak" and a.answers["stok_opname"] == "ya"
    assert (a.assessed_by, a.assessed_as, a.confirmed_by) == (dinas, HealthAssessor.DINAS, dinas)
    assert "(Dinas pembina)" in client.get(page(a.coop)).content.decode()


def test_the_pembina_changing_answers_drops_the_confirmation(assessed, dinas, teacher):
    same = {**ALL_YES, "stok_opname": "sebagian"}
    health_assess(
        coop=assessed.coop, fiscal_year=2025, answers=same, by=dinas, as_role=HealthAssessor.DINAS
    )
    # the same answers again by the guru pembina change nothing
    a = health_assess(coop=assessed.coop, fiscal_year=2025, answers=same, by=teacher)
    assert a.confirmed_by == dinas
    # other answers need a new confirmation
    a = health_assess(coop=assessed.coop, fiscal_year=2025, answers=ALL_YES, by=teacher)
    assert a.total == 100 and a.confirmed_by is None and a.confirmed_at is None
    assert a.assessed_as == HealthAssessor.PEMBINA and HealthAssessment.objects.count() == 1


def test_the_dinas_can_assess_a_year_nobody_assessed(client, closed, dinas):
    client.force_login(dinas)
    assert client.post(page(closed), ALL_YES).status_code == 302
    a = HealthAssessment.objects.get()
    assert (a.assessed_by, a.assessed_as, a.confirmed_by, a.total) == (
        dinas,
        HealthAssessor.DINAS,
        dinas,
        100,
    )


def test_junk_from_the_dinas_changes_nothing(client, assessed, dinas):
    client.force_login(dinas)
    response = client.post(page(assessed.coop), {**ALL_YES, "kas_dihitung": "mungkin"})
    assert response.status_code == 200
    assert "ya, sebagian atau tidak" in response.content.decode()
    # the refused form keeps what was sent, not the stored answers
    assert 'name="kas_dihitung" value="ya" required checked' not in response.content.decode()
    response = client.post(page(assessed.coop), {**ALL_YES, "modal_sendiri": "ya"})
    assert "Butir daftar periksa tidak dikenal." in response.content.decode()
    a = HealthAssessment.objects.get()
    assert a.confirmed_by is None and a.total == assessed.total


def test_another_regions_dinas_and_a_student_get_404(client, assessed, other_dinas, classroom):
    for user in (other_dinas, make_student(classroom, username="siswa-sehat")):
        client.force_login(user)
        assert client.get(page(assessed.coop)).status_code == 404
        assert client.post(page(assessed.coop), ALL_YES).status_code == 404
    a = HealthAssessment.objects.get()
    assert a.confirmed_by is None and a.answers["stok_opname"] == "sebagian"


def test_the_district_profile_shows_score_status_and_confirmation(client, assessed, dinas):
    client.force_login(dinas)
    profile = reverse("coop_district:profile", args=[assessed.coop.pk])
    html = client.get(profile).content.decode()
    assert 'data-testid="health-score">97,50<' in html
    assert 'data-testid="health-status">Sehat<' in html
    assert "Belum dikonfirmasi dinas pembina." in html
    assert page(assessed.coop) in html
    client.post(page(assessed.coop), {**ALL_YES, "stok_opname": "sebagian"})
    html = client.get(profile).content.decode()
    assert "Dikonfirmasi dinas pembina oleh" in html


def test_the_profile_of_an_unassessed_coop_offers_the_last_year(client, closed, dinas):
    client.force_login(dinas)
    html = client.get(reverse("coop_district:profile", args=[closed.pk])).content.decode()
    assert "Belum ada penilaian kesehatan." in html
    today = timezone.localdate()
    assert reverse("school_coops:health", args=[closed.slug, today.year - 1]) in html
