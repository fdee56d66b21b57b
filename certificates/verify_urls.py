"""Public verification URLs, mounted at /v/ (no login; rate-limited)."""

from django.urls import path

from certificates.credentials.urls import credential_urlpatterns
from certificates.views import verify

app_name = "verify"
# The offline verifier's fixed names come first: `<token>/` would otherwise swallow "offline/".
urlpatterns = [
    *credential_urlpatterns,
    path("<str:token>/", verify.verify_view, name="certificate"),
]
