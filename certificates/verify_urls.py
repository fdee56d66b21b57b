"""Public verification URLs, mounted at /v/ (lms/urls.py)."""

from django.urls import path  # noqa: F401

from certificates.credentials.urls import credential_urlpatterns

app_name = "verify"
urlpatterns = [*credential_urlpatterns]
