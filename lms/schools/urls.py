"""Rows look alike by design: one `path()` a URL, each with its own view and name (and its
row in lms/policy.py); `duplicates` pairs them by shape (docs/architecture.md §7)."""

from django.urls import path

from lms.schools import district_views, views

app_name = "schools"
urlpatterns = [
    path("kelas/", views.classroom_list_view, name="classroom-list"),
    path("kelas/baru/", views.classroom_create_view, name="classroom-create"),
    path("kelas/<int:pk>/", views.classroom_detail_view, name="classroom-detail"),
    path("kelas/<int:pk>/kartu-login/", views.login_cards_request_view, name="login-cards-request"),
    path("kartu-login/<int:pk>/", views.login_cards_status_view, name="login-cards-status"),
    path(
        "kartu-login/<int:pk>/unduh/", views.login_cards_download_view, name="login-cards-download"
    ),
    path("impor-siswa/", views.roster_import_view, name="roster-import"),
    path(
        "siswa/<int:pk>/reset-sandi/",
        views.student_password_reset_view,
        name="student-password-reset",
    ),
    path("siswa/<int:pk>/persetujuan/", views.student_consent_view, name="student-consent"),
]

urlpatterns += [
    path("dinas/", district_views.district_overview_view, name="district-overview"),
    path("dinas/sekolah/", district_views.district_school_list_view, name="district-schools"),
    path("dinas/perbarui/", district_views.district_refresh_view, name="district-refresh"),
    path("dinas/laporan/", district_views.district_report_request_view, name="district-report"),
    path(
        "dinas/laporan/<int:pk>/",
        district_views.district_report_status_view,
        name="district-report-status",
    ),
    path(
        "dinas/laporan/<int:pk>/unduh/",
        district_views.district_report_download_view,
        name="district-report-download",
    ),
]
