"""An issued certificate as an Open Badges 3.0 `OpenBadgeCredential` (a W3C VC 2.0).

Secured as VC-JOSE with the same Ed25519 key as the QR payload (`typ: vc+jwt`, the credential
JSON is the JWS payload). Its `credentialStatus` is the certificate's entry in status list 1
(revocation), so a wallet sees a revoked or superseded certificate as revoked. The JSON-LD
contexts are pinned by URL; nothing is fetched at verification time.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.utils.translation import gettext as _

from certificates.credentials import status_list
from certificates.models import IssuedCertificate

OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
CONTEXTS = [status_list.VC_CONTEXT, OB_CONTEXT]
LINKEDIN_ADD = "https://www.linkedin.com/profile/add"


def _issuer(cert: IssuedCertificate) -> dict[str, Any]:
    region = cert.region
    return {
        "id": status_list.issuer_id(),
        "type": ["Profile"],
        "name": _("Dinas Koperasi %(region)s") % {"region": region.name},
        "url": status_list.site_url("/"),
    }


def _achievement(cert: IssuedCertificate) -> dict[str, Any]:
    scheme = cert.scheme
    if scheme is not None:
        units = list(scheme.units.order_by("order", "code").values_list("code", "title"))
        name = f"{scheme.title} ({scheme.code} v{scheme.version})"
        narrative = _("Kompeten pada semua unit kompetensi wajib: %(units)s.") % {
            "units": "; ".join(f"{code} {title}" for code, title in units)
        }
        description = scheme.description or scheme.title
        achievement_type = "Certificate"
    else:
        title = cert.course.title if cert.course else _("Kursus")
        name = title
        narrative = _("Menyelesaikan kursus %(course)s.") % {"course": title}
        description = title
        achievement_type = "Course"
    return {
        "id": status_list.site_url(f"/v/{cert.verify_token}/#achievement"),
        "type": ["Achievement"],
        "achievementType": achievement_type,
        "name": name,
        "description": description,
        "criteria": {"narrative": narrative},
    }


def open_badge_credential(cert: IssuedCertificate) -> dict[str, Any]:
    """The unsigned credential; `secure()` signs it."""
    credential: dict[str, Any] = {
        "@context": CONTEXTS,
        "id": status_list.site_url(f"/v/{cert.verify_token}/"),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": _achievement(cert)["name"],
        "issuer": _issuer(cert),
        "validFrom": f"{cert.issued_on.isoformat()}T00:00:00Z",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "name": cert.holder_name,
            "achievement": _achievement(cert),
        },
        "credentialStatus": {
            "id": f"{status_list.status_list_url(status_list.REVOCATION)}#{cert.status_index}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": str(cert.status_index),
            "statusListCredential": status_list.status_list_url(status_list.REVOCATION),
        },
    }
    if cert.valid_until:
        credential["validUntil"] = f"{cert.valid_until.isoformat()}T23:59:59Z"
    return credential


def secured_open_badge(cert: IssuedCertificate) -> str:
    return status_list.secure(open_badge_credential(cert))


def linkedin_add_url(cert: IssuedCertificate) -> str:
    """LinkedIn's "add licence or certification" form, filled in."""
    credential = open_badge_credential(cert)
    query = {
        "startTask": "CERTIFICATION_NAME",
        "name": credential["name"],
        "organizationName": credential["issuer"]["name"],
        "issueYear": cert.issued_on.year,
        "issueMonth": cert.issued_on.month,
        "certUrl": credential["id"],
        "certId": cert.number,
    }
    if cert.valid_until:
        query["expirationYear"] = cert.valid_until.year
        query["expirationMonth"] = cert.valid_until.month
    return f"{LINKEDIN_ADD}?{urlencode(query)}"
