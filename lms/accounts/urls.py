from django.contrib.auth import views as auth_views
from django.urls import path

from lms.accounts import views

app_name = "accounts"
urlpatterns = [
    path("masuk/", views.LoginView.as_view(), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("ganti-sandi/", views.PasswordChangeView.as_view(), name="password-change"),
    path("dasbor/", views.dashboard_view, name="dashboard"),
    path(
        "wali/anak/<int:student_pk>/persetujuan/",
        views.guardian_consent_view,
        name="guardian-consent",
    ),
]
