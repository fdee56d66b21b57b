"""A dinas user sees their region only: pages, htmx fragments, charts, exports, profiles."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from lms import district
from school_coops.models import Cooperative
from tests.district.conftest import FOREIGN
from tests.factories import UserFactory

OVERVIEW = "schools:district-overview"


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def names_of(region) -> list[str]:
    coops = Cooperative.objects.filter(school__region=region).select_related("school")
    return [region.name] + [c.name for c in coops] + [c.school.name for c in coops]


def body(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        reverse(OVERVIEW),
        reverse("coop_district:list"),
        reverse("coop_district:list") + "?page=2",
        reverse("coop_district:export", args=["csv"]),
    ],
)
def test_a_kabupaten_user_never_sees_another_region(province, url):
    text = body(client_for(province.dinas_a).get(url))
    for name in names_of(province.b) + names_of(province.other) + [FOREIGN]:
        assert name not in text


def test_the_htmx_fragment_and_xlsx_stay_in_the_region(province):
    client = client_for(province.dinas_a)
    fragment = client.get(
        reverse("coop_district:list"), {"status": "aktif"}, HTTP_HX_REQUEST="true"
    )
    text = body(fragment)
    assert 'id="coop-table"' in text and "<html" not in text
    for name in names_of(province.b):
        assert name not in text
    xlsx = client.get(reverse("coop_district:export", args=["xlsx"]))
    assert xlsx.status_code == 200
    import io

    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx.content)).worksheets[0]
    shown = {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert shown == set(
        Cooperative.objects.filter(school__region=province.a).values_list("name", flat=True)
    )


def test_the_charts_show_the_regions_kecamatan_only(province):
    text = body(client_for(province.dinas_a).get(reverse(OVERVIEW)))
    assert "<svg" in text and "Kepatuhan RAT per kecamatan" in text
    assert f"Kec {FOREIGN}" not in text
    assert "<table" in text  # the numbers as a table beside each chart


def test_another_scope_or_profile_answers_404(province):
    client = client_for(province.dinas_a)
    for key in (f"region:{province.b.pk}", f"region:{province.other.pk}", "province:x"):
        assert client.get(reverse(OVERVIEW), {"scope": key}).status_code == 404
        assert client.get(reverse("coop_district:list"), {"scope": key}).status_code == 404
        assert client.post(reverse("schools:district-refresh"), {"scope": key}).status_code == 404
    foreign = Cooperative.objects.filter(school__region=province.b).first()
    assert client.get(reverse("coop_district:profile", args=[foreign.pk])).status_code == 404
    other = province.other_coop
    assert client.get(reverse("coop_district:profile", args=[other.pk])).status_code == 404
    own = Cooperative.objects.filter(school__region=province.a).first()
    text = body(client.get(reverse("coop_district:profile", args=[own.pk])))
    assert own.name in text and "Riwayat status" in text


def test_the_province_user_rolls_up_its_kabupaten_not_others(province):
    client = client_for(province.dinas_province)
    text = body(client.get(reverse(OVERVIEW)))
    assert province.a.name in text and province.b.name in text
    assert FOREIGN not in text
    assert "Kepatuhan RAT per kabupaten" in text
    own = Cooperative.objects.filter(school__region=province.b).first()
    assert client.get(reverse("coop_district:profile", args=[own.pk])).status_code == 200
    other = province.other_coop.pk
    assert client.get(reverse("coop_district:profile", args=[other])).status_code == 404
    sub = client.get(reverse(OVERVIEW), {"scope": f"region:{province.b.pk}"})
    assert province.a.name not in body(sub).split("<h1>", 1)[1].split("</h1>")[0]


def test_people_without_a_dinas_role_are_refused(province):
    client = client_for(UserFactory(username="bukan-dinas"))
    assert client.get(reverse(OVERVIEW)).status_code == 403
    assert client.get(reverse("coop_district:list")).status_code == 403


def test_filters_narrow_the_list_and_bad_values_change_nothing(province):
    client = client_for(province.dinas_a)
    url = reverse("coop_district:list")
    all_rows = body(client.get(url)).count("/dinas/koperasi/")
    inactive = body(client.get(url, {"status": "tidak_aktif"}))
    assert "Tidak aktif" in inactive
    assert inactive.count('href="/dinas/koperasi/') < all_rows
    bad = body(client.get(url, {"status": "dibubarkan", "health": "x"}))
    assert "Saringan tidak dikenal" in bad
    assert bad.count('href="/dinas/koperasi/') == body(client.get(url)).count(
        'href="/dinas/koperasi/'
    )


def test_refresh_runs_the_job_for_the_users_scope(province):
    client = client_for(province.dinas_a)
    scope = district.Scope.for_region(province.a)
    before = district.snapshot(scope).refreshed_at
    response = client.post(reverse("schools:district-refresh"), {"scope": scope.key})
    assert response.status_code == 302
    assert district.snapshot(scope).refreshed_at > before
