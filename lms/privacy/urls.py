from django.urls import path

from lms.privacy import views

app_name = "privacy"
urlpatterns = [
    path("", views.home_view, name="home"),
    path("orang/<int:pk>/", views.person_view, name="person"),
    path("orang/<int:pk>/ekspor/", views.export_request_view, name="export-request"),
    path("orang/<int:pk>/hapus/", views.erase_view, name="erase"),
    path("ekspor/<int:pk>/", views.export_status_view, name="export-status"),
    path("ekspor/<int:pk>/unduh/", views.export_download_view, name="export-download"),
    path("sekolah/<int:school_pk>/log-akses/", views.access_log_view, name="access-log"),
]
