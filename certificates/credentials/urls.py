"""The offline verifier's public routes, included by certificates/verify_urls.py under /v/."""

from django.urls import path

from certificates.views import credentials as views

credential_urlpatterns = [
    path("offline/", views.offline_view, name="offline"),
    path("sw.js", views.service_worker_view, name="service-worker"),
    path("kunci.json", views.jwks_view, name="jwks"),
    path("status/<int:list_id>", views.status_list_view, name="status-list"),
    path("penerbit", views.issuer_view, name="issuer"),
]
