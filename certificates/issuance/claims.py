"""What the QR code carries: a compact claim set signed as JWS (certificates.credentials)."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from certificates.models import IssuedCertificate
from lms.privacy.helpers import mask_name

__all__ = ["certificate_claims", "mask_name", "qr_content", "verify_path"]


def certificate_claims(cert: IssuedCertificate) -> dict[str, Any]:
    """Number, masked name, scheme, dates, status-list index and token: no full name."""
    scheme_code = cert.scheme.code if cert.scheme_id and cert.scheme else "KURSUS"
    scheme_version = cert.scheme.version if cert.scheme_id and cert.scheme else 1
    return {
        "n": cert.number,
        "h": mask_name(cert.holder_name),
        "s": scheme_code,
        "v": scheme_version,
        "i": cert.issued_on.isoformat(),
        "e": cert.valid_until.isoformat() if cert.valid_until else None,
        "x": cert.status_index,
        "u": cert.verify_token,
    }


def verify_path(token: str) -> str:
    return f"/v/{token}/"


def qr_content(cert: IssuedCertificate) -> str:
    """The URL of the public page plus the signed payload in the fragment (never sent to us)."""
    return f"{settings.SITE_BASE_URL}/v/{cert.verify_token}#{cert.signed_payload}"
