"""Public verification URLs, mounted at /v/ (no login; rate-limited)."""

from django.urls import path

from certificates.views import verify

app_name = "verify"
urlpatterns = [
    path("<str:token>/", verify.verify_view, name="certificate"),
]
