"""The lists behind the overview's numbers: each list's rows recount its indicator exactly
(after a refresh), another region's rows never appear, pages hold every row once."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lms import district
from lms.accounts.models import Role
from lms.schools.models import Classroom, Enrolment, School
from school_coops.models import Cooperative, CoopFactsRow
from school_coops.models.cooperative import CoopStatus
from tests.district.conftest import FOREIGN
from tests.factories import UserFactory, with_role

NEW_LISTS = [
    "schools:district-schools",
    "courses:district-completion",
    "certificates:district-batches",
    "certificates:district-issued",
    "certificates:district-external",
]


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def indicator(scope: district.Scope, key: str) -> district.Indicator:
    return next(i for i in district.snapshot(scope).indicators if i.key == key)


def refresh_all() -> None:
    for scope in district.all_scopes():
        district.refresh(scope)


def page_rows(html: str) -> list[list[str]]:
    rows = re.findall(r"<tr data-row>(.*?)</tr>", html, re.S)
    return [[c.strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)] for row in rows]


def summary(html: str) -> list[str]:
    return re.findall(r'<dd data-summary="\d+">(.*?)</dd>', html)


def all_rows(client: Client, url: str) -> list[list[str]]:
    """Every row of a list, following its pages."""
    rows: list[list[str]] = []
    page = 1
    while True:
        sep = "&" if "?" in url else "?"
        response = client.get(f"{url}{sep}page={page}")
        assert response.status_code == 200, (url, response.status_code)
        html = response.content.decode()
        rows += page_rows(html)
        if "Berikutnya" not in html:
            return rows
        page += 1


@pytest.fixture
def small_pages(monkeypatch):
    import certificates.views.district
    import lms.schools.district_views

    monkeypatch.setattr(lms.schools.district_views, "TABLE_PAGE_SIZE", 3)
    monkeypatch.setattr(certificates.views.district, "TABLE_PAGE_SIZE", 3)


def scopes(province) -> list[tuple[district.Scope, list[int], object]]:
    return [
        (district.Scope.for_region(province.a), [province.a.pk], province.dinas_a),
        (
            district.Scope.for_province(province.a.province),
            [province.a.pk, province.b.pk],
            province.dinas_province,
        ),
    ]


def test_every_number_of_the_overview_links_to_its_list(province):
    for scope, _regions, user in scopes(province):
        client = client_for(user)
        for item in district.snapshot(scope).indicators:
            assert item.url, item.key
            assert client.get(item.url).status_code == 200, (item.key, item.url)


def test_the_school_list_recounts_schools_and_students(province, small_pages):
    for scope, regions, user in scopes(province):
        client = client_for(user)
        url = indicator(scope, "schools").url
        assert url == indicator(scope, "students").url
        rows = all_rows(client, url)
        raw = School.objects.filter(region_id__in=regions)
        assert len(rows) == raw.count() == indicator(scope, "schools").value
        assert sorted(r[1] for r in rows) == sorted(raw.values_list("npsn", flat=True))
        students = Enrolment.objects.filter(classroom__school__region_id__in=regions)
        distinct = students.values("student").distinct().count()
        shown = [int(v.replace(".", "")) for v in summary(client.get(url).content.decode())]
        assert shown == [len(rows), distinct]
        assert distinct == indicator(scope, "students").value
        assert sum(int(r[5]) for r in rows) == distinct  # each student at one school here
        coop_names = set(
            Cooperative.objects.filter(school__region_id__in=regions).values_list("name", flat=True)
        )
        assert {r[6].split(" (")[0] for r in rows if r[6] != "–"} == coop_names
        assert not any(FOREIGN in cell for row in rows for cell in row)


def test_the_school_list_filters_by_level_and_kecamatan(province):
    client = client_for(province.dinas_a)
    url = reverse("schools:district-schools")
    smp = page_rows(client.get(url, {"level": "SMP"}).content.decode())
    assert len(smp) == School.objects.filter(region=province.a, level="SMP").count()
    assert all(r[2] == "SMP" for r in smp)
    kecamatan = School.objects.filter(region=province.a).exclude(kecamatan="").first().kecamatan
    rows = page_rows(
        client.get(url, {"kecamatan": kecamatan}, HTTP_HX_REQUEST="true").content.decode()
    )
    assert rows and all(r[3] == kecamatan for r in rows)
    junk = client.get(url, {"level": "TK", "kecamatan": "<script>"}).content.decode()
    assert "Saringan tidak dikenal" in junk
    assert len(page_rows(junk)) == min(25, School.objects.filter(region=province.a).count())


def _assign_and_complete(province):
    """A course assigned to one classroom per kabupaten (the other province's too); the
    first two students of each classroom completed it."""
    from courses.models import CourseAssignment, CourseCompletion
    from tests.courses.factories import make_course

    course, _lessons = make_course(lessons=1, slug="kursus-dinas-uji", title="Kursus Uji Dinas")
    teacher = UserFactory(username="penugas")
    for region in (province.a, province.b, province.other):
        classroom = Classroom.objects.filter(
            school__region=region, enrolments__isnull=False
        ).first()
        if classroom is None:
            from tests.factories import ClassroomFactory, make_student

            classroom = ClassroomFactory(school=School.objects.filter(region=region).first())
            make_student(
                classroom, username=f"siswa-{FOREIGN.lower()}", full_name=f"Siswa {FOREIGN}"
            )
        CourseAssignment.objects.create(course=course, classroom=classroom, assigned_by=teacher)
        for enrolment in classroom.enrolments.order_by("pk")[:2]:
            CourseCompletion.objects.create(
                student=enrolment.student, course=course, rule="all", completed_at=timezone.now()
            )
    return course


def test_course_completion_per_course_and_school_recounts_the_indicator(province):
    _assign_and_complete(province)
    refresh_all()
    for scope, regions, user in scopes(province):
        item = indicator(scope, "course_completion")
        html = client_for(user).get(item.url).content.decode()
        rows = page_rows(html)
        assert rows and all(r[0] == "Kursus Uji Dinas" for r in rows)
        assert sum(int(r[3]) for r in rows) == item.whole
        assert sum(int(r[4]) for r in rows) == item.part == 2 * len(regions)
        assert summary(html) == [str(item.whole), str(item.part)]
        # counts only: no student's name reaches the dinas
        names = Enrolment.objects.filter(classroom__school__region_id__in=regions)
        for full_name in names.values_list("student__full_name", flat=True)[:50]:
            assert full_name not in html
        assert FOREIGN not in html


def test_batches_list_recounts_k_bk_and_issued(province, small_pages):
    from certificates.models import Decision

    for scope, regions, user in scopes(province):
        client = client_for(user)
        url = indicator(scope, "batches").url
        assert indicator(scope, "competent").url == indicator(scope, "not_yet").url == url
        rows = all_rows(client, url)
        assert len(rows) == indicator(scope, "batches").value
        signed = Decision.objects.filter(candidate__batch__region_id__in=regions, status="signed")
        assert sum(int(r[4]) for r in rows) == indicator(scope, "competent").value
        assert sum(int(r[4]) for r in rows) == signed.filter(overall="K").count()
        assert sum(int(r[5]) for r in rows) == signed.filter(overall="BK").count()
        assert not any(FOREIGN in cell for row in rows for cell in row)


def _issue(province):
    from certificates.models.issued import IssuedCertificate
    from courses.models import CourseCompletion
    from tests.courses.factories import make_course

    course, _lessons = make_course(lessons=1, slug="kursus-terbit-uji")
    today = timezone.localdate()
    rows = [  # region, status, valid until, minor
        (province.a, "terbit", today + datetime.timedelta(days=30), True),
        (province.a, "terbit", today + datetime.timedelta(days=400), False),
        (province.a, "terbit", None, False),
        (province.a, "terbit", today + datetime.timedelta(days=89), False),
        (province.a, "dicabut", today + datetime.timedelta(days=10), False),
        (province.b, "terbit", today + datetime.timedelta(days=10), False),
        (province.other, "terbit", today + datetime.timedelta(days=10), False),
    ]
    for n, (region, status, until, minor) in enumerate(rows, start=7000):
        holder = UserFactory(username=f"pemegang-{n}", full_name=f"Pemegang Nomor{n}")
        if minor:
            holder.birth_year = today.year - 15
            holder.save(update_fields=["birth_year"])
            with_role(holder, Role.STUDENT)
        completion = CourseCompletion.objects.create(
            student=holder, course=course, rule="all", completed_at=timezone.now()
        )
        IssuedCertificate.objects.create(
            kind="course", course_completion=completion, course=course,
            holder=holder, holder_name=holder.full_name, region=region,
            number=f"TERBIT/{n}", status_index=n, status=status, issued_on=today,
            valid_until=until,
        )  # fmt: skip


def test_issued_and_expiring_lists_recount_their_indicators(province, small_pages):
    from certificates.models.issued import IssuedCertificate

    _issue(province)
    refresh_all()
    today = timezone.localdate()
    for scope, regions, user in scopes(province):
        client = client_for(user)
        issued = IssuedCertificate.objects.filter(region_id__in=regions, status="terbit")
        soon = issued.filter(
            valid_until__gte=today, valid_until__lte=today + datetime.timedelta(days=90)
        )
        for key, raw in (("cert_issued", issued), ("cert_issued_expiring", soon)):
            rows = all_rows(client, indicator(scope, key).url)
            assert len(rows) == raw.count() == indicator(scope, key).value, key
            assert sorted(r[0] for r in rows) == sorted(raw.values_list("number", flat=True))
        html = client.get(indicator(scope, "cert_issued").url).content.decode()
        assert "TERBIT/7006" not in html  # the other province's certificate
    html = "".join(
        client_for(province.dinas_a)
        .get(reverse("certificates:district-issued"), {"page": p})
        .content.decode()
        for p in (1, 2)
    )
    assert "Pemegang Nomor7000" not in html  # a minor: masked
    assert "Pemegang Nomor7001" in html  # an adult: named


@pytest.mark.parametrize("name", NEW_LISTS)
def test_another_regions_scope_answers_404_and_others_are_refused(province, name):
    url = reverse(name)
    kabupaten = client_for(province.dinas_a)
    for key in (
        f"region:{province.b.pk}",
        f"region:{province.other.pk}",
        "province:Sulawesi Seberang",
        "junk",
    ):
        assert kabupaten.get(url, {"scope": key}).status_code == 404, key
    teacher = client_for(UserFactory(username="bukan-dinas"))
    assert teacher.get(url).status_code in (403, 404)
    html = kabupaten.get(url).content.decode()
    assert FOREIGN not in html and province.b.name not in html


def test_the_cooperative_list_reads_the_materialised_facts_in_constant_queries(province):
    """The list's rows are the refresh's per-cooperative facts, recounting the overview."""
    assert CoopFactsRow.objects.count() == Cooperative.objects.count()
    client = client_for(province.dinas_province)
    scope = district.Scope.for_province(province.a.province)
    url = reverse("coop_district:list")
    for status in CoopStatus.values:
        html = client.get(url, {"status": status}).content.decode()
        shown = re.search(r"<span data-total>(\d+) koperasi", html)
        assert shown and int(shown.group(1)) == indicator(scope, f"coops_{status}").value, status
    counts = []
    client.get(url)
    for query in ({}, {"rat": "terlambat"}, {"status": "aktif", "level": "SMA"}, {"page": 2}):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, query).status_code == 200
        counts.append(len(queries))
    assert len(set(counts)) == 1, counts  # whatever the filter or page: the same queries


def test_a_refresh_replaces_a_cooperatives_facts_without_duplicates(province):
    coop = Cooperative.objects.filter(school__region=province.a).first()
    before = CoopFactsRow.objects.get(coop=coop)
    district.refresh(district.Scope.for_region(province.a))
    district.refresh(district.Scope.for_province(province.a.province))
    after = CoopFactsRow.objects.get(coop=coop)
    assert after.refreshed_at > before.refreshed_at
    assert CoopFactsRow.objects.count() == Cooperative.objects.count()


def test_the_lsp_expiring_list_recounts_its_indicator(province, small_pages):
    from certificates.models import ExternalCertificate

    today = timezone.localdate()
    clerk = UserFactory(username="pencatat-lsp")
    rows = [  # region, expires in days (None: no end)
        (province.a, 5), (province.a, 60), (province.a, 90), (province.a, 91),
        (province.a, -1), (province.a, None), (province.b, 30), (province.other, 30),
    ]  # fmt: skip
    for n, (region, days) in enumerate(rows):
        ExternalCertificate.objects.create(
            region=region, holder_name=f"Juru Buku {n}", number=f"LSP/{n}", issuer="LSP Uji",
            scheme_name="Pembukuan", issued_on=today - datetime.timedelta(days=700),
            expires_on=None if days is None else today + datetime.timedelta(days=days),
            recorded_by=clerk,
        )  # fmt: skip
    refresh_all()
    for scope, regions, user in scopes(province):
        item = indicator(scope, "cert_expiring")
        rows_shown = all_rows(client_for(user), item.url)
        raw = ExternalCertificate.objects.filter(
            region_id__in=regions,
            expires_on__gte=today,
            expires_on__lte=today + datetime.timedelta(days=90),
        )
        assert len(rows_shown) == raw.count() == item.value == 2 + len(regions)
        assert sorted(r[0] for r in rows_shown) == sorted(raw.values_list("number", flat=True))
        assert "LSP/7" not in str(rows_shown)  # the other province's
