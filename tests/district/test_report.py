"""The PDF report to the head of the district: rendered in Celery, own region, own report."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from lms import district
from lms.schools.district_report import district_report_request, report_html
from lms.schools.models import DistrictReport
from school_coops.models import Cooperative
from tests.district.conftest import FOREIGN


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_report_is_rendered_by_the_job_and_downloaded_by_its_requester(
    province, django_capture_on_commit_callbacks
):
    client = client_for(province.dinas_a)
    scope = district.Scope.for_region(province.a)
    with django_capture_on_commit_callbacks(execute=True):
        queued = client.post(reverse("schools:district-report"), {"scope": scope.key})
    assert queued.status_code == 200 and "Menyusun laporan" in queued.content.decode()
    report = DistrictReport.objects.get(requested_by=province.dinas_a)
    response = client.get(reverse("schools:district-report-status", args=[report.pk]))
    assert response.status_code == 286  # finished: htmx stops polling
    report.refresh_from_db()
    assert report.status == DistrictReport.Status.DONE and report.done_count == report.total
    assert "Unduh laporan PDF" in response.content.decode()
    pdf = client.get(reverse("schools:district-report-download", args=[report.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    other = client_for(province.dinas_province)
    for name in ("schools:district-report-status", "schools:district-report-download"):
        assert other.get(reverse(name, args=[report.pk])).status_code == 404


def test_the_report_holds_the_regions_numbers_risks_and_results_only(province):
    html = report_html(district.Scope.for_region(province.a))
    assert "Koperasi berisiko dibubarkan" in html and "Hasil sertifikasi" in html
    assert "<svg" in html and "Koperasi menurut status per tahun" in html
    risky = Cooperative.objects.filter(school__region=province.a, last_rat_on__year__lt=2024)
    assert risky.exists()
    for coop in risky:
        assert coop.name in html
    b_names = Cooperative.objects.filter(school__region=province.b).values_list("name", flat=True)
    for name in [*b_names, province.b.name, FOREIGN]:
        assert name not in html


def test_a_second_click_while_the_report_runs_queues_nothing_new(province):
    scope = district.Scope.for_region(province.a)
    running = DistrictReport.objects.create(
        scope_key=scope.key, scope_label=scope.label, requested_by=province.dinas_a, total=3
    )
    again = district_report_request(scope=scope, by=province.dinas_a)
    assert again.pk == running.pk
    assert DistrictReport.objects.count() == 1


def test_a_report_of_another_region_is_refused(province):
    client = client_for(province.dinas_a)
    key = f"region:{province.b.pk}"
    assert client.post(reverse("schools:district-report"), {"scope": key}).status_code == 404
    assert not DistrictReport.objects.exists()
