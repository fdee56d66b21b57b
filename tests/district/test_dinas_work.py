"""What waits for the dinas (recognition queue, missing pendataan), the status-over-years and
RAT-per-school charts, the three-year trend of the report and the profile: every number is
recounted from the raw rows after a refresh, and another region never leaks in."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lms import district
from lms.schools.district_report import report_html
from school_coops.models import (
    AnnualReport,
    Cooperative,
    Membership,
    PendataanReminder,
    RatRecord,
    RecognitionSubmission,
)
from school_coops.selectors.district import status_by_year, three_year_trend
from school_coops.services.cooperative import cooperative_create
from school_coops.services.recognition import recognition_return, recognition_submit
from tests.district.conftest import FOREIGN
from tests.factories import SchoolFactory, make_teacher

OVERVIEW = "schools:district-overview"


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def indicator(scope: district.Scope, key: str) -> district.Indicator:
    return next(i for i in district.snapshot(scope).indicators if i.key == key)


def chart(scope: district.Scope, key: str) -> district.Chart:
    return next(c for c in district.snapshot(scope).charts if c.key == key)


def submitted_coop(region, name: str, founded=datetime.date(2024, 7, 15)) -> Cooperative:
    """A founded, not yet recognised cooperative of `region` submitted to its dinas."""
    school = SchoolFactory(name=f"SMP {name}", region=region)
    teacher = make_teacher(school, username=f"guru-{name.lower().replace(' ', '-')}")
    coop = cooperative_create(
        school=school, name=f"Kopsis {name}", by=teacher, founded_on=founded,
        awaiting_recognition=True,
    )  # fmt: skip
    recognition_submit(coop=coop, by=teacher, note="Mohon dikukuhkan.")
    return coop


def refresh_all() -> None:
    for scope in district.all_scopes():
        district.refresh(scope)


def test_waiting_submissions_and_missing_pendataan_match_the_raw_rows(province):
    year = timezone.localdate().year
    mine = submitted_coop(province.a, "Antre Satu")
    submitted_coop(province.b, "Antre Dua")
    submitted_coop(province.other, f"{FOREIGN} Antre")
    reported = Cooperative.objects.filter(school__region=province.a, founded_on__isnull=False)[0]
    AnnualReport.objects.create(coop=reported, year=year, submitted_at=timezone.now())
    refresh_all()
    for scope, regions in (
        (district.Scope.for_region(province.a), [province.a.pk]),
        (district.Scope.for_region(province.b), [province.b.pk]),
        (district.Scope.for_province(province.a.province), [province.a.pk, province.b.pk]),
    ):
        waiting = RecognitionSubmission.objects.filter(
            region_id__in=regions, status="diajukan"
        ).count()
        founded = Cooperative.objects.filter(
            school__region_id__in=regions, founded_on__isnull=False
        )
        submitted = AnnualReport.objects.filter(
            year=year, submitted_at__isnull=False, coop__in=founded
        )
        assert indicator(scope, "recognition_waiting").value == waiting
        missing = founded.count() - submitted.count()
        assert indicator(scope, "pendataan_missing").value == missing
    a = district.Scope.for_region(province.a)
    assert indicator(a, "recognition_waiting").value == 1
    # the queue behind the number lists exactly that submission, and nothing of region b
    text = client_for(province.dinas_a).get(indicator(a, "recognition_waiting").url)
    body = text.content.decode()
    assert text.status_code == 200 and mine.name in body
    assert "Antre Dua" not in body and FOREIGN not in body


def test_the_dinas_follows_the_missing_number_and_reminds_those_coops_only(province):
    year = timezone.localdate().year
    scope = district.Scope.for_region(province.a)
    url = indicator(scope, "pendataan_missing").url
    client = client_for(province.dinas_a)
    page = client.get(url)
    body = page.content.decode()
    assert page.status_code == 200 and 'data-testid="remind-form"' in body
    missing = indicator(scope, "pendataan_missing").value
    assert f"{missing} dari" in body
    for name in Cooperative.objects.filter(school__region=province.b).values_list("name"):
        assert name[0] not in body
    response = client.post(reverse("school_coops:pendataan-remind", args=[year]))
    assert response.status_code == 302
    reminded = PendataanReminder.objects.filter(year=year)
    assert reminded.count() == missing
    assert set(reminded.values_list("coop__school__region", flat=True)) == {province.a.pk}
    client.post(reverse("school_coops:pendataan-remind", args=[year]))
    assert reminded.count() == missing  # twice on one day sends nothing again


def test_province_staff_read_the_lists_behind_their_numbers_but_do_not_decide(province):
    submitted_coop(province.b, "Antre Prov")
    refresh_all()
    scope = district.Scope.for_province(province.a.province)
    client = client_for(province.dinas_province)
    queue = client.get(indicator(scope, "recognition_waiting").url).content.decode()
    assert "Kopsis Antre Prov" in queue
    submission = RecognitionSubmission.objects.get(coop__name="Kopsis Antre Prov")
    assert reverse("school_coops:recognition-review", args=[submission.pk]) not in queue
    pendataan = client.get(indicator(scope, "pendataan_missing").url)
    text = pendataan.content.decode()
    assert pendataan.status_code == 200 and 'data-testid="remind-form"' not in text
    assert FOREIGN not in text
    year = timezone.localdate().year
    other = f"region:{province.other.pk}"
    for name, args in (
        ("school_coops:recognition-queue", []),
        ("school_coops:pendataan-district", [year]),
        ("school_coops:pendataan-export", [year, "csv"]),
    ):
        assert client.get(reverse(name, args=args), {"scope": other}).status_code == 404
    export = client.get(reverse("school_coops:pendataan-export", args=[year, "csv"]))
    csv = export.content.decode("utf-8-sig")
    assert province.a.name in csv and province.b.name in csv and FOREIGN not in csv


def test_status_over_the_years_comes_from_the_history_and_the_rats_of_each_year(province):
    today = timezone.localdate()
    years = [today.year - 2, today.year - 1, today.year]
    school = SchoolFactory(name="SMP Lama Bangkit", region=province.a)
    teacher = make_teacher(school, username="guru-lama")
    rat_day = datetime.date(today.year, 1, 2)
    revived = cooperative_create(
        school=school, name="Kopsis Lama Bangkit", by=teacher,
        founded_on=datetime.date(2019, 7, 15), last_rat_on=rat_day,
    )  # fmt: skip
    RatRecord.objects.create(
        coop=revived, fiscal_year=today.year - 1, held_on=rat_day, recorded_by=teacher
    )
    # Without a RAT from 2019 to this January it was tidak aktif at the end of the past years;
    # the RAT of this year does not make them aktif.
    assert status_by_year([revived], years)["tidak_aktif"] == [1, 1, 0]
    assert status_by_year([revived], years)["aktif"] == [0, 0, 1]
    waiting = submitted_coop(province.a, "Tunggu Lama", founded=datetime.date(today.year - 2, 1, 5))
    returned = RecognitionSubmission.objects.get(coop=waiting)
    recognition_return(submission=returned, by=province.dinas_a, reason="Lengkapi AD/ART.")
    assert status_by_year([waiting], years)["menunggu_pengukuhan"] == [1, 1, 1]
    # the stored chart recounts every cooperative of the scope at each year's end
    refresh_all()
    scope = district.Scope.for_region(province.a)
    shown = dict(chart(scope, "coops_by_year").series)
    coops = Cooperative.objects.filter(school__region=province.a)
    expected = status_by_year(list(coops), years)
    labels = {"Rintisan": "rintisan", "Menunggu pengukuhan": "menunggu_pengukuhan"}
    labels |= {"Aktif": "aktif", "Tidak aktif": "tidak_aktif"}
    assert {labels[k]: list(v) for k, v in shown.items()} == expected
    assert sum(v[-1] for v in expected.values()) == coops.count()


def test_rat_per_school_counts_each_school_of_the_kabupaten_only(province):
    scope = district.Scope.for_region(province.a)
    per_school = chart(scope, "rat_by_school")
    coops = Cooperative.objects.filter(school__region=province.a).select_related("school")
    assert sorted(per_school.labels) == sorted({c.school.name for c in coops})
    assert sum(sum(v) for _n, v in per_school.series) == coops.count()
    on_time = RatRecord.objects.filter(
        coop__in=coops, fiscal_year=timezone.localdate().year - 1, is_late=False
    ).count()
    assert sum(per_school.series[0][1]) == on_time
    text = client_for(province.dinas_a).get(reverse(OVERVIEW)).content.decode()
    assert "Kepatuhan RAT per sekolah" in text
    for name in Cooperative.objects.filter(school__region=province.b).values_list(
        "school__name", flat=True
    ):
        assert name not in text
    whole = district.Scope.for_province(province.a.province)
    keys = {c.key for c in district.snapshot(whole).charts}
    assert "rat_by_school" not in keys and "rat_by_place" in keys


def test_the_report_trend_recounts_rats_and_members_per_year(province):
    today = timezone.localdate()
    years = [today.year - 2, today.year - 1, today.year]
    coops = Cooperative.objects.filter(school__region=province.a)
    trend = three_year_trend(coops, years)
    for row in trend:
        day = min(datetime.date(row.year, 12, 31), today)
        assert (
            row.rats_held
            == RatRecord.objects.filter(coop__in=coops, held_on__year=row.year).count()
        )
        members = [
            m
            for m in Membership.objects.filter(coop__in=coops, status__in=["aktif", "berakhir"])
            if m.joined_on <= day and (m.ended_on is None or m.ended_on > day)
        ]
        assert row.members == len(members)
        assert sum(row.statuses.values()) <= coops.count()
    html = report_html(district.Scope.for_region(province.a))
    assert "Tren tiga tahun" in html and "Anggota pada akhir tahun" in html
    assert f"<td>{trend[-1].members}</td>" in html
    assert "Kepatuhan RAT per sekolah" in html and "Pengajuan pengukuhan menunggu" in html


def test_the_profile_shows_the_status_history_and_never_the_member_list(province):
    coop = submitted_coop(province.a, "Profil Riwayat")
    submission = RecognitionSubmission.objects.get(coop=coop)
    recognition_return(submission=submission, by=province.dinas_a, reason="Berita acara kurang.")
    client = client_for(province.dinas_a)
    text = client.get(reverse("coop_district:profile", args=[coop.pk])).content.decode()
    assert "Diajukan untuk pengukuhan" in text and "Dikembalikan dinas" in text
    assert "Berita acara kurang." in text and "Guru pembina" in text
    generated = (
        Cooperative.objects.filter(school__region=province.a, memberships__isnull=False)
        .distinct()
        .first()
    )
    page = client.get(reverse("coop_district:profile", args=[generated.pk])).content.decode()
    assert "Terdaftar di Kopsis" in page and "RAT tahun buku" in page
    officers = set(generated.positions.values_list("membership__member__full_name", flat=True))
    for membership in generated.memberships.select_related("member")[:20]:
        if membership.member.full_name not in officers:
            assert membership.member.full_name not in page
    assert (
        client_for(province.dinas_province)
        .get(reverse("coop_district:profile", args=[coop.pk]))
        .status_code
        == 200
    )
    other = submitted_coop(province.other, f"{FOREIGN} Profil")
    assert client.get(reverse("coop_district:profile", args=[other.pk])).status_code == 404


@pytest.mark.parametrize("key", ["recognition_waiting", "pendataan_missing"])
def test_a_kabupaten_user_cannot_open_another_regions_list(province, key):
    b = district.Scope.for_region(province.b)
    url = indicator(b, key).url
    assert client_for(province.dinas_a).get(url).status_code == 404


def test_issued_certificates_and_their_expiry_are_counted_per_region(province):
    from certificates.models.issued import IssuedCertificate
    from courses.models import CourseCompletion
    from tests.courses.factories import make_course
    from tests.factories import UserFactory

    course, _lessons = make_course(lessons=1, slug="kursus-sertifikat-uji")

    today = timezone.localdate()
    rows = [  # region, status, valid until
        (province.a, "terbit", today + datetime.timedelta(days=30)),
        (province.a, "terbit", today + datetime.timedelta(days=400)),
        (province.a, "terbit", None),
        (province.a, "dicabut", today + datetime.timedelta(days=10)),
        (province.a, "menunggu", today + datetime.timedelta(days=10)),
        (province.b, "terbit", today + datetime.timedelta(days=10)),
        (province.other, "terbit", today + datetime.timedelta(days=10)),
    ]
    for n, (region, status, until) in enumerate(rows, start=9000):
        holder = UserFactory(username=f"pemegang-{n}")
        completion = CourseCompletion.objects.create(
            student=holder, course=course, rule="all", completed_at=timezone.now()
        )
        IssuedCertificate.objects.create(
            kind="course", course_completion=completion, course=course,
            holder=holder, holder_name=holder.full_name, region=region,
            number=f"UJI/{n}", status_index=n, status=status, issued_on=today,
            valid_until=until,
        )  # fmt: skip
    refresh_all()
    for scope, regions in (
        (district.Scope.for_region(province.a), [province.a.pk]),
        (district.Scope.for_province(province.a.province), [province.a.pk, province.b.pk]),
    ):
        issued = IssuedCertificate.objects.filter(region_id__in=regions, status="terbit")
        soon = issued.filter(
            valid_until__gte=today, valid_until__lte=today + datetime.timedelta(days=90)
        )
        assert indicator(scope, "cert_issued").value == issued.count()
        assert indicator(scope, "cert_issued_expiring").value == soon.count()
    assert indicator(district.Scope.for_region(province.a), "cert_issued").value == 3
