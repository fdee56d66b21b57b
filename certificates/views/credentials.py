"""Public, anonymous endpoints of the offline verifier (mounted under /v/, verify_urls.py).

Everything here is the same for every visitor (no session, no personal data), so it is
cacheable: the status lists and the key set carry an ETag and a short max-age, the verifier
page and the service worker are revalidated on every load so a deploy reaches phones.
"""

from __future__ import annotations

import json

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from certificates.credentials import publish, status_list

STATUS_MAX_AGE = 60  # seconds: a revocation reaches online verifiers within a minute
JWKS_MAX_AGE = 300


def _conditional(
    request: HttpRequest, published: publish.Published, content_type: str, max_age: int
) -> HttpResponse:
    if request.headers.get("If-None-Match") == published.etag:
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(published.body, content_type=content_type)
    response["ETag"] = published.etag
    response["Access-Control-Allow-Origin"] = "*"  # other verifiers (wallets) may fetch it
    patch_cache_control(response, public=True, max_age=max_age)
    return response


@require_GET
def status_list_view(request: HttpRequest, list_id: int) -> HttpResponse:
    """A `BitstringStatusListCredential` as VC-JOSE (application/vc+jwt)."""
    if list_id not in status_list.LIST_PURPOSE:
        raise Http404
    published = publish.status_list_token(list_id)
    return _conditional(request, published, status_list.MEDIA_TYPE, STATUS_MAX_AGE)


@require_GET
def jwks_view(request: HttpRequest) -> HttpResponse:
    """The public signing keys (JWK Set): current and retired, so old certificates verify."""
    return _conditional(request, publish.jwks_document(), "application/jwk-set+json", JWKS_MAX_AGE)


@require_GET
def issuer_view(request: HttpRequest) -> JsonResponse:
    """The issuer Profile that status lists and Open Badges name as their `issuer`."""
    response = JsonResponse(
        {
            "@context": [status_list.VC_CONTEXT],
            "id": status_list.issuer_id(),
            "type": ["Profile"],
            "name": _("Kopsis: sertifikat dinas koperasi"),
            "url": status_list.site_url("/"),
        }
    )
    patch_cache_control(response, public=True, max_age=JWKS_MAX_AGE)
    return response


def verifier_messages() -> dict[str, str]:
    """The verifier's texts, translated here so the JS holds no user-facing string."""
    return {
        "valid": _("Sah"),
        "invalid": _("Tidak sah"),
        "checking": _("Memeriksa…"),
        "unreadable": _("Token tidak dapat dibaca."),
        "alg": _("Algoritma tanda tangan tidak diizinkan."),
        "header": _("Kepala token tidak diizinkan."),
        "kid": _("Kunci penanda tangan tidak dikenal."),
        "signature": _("Tanda tangan tidak sah: sertifikat ini telah diubah."),
        "token_mismatch": _("Token di alamat tidak cocok dengan data bertanda tangan."),
        "no_keys": _("Daftar kunci belum tersimpan: buka halaman ini sekali saat ada sinyal."),
        "no_crypto": _("Peramban ini tidak dapat memeriksa tanda tangan Ed25519."),
        "revoked": _("Dicabut"),
        "superseded": _("Diganti dengan sertifikat baru"),
        "expired": _("Kedaluwarsa"),
        "active": _("Berlaku"),
        "status_unknown": _("Status pencabutan belum diketahui (daftar status belum tersimpan)."),
        "status_as_of": _("Status per"),
        "cached_on": _("Data verifikasi disimpan pada"),
        "offline": _("Luring: memakai data tersimpan."),
        "online": _("Daring: data verifikasi diperbarui."),
        "ready": _("Siap memeriksa tanpa sinyal."),
        "number": _("Nomor"),
        "holder": _("Pemegang"),
        "scheme": _("Skema"),
        "version": _("versi"),
        "issued": _("Terbit"),
        "valid_until": _("Berlaku sampai"),
        "no_expiry": _("tanpa batas"),
        "status": _("Status"),
    }


def verifier_config() -> dict[str, object]:
    return {
        "jwks": reverse("verify:jwks"),
        "lists": {
            str(i): reverse("verify:status-list", args=[i]) for i in status_list.LIST_PURPOSE
        },
        "sw": reverse("verify:service-worker"),
        "scope": reverse("verify:offline").removesuffix("offline/"),
    }


@require_GET
def offline_view(request: HttpRequest) -> HttpResponse:
    """The verifier page; the service worker also answers /v/<token> with it when offline."""
    response = render(
        request,
        "verify/offline.html",
        {"messages_json": verifier_messages(), "config_json": verifier_config()},
    )
    patch_cache_control(response, no_cache=True)
    return response


SW_TEMPLATE = "verify/sw.js"


@require_GET
def service_worker_view(request: HttpRequest) -> HttpResponse:
    """The service worker, served from /v/ so that its scope is /v/ (a static file could not)."""
    assets = {
        "page": reverse("verify:offline"),
        "js": static("verify/verify.js"),
        "css": static("verify/verify.css"),
        "jwks": reverse("verify:jwks"),
        "lists": [reverse("verify:status-list", args=[i]) for i in status_list.LIST_PURPOSE],
    }
    response = render(
        request,
        SW_TEMPLATE,
        {"assets_json": json.dumps(assets)},
        content_type="text/javascript; charset=utf-8",
    )
    response["Service-Worker-Allowed"] = "/v/"
    patch_cache_control(response, no_cache=True)
    patch_vary_headers(response, ["Accept-Encoding"])
    return response
